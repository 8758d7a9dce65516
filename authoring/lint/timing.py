"""Checks on time: events, the incident and expectation windows that fall after the scenario's end
never happen (or can never be met)."""

from __future__ import annotations

from collections.abc import Iterator

from authoring.lint.base import ERROR, Finding, LintInput
from sim.timefmt import format_hours


def events_after_end(d: LintInput) -> Iterator[Finding]:
    """An event (or the incident) planned after the end never happens."""
    end = d.duration
    for i, ev in enumerate(d.scenario.events):
        if ev.at > end:
            yield d.finding(ERROR, "event_after_end", ("events", i, "at"), event=ev.id,
                            at=format_hours(ev.at), end=format_hours(end))
    if d.scenario.incident.at > end:
        yield d.finding(ERROR, "incident_after_end", ("incident", "at"),
                        at=format_hours(d.scenario.incident.at), end=format_hours(end))


def windows_after_end(d: LintInput) -> Iterator[Finding]:
    """An expectation whose window opens after the end can never be met in time."""
    sc, end = d.scenario, d.duration
    for i, exp in enumerate(sc.expectations):
        start = 0.0
        if exp.after_event and exp.after_event in sc.event_by_id:
            start = sc.event_by_id[exp.after_event].at
        elif exp.after_event == sc.incident.id:
            start = sc.incident.at
        if start + exp.window.earliest > end:
            yield d.finding(ERROR, "window_after_end", ("expectations", i, "window"), expectation=exp.id,
                            at=format_hours(start + exp.window.earliest), end=format_hours(end))


RULES = (events_after_end, windows_after_end)
