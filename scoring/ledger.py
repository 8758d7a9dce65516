"""The ledger: what the session log says happened, kept once for every rule (issue 14, Shape).

Who knew what and when, who talked with whom about which child and what for, which consents were
given per child and person, how high the family's risk was, and when each role last took a step.
It is built record by record (live, batch and replay alike) and rules only read it: a claim in an
action ("informed", "documented") is checked against the ledger, never believed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sim.claims import (
    INFORMS_OF_REPORT,
    INFORMS_OF_SHARING,
    Informed,
    Talk,
    informed_before,
    talk_from_action,
)
from sim.model import Scenario

__all__ = ["INFORMS_OF_REPORT", "INFORMS_OF_SHARING", "Ledger"]


@dataclass
class Ledger:
    """Facts of the session, derived from the log records; rules read it, never write it."""

    sc: Scenario
    players: set[str] | None = None
    knew: dict[str, dict[str, float]] = field(default_factory=dict)
    """role -> fact -> first time the role knew it"""
    events: dict[str, float] = field(default_factory=dict)
    """world event -> when it happened"""
    observed: dict[str, dict[str, float]] = field(default_factory=dict)
    """role -> world event -> when the role noticed it"""
    talks: list[Talk] = field(default_factory=list)
    consents: dict[str, dict[str, list[tuple[bool, float, frozenset[str]]]]] = field(default_factory=dict)
    """child -> person -> every answer: (given, when, the professionals it was for; empty: in general)."""
    risk: list[tuple[float, float]] = field(default_factory=list)
    """(time, level) as the engine logged it"""
    steps: dict[str, list[tuple[float, str, dict[str, Any]]]] = field(default_factory=dict)
    """role -> [(time, action id, parameters)] of the role's own actions that took effect"""
    safety: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)
    """(player's role, child) -> safety fact -> when the role first knew it (the Meldcode's signals)"""

    def feed(self, record: dict[str, Any]) -> None:
        """Take one record into the ledger (the header sets the players)."""
        if "format" in record and "type" not in record:
            self.players = set(record.get("players", []))
            return
        kind, t = record.get("type"), float(record.get("t", 0.0))
        if kind == "learn" and record.get("fact") in self.sc.fact_by_id:
            self.knew.setdefault(record["role"], {}).setdefault(record["fact"], t)
            if self.sc.fact_by_id[record["fact"]].safety and self.team(record["role"]):
                key = (record["role"], self.child_of([record["fact"]]))
                self.safety.setdefault(key, {}).setdefault(record["fact"], t)
        elif kind == "event":
            self.events.setdefault(record["event"], t)
            for role in record.get("observed_by", []):
                self.observed.setdefault(role, {}).setdefault(record["event"], t)
        elif kind == "consent":
            self.consents.setdefault(record["child"], {}).setdefault(record["person"], []).append(
                (bool(record["given"]), t, frozenset(record.get("share_with") or ())))
        elif kind == "risk":
            self.risk.append((t, float(record["level"])))
        elif kind == "action" and self.team(record["role"], record.get("by", "player")):
            a = record["action"]
            self.steps.setdefault(record["role"], []).append((t, a["do"], a))
            child = self.sc.person_by_id.get(a.get("child", ""))
            talk = talk_from_action(t, record["role"], a, child) if child is not None else None
            if talk is not None:
                self.talks.append(talk)

    # ---- questions rules ask -------------------------------------------------------------------
    def child_of(self, facts: list[str]) -> str:
        """The child a set of facts is about: the first child named, else the family's first child
        (a fact about a parent is a worry about the children)."""
        kids = [c.id for c in self.sc.children]
        for f in facts:
            for p in self.sc.fact_by_id[f].about:
                if p in kids:
                    return p
        return kids[0] if kids else ""

    def signal_children(self) -> list[str]:
        """The children about whom a player knows safety signals."""
        return sorted({c for _, c in self.safety})

    def team(self, role: str, by: str = "player") -> bool:
        """A role played by a person of the team (the computer's actions are not judged)."""
        return by != "npc" and (self.players is None or role in self.players)

    def concerns(self, fact_id: str, child: str | None) -> bool:
        """A fact is about the child, or about the household (no child named): a worry about the
        child. Identity data (a name, an address) is no worry."""
        fact = self.sc.fact_by_id[fact_id]
        if fact.sensitivity == "identity":
            return False
        kids = {c.id for c in self.sc.children}
        named = set(fact.about) & kids
        return not named or child is None or child in named

    def knew_about(self, role: str, child: str | None, before: float, safety: bool = False) -> float | None:
        """When `role` first knew something worrying about `child` (any child when None), if before
        `before`; only safety signals when `safety`."""
        times = [t for f, t in self.knew.get(role, {}).items()
                 if t <= before and self.concerns(f, child) and (self.sc.fact_by_id[f].safety or not safety)]
        return min(times) if times else None

    def knew_event(self, role: str, event: str, before: float) -> float | None:
        """When `role` knew of a world event (noticed it, or learned one of its facts), if before `before`."""
        times = [t for e, t in self.observed.get(role, {}).items() if e == event and t <= before]
        ev = self.sc.event_by_id.get(event)
        if ev is not None:
            times += [t for f, t in self.knew.get(role, {}).items() if f in ev.facts and t <= before]
        return min(times) if times else None

    def informed(self, role: str, child: str, t: float, purposes: frozenset[str] = INFORMS_OF_SHARING,
                 facts: tuple[str, ...] | list[str] = ()) -> Informed:
        """Had `role` told everyone with a say about `child` (by age) before `t`, after it knew the
        `facts` it now passes on? (sim.claims)"""
        person = self.sc.person_by_id.get(child)
        if person is None:
            return Informed(ok=False, missing=(), talks=())
        known = [self.knew.get(role, {}).get(f) for f in facts]
        since = max((k for k in known if k is not None), default=0.0)
        return informed_before(self.talks, role, person, t, purposes, since=since)

    def talked(self, role: str, child: str, t: float) -> bool:
        """Any talk of `role` with the family about `child` at or before `t` (Meldcode step 3)."""
        return any(k.role == role and k.child == child and k.t <= t for k in self.talks)

    def consulted(self, role: str, child: str, t: float) -> bool:
        """Meldcode step 2 before `t`: a colleague, Veilig Thuis (advice), the VIR or a partner."""
        steps = ("consult_colleague", "consult_anonymous", "advice_veilig_thuis", "vir_register", "share",
                 "case_meeting")
        return any(s_t <= t and do in steps and (a.get("child") in (None, child))
                   for s_t, do, a in self.steps.get(role, []))

    def consent_given(self, child: str, to: str | None = None) -> set[str]:
        """The persons whose latest answer covering a share about `child` with `to` was yes. A consent
        asked for named professionals covers only them; one asked in general covers any recipient
        (seed 003, 7 tips: consent is for a purpose and a recipient). `to` None: any answer counts."""
        people = set()
        for person, answers in self.consents.get(child, {}).items():
            covering = [given for given, _t, scope in answers if to is None or not scope or to in scope]
            if covering and covering[-1]:
                people.add(person)
        return people

    def level_at(self, t: float) -> float:
        """The family's risk level at `t` (the last logged level, else the scenario's start level)."""
        level = self.sc.risk.start
        for r_t, r_level in self.risk:
            if r_t <= t:
                level = r_level
        return level

    def unsafe_known(self, role: str, child: str, t: float) -> bool:
        """Acute or structural unsafety known to `role` at `t` (Meldcode stap 4; seed 003, 9 vragen,
        vraag 2 and 7): the risk is at or above the level where Veilig Thuis treats a report as urgent
        (`risk.urgent_at`) and the role knows a safety signal about the child."""
        return self.level_at(t) >= self.sc.risk.urgent_at and self.knew_about(role, child, t, safety=True) is not None
