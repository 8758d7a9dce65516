"""A client connection to a hosted game: the facilitator console, bots, tests and (later) the game
window all use it. It keeps the latest state the server sent; replies to requests come in order."""

from __future__ import annotations

import asyncio
from typing import Any

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from net.protocol import DEFAULT_PORT, decode_server, encode

REPLY_TYPES = ("reply", "ack", "error", "pong")
REF_TYPES = ("act", "control", "choose_role")
"""Requests the server answers with their `ref` echoed."""


def address_url(address: str) -> str:
    """`HOST`, `HOST:PORT` or a ws:// URL → the websocket URL of the server."""
    if address.startswith(("ws://", "wss://")):
        return address
    host, _, port = address.rpartition(":") if ":" in address else (address, "", str(DEFAULT_PORT))
    return f"ws://{host or '127.0.0.1'}:{port or DEFAULT_PORT}"


class JoinRefused(Exception):
    """The server refused to let this connection in (wrong code, wrong token, role not free …)."""


class SlowDown(JoinRefused):
    """The server asked this address to wait before saying hello again (rate limit, issue 18)."""

    def __init__(self, text: str, seconds: float):
        super().__init__(text)
        self.seconds = seconds


SLOW_DOWN_TRIES = 3
SLOW_DOWN_MAX = 15.0
"""A client waits at most this long (seconds) when the server asks it to slow down; longer is a refusal."""


class Client:
    """One connection: `await Client.open(address, code=…, as_=…)`, then requests and `frames`."""

    def __init__(self, ws: ClientConnection):
        self.ws = ws
        self.welcome: dict[str, Any] = {}
        self.lobby: dict[str, Any] | None = None
        self.view: dict[str, Any] | None = None
        self.now = 0.0
        self.speed = 0.0
        self.state = "lobby"
        self.version = 0
        self.timeline: list[dict[str, Any]] = []
        self.debrief: dict[str, Any] | None = None
        self.dashboard: dict[str, Any] | None = None
        self.requests: list[dict[str, Any]] = []   # the facilitator's waiting role requests
        self.removed = False                    # the trainer removed this member (issue 18)
        self.steps_done = 0                     # a bot's progress through its policy steps
        self.replies: asyncio.Queue = asyncio.Queue()
        self.changed = asyncio.Event()
        self.closed = asyncio.Event()
        self._reader: asyncio.Task | None = None
        self.on_frame: Any = None               # called with each frame's type (a window wakes its loop)
        self._refs = 0

    @classmethod
    async def open(cls, address: str, code: str, as_: str = "player", **hello: Any) -> Client:
        """Connect and say hello; raises JoinRefused with the server's reason if refused. A server
        that asks to slow down (too many hellos from this address) is asked again after its wait."""
        for _attempt in range(SLOW_DOWN_TRIES):
            try:
                return await cls._open(address, code, as_, **hello)
            except SlowDown as exc:
                await asyncio.sleep(exc.seconds)
        return await cls._open(address, code, as_, **hello)

    @classmethod
    async def _open(cls, address: str, code: str, as_: str = "player", **hello: Any) -> Client:
        ws = await connect(address_url(address), max_size=None, open_timeout=10)
        client = cls(ws)
        client._reader = asyncio.create_task(client._read())
        try:
            reply = await client.request({"type": "hello", "code": code, "as": as_,
                                          **{k: v for k, v in hello.items() if v is not None}},
                                         expect=("welcome", "error"), timeout=10)
        except BaseException:
            await client.close()      # no half-open socket per failed attempt
            raise
        if reply["type"] == "error":
            await client.close()
            wait = reply.get("retry_after")
            if reply.get("code") == "slow_down" and isinstance(wait, (int, float)) and 0 <= wait <= SLOW_DOWN_MAX:
                raise SlowDown(reply["text"]["nl"] + " / " + reply["text"]["en"], max(0.01, float(wait)))
            raise JoinRefused(reply["text"]["nl"] + " / " + reply["text"]["en"])
        return client

    async def _read(self) -> None:
        try:
            async for frame in self.ws:
                self._take(decode_server(frame))
        except (ConnectionClosed, ValueError, KeyError):  # a dropped server or a bad frame ends the client
            return
        finally:
            self.closed.set()
            self.changed.set()
            if self.on_frame is not None:
                self.on_frame("closed")

    def _take(self, msg: dict[str, Any]) -> None:
        kind = msg.get("type")
        if kind == "error" and msg.get("code") == "removed":
            self.removed = True                 # the trainer removed this member: do not come back
        if kind in REPLY_TYPES or kind == "welcome":
            if kind == "welcome":
                self.welcome = msg
                self.state = msg.get("state", self.state)
                self.now = float(msg.get("now", self.now))        # the true clock from the first frame on
                self.speed = msg.get("speed", self.speed)
            self.replies.put_nowait(msg)
        elif kind == "lobby":
            self.lobby = msg
            self.state = msg["state"]
        elif kind == "view":
            self.view, self.now, self.state, self.version = msg["view"], msg["view"]["now"], msg["state"], msg["version"]
            self.speed = msg.get("speed", self.speed)
        elif kind == "clock":
            self.now, self.state, self.version = msg["now"], msg["state"], msg["version"]
            self.speed = msg.get("speed", self.speed)
            if self.view is not None:
                self.view["now"] = msg["now"]
        elif kind == "timeline":
            self.timeline.extend(msg["entries"])
        elif kind == "requests":
            self.requests = msg["requests"]
        elif kind == "dashboard":
            self.dashboard, self.now = msg, msg["now"]
        elif kind == "debrief":
            self.debrief, self.state = msg, "debrief"
        self.changed.set()
        if self.on_frame is not None:
            self.on_frame(kind)

    async def request(self, msg: dict[str, Any], expect: tuple[str, ...] = REPLY_TYPES,
                      timeout: float = 30.0) -> dict[str, Any]:
        """Send one message and wait for its answer. Requests that can carry a `ref` get a fresh one,
        and only the answer with that `ref` is taken: a late answer to an earlier request that was
        given up on is dropped, never mistaken for this one."""
        if msg.get("type") in REF_TYPES and "ref" not in msg:
            self._refs += 1
            msg = {**msg, "ref": f"r{self._refs}"}
        ref = msg.get("ref")
        await self.ws.send(encode(msg))
        while True:
            reply = await self._next_reply(timeout)
            if reply["type"] not in expect:
                continue
            if ref is None or reply.get("ref") == ref or (reply["type"] == "error" and reply.get("ref") is None):
                return reply            # (an unreadable frame's error cannot carry the ref)

    async def _next_reply(self, timeout: float) -> dict[str, Any]:
        """The next answer; ConnectionError as soon as the connection is gone (a killed server never
        answers: waiting out the timeout would keep a bot or a window from coming back for 30 s)."""
        if self.replies.empty() and self.closed.is_set():
            raise ConnectionError("the server closed the connection")
        get = asyncio.ensure_future(self.replies.get())
        gone = asyncio.ensure_future(self.closed.wait())
        try:
            done, _ = await asyncio.wait({get, gone}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (get, gone):
                if not task.done():
                    task.cancel()
        if get in done:
            return get.result()
        if gone in done:
            raise ConnectionError("the server closed the connection")
        raise TimeoutError("no answer from the server")

    async def wait_for(self, predicate, timeout: float = 30.0) -> None:
        """Wait until `predicate(self)` holds after some frame arrived."""
        async def _loop():
            while not predicate(self):
                if self.closed.is_set():
                    raise ConnectionError("the server closed the connection")
                self.changed.clear()
                await self.changed.wait()
        await asyncio.wait_for(_loop(), timeout)

    async def close(self) -> None:
        """Close the connection."""
        await self.ws.close()
        if self._reader:
            await asyncio.gather(self._reader, return_exceptions=True)
