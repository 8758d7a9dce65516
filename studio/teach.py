"""'Wat dit gezin leert': the lessons of a family read from the scenario itself — each expectation
(what a skilled team does, by whom, in which window, and the rule or seed behind it) and each fact of
the full picture with the moments it can be learned (at the start, an event, an action)."""

from __future__ import annotations

from typing import Any

from sim.model import Scenario
from sim.timefmt import format_hours


def lessons(sc: Scenario, lang: str = "nl") -> list[dict[str, Any]]:
    """One line a expectation: text, roles, window (earliest–ideal–latest), counted from, source."""
    out = []
    for e in sc.expectations:
        w = e.window
        out.append({"id": e.id, "text": e.text.get(lang), "roles": ", ".join(e.roles), "do": e.do,
                    "window": f"{format_hours(w.earliest)} – {format_hours(w.ideal)} – {format_hours(w.latest)}",
                    "after": e.after_event or "", "source": e.source, "optional": e.optional})
    return out


def picture(sc: Scenario, lang: str = "nl") -> list[dict[str, Any]]:
    """The key facts and where each can be learned: known at the start, shown by an event, or found by
    an action (revealed_by)."""
    start = {f: [r.id for r in sc.roles if f in r.knows_at_start] for f in (x.id for x in sc.facts)}
    out = []
    for f in sc.facts:
        if not (f.key or f.safety):
            continue
        ways = [f"start: {', '.join(start[f.id])}"] if start[f.id] else []
        ways += [f"{ev.id} ({format_hours(ev.at)}): {', '.join(ev.observed_by) or '—'}"
                 for ev in sc.events if f.id in ev.facts]
        if f.id in sc.incident.facts:
            ways.append(f"{sc.incident.id} (incident)")
        ways += [f"{rv.action}: {', '.join(rv.roles)}" for rv in f.revealed_by]
        ways += [f"{iv.id}: {', '.join(iv.tell)}" for iv in sc.interventions if f.id in iv.facts]
        out.append({"id": f.id, "text": f.text.get(lang), "safety": f.safety, "needed_by": ", ".join(f.needed_by),
                    "ways": ways, "source": f.source})
    return out
