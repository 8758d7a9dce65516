"""Is an 'anonymous' consultation really anonymous? Seed 003, 7 tips, tip 2: "alleen de namen veranderen
of weglaten is niet genoeg. Het gezin mag op geen enkele manier te herleiden zijn" — and a professional
who still recognises the family "mag niks met die informatie doen". Seed 000: "Anoniempje van 12" in a
small town is no anonymity at all.

The judgement is a count of *pieces* that point at the family, made from the scenario's marks on the
facts told (`Fact.identifying`, `Fact.narrows`), the town, and what the recipient already knows:

- a direct identifier (`identifying: true`: a name, an address, a BSN) is traceable on its own;
- each kind of trait the facts give away (`age`, `school`, `class`, `place`, `household`) is one
  piece, however often it is told; each `event` others saw or registered and each `rare` detail is a
  piece of its own;
- a fact the recipient already knew is a piece too: it recognises what it knows;
- the family is traceable when the pieces reach the number the town needs (PIECES_NEEDED: school +
  class + a rare detail identifies a family anywhere; a village needs fewer), one fewer when the
  recipient already knows the family (its own client, or it knows facts about them): the family's
  own GP, a colleague at the same school, an organisation that already has the file.

Everything here is a pure function of the scenario, the facts told, the recipient and what it knew at
that moment: the engine (sim.effects, sim.npc) and the judge (scoring.privacy) ask the same question."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sim.model import Scenario

PIECES_NEEDED: dict[str, int] = {"small": 2, "medium": 3, "large": 3}
"""How many pieces point at one family in a town of each size (`family.town`), for a recipient who
does not know the family. Seed 003 tip 2 and the issue's reading of it: a school, a class and a rare
detail identify a family in any town (3); in a village (seed 000, "Anoniempje van 12") two pieces do —
an age and what happened. A didactic choice, not a law: one generic detail is never enough."""

TRAITS = frozenset({"age", "school", "class", "place", "household"})
"""Traits of the family: telling one twice narrows nothing more, so each kind counts once."""

DETAILS = frozenset({"event", "rare"})
"""Details: each fact marked so is a piece of its own (two rare details narrow more than one)."""


@dataclass(frozen=True)
class Trace:
    """The answer for one consultation: whether the family is traceable, which of the facts told point
    at it (empty when it stays anonymous), the pieces counted, how many were needed, and whether the
    recipient already knew the family."""

    traceable: bool
    facts: tuple[str, ...]
    pieces: tuple[str, ...]
    needed: int
    recognises: bool


def knows_family(scenario: Scenario, recipient: str | None, known: Iterable[str] = ()) -> bool:
    """Does the recipient already know this family: a member is its client (the family's own GP, the
    child's school), or it already knows facts about them (from a share, a report, the start)?
    Such a recipient recognises the family from less (seed 003, tip 2)."""
    role = scenario.role_by_id.get(recipient) if recipient else None
    family = {p.id for p in scenario.family.persons}
    if role is not None and family & set(role.clients):
        return True
    return any(f in scenario.fact_by_id for f in known)


def pieces_needed(scenario: Scenario, recognises: bool) -> int:
    """How many pieces make the family traceable here: PIECES_NEEDED for the town, one fewer for a
    recipient who knows the family (never fewer than one)."""
    return max(1, PIECES_NEEDED[scenario.family.town] - (1 if recognises else 0))


def trace(scenario: Scenario, facts: Iterable[str], recipient: str | None = None,
          known: Iterable[str] = ()) -> Trace:
    """Whether telling `facts` 'anonymously' to `recipient` (a role id; None: a stranger to the family),
    who knew the facts `known` at that moment, still points at the family — and why."""
    told = [f for f in dict.fromkeys(facts) if f in scenario.fact_by_id]
    known = set(known)
    recognises = knows_family(scenario, recipient, known)
    needed = pieces_needed(scenario, recognises)
    pieces: dict[str, str] = {}  # piece -> the first fact that gave it
    pointing: list[str] = []
    identified = False
    for fid in told:
        fact = scenario.fact_by_id[fid]
        gives = [kind if kind in TRAITS else f"{kind}:{fid}" for kind in fact.narrows]
        if fid in known:
            gives.append(f"known:{fid}")
        if fact.identifying:
            gives.append(f"identifying:{fid}")
            identified = True
        if gives:
            pointing.append(fid)
        for piece in gives:
            pieces.setdefault(piece, fid)
    traceable = identified or len(pieces) >= needed
    return Trace(traceable, tuple(pointing) if traceable else (), tuple(pieces), needed, recognises)


def traceable_facts(scenario: Scenario, facts: Iterable[str], recipient: str | None = None,
                    known: Iterable[str] = ()) -> list[str]:
    """The facts told that together make the family traceable for this recipient (empty: it stays
    anonymous). See `trace`."""
    return list(trace(scenario, facts, recipient, known).facts)


def is_traceable(scenario: Scenario, facts: Iterable[str], recipient: str | None = None,
                 known: Iterable[str] = ()) -> bool:
    """True when telling these facts 'anonymously' to this recipient still points at the family."""
    return trace(scenario, facts, recipient, known).traceable
