"""Is an 'anonymous' consultation really anonymous? (seed 000: "Anoniempje van 12" in a small town
is traceable; seed 003, 7 tips, tip 2: removing the name alone is not enough)."""

from __future__ import annotations

from typing import Iterable

from sim.model import Scenario


def traceable_facts(scenario: Scenario, facts: Iterable[str]) -> list[str]:
    """The facts that make the family traceable: identifying facts, and in a small town any fact
    about a child (age, school and situation together point at one family)."""
    children = {p.id for p in scenario.children}
    out = []
    for fid in facts:
        fact = scenario.fact_by_id[fid]
        if fact.identifying or (scenario.family.town == "small" and children & set(fact.about)):
            out.append(fid)
    return out


def is_traceable(scenario: Scenario, facts: Iterable[str]) -> bool:
    """True when sharing these facts 'anonymously' still points at the family."""
    return bool(traceable_facts(scenario, facts))
