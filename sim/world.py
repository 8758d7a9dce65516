"""The world state of a running session: what each role knows, what was done, what happened.

The engine changes it; conditions, NPC rules and role views read it. Knowledge is per role: a role
knows a fact only after observing it, being told, or receiving it through a share, a meeting, a
VIR match or a report (issue 3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sim.conditions import DoneFilter, MeetingFilter
from sim.consent import ConsentAnswer, consented_for
from sim.fields import Text


@dataclass(frozen=True)
class Knowing:
    """How a role came to know a fact: when, by which route, from whom."""

    t: float
    via: str
    source: str | None


@dataclass(frozen=True)
class Message:
    """An inbox item of a role: an observation, what someone said, a partner's message, a reply."""

    t: float
    kind: str
    sender: str
    text: Text
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class DoneAction:
    """An action that took effect: who, when, its parameters, and whether a person or the computer took it."""

    t: float
    role: str
    params: dict[str, Any]
    by: str


@dataclass
class WorldState:
    """Everything the simulation knows about the case at the current simulated time."""

    now: float = 0.0
    level: float = 0.0
    knowledge: dict[str, dict[str, Knowing]] = field(default_factory=dict)
    inbox: dict[str, list[Message]] = field(default_factory=dict)
    done: list[DoneAction] = field(default_factory=list)
    happened: dict[str, float] = field(default_factory=dict)
    softened: dict[str, bool] = field(default_factory=dict)
    """Per incident: whether what was in place *when it happened* softened it (issue 14, item 7)."""
    consent: dict[str, dict[str, bool]] = field(default_factory=dict)
    """child -> person -> latest answer, whatever it was asked for (the condition `consented`)."""
    consent_answers: list[ConsentAnswer] = field(default_factory=list)
    """Every answer with what and whom it was for (issue 15: consent per purpose and recipient)."""
    vir: dict[str, list[str]] = field(default_factory=dict)
    regisseur: dict[str, str] = field(default_factory=dict)
    involved: dict[str, set[str]] = field(default_factory=dict)
    handovers: dict[tuple[str, str], str] = field(default_factory=dict)
    vt_reports: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    required_consent: dict[str, frozenset[str]] = field(default_factory=dict)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    conversations: dict[tuple[str, str], str | None] = field(default_factory=dict)
    """(role, conversation) -> the node reached, None once the conversation is over (sim.conversations)."""
    conversation_history: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    """(role, conversation) -> what was said and answered, in order (for the role's view)."""
    looks: dict[tuple[str, str], str] = field(default_factory=dict)
    """(role, child) -> how the child looked when this role last observed it (sim.looks)."""

    # -- the condition vocabulary's questions -------------------------------------------------
    def knows(self, role: str, fact: str) -> bool:
        """Does `role` know `fact` now?"""
        return fact in self.knowledge.get(role, {})

    def anyone_knows(self, fact: str) -> bool:
        """Does any role know `fact` now?"""
        return any(fact in known for known in self.knowledge.values())

    def done_matching(self, flt: DoneFilter) -> bool:
        """Has an action that fits the filter taken effect?"""
        return any(flt.matches(d.role, d.params) for d in self.done)

    def event_happened(self, event_id: str) -> bool:
        """Has the world event, incident or intervention `event_id` happened?"""
        return event_id in self.happened

    def consent_given(self, child: str, person: str | None) -> bool:
        """Has `person` (or everyone who must, for the child's age) consented to sharing about `child`?"""
        given = self.consented(child)
        if person is not None:
            return person in given
        needed = self.required_consent.get(child, frozenset())
        return bool(needed) and needed <= given

    def consented_for(self, child: str, to: str | None = None, purpose: str | None = None,
                      asker: str | None = None, explicit: bool = False) -> set[str]:
        """Persons whose latest answer covering `to`, `purpose` and `asker` was yes (sim.consent.covers)."""
        return consented_for(self.consent_answers, child, to, purpose, asker, explicit)

    def vir_matched(self, child: str) -> bool:
        """Have two or more professionals registered this child in the Verwijsindex?"""
        return len(self.vir.get(child, [])) >= 2

    def meeting_took_place(self, flt: MeetingFilter) -> bool:
        """Has a case meeting fitting the filter taken place?"""
        return any(flt.matches(m) for m in self.meetings)

    # -- helpers for the engine and the views --------------------------------------------------
    def consented(self, child: str) -> set[str]:
        """Persons who gave consent to share about `child` (and have not refused since)."""
        return {person for person, given in self.consent.get(child, {}).items() if given}

    def note_contact(self, a: str, b: str) -> None:
        """Remember that two roles are in touch about the family (for the network map)."""
        self.involved.setdefault(a, set()).add(b)
        self.involved.setdefault(b, set()).add(a)
