"""The LAN server (issue 7): one websocket endpoint, one Game, and the clock that advances it in real
time at the facilitator's speed. The engine never sleeps; this module calls `advance` from asyncio.

Every client gets only what its kind of connection may see: a player or bot its own role's view, the
facilitator everything, the projector dashboard only what `net.views.dashboard` allows.

Nothing one client does or fails to do reaches the others (issue 13): every frame goes through that
connection's own outbox, sent by its own writer task; a client whose frames cannot be sent, or who
stops reading, is dropped alone (and told on stderr) while everyone else goes on.

Guards (issue 18): a connection that has not said hello within `HELLO_TIMEOUT` is closed; hellos and
wrong join codes are rate-limited (net.guard); a member the trainer removed is disconnected; members
that never reach a role expire; every problem reaches the trainer's terminal as one line."""

from __future__ import annotations

import asyncio
import math
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from net.game import DEBRIEF, LOBBY, RUNNING, Game, GameError
from net.guard import Attempts, HelloGuard, loop_exception, one_line, quiet_libraries, say, seconds
from net.members import Member
from net.protocol import JOIN_AS, MAX_FRAME, ProtocolError, decode, encode
from net.texts import t
from net.views import card, dashboard, debrief, timeline

TICK = 0.2          # seconds between clock steps while the game runs
OUTBOX_LIMIT = 256  # frames waiting for one client; more means it stopped reading, and it is dropped
SEND_TIMEOUT = 10.0  # seconds one frame may take to leave; a client that takes longer is dropped
HELLO_TIMEOUT = 10.0  # seconds a new connection has to say hello before it is closed
EXPIRE_EVERY = 1.0   # seconds between looks for members that expired

_say = say


@dataclass(eq=False)
class Conn:
    """One open connection and what it has been sent so far (so only changes are sent)."""

    ws: ServerConnection
    kind: str | None = None              # player | bot | facilitator | dashboard
    member: Member | None = None
    sent: dict[str, Any] = field(default_factory=dict)
    outbox: asyncio.Queue = field(default_factory=asyncio.Queue)
    dropped: bool = False
    address: str = "?"
    attempts: Attempts = field(default_factory=lambda: Attempts(tokens=0.0))

    def who(self) -> str:
        """This connection in a log line (never its token)."""
        name = f" {self.member.name!r} ({self.member.role})" if self.member else ""
        return f"{self.kind or 'new'} connection{name}"

    def send(self, frame: str) -> None:
        """Queue one frame for this client only; never waits and never raises."""
        if self.dropped:
            return
        if self.outbox.qsize() >= OUTBOX_LIMIT:
            self.drop(f"it stopped reading ({OUTBOX_LIMIT} frames waiting)")
            return
        self.outbox.put_nowait(frame)

    async def write(self) -> None:
        """Send the outbox in order; a frame that cannot be sent drops this connection only."""
        try:
            while True:
                frame = await self.outbox.get()
                await asyncio.wait_for(self.ws.send(frame), SEND_TIMEOUT)
        except ConnectionClosed:
            self.dropped = True
        except TimeoutError:
            self.drop(f"a frame took longer than {SEND_TIMEOUT:g} s to send")
        except Exception as exc:  # noqa: BLE001 — whatever it is, it concerns this client alone
            self.drop(f"a frame could not be sent: {type(exc).__name__}: {exc}")

    def drop(self, why: str) -> None:
        """Give up on this client: close its connection at once (it may come back with its token)."""
        if self.dropped:
            return
        self.dropped = True
        _say(f"dropped the {self.who()}: {why}")
        transport = getattr(self.ws, "transport", None)
        if transport is not None:
            transport.abort()


def _without_now(view: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in view.items() if k != "now"}


class Server:
    """Hosts one Game on HOST:PORT. `await start()`, then `await stop()` (or `serve_forever`)."""

    def __init__(self, game: Game, host: str = "127.0.0.1", port: int = 0):
        self.game, self.host, self.port = game, host, port
        self.conns: set[Conn] = set()
        self._server = None
        self._clock: asyncio.Task | None = None
        self._synced = -1
        self.guard = HelloGuard()
        self.hello_timeout = HELLO_TIMEOUT
        self._expired_at = 0.0
        self.public_address: str | None = None
        """HOST:PORT as players type it (the LAN address `host` prints); told to the projector and
        the trainer's window, which may be connected over loopback (issue 18, item 4)."""

    async def start(self) -> None:
        """Listen (port 0 picks a free port) and start the clock."""
        quiet_libraries()
        asyncio.get_running_loop().set_exception_handler(loop_exception)
        self._server = await serve(self._handle, self.host, self.port, max_size=MAX_FRAME, max_queue=16,
                                   ping_interval=20, ping_timeout=20)
        self.port = self._server.sockets[0].getsockname()[1] if self._server.sockets else self.port
        self._clock = asyncio.create_task(self._run_clock())

    async def stop(self) -> None:
        """Close every connection and stop listening (the log is already durable)."""
        if self._clock:
            self._clock.cancel()
        if self._server:
            self._server.close()
            await self._server.wait_closed()

    async def serve_forever(self) -> None:
        """Run until the process is stopped."""
        await self.start()
        await self._server.serve_forever()

    # -- the clock ---------------------------------------------------------------------------
    async def _run_clock(self) -> None:
        last, problem = time.monotonic(), None
        while True:
            await asyncio.sleep(TICK)
            now = time.monotonic()
            elapsed, last = now - max(last, self.game.running_since), now
            try:
                self._tick(elapsed)
                if self.game.lobby_dirty:
                    self.game.save_lobby()          # counts and idle times survive a crash
                if now - self._expired_at >= EXPIRE_EVERY:
                    self._expired_at = now
                    for m in self.game.expire(time.time()):
                        _say(f"{m.name!r} left without reaching a role and was removed")
                        self.game.save_lobby()
            except Exception as exc:  # noqa: BLE001 — the clock must keep running for everyone
                if repr(exc) != problem:            # said once, not five times a second
                    _say(f"the clock: {type(exc).__name__}: {exc}")
                problem = repr(exc)
            else:
                problem = None
            await self.sync()

    def _tick(self, elapsed: float) -> None:
        g = self.game
        if g.state == RUNNING and g.speed > 0 and g.session is not None:
            day = int(g.session.now // 24)
            g.advance_to(g.session.now + g.speed * 24.0 / 60.0 * elapsed)
            if int(g.session.now // 24) > day and g.session.now < g.session.end:
                g.advance_to(g.session.now, checkpoint=True)   # a crash loses at most a simulated day
            if g.session.now >= g.session.end:
                g.control("end", {})

    # -- connections -------------------------------------------------------------------------
    async def _handle(self, ws: ServerConnection) -> None:
        conn = Conn(ws)
        try:
            conn.address = str(ws.remote_address[0])
        except (TypeError, IndexError, AttributeError):
            pass
        writer = asyncio.create_task(conn.write())
        watchdog = asyncio.get_running_loop().call_later(self.hello_timeout, self._no_hello, conn)
        self.conns.add(conn)
        try:
            async for frame in ws:
                if conn.dropped:
                    break
                ref = None
                try:
                    msg = decode(frame)
                    ref = msg.get("ref")
                    await self._dispatch(conn, msg)
                except ProtocolError as exc:
                    conn.send(exc.frame(ref))
                except GameError as exc:
                    conn.send(encode({"type": "error", "code": exc.code, "text": exc.text, "ref": ref, **exc.extra}))
                except Exception as exc:  # noqa: BLE001 — one bad request must never stop the training day
                    _say(f"a request from the {conn.who()} failed: {type(exc).__name__}: {exc}")
                    conn.send(encode({"type": "error", "code": "internal", "ref": ref,
                                      "text": {"nl": "Interne fout bij dit verzoek; het spel loopt door.",
                                               "en": "Internal error with this request; the game goes on."}}))
                await self.sync()
                await asyncio.sleep(0)              # let every writer send before the next request
        except ConnectionClosed:
            pass
        finally:
            watchdog.cancel()
            self.conns.discard(conn)
            if conn.member is not None:
                conn.member.connections = max(0, conn.member.connections - 1)
                if conn.member.connections == 0:
                    conn.member.left_wall = time.time()
            if not conn.dropped and not conn.outbox.empty():
                await asyncio.wait([writer], timeout=1.0)   # the last answers still leave
            writer.cancel()

    def _no_hello(self, conn: Conn) -> None:
        """A connection that never said hello holds a socket for nothing: close it."""
        if conn.kind is None and not conn.dropped:
            conn.drop(f"no hello within {self.hello_timeout:g} s")

    async def _dispatch(self, conn: Conn, msg: dict[str, Any]) -> None:
        kind = msg["type"]
        if kind == "ping":
            conn.send(encode({"type": "pong"}))
            return
        if kind == "hello":
            await self._hello(conn, msg)
            return
        if kind == "control":
            if not secrets.compare_digest(msg["token"].encode(), self.game.facilitator_token.encode()):
                raise GameError("facilitator_only")
            reply = self.game.control(msg["op"], msg)
            conn.send(encode({"type": "reply", "op": msg["op"], **reply, "ref": msg.get("ref")}))
            return
        if conn.kind is None:
            raise GameError("hello_first")
        if kind == "view":
            if conn.kind == "facilitator":
                raise GameError("not_yours")            # the facilitator asks with control op "desk"
            if conn.member is None or msg["role"] != conn.member.role:
                raise GameError("not_yours")
            if self.game.session is None:
                raise GameError("not_started")
            conn.send(self._view_frame(conn.member.role, self.game.session.view(conn.member.role).as_dict()))
        elif kind == "act":
            if conn.member is None:
                raise GameError("no_role")
            if self.game.session is None:
                raise GameError("not_started")
            result = self.game.act(conn.member, msg["action"])
            reply = {"type": "ack", "ok": result.ok, "seq": result.seq, "ref": msg.get("ref"),
                     "t": self.game.session.now}
            if not result.ok:
                reply["reason"] = result.reason.model_dump() if result.reason else None
            conn.send(encode(reply))
        elif kind == "choose_role":
            if conn.member is None:
                raise GameError("no_role")
            pending = self.game.choose_role(conn.member, msg["role"])
            self.game.save_lobby()
            conn.send(encode({"type": "reply", "op": "choose_role", "role": conn.member.role, "asks": conn.member.asks,
                              "pending": pending, "ref": msg.get("ref")}))

    async def _hello(self, conn: Conn, msg: dict[str, Any]) -> None:
        g = self.game
        if conn.kind is not None:
            raise GameError("already_joined")       # one member per connection: a flood adds no one
        wait = self.guard.wait(conn.address, conn.attempts)
        if wait is not None:
            err = GameError("slow_down", seconds=seconds(wait))
            err.extra = {"retry_after": max(0.01, math.ceil(wait * 100) / 100)}  # never 0: a client waits and asks again
            raise err
        if not secrets.compare_digest(str(msg["code"]).upper().encode(), g.code.encode()):
            self.guard.wrong(conn.address, conn.attempts)
            raise GameError("bad_code")
        self.guard.right(conn.address)
        how = msg.get("as", "player")
        if how not in JOIN_AS:
            raise GameError("bad_join")
        welcome: dict[str, Any] = {"type": "welcome", "as": how, "scenario": g.scenario.meta.id, "state": g.state,
                                   "card": card(g.scenario), "now": g.session.now if g.session else 0.0,
                                   "speed": g.speed, "version": g.version}
        if how in ("facilitator", "dashboard"):     # the room's join line: shown on the projector
            welcome["join"] = {"address": self.public_address or f"{self.host}:{self.port}", "code": g.code}
        if how == "facilitator":
            if not secrets.compare_digest(str(msg.get("token", "")).encode(), g.facilitator_token.encode()):
                raise GameError("facilitator_only")
        elif how in ("player", "bot"):
            if "token" in msg:
                member = g.members.get(msg["token"])
                if member is None:
                    raise GameError("bad_token")
            else:
                member = g.join(msg.get("name"), msg.get("role"), bot=how == "bot")
                g.save_lobby()
            conn.member = member
            member.connections += 1
            member.left_wall = None
            welcome.update(token=member.token, name=member.name, role=member.role, asks=member.asks)
        conn.kind, conn.sent = how, {}
        conn.send(encode(welcome))
        self._sync_one(conn)

    # -- sending what changed ------------------------------------------------------------------
    def _view_frame(self, role: str, view: dict[str, Any]) -> str:
        return encode({"type": "view", "version": self.game.version, "state": self.game.state, "speed": self.game.speed,
                       "view": view})

    async def sync(self, force: bool = False) -> None:
        """Send every connection what changed since it was last served (one frame or more each)."""
        if not force and self._synced == self.game.version:
            return
        self._synced = self.game.version
        views: dict[str, dict[str, Any]] = {}
        for conn in list(self.conns):
            try:
                self._sync_one(conn, views)
            except Exception as exc:  # noqa: BLE001 — what fails for one client is that client's alone
                _say(f"frames for the {conn.who()}: {type(exc).__name__}: {one_line(exc)}")
                conn.drop(f"its frames could not be made: {type(exc).__name__}")
                self.conns.discard(conn)

    def _sync_one(self, conn: Conn, views: dict[str, dict[str, Any]] | None = None) -> None:
        if conn.kind in (None, "removed"):
            return
        g, s, sent = self.game, self.game.session, conn.sent
        if conn.member is not None and g.members.get(conn.member.token) is not conn.member:
            conn.send(encode({"type": "error", "code": "removed", "text": t("removed"), "ref": None}))
            conn.member, conn.kind = None, "removed"
            asyncio.get_running_loop().call_later(0.5, conn.drop, "the trainer removed this member")
            return
        views = {} if views is None else views
        frames: list[str] = []
        lobby = g.lobby()
        if sent.get("lobby") != lobby:
            sent["lobby"] = lobby
            frames.append(encode(lobby))
        if s is not None and conn.kind in ("player", "bot") and conn.member and conn.member.role:
            role = conn.member.role
            if role not in views:
                views[role] = s.view(role).as_dict()
            body = _without_now(views[role])
            if sent.get("view") != (role, body):
                sent["view"] = (role, body)
                frames.append(self._view_frame(role, views[role]))
        if conn.kind == "facilitator" and sent.get("requests") != g.requests():
            sent["requests"] = g.requests()
            frames.append(encode({"type": "requests", "requests": sent["requests"]}))
        if s is not None and conn.kind == "facilitator":
            start = sent.get("timeline", 0)
            entries = timeline(s.records, start, g.scenario)
            sent["timeline"] = len(s.records)
            if entries:
                frames.append(encode({"type": "timeline", "entries": entries}))
        elif s is not None and conn.kind == "dashboard":
            board = dashboard(s, revealed=g.state == DEBRIEF)
            if sent.get("board") != _without_now(board):
                sent["board"] = _without_now(board)
                frames.append(encode(board))
        if g.state == DEBRIEF and s is not None and not sent.get("debrief"):
            sent["debrief"] = True
            frames.append(encode(debrief(s)))
        if g.state != LOBBY and (not frames or "clock" not in sent):
            sent["clock"] = True                # the first frames after a (re)connect carry the true clock
            frames.append(encode({"type": "clock", "version": g.version, "state": g.state,
                                  "now": s.now if s else 0.0, "speed": g.speed}))
        for frame in frames:
            conn.send(frame)
