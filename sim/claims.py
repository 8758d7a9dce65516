"""Claims checked against what happened: was the family informed before a share or a report?

A player who ticks "parents informed" is not believed; what counts is a talk that took place (issue 14,
item 4). Before sharing about a child, the people with a say for the child's age are told (seed 003,
7 tips: "cliënt vooraf informeren", and who has a say by age: under 12 the parents with gezag, 12 to 15
the parents and the child, from 16 the young person). Before a report to Veilig Thuis the report is
discussed with the parents (seed 003, 9 vragen, vraag 2; Meldcode stap 3) — unless that would endanger
the child, which the professional must say, with a reason, and which holds only when acute or
structural unsafety is known to them.

Informing means informing about *this* (issue 15, item 9): a talk counts for a share or a report only when
it precedes it, concerns it and includes everyone the child's age requires. A talk says what it is about
(`about`: share, report, meeting, request, vir) and, where it matters, with whom (`share_with`). A talk
about a share with the smw does not count for a share with the police; a talk about a Verwijsindex
registration does not count for a report. A talk without a subject (old logs, or a player who said
nothing about it) is "in general": it counts as it always did — the family was told in general terms that
professionals work together — so old logs score as they did.

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


#: What a talk can be about (sim.actions.Subject) and the step each subject informs of: a talk about a
#: share counts for a share, one about a report for a report; the others count for neither.
STEP_OF_SUBJECT = {"share": "share", "report": "report", "meeting": "meeting", "request": "request", "vir": "vir"}
#: The steps whose informing the dialogs show and the judge checks, with the talk purposes that count.
STEPS = (("share", INFORMS_OF_SHARING), ("report", INFORMS_OF_REPORT))


@dataclass(frozen=True)
class Talk:
    """A conversation a professional held with family members about a child (a talk_parents or
    talk_child action that took effect): when, who, with whom, how (`purpose`), what about (`about`,
    None: in general) and, where named, which professionals it concerned (`recipients`)."""

    t: float
    role: str
    child: str
    with_: frozenset[str]
    purpose: str
    about: str | None = None
    recipients: frozenset[str] = frozenset()

    def concerns(self, step: str | None, to: str | None = None) -> bool:
        """Is this talk about the step (`share`, `report`, …; None: any) with `to` (None: anyone)? A talk
        in general concerns every step; one about a subject only that subject, and only the
        professionals it named (none named: any)."""
        if step is None or self.about is None:
            return True
        if STEP_OF_SUBJECT.get(self.about) != step:
            return False
        return to is None or not self.recipients or to in self.recipients

    def counts_for(self) -> list[str]:
        """The steps (share, report) this talk informs the family of, by its purpose and subject."""
        return [step for step, purposes in STEPS if self.purpose in purposes and self.concerns(step)]


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
    people = frozenset(talk_people(params, child))
    about = params.get("about") or None
    return Talk(t=t, role=role, child=child.id, with_=people, purpose=str(params.get("purpose") or "concern"),
                about=str(about) if about else None, recipients=frozenset(params.get("share_with") or ()))


def talk_people(params: dict, child: Person) -> list[str]:
    """Whom a talk action was held with: the child (talk_child); the one family member it names
    (`person`: a talk with mother alone tells mother, never the father — issue 17 review, item 2); or
    else the parents with gezag together."""
    if params.get("do") == "talk_child":
        return [child.id]
    return [params["person"]] if params.get("person") else list(child.gezag)


def who_has_a_say(child: Person) -> frozenset[str]:
    """The people to be told before professionals share about `child` (the same people whose consent
    the child's age asks for)."""
    return required_consenters(child)


def informed_before(talks: Iterable[Talk], role: str, child: Person, t: float,
                    purposes: frozenset[str] = INFORMS_OF_SHARING, since: float = 0.0,
                    step: str | None = None, to: str | None = None) -> Informed:
    """Had `role` itself told everyone with a say about `child`, in talks with one of `purposes`,
    at or before simulated time `t`, and not before `since`? A talk can only have been about what the
    professional knew then: pass as `since` the moment the role knew the last of the facts it now
    shares or reports, so a talk weeks earlier (about the Verwijsindex, say) does not count for a
    report of what came to light afterwards (seed 003, 9 vragen, vraag 2: "eerst bespreken").
    Pass the `step` (share, report) and its recipient `to` to count only talks about this step and
    recipient (issue 15, item 9: inform about *this*); talks in general still count."""
    counted = tuple(k for k in talks if k.role == role and k.child == child.id and since <= k.t <= t
                    and k.purpose in purposes and k.concerns(step, to))
    told = set().union(*(k.with_ for k in counted)) if counted else set()
    missing = tuple(sorted(who_has_a_say(child) - told))
    return Informed(ok=bool(who_has_a_say(child)) and not missing, missing=missing, talks=counted)
