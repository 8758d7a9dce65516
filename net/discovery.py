"""Finding a training session on the LAN without typing an address (issue 18, item 3): `host`
announces its session by mDNS/DNS-SD (zeroconf) and the join screen of the game lists what it finds.

What is announced is public on the network, so it is only what a participant needs to pick the right
session: the address, the port, the scenario's title and the trainer's computer name — never the
join code (that is written on the whiteboard) and never a token. Both halves are optional at run
time: without multicast (a guest wifi that blocks it, no `zeroconf` installed) `advertise` returns
None with a reason and the join screen says so in one line; a typed address still works."""

from __future__ import annotations

import asyncio
import socket
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable

SERVICE_TYPE = "_ketenspel._tcp.local."
"""The DNS-SD service type of a Ketenspel session."""
NO_MULTICAST = {"nl": "Zoeken op het netwerk lukt hier niet (multicast geblokkeerd); typ het adres dat de trainer toont.",
                "en": "Searching the network does not work here (multicast blocked); type the address the trainer shows."}


@dataclass(frozen=True)
class FoundSession:
    """A session some `host` announced: where to connect and what it is called."""

    name: str                   # the DNS-SD instance name (unique on the network)
    address: str                # "HOST:PORT", as `join` takes it
    title: dict[str, str]       # the scenario's title, nl and en
    host: str                   # the trainer computer's name


def _zeroconf(interfaces: list[str] | None):
    from zeroconf import InterfaceChoice, IPVersion, Zeroconf

    return Zeroconf(interfaces=interfaces or InterfaceChoice.All, ip_version=IPVersion.V4Only)


class Advert:
    """A session announced on the LAN until `close()` (the host stops or the process ends)."""

    def __init__(self, zc: Any, info: Any):
        self.zc, self.info = zc, info

    def close(self) -> None:
        """Say goodbye on the network and stop answering."""
        try:
            self.zc.unregister_service(self.info)
        except Exception:  # noqa: BLE001 — at shutdown the network may already be gone
            pass
        self.zc.close()


def advertise(ip: str, port: int, title: dict[str, str], scenario: str,
              interfaces: list[str] | None = None) -> tuple[Advert | None, str | None]:
    """Announce a session at ip:port. Returns (advert, None), or (None, reason) when the network does
    not allow it — the session itself runs either way. Called from inside an asyncio loop (the headless
    server), zeroconf gets a thread of its own: its blocking calls must not wait on that loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _advertise(ip, port, title, scenario, interfaces)
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(_advertise, ip, port, title, scenario, interfaces).result()


def _advertise(ip: str, port: int, title: dict[str, str], scenario: str,
               interfaces: list[str] | None) -> tuple[Advert | None, str | None]:
    try:
        from zeroconf import NonUniqueNameException, ServiceInfo
    except ImportError:
        return None, "zeroconf is not installed"
    host = (socket.gethostname().split(".")[0] or "ketenspel")[:30]
    props = {"title_nl": title.get("nl", "")[:120], "title_en": title.get("en", "")[:120], "scenario": scenario[:60],
             "host": host}
    try:
        packed = socket.inet_aton(ip)
    except OSError:
        return None, f"not an IPv4 address: {ip}"
    try:
        zc = _zeroconf(interfaces or ([ip] if ip.startswith("127.") else None))
    except Exception as exc:  # noqa: BLE001 — no multicast socket: say why in one line
        return None, f"{type(exc).__name__}: {exc}"
    for n in range(1, 20):
        base = f"Ketenspel {host} {port}" + (f" ({n})" if n > 1 else "")
        info = ServiceInfo(SERVICE_TYPE, f"{base}.{SERVICE_TYPE}", addresses=[packed], port=port, properties=props,
                           server=f"{host.lower()}-{port}.local.")
        try:
            zc.register_service(info)
            return Advert(zc, info), None
        except NonUniqueNameException:
            continue
        except Exception as exc:  # noqa: BLE001
            zc.close()
            return None, f"{type(exc).__name__}: {exc}"
    zc.close()
    return None, "no free service name"


def found_from_info(name: str, info: Any) -> FoundSession | None:
    """A zeroconf ServiceInfo as a session one can join (None when it has no IPv4 address)."""
    if info is None:
        return None
    addresses = [socket.inet_ntoa(a) for a in (info.addresses or []) if len(a) == 4]
    if not addresses or not info.port:
        return None
    props = {(k.decode() if isinstance(k, bytes) else k): (v.decode("utf-8", "replace") if isinstance(v, bytes) else (v or ""))
             for k, v in (info.properties or {}).items()}
    title = {"nl": props.get("title_nl", ""), "en": props.get("title_en", "") or props.get("title_nl", "")}
    return FoundSession(name, f"{addresses[0]}:{info.port}", title, props.get("host", ""))


class Finder:
    """Listens for announced sessions in the background; `sessions()` is what was found so far.
    `start()` returns False (and `problem` says why) when multicast is not possible here.

    `zeroconf_factory` and `browser_factory` exist so the join screen can be tested without a
    network (a fake browser that calls the listener like zeroconf's ServiceBrowser does)."""

    def __init__(self, on_change: Callable[[], None] | None = None, interfaces: list[str] | None = None,
                 zeroconf_factory: Callable[[], Any] | None = None, browser_factory: Callable[..., Any] | None = None):
        self.on_change = on_change or (lambda: None)
        self.interfaces = interfaces
        self.zeroconf_factory = zeroconf_factory or (lambda: _zeroconf(self.interfaces))
        self.browser_factory = browser_factory
        self.problem: str | None = None
        self._found: dict[str, FoundSession] = {}
        self._lock = threading.Lock()
        self.zc: Any = None
        self.browser: Any = None

    def start(self) -> bool:
        """Begin listening (False with `problem` set when it cannot)."""
        try:
            self.zc = self.zeroconf_factory()
            factory = self.browser_factory
            if factory is None:
                from zeroconf import ServiceBrowser

                factory = ServiceBrowser
            self.browser = factory(self.zc, SERVICE_TYPE, listener=self)
        except Exception as exc:  # noqa: BLE001 — ImportError, OSError (no multicast), …
            self.problem = f"{type(exc).__name__}: {exc}"
            self.close()
            return False
        return True

    def sessions(self) -> list[FoundSession]:
        """The sessions found, by title then address (stable order for the list on screen)."""
        with self._lock:
            return sorted(self._found.values(), key=lambda s: (s.title.get("nl", ""), s.address))

    # -- zeroconf's listener interface (called on zeroconf's thread) ----------------------------
    def add_service(self, zc: Any, type_: str, name: str) -> None:
        """A session appeared: ask for its address and title."""
        self._look_up(zc, type_, name)

    def update_service(self, zc: Any, type_: str, name: str) -> None:
        """A session changed (e.g. restarted on another port)."""
        self._look_up(zc, type_, name)

    def remove_service(self, zc: Any, type_: str, name: str) -> None:
        """A session said goodbye."""
        with self._lock:
            gone = self._found.pop(name, None)
        if gone is not None:
            self.on_change()

    def _look_up(self, zc: Any, type_: str, name: str) -> None:
        try:
            found = found_from_info(name, zc.get_service_info(type_, name, timeout=3000))
        except Exception:  # noqa: BLE001 — an odd answer on the network is not our problem
            return
        if found is None:
            return
        with self._lock:
            self._found[name] = found
        self.on_change()

    def close(self) -> None:
        """Stop listening."""
        for thing, method in ((self.browser, "cancel"), (self.zc, "close")):
            try:
                if thing is not None:
                    getattr(thing, method)()
            except Exception:  # noqa: BLE001
                pass
        self.browser = self.zc = None
