"""Who must consent before professionals exchange information about a child (seed 003, "7 tips";
domain.md §6): under 12 the parents with gezag; 12 to 15 the parents with gezag and the child;
16 and older the young person alone."""

from __future__ import annotations

from sim.model import Person

CHILD_CONSENTS_FROM = 12
CHILD_ALONE_FROM = 16


def required_consenters(child: Person) -> frozenset[str]:
    """Person ids whose consent is needed to share about `child` (a 14-year-old must consent too)."""
    if child.age >= CHILD_ALONE_FROM:
        return frozenset({child.id})
    parents = frozenset(child.gezag)
    if child.age >= CHILD_CONSENTS_FROM:
        return parents | {child.id}
    return parents


def consent_complete(child: Person, given_by: set[str] | frozenset[str]) -> bool:
    """True when everyone who must consent for this child's age has consented."""
    needed = required_consenters(child)
    return bool(needed) and needed <= set(given_by)
