"""One training-day game on the server: the lobby (who plays which role), the one engine session,
and the facilitator's controls. No networking here — `net.server` moves frames, this module decides.

Roles nobody has taken become NPCs when the facilitator starts (issue 7 §2). Several people may
share one role (a pair or a team at their own laptops); they all see that role's desk. After the start
roles are assigned, not taken (issue 18): a request for another role waits for the trainer's approval,
and a newcomer waits without a role until the trainer places them."""

from __future__ import annotations

import math
import re
import secrets
import time
from pathlib import Path
from typing import Any

from net import logfile
from net.members import EXPIRE_SECONDS, Member
from net.seating import Seating
from net.texts import GameError
from sim import MemoryLog, Scenario, Session, read_log
from sim.timefmt import parse_duration

LOBBY, RUNNING, PAUSED, DEBRIEF = "lobby", "running", "paused", "debrief"
END_MODES = ("run_on", "stop_here")
"""How the trainer ends (issue 18): the computer plays the remaining time, or the world stops here."""
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"   # no 0/O, 1/I: read aloud in a classroom
MAX_MEMBERS = 200                                     # a training day has ~30; more is a flood


def new_code() -> str:
    """A short join code a trainer can write on the whiteboard."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class Game(Seating):
    """The lobby, the session and the clock settings of one hosted training session."""

    def __init__(self, scenario: Scenario, seed: int = 1, log_path: str | Path | None = None,
                 code: str | None = None, facilitator_token: str | None = None, team: str | None = None):
        self.scenario = scenario
        self.team = (team or "").strip()[:60] or None
        """The team's name for the debrief report (issue 19: `host --team`); in the log header."""
        self.seed = int(seed)
        self.log_path = Path(log_path) if log_path else None
        self.code = (code or new_code()).upper()
        self.facilitator_token = facilitator_token or secrets.token_urlsafe(12)
        self.members: dict[str, Member] = {}
        self.session: Session | None = None
        self.state = LOBBY
        self.speed = 1.0                       # simulated days per real minute
        self.version = 0                       # bumps on every change clients must see
        self.running_since = 0.0               # real (monotonic) time the clock last started running
        self._log_written = False              # the lobby log exists (net.logfile)
        self.expire_after = EXPIRE_SECONDS
        self.lobby_dirty = False               # members' counts changed since the lobby file was written
        self._serial = 0                       # public member ids d1, d2, …

    # -- lobby ------------------------------------------------------------------------------
    @property
    def playable(self) -> list[str]:
        """Roles people can take, in the scenario's order."""
        return [r.id for r in self.scenario.roles if r.playable]

    def join(self, name: str | None, role: str | None, bot: bool = False) -> Member:
        """A new person joins. In the lobby they take `role` or are given the least crowded playable
        role; after the start they wait without a role (`role` becomes their request) until placed."""
        if self.state == DEBRIEF:
            raise GameError("ended")
        if len(self.members) >= MAX_MEMBERS:
            raise GameError("full", limit=MAX_MEMBERS)
        asks = None
        if role is not None:
            self._check_role(role)
        elif self.session is None:
            role = self._least_crowded()
        if self.session is not None:
            role, asks = None, role            # mid-game: the trainer places newcomers
        self._serial = max(self._serial, len(self.members)) + 1
        member = Member(secrets.token_urlsafe(12), (name or f"speler {len(self.members) + 1}")[:40], role, bot,
                        id=f"d{self._serial}", asks=asks)
        while any(m.id == member.id for m in self.members.values()):
            self._serial += 1
            member.id = f"d{self._serial}"
        self.members[member.token] = member
        self.changed()
        return member

    def _least_crowded(self) -> str | None:
        candidates = self.playable if self.session is None else [r for r in self.playable if r in self.session.players]
        if not candidates:
            return None
        counts = {r: sum(1 for m in self.members.values() if m.role == r) for r in candidates}
        return min(candidates, key=lambda r: (counts[r], candidates.index(r)))

    def _check_role(self, role: str) -> None:
        if role not in self.scenario.role_by_id:
            raise GameError("unknown_role", role=role[:40])
        if role not in self.playable:
            raise GameError("npc_role", role=role)
        if self.session is not None and role not in self.session.players:
            raise GameError("npc_role", role=role)

    def lobby(self) -> dict[str, Any]:
        """The lobby as every client may see it: roles, who is in which role (names only)."""
        return {"type": "lobby", "state": self.state, "scenario": self.scenario.meta.id,
                "title": self.scenario.meta.title.model_dump(),
                "roles": [{"id": r.id, "name": self.scenario.role_name(r.id).model_dump(), "playable": r.playable,
                           "players": [m.name for m in self.members.values() if m.role == r.id],
                           "npc": self.session is not None and r.id not in self.session.players}
                          for r in self.scenario.roles]}

    # -- the session ------------------------------------------------------------------------
    def start(self) -> Session:
        """Start the game: taken roles are played by people/bots, every other role by the computer."""
        if self.session is not None:
            raise GameError("already_started")
        players = sorted({m.role for m in self.members.values() if m.role})
        log = logfile.fresh_session_log(self.log_path) if self.log_path else MemoryLog()
        names: dict[str, list[str]] = {}         # who played which role, for the xAPI actor (issue 19)
        for m in sorted(self.members.values(), key=lambda m: m.name):
            if m.role and not m.bot and not re.fullmatch(r"speler \d+", m.name):  # not a made-up stand-in
                names.setdefault(m.role, []).append(m.name)
        header = {"policy": "lan", **({"team": self.team} if self.team else {}), **({"names": names} if names else {})}
        session = Session(self.scenario, self.seed, players=players, log=log, header=header, wall=time.time)
        if self.log_path:
            logfile.publish(log, self.log_path)          # the lobby log becomes the game's, atomically
        self.session = session
        self.state = RUNNING
        self.running_since = time.monotonic()
        self.save_lobby()
        self.changed()
        return self.session

    def act(self, member: Member, action: dict[str, Any]):
        """A player's action for their role; the engine has logged it durably when this returns ok."""
        s = self._need(RUNNING, PAUSED)
        if self.state == PAUSED:
            raise GameError("paused")
        if member.role is None:
            raise GameError("no_role")
        result = s.act(member.role, action)
        if result.ok:
            member.acted(s.now)
            self.lobby_dirty = True            # the server's clock saves counts and idle times soon
            self.changed()
        return result

    def advance_to(self, hours: float, checkpoint: bool = False) -> None:
        """Move the simulated clock forward (never back); `checkpoint` writes a durable clock record."""
        s = self._need(RUNNING, PAUSED)
        target = min(float(hours), s.end)
        if target > s.now or checkpoint:
            s.advance(max(target, s.now), checkpoint=checkpoint)
            self.changed()

    def control(self, op: str, msg: dict[str, Any]) -> dict[str, Any]:
        """A facilitator's control (already authenticated). Returns the reply payload."""
        handler = getattr(self, f"_op_{op}", None)
        if handler is None:
            raise GameError("unknown_op", op=op[:40])
        return handler(msg) or {}

    def _op_start(self, msg):
        if "speed" in msg:
            self._op_speed(msg)
        self.start()

    def _op_pause(self, _msg):
        self._need(RUNNING)
        self.state = PAUSED
        self.advance_to(self.session.now, checkpoint=True)   # resume returns exactly here

    def _op_resume(self, _msg):
        self._need(PAUSED)
        self.state = RUNNING
        self.running_since = time.monotonic()
        self.changed()

    def _op_speed(self, msg):
        speed = msg.get("speed")
        if not isinstance(speed, (int, float)) or not 0 <= speed <= 60:
            raise GameError("bad_speed")
        self.speed = float(speed)
        self.save_lobby()                      # a resumed server runs at the speed the trainer set
        self.changed()

    def _op_advance(self, msg):
        to = msg.get("to")
        try:
            hours = parse_duration(to)
        except (TypeError, ValueError):
            raise GameError("bad_time") from None
        self.advance_to(hours, checkpoint=True)
        return {"now": self.session.now}

    def _op_next(self, _msg):
        s = self._need(RUNNING, PAUSED)
        at = s.next_event_time()
        if at is None:
            raise GameError("no_next")
        self.advance_to(at, checkpoint=True)
        return {"now": s.now}

    def _op_inject(self, msg):
        s = self._need(RUNNING, PAUSED)
        result = s.inject(str(msg.get("event", "")))
        return self._result(result)

    def _op_message(self, msg):
        s = self._need(RUNNING, PAUSED)
        to = msg.get("role") or None
        text = str(msg.get("text", "")).strip()
        if not text:
            raise GameError("empty_text")
        return self._result(s.send_message(text[:2000], to=to))

    def _op_desk(self, msg):
        s = self._need(RUNNING, PAUSED, DEBRIEF)
        role = str(msg.get("role", ""))
        if role not in self.scenario.role_by_id:
            raise GameError("unknown_role", role=role[:40])
        return {"role": role, "view": s.view(role).as_dict()}

    def _op_timeline(self, _msg):
        from net.views import timeline

        return {"entries": timeline(self.session.records if self.session else [], scenario=self.scenario)}

    def _op_status(self, msg):
        idle = float(msg.get("idle_minutes", 10)) * 60
        people = [m.public() for m in self.members.values()]
        for p in people:
            p["idle_long"] = p["idle_seconds"] >= idle
        s = self.session
        taken = {m.role for m in self.members.values()}     # in the lobby: roles nobody has taken yet
        return {"state": self.state, "speed": self.speed, "requests": self.requests(), "now": s.now if s else 0.0, "end": self.scenario.meta.duration,
                "players": people, "npc_roles": [r.id for r in self.scenario.roles if (r.id not in s.players if s else
                                                                     r.id not in taken)],
                "next_at": s.next_event_time() if s else None,
                "injects": [e.id for e in self.scenario.events if e.inject],
                "inject_info": [{"id": e.id, "at": e.at, "sender": e.sender.model_dump(),
                                 "message": e.message.model_dump(), "observed_by": list(e.observed_by),
                                 "done": s is not None and any(r.get("type") == "input" and r.get("inject") == e.id
                                                               for r in s.records)}
                                for e in self.scenario.events if e.inject]}

    def _op_end(self, msg):
        """End the game. `mode` says what happens to the remaining time: `run_on` (the default, as
        before) lets the computer play it out; `stop_here` stops the world now and judges what was
        done — the end record says so, and a replay stops at the same moment."""
        s = self._need(RUNNING, PAUSED)
        mode = msg.get("mode", "run_on")
        if mode not in END_MODES:
            raise GameError("bad_end_mode")
        s.finish(stop_at=s.now if mode == "stop_here" else None)
        self.state = DEBRIEF
        self.changed()
        return {"outcome": s.outcome, "mode": mode, "t": s.now}

    def _result(self, result) -> dict[str, Any]:
        if not result.ok:
            raise GameError("refused", reason=(result.reason.nl if result.reason else "?"))
        self.changed()
        return {"seq": result.seq}

    def _need(self, *states: str) -> Session:
        if self.state not in states:
            raise GameError("wrong_state", state=self.state)
        return self.session  # type: ignore[return-value]

    def changed(self) -> None:
        """Something clients must see changed: the next sync sends it."""
        self.version += 1

    # -- surviving a crash --------------------------------------------------------------------
    def lobby_file(self) -> Path | None:
        """Where the lobby (code, tokens, names, roles) is kept next to the session log."""
        return self.log_path.with_name(self.log_path.name + ".lobby.json") if self.log_path else None

    def save_lobby(self) -> None:
        """Write the lobby beside the log (owner-only), so `host --resume` keeps every token valid.
        The first call (when `host` listens) also creates the lobby log (`net.logfile`), so a host
        killed in the lobby leaves a log to resume."""
        path = self.lobby_file()
        self.lobby_dirty = False
        if path is None:
            return
        if self.session is None and not self._log_written:
            logfile.write_lobby_log(self.log_path, self.scenario, self.seed)
            self._log_written = True
        data = {"code": self.code, "facilitator_token": self.facilitator_token, "speed": self.speed,
                "members": [m.saved() for m in self.members.values()], **({"team": self.team} if self.team else {})}
        logfile.save_lobby_file(path, data)

    def _recount(self) -> None:
        """After a crash the log is the truth: a role played by one member gets that role's logged
        action count and last action time (the lobby file may be a moment behind)."""
        if self.session is None:
            return
        inputs = [r for r in self.session.records if r.get("type") == "input" and "action" in r]
        for role in {m.role for m in self.members.values() if m.role}:
            holders = [m for m in self.members.values() if m.role == role]
            mine = [r for r in inputs if r["role"] == role]
            if len(holders) == 1 and mine and len(mine) >= holders[0].actions:
                holders[0].actions, holders[0].last_act_t = len(mine), mine[-1]["t"]

    @classmethod
    def resume(cls, log_path: str | Path) -> Game:
        """Rebuild a crashed game from its session log (nothing acknowledged is lost) and its lobby
        file; it comes back paused at the last logged moment, or in the lobby when it had not started.
        A log or lobby file that cannot be used raises LogError (or sim.files.FileProblem)."""
        from sim.replay import resume, scenario_for_log

        log_path = Path(log_path)
        if logfile.is_lobby_log(log_path):
            contents = read_log(log_path)
            game = cls(scenario_for_log(contents), contents.header["seed"], log_path=log_path)
            game._log_written = True
        else:
            session, _warnings = resume(log_path)
            game = cls(session.scenario, session.seed, log_path=log_path)
            game.session, game.state = session, PAUSED
        data = logfile.read_lobby_file(game.lobby_file())
        if data is not None:
            game.code, game.facilitator_token = data["code"], data["facilitator_token"]
            team = data.get("team")
            game.team = team.strip()[:60] if isinstance(team, str) and team.strip() else game.team
            speed = float(data.get("speed", 1.0))
            game.speed = min(max(speed, 0.0), 60.0) if math.isfinite(speed) else 1.0
            for n, m in enumerate(data.get("members", [])[:MAX_MEMBERS], 1):
                member = Member.from_saved(m, game.scenario.role_by_id, n)
                game.members[member.token] = member
            game._serial = len(game.members)
        game._recount()
        return game
