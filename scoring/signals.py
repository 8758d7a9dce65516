"""The scenario's facts as the scoring weighs them, worked out once per scenario: which children a fact
is a worry about, which facts are safety signals, and which bring violence at home to light as acute.

These answers depend on the scenario alone, yet the rules ask them for every fact a role knows at nearly
every record (the ledger's `concerns` and `knew_about`, the Meldcode's `acute_unsafety`). They are kept
per scenario object (a weak reference: a scenario that is gone takes its entry with it, and a scenario
edited and loaded anew is a new object with its own entry), never in state shared between scenarios.
What they mean is the scenario's data and the seeds' rules, as written beside each field."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.model import Scenario

ACUTE_EVENT_KINDS = frozenset({"disclosure", "call_out"})
"""World events that bring violence at home to light as acute: the child tells (a disclosure, e.g.
Kevin telling his teacher that Rob hit his mother), or the police are called to it."""


@dataclass(frozen=True)
class FactSignals:
    """Per fact of one scenario, what the scoring asks of it (scoring.ledger, scoring.units.steps)."""

    kids: tuple[str, ...]
    """the family's children, in file order"""
    named: dict[str, frozenset[str]]
    """fact -> the children it names (empty: a fact about a parent or the household, a worry about every
    child)"""
    identity: frozenset[str]
    """facts that only name or locate the family (`sensitivity: identity`): no worry about anyone"""
    safety: frozenset[str]
    """safety signals (`safety: true`): the Meldcode's signals (domain.md §4)"""
    acute: frozenset[str]
    """safety signals of violence at home (`sensitivity: domestic_violence`) that an event of a kind in
    ACUTE_EVENT_KINDS reveals: acute unsafety whatever the risk level (Meldcode stap 4; seed 003,
    9 vragen, vraag 7)"""

    def concerns(self, fact_id: str, child: str | None) -> bool:
        """A fact is about the child, or about the household (no child named): a worry about the child.
        Identity data (a name, an address) is no worry. (The ledger's `concerns`, from the index.)"""
        if fact_id in self.identity:
            return False
        named = self.named[fact_id]
        return not named or child is None or child in named


def _index(sc: Scenario) -> FactSignals:
    kids = tuple(c.id for c in sc.children)
    revealed = {f for e in sc.events if e.kind in ACUTE_EVENT_KINDS for f in e.facts}
    return FactSignals(
        kids=kids,
        named={f.id: frozenset(set(f.about) & set(kids)) for f in sc.facts},
        identity=frozenset(f.id for f in sc.facts if f.sensitivity == "identity"),
        safety=frozenset(f.id for f in sc.facts if f.safety),
        acute=frozenset(f.id for f in sc.facts
                        if f.safety and f.sensitivity == "domestic_violence" and f.id in revealed),
    )


_BY_SCENARIO: dict[int, tuple[weakref.ref, FactSignals]] = {}


def signals_of(sc: Scenario) -> FactSignals:
    """The fact index of this scenario object (made on first use, dropped when the scenario is)."""
    key = id(sc)
    entry = _BY_SCENARIO.get(key)
    if entry is not None and entry[0]() is sc:
        return entry[1]
    index = _index(sc)
    _BY_SCENARIO[key] = (weakref.ref(sc, lambda _ref, key=key: _drop(key, _ref)), index)
    return index


def _drop(key: int, ref: weakref.ref) -> None:
    entry = _BY_SCENARIO.get(key)
    if entry is not None and entry[0] is ref:  # not an entry a newer scenario at the same address made
        del _BY_SCENARIO[key]
