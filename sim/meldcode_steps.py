"""Meldcode stap 4, weighing, as the role's view carries it (issue 17 review, item 6): when a role first
weighed its worry about a child — at a table (a case meeting), with Veilig Thuis's advice, or in a
written weighing (`considerations`) on any step about the child — counted only once the role knew a
safety signal about that child. The Meldcode is about suspected domestic violence or child abuse
(domain.md §4: "Weigh: is there a suspicion? Is there acute or structural unsafety?"); a weighing
written on a routine share before anything about violence was known is privacy care (seed 003, 7 tips:
"afwegingen vastleggen"), not the Meldcode's weighing. Pure functions over the session's world."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.engine import Session

WEIGHING = frozenset({"case_meeting", "advice_veilig_thuis"})
"""Steps that weigh together: at a table, or with Veilig Thuis's advice (Meldcode stap 4)."""


def is_safety_signal(fact: Any, child: str, children: set[str]) -> bool:
    """Is this fact a signal of unsafety about `child`: a safety fact naming the child, or about the
    household without naming a child (the same reading as the tracker's step 1)?"""
    if not getattr(fact, "safety", False) or fact.sensitivity == "identity":
        return False
    kids = set(fact.about) & children
    return child in kids or not kids


def _children_of(params: dict[str, Any], about: dict[str, list[str]], children: set[str]) -> set[str]:
    if params.get("child") in children:
        return {params["child"]}
    return {p for fact in params.get("facts") or () for p in about.get(fact, []) if p in children}


def weigh_steps(s: "Session", role: str) -> dict[str, float | None]:
    """Per child of the family: when `role` first weighed its worry (Meldcode stap 4), or None — a
    weighing step or a written weighing about the child at or after the moment the role first knew a
    safety signal about it."""
    sc = s.scenario
    children = {p.id for p in sc.family.persons if p.is_child}
    about = {f.id: list(f.about) for f in sc.facts}
    known = s.world.knowledge.get(role, {})
    first_signal: dict[str, float] = {}
    for child in children:
        times = [known[f.id].t for f in sc.facts if f.id in known and is_safety_signal(f, child, children)]
        if times:
            first_signal[child] = min(times)
    out: dict[str, float | None] = dict.fromkeys(sorted(children))
    for d in s.world.done:
        if d.role != role:
            continue
        weighs = d.params.get("do") in WEIGHING or bool(str(d.params.get("considerations") or "").strip())
        if not weighs:
            continue
        for child in _children_of(d.params, about, children):
            if out[child] is None and child in first_signal and first_signal[child] <= d.t:
                out[child] = d.t
    return out
