"""Claims checked against what happened: was the family informed before a share or a report?

A player who ticks "parents informed" is not believed; what counts is a talk that took place (issue 14,
item 4). Before sharing about a child, the people with a say for the child's age are told (seed 003,
7 tips: "cliënt vooraf informeren", and who has a say by age: under 12 the parents with gezag, 12 to 15
the parents and the child, from 16 the young person). Before a report to Veilig Thuis the report is
discussed with the parents (seed 003, 9 vragen, vraag 2; Meldcode stap 3) — unless that would endanger
the child, which the professional must say, with a reason, and which holds only when acute or
structural unsafety is known to them.

The same pure functions serve the engine's view (what the player sees in the dialog) and the judge
(what the score says), so the window and the debrief never disagree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from sim.consent import required_consenters
from sim.model import Person

#: Talk purposes that tell the family that information will be shared (seed 003, 7 tips).
INFORMS_OF_SHARING = frozenset({"inform", "consent"})
#: Talk purposes that discuss a report with the family: the Meldcode's step 3 conversation about the
#: concern, or telling them of the report (seed 003, 9 vragen, vraag 2).
INFORMS_OF_REPORT = frozenset({"inform", "concern", "consent"})


@dataclass(frozen=True)
class Talk:
    """A conversation a professional held with family members about a child (a talk_parents or
    talk_child action that took effect): when, who, with whom, and what for."""

    t: float
    role: str
    child: str
    with_: frozenset[str]
    purpose: str


@dataclass(frozen=True)
class Informed:
    """Whether the people with a say were told before a moment, who was not, and the talks that counted."""

    ok: bool
    missing: tuple[str, ...]
    talks: tuple[Talk, ...]


def talk_from_action(t: float, role: str, params: dict, child: Person) -> Talk | None:
    """The Talk an action record stands for, or None when it is not a talk with the family."""
    do = params.get("do")
    if do not in ("talk_parents", "talk_child") or params.get("child") != child.id:
        return None
    people = frozenset({child.id}) if do == "talk_child" else frozenset(child.gezag)
    return Talk(t=t, role=role, child=child.id, with_=people, purpose=str(params.get("purpose") or "concern"))


def who_has_a_say(child: Person) -> frozenset[str]:
    """The people to be told before professionals share about `child` (the same people whose consent
    the child's age asks for)."""
    return required_consenters(child)


def informed_before(talks: Iterable[Talk], role: str, child: Person, t: float,
                    purposes: frozenset[str] = INFORMS_OF_SHARING, since: float = 0.0) -> Informed:
    """Had `role` itself told everyone with a say about `child`, in talks with one of `purposes`,
    at or before simulated time `t`, and not before `since`? A talk can only have been about what the
    professional knew then: pass as `since` the moment the role knew the last of the facts it now
    shares or reports, so a talk weeks earlier (about the Verwijsindex, say) does not count for a
    report of what came to light afterwards (seed 003, 9 vragen, vraag 2: "eerst bespreken")."""
    counted = tuple(k for k in talks if k.role == role and k.child == child.id and since <= k.t <= t
                    and k.purpose in purposes)
    told = set().union(*(k.with_ for k in counted)) if counted else set()
    missing = tuple(sorted(who_has_a_say(child) - told))
    return Informed(ok=bool(who_has_a_say(child)) and not missing, missing=missing, talks=counted)
