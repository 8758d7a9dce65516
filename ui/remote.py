"""The window as a client of a hosted training day (issue 7): the same screens as solo play, fed by the
server instead of a local session. `NetLink` runs the connections on a background asyncio thread and
wakes the window's loop on every frame; `RemoteGame` gives a screen the same surface as a solo
`ui.game.Game` (view, act, clock, debrief) — the desk does not know which one it draws.

The server decides everything; this module only sends intents and keeps what the server sent. A
dropped connection is retried with the member's token until the server answers again (also after
`host --resume`), and the server then sends the full view of the role."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import threading
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from net.client import REPLY_TYPES, Client, JoinRefused
from sim.fields import Text
from sim.view import RoleView

RETRY_SECONDS = (0.5, 1.0, 2.0, 3.0)
REQUEST_TIMEOUT = 10.0
LOST = Text(nl="Geen verbinding met de server; uw actie is niet verstuurd. Het venster verbindt opnieuw.",
            en="No connection to the server; your action was not sent. The window is reconnecting.")
UNSURE = Text(nl="De server antwoordde niet op tijd; het is onzeker of uw actie is aangekomen. Kijk in uw postvak "
                 "en dossier voordat u het opnieuw probeert.",
              en="The server did not answer in time; it is unsure whether your action arrived. Check your desk "
                 "before you try again.")


KEPT = ("view", "lobby", "debrief", "dashboard")
"""What a reconnected seat keeps from its previous connection until the server sends it again."""


class NetLink:
    """One background thread with an asyncio loop for all connections of this window (a player, the
    seats of a hot-seat, the facilitator, the dashboard — and, in `host`, the server itself)."""

    def __init__(self, wake: Callable[[str], None]):
        self.wake = wake
        self.closing = False
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="ketenspel-net", daemon=True)
        self.thread.start()

    def run(self, coro, timeout: float = REQUEST_TIMEOUT) -> Any:
        """Run a coroutine on the network thread and wait for its result (raises its exception)."""
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return future.result(timeout)
        except FutureTimeout:
            future.cancel()
            raise TimeoutError("no answer from the server") from None

    def open(self, address: str, code: str, as_: str, **hello: Any) -> Seat:
        """Connect and say hello (raises JoinRefused, OSError, TimeoutError); the seat reconnects by itself."""
        client = self.run(Client.open(address, code, as_=as_, **hello), timeout=15)
        seat = Seat(self, address, code, as_, client, hello)
        seat.attach(client)
        return seat

    def close(self, seats: list[Seat]) -> None:
        """Close every connection and stop the thread."""
        self.closing = True
        for seat in seats:
            seat.closing = True
            try:
                self.run(seat.client.close(), timeout=3)
            except Exception:  # noqa: BLE001 — closing a dead connection is fine
                pass
        try:
            self.run(_cancel_the_rest(), timeout=3)
        except Exception:  # noqa: BLE001 — the loop may already be stopping
            pass
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=3)
        if not self.thread.is_alive():
            self.loop.close()


async def _cancel_the_rest() -> None:
    """Cancel every task still running on the network loop (readers, reconnects, a server's clock)."""
    me = asyncio.current_task()
    tasks = [t for t in asyncio.all_tasks() if t is not me]
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


class Seat:
    """One connection of this window and its reconnect token; `client` is replaced on reconnect."""

    def __init__(self, link: NetLink, address: str, code: str, as_: str, client: Client, hello: dict[str, Any]):
        self.link, self.address, self.code, self.as_ = link, address, code, as_
        self.client = client
        self.token = client.welcome.get("token") or hello.get("token")
        self.hello = {k: v for k, v in hello.items() if k in ("name",)}
        self.connected = True
        self.closing = False

    def attach(self, client: Client) -> None:
        """Listen to a (new) connection: every frame wakes the window; a close starts reconnecting.
        A new connection keeps what the old one had received (the desk, the lobby, the debrief, the
        projector's board) until the server sends it anew: the window never draws from nothing."""
        old = self.client
        if old is not client:
            for name in KEPT:
                if getattr(client, name) is None:
                    setattr(client, name, getattr(old, name))
        self.client = client
        self.connected = True

        def on_frame(kind: str) -> None:
            if kind in REPLY_TYPES or kind == "welcome":
                return                  # answers to this window's own requests: it is already waiting for them
            if kind == "closed" and client.removed:
                self.connected, kind = False, "removed"      # the trainer removed this seat: no coming back
            elif kind == "closed" and not self.closing and not self.link.closing:
                self.connected = False
                self.link.loop.call_soon_threadsafe(lambda: self.link.loop.create_task(self._reconnect()))
            self.link.wake(kind)

        client.on_frame = on_frame

    async def _reconnect(self) -> None:
        n = 0
        while not self.closing and not self.link.closing:
            await asyncio.sleep(RETRY_SECONDS[min(n, len(RETRY_SECONDS) - 1)])
            n += 1
            try:
                client = await Client.open(self.address, self.code, as_=self.as_, token=self.token, **self.hello)
            except JoinRefused:
                self.link.wake("refused")
                return
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 — a server starting or stopping fails in many ways: try again
                continue
            self.attach(client)
            self.link.wake("reconnected")
            return

    def request(self, msg: dict[str, Any]) -> dict[str, Any]:
        """Send one request and wait for the server's answer (`ack`, `reply` or `error`)."""
        return self.link.run(self.client.request(msg))


class PublicMeta:
    """Title and calendar of the scenario as a window needs them (`moment`, like sim.model.Meta's)."""

    def __init__(self, meta: dict[str, Any]):
        self.id, self.duration = meta["id"], float(meta["duration"])
        self.title = Text.model_validate(meta["title"])
        self.start_date = dt.date.fromisoformat(meta["start_date"])
        self.start_time = dt.time.fromisoformat(meta["start_time"])

    def moment(self, hours: float) -> dt.datetime:
        """The calendar moment of a simulated time."""
        return dt.datetime.combine(self.start_date, self.start_time) + dt.timedelta(hours=hours)


class PublicScenario:
    """The part of a scenario a network window may hold (`net.views.card`): title, calendar, the roles
    and the family's names — enough to draw a desk, nothing a role has not been told."""

    def __init__(self, card: dict[str, Any]):
        self.meta = PublicMeta(card["meta"])
        self.roles = [SimpleNamespace(**r) for r in card["roles"]]
        self.role_by_id = {r.id: r for r in self.roles}
        self.person_by_id = {p["id"]: SimpleNamespace(**p) for p in card["persons"]}
        self.source_path = None

    def role_name(self, role: str) -> Text:
        """A role's display name."""
        return Text.model_validate(self.role_by_id[role].name)


@dataclass
class Ack:
    """The server's answer to an action, shaped like the engine's ActResult for the screens."""

    ok: bool
    reason: Text | None = None
    seq: int | None = None


class RemoteGame:
    """A role's game as the server shows it — the same surface as ui.game.Game for the screens."""

    networked = True

    def __init__(self, seat: Seat):
        self.seat = seat
        self.scenario = PublicScenario(seat.client.welcome["card"])
        self._role: str | None = seat.client.welcome.get("role")
        self.name: str = seat.client.welcome.get("name", "")
        self._view_key: Any = None
        self._view: RoleView | None = None
        self._last: dict[str, Any] | None = None   # the last view received, kept across a reconnect

    @property
    def role(self) -> str | None:
        """The role the server assigned: the one its latest view is of (the trainer may have moved
        this player, or approved a request), else the one it was given on joining."""
        raw = self.raw_view
        return raw.get("role", self._role) if raw is not None else self._role

    @role.setter
    def role(self, value: str | None) -> None:
        self._role = value

    @property
    def raw_view(self) -> dict[str, Any] | None:
        """The role's view as the server last sent it. A new connection (after the server was
        restarted) has no view until its first frame: until then the last one received stands, so a
        window never rebuilds from a view it has not received (issue 18, item 1)."""
        view = self.client.view
        if view is not None:
            self._last = view
        return self._last

    @property
    def client(self) -> Client:
        """The current connection (a new one after a reconnect)."""
        return self.seat.client

    # -- what the screens read ---------------------------------------------------------------
    @property
    def state(self) -> str:
        """lobby | running | paused | debrief (the facilitator decides)."""
        return self.client.state

    @property
    def now(self) -> float:
        """The simulated clock, as the server last sent it."""
        return self.client.now

    @property
    def end(self) -> float:
        """When the scenario ends."""
        return self.scenario.meta.duration

    @property
    def finished(self) -> bool:
        """Has the facilitator ended the game?"""
        return self.client.debrief is not None

    @property
    def outcome(self) -> dict[str, Any] | None:
        """What became of the children (from the debrief)."""
        return (self.client.debrief or {}).get("outcome")

    @property
    def speed(self) -> float:
        """Simulated days per real minute."""
        return float(self.client.speed or 0.0)

    def has_view(self) -> bool:
        """Has the server sent this role's desk yet (it does once the game has started)?"""
        return self.raw_view is not None

    def view(self) -> RoleView:
        """The role's view (rebuilt only when the server sent a new one; the last one received while
        a new connection waits for its first)."""
        raw = self.raw_view
        if raw is None:
            raise LookupError("no view received yet")   # callers ask has_view() first
        if raw is not self._view_key:
            self._view, self._view_key = RoleView.from_dict(raw), raw
        return replace(self._view, now=self.client.now)

    def act(self, action: dict[str, Any]) -> Ack:
        """Send the action; ok only when the server has logged it durably (its ack)."""
        if not self.seat.connected:
            return Ack(False, LOST)
        try:
            reply = self.seat.request({"type": "act", "action": action})
        except (TimeoutError, ConnectionError):   # sent, but no answer: the server may have logged it
            return Ack(False, UNSURE)
        except Exception:  # noqa: BLE001 — a dropped connection raises websockets' ConnectionClosed
            return Ack(False, LOST)
        if reply["type"] == "ack":
            reason = Text.model_validate(reply["reason"]) if reply.get("reason") else None
            return Ack(bool(reply["ok"]), reason, reply.get("seq"))
        return Ack(False, Text.model_validate(reply.get("text") or LOST.model_dump()))

    def my_inputs(self) -> list[dict[str, Any]]:
        """This role's accepted actions, in order (from the view's own action list)."""
        mine = (self.raw_view or {}).get("my_actions", [])
        return [{"t": a["t"], "action": {k: v for k, v in a.items() if k != "t"}} for a in mine]

    def score(self) -> dict[str, Any]:
        """The team's scores and findings, as the server sent them with the debrief."""
        d = self.client.debrief or {}
        return {"score": d.get("score", {}), "findings": d.get("findings", [])}

    def expert(self) -> list[tuple[float, dict[str, Any]]]:
        """What the expert policy does in this role (sent with the debrief)."""
        steps = (self.client.debrief or {}).get("expert", {}).get(self.role, [])
        return [(s["t"], s["action"]) for s in steps]

    def new_findings(self) -> list[dict[str, Any]]:
        """No live coach in a group game: the facilitator coaches, the findings come in the debrief."""
        return []

    def choose_role(self, role: str) -> dict[str, Any]:
        """In the lobby: take another role. After the start it is a request the trainer approves
        (`pending` in the reply); the role changes only when the server sends that role's view."""
        reply = self.seat.request({"type": "choose_role", "role": role})
        if reply.get("type") != "error" and not reply.get("pending"):
            self.role = role
        return reply

    def quit(self) -> None:
        """Leaving the window keeps the role: the token is saved for `join` to come back with."""


# -- coming back after the window was closed or killed -------------------------------------------
def _joins_file() -> Path:
    from ui.game import data_dir

    return data_dir().parent / "joins.json"


def saved_tokens(address: str, code: str) -> list[dict[str, Any]]:
    """Seats this machine had in the session at `address` with `code` ({token, role, name})."""
    try:
        data = json.loads(_joins_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return list(data.get(_key(address, code), []))


def _key(address: str, code: str) -> str:
    from net.client import address_url

    return f"{address_url(address)}|{code.upper()}"   # "host" and "host:8765" are the same server


def save_tokens(address: str, code: str, seats: list[dict[str, Any]]) -> None:
    """Remember this window's seats (beside other windows' seats on this computer), so `join` with
    the same address and code returns to them."""
    path = _joins_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    key = _key(address, code)
    mine = {s["token"] for s in seats}
    data[key] = seats + [s for s in data.get(key, []) if s.get("token") not in mine]
    tmp = path.with_name(path.name + ".tmp")
    try:                                  # tokens are keys to a seat: owner-only, like the lobby file
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
        tmp.replace(path)
    except OSError:                       # not fatal: the token is also printed in the terminal
        pass

