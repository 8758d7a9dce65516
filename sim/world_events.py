"""The family's own timeline: scheduled world events, the foreseeable incident, and interventions
(the world's answer to cooperation). All are scenario data; this module only plays them out."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sim.model import Intervention, Scenario, WorldEvent

if TYPE_CHECKING:
    from sim.engine import Session


SCHOOL_DAY = (8.5, 15.0)
"""When a school sees its pupils: 08:30–15:00 on weekdays (issue 17, item 8: no observations at 01:30)."""
OFFICE_DAY = (8.5, 17.0)
"""When professionals at work notice things or receive messages: 08:30–17:00 on weekdays."""
ANY_HOUR = {"politie"}
"""Organisations that are there at any hour: the police is called out at night and at weekends."""


def working_hours(scenario: Scenario, event: WorldEvent) -> tuple[float, float] | None:
    """The part of a weekday in which an event can reach its observers: school hours when only schools
    see it, office hours when professionals do, any time (None) when the police is among them."""
    if not event.observed_by:
        return None
    orgs = {scenario.role_kind(r).org for r in event.observed_by if r in scenario.role_by_id}
    if not orgs or orgs & ANY_HOUR:
        return None
    return SCHOOL_DAY if orgs == {"school"} else OFFICE_DAY


def within(scenario: Scenario, at: float, hours: tuple[float, float]) -> float:
    """The moment `at` (simulated hours) moved into the working day `hours`: on a weekday the hour of the
    day is spread over the working day (the same order within a day, deterministic); a weekend moment
    moves to Monday. The engine's hours start at the scenario's start date and time."""
    start = dt.datetime.combine(scenario.meta.start_date, scenario.meta.start_time)
    when = start + dt.timedelta(hours=at)
    midnight = dt.datetime.combine(when.date(), dt.time())
    hour = (when - midnight).total_seconds() / 3600
    first, last = hours
    if first <= hour <= last and when.weekday() < 5:
        return at
    shift_days = {5: 2, 6: 1}.get(when.weekday(), 0)
    moved = midnight + dt.timedelta(days=shift_days, hours=first + (hour / 24) * (last - first))
    return max(0.0, round((moved - start).total_seconds() / 3600, 4))


def next_within(scenario: Scenario, at: float, hours: tuple[float, float]) -> float:
    """The first moment at or after `at` inside the working day `hours` on a weekday (never earlier:
    what follows an evening at home is told the next school day, seed 004 §1)."""
    start = dt.datetime.combine(scenario.meta.start_date, scenario.meta.start_time)
    when = start + dt.timedelta(hours=at)
    first, last = hours
    for _ in range(8):
        midnight = dt.datetime.combine(when.date(), dt.time())
        hour = (when - midnight).total_seconds() / 3600
        if when.weekday() < 5 and hour <= last:
            if hour >= first:
                break
            when = midnight + dt.timedelta(hours=first)
            break
        when = midnight + dt.timedelta(days=1)
    return max(at, round((when - start).total_seconds() / 3600, 4))


def at_work(session: "Session", role: str, delay: float) -> float:
    """`delay` lengthened so that what `role` does after it falls in office hours on a weekday (a reply,
    a meeting, a rule of a computer-played institution); the police works at any hour. Issue 17, item 8:
    time that makes sense — no answer from the wijkteam on a Sunday morning."""
    return on_duty(session.scenario, role, session.now + max(0.0, delay)) - session.now


def on_duty(sc: Scenario, role: str, at: float) -> float:
    """The first moment at or after `at` at which `role` is at work: office hours on a weekday, any time
    for the police (and for what is no role of the scenario)."""
    kind = sc.role_kind(role) if role in sc.role_by_id else None
    if kind is None or kind.org in ANY_HOUR:
        return at
    return next_within(sc, at, OFFICE_DAY)


def schedule_all(session: "Session") -> None:
    """Schedule every non-inject event and the incident; jitter and chance are drawn now, in file
    order, from the session's generator (so the same seed gives the same world). An event that
    follows another (`after_event`) waits for it (`happen`)."""
    sc = session.scenario
    for event in sc.events:
        if event.inject:
            continue
        at = max(0.0, event.at + session.jitter(event.jitter))
        happens = session.rng.random() < event.chance
        if event.after_event is not None:
            if happens:
                session.followers.setdefault(event.after_event, []).append((at, event))
            continue
        hours = working_hours(sc, event)
        if hours is not None:
            at = within(sc, at, hours)
        if happens:
            session.later(at - session.now, lambda e=event: fire_event(session, e))
    at = max(0.0, sc.incident.at + session.jitter(sc.incident.jitter))
    session.later(at - session.now, lambda: incident_moment(session))


def happen(session: "Session", event_id: str) -> None:
    """Mark a world event, the incident or an intervention as happened now, and schedule the events
    that follow it (`after_event`), each at its delay, moved to its observers' next working moment."""
    session.world.happened[event_id] = session.now
    for delay, event in session.followers.pop(event_id, []):
        at = session.now + delay
        hours = working_hours(session.scenario, event)
        if hours is not None:
            at = next_within(session.scenario, at, hours)
        if at <= session.end:
            session.later(at - session.now, lambda e=event: fire_event(session, e))


def fire_event(session: "Session", event: WorldEvent, injected: bool = False) -> bool:
    """Let a world event happen now (if its condition holds): observers get the message and facts."""
    if event.when is not None and not event.when.holds(session.world):
        session.emit("event_skipped", event=event.id)
        return False
    happen(session, event.id)
    session.emit("event", event=event.id, kind=event.kind, observed_by=list(event.observed_by),
                 facts=list(event.facts), injected=injected)
    for role in event.observed_by:
        session.tell(role, event.kind, event.id, event.message, event.facts)
    session.change_risk(event.risk, event.id)
    return True


def inject(session: "Session", event_id: str) -> bool:
    """A facilitator injects an optional (or any) event of the scenario now (see Session.inject)."""
    return session.inject(event_id).ok


def incident_moment(session: "Session") -> None:
    """The moment of the foreseeable incident: it happens when the risk is still at or above the
    threshold (seed 004 §1: two months later the situation escalates)."""
    inc = session.scenario.incident
    world = session.world
    if world.level >= inc.threshold:
        softened = bool(inc.softened_by and inc.softened_by.holds(world))
        world.softened[inc.id] = softened
        happen(session, inc.id)
        session.emit("incident", incident=inc.id, happened=True, softened=softened, level=world.level)
        for role in inc.observed_by:
            session.tell(role, "incident", inc.id, inc.message, inc.facts)
    else:
        session.emit("incident", incident=inc.id, happened=False, softened=False, level=world.level)


def trigger_interventions(session: "Session") -> None:
    """Start every intervention whose condition has just become true."""
    for iv in session.scenario.interventions:
        if iv.id in session.world.happened or not iv.when.holds(session.world):
            continue
        if session.fire_once("intervention:" + iv.id):
            delay = max(0.0, iv.delay + session.jitter(iv.jitter))
            session.later(delay, lambda iv=iv: _intervene(session, iv))


def _intervene(session: "Session", iv: Intervention) -> None:
    happen(session, iv.id)
    session.emit("intervention", intervention=iv.id, risk=iv.risk)
    for role in iv.tell:
        session.tell(role, "message", iv.id, iv.message, iv.facts)
    session.change_risk(iv.risk, iv.id)
