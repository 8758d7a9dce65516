"""The engine: one SimPy environment per session, advanced by its driver, never in real time.

Every driver — the window, the LAN server, the headless runner, the tests — uses the same calls:
`Session(scenario, seed)`, `advance(until)`, `act(role, action)`, `view(role)`, `finish()`.
All randomness comes from one generator seeded with the session's seed."""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import simpy
from pydantic import ValidationError

from sim import effects, npc, partners, world_events
from sim.actions import parse_action
from sim.clock import ExactEnvironment
from sim.consent import required_consenters
from sim.fields import Text
from sim.log import LOG_FORMAT, LogSink, MemoryLog, wall_stamp
from sim.model import Scenario
from sim.outcome import compute_outcome
from sim.refusals import plain_refusal
from sim.world import DoneAction, Knowing, Message, WorldState

DAY = 24.0
FACILITATOR = "facilitator"


@dataclass(frozen=True)
class ActResult:
    """The engine's answer to an action: accepted (with its input number) or refused with a reason."""

    ok: bool
    reason: Text | None = None
    seq: int | None = None


def _refusal(nl: str, en: str) -> ActResult:
    return ActResult(ok=False, reason=Text(nl=nl, en=en))


class Session:
    """One playthrough of a scenario: the world, its clock, its log."""

    def __init__(self, scenario: Scenario, seed: int, players: Iterable[str] | None = None,
                 log: LogSink | None = None, header: dict[str, Any] | None = None,
                 wall: Callable[[], float] | None = None):
        self.scenario = scenario
        self.wall = wall
        """The real clock (seconds since the epoch) of a session people play, or None (headless runs,
        replays). Each record then carries the real moment it was written as `wall`: metadata for the
        LMS (xAPI timestamps and duration) that scoring and replay ignore, so the simulated log stays
        the same for the same inputs (issue 19)."""
        self.seed = int(seed)
        self.players = frozenset(players if players is not None else [r.id for r in scenario.roles if r.playable])
        self.partners = partners.level_of(header)  # solo play: the computer partners' level (sim.partners)
        self.partner_plan: partners.PartnerPlan | None = None
        self.rng = random.Random(self.seed)
        self.env = ExactEnvironment()
        self.world = WorldState(level=scenario.risk.start, required_consent={
            c.id: required_consenters(c) for c in scenario.children})
        self.log: LogSink = log if log is not None else MemoryLog()
        self.records: list[dict[str, Any]] = []
        self.finished = False
        self.outcome: dict[str, Any] | None = None
        self._seq = 0
        self._fired: set[str] = set()
        self.followers: dict[str, list[tuple[float, Any]]] = {}
        """event id -> [(delay, event)] world events that follow it (sim.world_events, `after_event`)"""
        self._agenda: list[float] = []
        self.scheduled = 0
        self._emit_header(header or {})
        self._start()

    # -- the driver API -----------------------------------------------------------------------
    @property
    def now(self) -> float:
        """Simulated hours since the start of the scenario."""
        return float(self.env.now)

    @property
    def end(self) -> float:
        """Simulated hour at which the scenario ends."""
        return self.scenario.meta.duration

    def advance(self, until: float, checkpoint: bool = False) -> None:
        """Run the world up to and including simulated time `until` (capped at the scenario's end).

        With `checkpoint=True` the new time is written durably to the log as a `clock` record, so a
        resumed game returns to exactly this moment (drivers do this on pause, next day, quit)."""
        until = min(float(until), self.end)
        self.env.advance_to(until)
        self.world.now = self.now
        if checkpoint and not self.finished:
            self._write({"type": "clock", "t": self.now}, durable=True)

    def happenings(self) -> dict[str, float]:
        """When each world event, the incident and each intervention happened so far (a copy: for
        drivers that place steps after an event, e.g. the debrief's expert timeline)."""
        return dict(self.world.happened)

    def next_event_time(self) -> float | None:
        """When the next thing will happen in the world (for 'next event'), or None."""
        i = bisect.bisect_right(self._agenda, self.now)
        return self._agenda[i] if i < len(self._agenda) else None

    def act(self, role: str, action: Any, by: str = "player") -> ActResult:
        """Submit an action for a role. Invalid actions are refused with a reason and change nothing;
        a valid player input is written durably to the log before it is acknowledged."""
        if self.finished:
            return _refusal("Het scenario is afgelopen.", "The scenario has ended.")
        try:
            parsed = action if hasattr(action, "params") else parse_action(action)
        except ValidationError as exc:
            rule = effects.rule_refusal(exc)  # a rule of the domain, said as such (e.g. the VIR: identity only)
            if rule is not None:
                return ActResult(ok=False, reason=rule)
            return ActResult(ok=False, reason=plain_refusal(exc))  # what is wrong and what to do, in words
        if role not in self.scenario.role_by_id:
            return _refusal(f'Onbekende rol "{role}".', f'Unknown role "{role}".')
        if by == "player" and role not in self.players:
            return _refusal("Deze rol wordt door de computer gespeeld.", "This role is played by the computer.")
        problem = effects.check(self, role, parsed)
        if problem is not None:
            return ActResult(ok=False, reason=problem)
        params = parsed.params()
        seq = self._input({"role": role, "action": params}) if by == "player" else None
        self.emit("action", role=role, by=by, action=params)
        self.world.done.append(DoneAction(self.now, role, params, by))
        effects.apply(self, role, parsed)
        self._react()
        if by == "player":
            self._settle()
        return ActResult(ok=True, seq=seq)

    def _settle(self) -> None:
        """Let what a player's input set off at this very moment (a reaction with no delay) happen now,
        before the driver's next call: live play and replay then write the same records in the same order
        whether or not the driver advances afterwards (issue 16 review: a zero-delay reaction to the last
        input of a game replayed differently)."""
        self.env.advance_to(self.now)
        self.world.now = self.now

    def inject(self, event_id: str) -> ActResult:
        """A facilitator injects a scenario event now (an `inject: true` event, or any other). Logged
        durably as a facilitator input, so replay and resume reproduce it."""
        if self.finished:
            return _refusal("Het scenario is afgelopen.", "The scenario has ended.")
        event = self.scenario.event_by_id.get(event_id)
        if event is None:
            return _refusal(f'Onbekende gebeurtenis "{event_id}".', f'Unknown event "{event_id}".')
        seq = self._input({"role": FACILITATOR, "inject": event_id})
        world_events.fire_event(self, event, injected=True)
        self._react()
        self._settle()
        return ActResult(ok=True, seq=seq)

    def send_message(self, text: Text | str, to: str | None = None) -> ActResult:
        """A facilitator's free-text message to one role (or to every role when `to` is None).
        Logged durably as a facilitator input; it shows in the inbox, it teaches no facts."""
        if self.finished:
            return _refusal("Het scenario is afgelopen.", "The scenario has ended.")
        if to is not None and to not in self.scenario.role_by_id:
            return _refusal(f'Onbekende rol "{to}".', f'Unknown role "{to}".')
        body = text if isinstance(text, Text) else Text(nl=str(text), en=str(text))
        seq = self._input({"role": FACILITATOR, "message": {"to": to, "text": body.model_dump()}})
        for role in ([to] if to else [r.id for r in self.scenario.roles]):
            self.tell(role, "facilitator", FACILITATOR, body)
        return ActResult(ok=True, seq=seq)

    def view(self, role: str):
        """What `role` knows and sees now — never anything it has not learned."""
        from sim.view import role_view

        return role_view(self, role)

    def finish(self, stop_at: float | None = None) -> dict[str, Any]:
        """Run to the scenario's end, decide what became of each child, write the end record.

        With `stop_at` (a training day that ends early and is judged on what was done, issue 18) the
        world stops at that moment instead: the end record carries `"stopped": true` and its time,
        so a replay stops at the same moment."""
        if not self.finished:
            until = self.end if stop_at is None else max(self.now, min(float(stop_at), self.end))
            self.advance(until)
            self.outcome = compute_outcome(self.scenario, self.world)
            self.emit("end", outcome=self.outcome, **({"stopped": True} if stop_at is not None else {}))
            self.finished = True
            self.log.close()
        return self.outcome  # type: ignore[return-value]

    # -- services for effects, NPCs and interventions -------------------------------------------
    def emit(self, record_type: str, **fields: Any) -> dict[str, Any]:
        """Append a world record (not an input) to the log."""
        record = {"type": record_type, "t": self.now, **fields}
        self._write(record)
        return record

    def later(self, delay: float, fn: Callable[[], None], visible: bool = True) -> float:
        """Run `fn` after `delay` simulated hours (never in real time); returns when."""
        when = self.now + max(0.0, delay)
        if visible:
            bisect.insort(self._agenda, when)

        def fire(_event: simpy.Event) -> None:
            self.world.now = self.now
            fn()
            self._react()

        self.env.timeout(max(0.0, delay)).callbacks.append(fire)
        self.scheduled += 1
        return when

    def jitter(self, amount: float) -> float:
        """A random shift of whole hours in [-amount, +amount] from the session's generator."""
        return float(self.rng.randint(-int(amount), int(amount))) if amount >= 1 else 0.0

    def learn(self, role: str, fact: str, via: str, source: str | None = None) -> bool:
        """`role` now knows `fact` (if it did not already); returns whether it was new."""
        known = self.world.knowledge.setdefault(role, {})
        if fact in known:
            return False
        known[fact] = Knowing(self.now, via, source)
        self.emit("learn", role=role, fact=fact, via=via, source=source)
        return True

    def tell(self, role: str, kind: str, sender: str, text: Text, facts: Iterable[str] = ()) -> None:
        """Put a message in a role's inbox (and learn its facts via `kind`)."""
        facts = tuple(facts)
        self.world.inbox.setdefault(role, []).append(Message(self.now, kind, sender, text, facts))
        self.emit("message", to=role, kind=kind, sender=sender, text=text.model_dump(), facts=list(facts))
        for fact in facts:
            self.learn(role, fact, kind, sender)

    def change_risk(self, delta: float, cause: str) -> None:
        """Raise or lower the family's risk level (kept within 0–10)."""
        if delta:
            self.world.level = max(0.0, min(10.0, self.world.level + delta))
            self.emit("risk", level=self.world.level, delta=delta, cause=cause)

    # -- internals ---------------------------------------------------------------------------
    def _input(self, fields: dict[str, Any]) -> int:
        """Write a driver's input durably (fsynced) before it takes effect; returns its number."""
        self._seq += 1
        self._write({"type": "input", "seq": self._seq, "t": self.now, **fields}, durable=True)
        return self._seq

    def _write(self, record: dict[str, Any], durable: bool = False) -> None:
        if self.wall is not None:
            record["wall"] = wall_stamp(self.wall())
        self.records.append(record)
        self.log.write(record, durable=durable)

    def _emit_header(self, extra: dict[str, Any]) -> None:
        header = {"format": LOG_FORMAT, "scenario": self.scenario.meta.id,
                  "hash": self.scenario.content_hash, "seed": self.seed,
                  "players": sorted(self.players), **extra}
        self._write(header, durable=True)

    def _start(self) -> None:
        for role in self.scenario.roles:
            for fact in role.knows_at_start:
                self.learn(role.id, fact, "start")
        npc.preregister_vir(self)
        world_events.schedule_all(self)
        partners.start(self)
        self._tick()
        self._react()

    def _tick(self) -> None:
        """A daily heartbeat so conditions that depend only on time (after: 3w) are noticed."""
        if self.now + DAY <= self.end:
            self.later(DAY, self._tick, visible=False)

    def _react(self) -> None:
        world_events.trigger_interventions(self)
        npc.trigger_rules(self)
        partners.react(self)

    def fire_once(self, key: str) -> bool:
        """True the first time `key` is asked for (interventions and NPC rules trigger once)."""
        if key in self._fired:
            return False
        self._fired.add(key)
        return True
