"""Who must consent before professionals exchange information about a child (seed 003, "7 tips";
domain.md §6): under 12 the parents with gezag; 12 to 15 the parents with gezag and the child;
16 and older the young person alone. Consent is asked per purpose and recipient (issue 15): `covers`
says which exchange an answer speaks to."""

from __future__ import annotations

from dataclasses import dataclass

from sim.catalogue import role_kinds
from sim.model import Person, Scenario

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


# -- consent per purpose and recipient (issue 15, item 4; seed 003, 7 tips) ----------------------------
@dataclass(frozen=True)
class ConsentAnswer:
    """One person's answer when a professional asked consent about a child: given or not, when, by whom
    asked, what for (`about`: share, meeting, request, …; None: in general) and for which professionals
    (`share_with`; empty: not named)."""

    child: str
    person: str
    given: bool
    t: float = 0.0
    asked_by: str | None = None
    about: str | None = None
    share_with: frozenset[str] = frozenset()

    @property
    def general(self) -> bool:
        """Asked "in general": no subject and no professionals named (logs from before issue 15)."""
        return self.about is None and not self.share_with


def covers(answer: ConsentAnswer, to: str | None = None, purpose: str | None = None, asker: str | None = None,
           explicit: bool = False) -> bool:
    """Does this answer speak to information going to (or, for a request, coming from) the professional
    `to`, for `purpose`, asked by `asker`? Seed 003, 7 tips: consent is for a purpose and a recipient.

    - A consent in general (no subject, nobody named) covers the exchange between the professionals
      involved, as it always did — but not when `explicit` consent is needed: breaking professional
      secrecy needs consent for this recipient (domain.md §6: "explicit consent is the starting point").
    - A consent about a subject covers only that subject (`purpose`; None: any).
    - A consent naming professionals covers only them (`to`; None: anyone).
    - `asker` (None: anyone) narrows it to consents that professional asked for itself, as when a
      holder of secret facts answers a request: the mother consented that the GGZ tells *the IB'er*."""
    if asker is not None and answer.asked_by not in (None, asker):
        return False
    if answer.general:
        return not explicit
    if purpose is not None and answer.about is not None and answer.about != purpose:
        return False
    if answer.share_with:
        return to is None or to in answer.share_with
    return not explicit


def consented_for(answers: list[ConsentAnswer], child: str, to: str | None = None, purpose: str | None = None,
                  asker: str | None = None, explicit: bool = False) -> set[str]:
    """The persons whose latest answer covering this (`covers`) was yes: a refusal after a yes withdraws it."""
    latest: dict[str, bool] = {}
    for a in answers:
        if a.child == child and covers(a, to, purpose, asker, explicit):
            latest[a.person] = a.given
    return {p for p, given in latest.items() if given}


def under_secrecy(scenario: Scenario, fact_id: str, holder: str, to: str | None = None) -> bool:
    """Is passing this fact on breaking the holder's own professional secrecy (beroepsgeheim; seed 003,
    7 tips, tip 7; domain.md §6)? A fact under its secrecy (`secrecy_of`), or GGZ/medical data a
    secrecy-bound holder (roles.yaml `secrecy: true`) keeps; never towards the one whose secret it is.
    Breaking it on consent needs consent for this recipient (`covers`, explicit)."""
    fact = scenario.fact_by_id[fact_id]
    if fact.secrecy_of is not None:
        return fact.secrecy_of == holder and to != holder
    role = scenario.role_by_id.get(holder)
    kind = role_kinds().get(role.kind) if role is not None else None
    return fact.sensitivity in ("ggz", "medical") and bool(kind is not None and kind.secrecy)
