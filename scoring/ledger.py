"""The ledger: what the session log says happened, kept once for every rule (issue 14, Shape).

Who knew what and when, who talked with whom about which child and what for (and, since issue 15,
about which step and recipient), which consents were given per child and person for which purpose
and recipient, how high the family's risk was, and when each role last took a step.
It is built record by record (live, batch and replay alike) and rules only read it: a claim in an
action ("informed", "documented") is checked against the ledger, never believed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scoring.signals import FactSignals, signals_of
from sim.claims import (
    INFORMS_OF_REPORT,
    INFORMS_OF_SHARING,
    Informed,
    Talk,
    informed_before,
    talk_from_action,
)
from sim.consent import ConsentAnswer, consented_for, general_reach
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
    consent_answers: list[ConsentAnswer] = field(default_factory=list)
    """Every consent answer with who asked it, what for and for whom (issue 15: per purpose and recipient)."""
    current: dict[str, Any] | None = None
    """The team's action record fed last (the step the rules are judging now)."""
    last: dict[str, Any] | None = None
    """The record fed last, of any kind (the record the rules are judging now)."""
    risk: list[tuple[float, float]] = field(default_factory=list)
    """(time, level) as the engine logged it"""
    steps: dict[str, list[tuple[float, str, dict[str, Any]]]] = field(default_factory=dict)
    """role -> [(time, action id, parameters)] of the role's own actions that took effect"""
    regisseur: dict[str, list[tuple[float, str]]] = field(default_factory=dict)
    """child -> [(when, role)] every regisseur the VIR or a meeting assigned"""
    safety: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)
    """(player's role, child) -> safety fact -> when the role first knew it (the Meldcode's signals)"""
    learned: int = 0
    """How many times a role came to know a fact it did not know (the size of `knew`, kept as it grows)"""
    latest: float = float("-inf")
    """The latest time of any record fed so far"""
    in_order: bool = True
    """Every record came with its time, at or after the one before (as the engine writes them): then all
    the ledger holds happened by the time of the record being judged, and a rule that found nothing in
    the same knowledge before need not look again. Rules look every time once a record came out of order."""
    learners: list[str] = field(default_factory=list)
    """The role of each fact learned, in the order learned (`learned` long): who learned since a mark"""
    signals_noted: int = 0
    """How many safety signals `safety` holds (it changes only when this grows)"""
    worry_changes: int = 0
    """How often a role's first worry about the family (`knew_about(role, None, …)`) changed"""

    def __post_init__(self) -> None:
        self.signals: FactSignals = signals_of(self.sc)
        """the scenario's facts as the rules weigh them (scoring.signals), worked out once per scenario"""
        self._first_worry: dict[str, float] = {}
        """role -> the first time it knew anything worrying (no identity data) about any child"""
        self._last_learned: dict[str, float] = {}
        """role -> the latest time among the facts it knows (whether `_first_worry` is all before a moment)"""

    def feed(self, record: dict[str, Any]) -> None:
        """Take one record into the ledger (the header sets the players)."""
        if "format" in record and "type" not in record:
            self.players = set(record.get("players", []))
            return
        kind, t = record.get("type"), float(record.get("t", 0.0))
        self.last = record
        if t < self.latest or "t" not in record:
            self.in_order = False
        self.latest = max(self.latest, t)
        if kind == "learn" and record.get("fact") in self.sc.fact_by_id:
            known = self.knew.setdefault(record["role"], {})
            if record["fact"] not in known:
                self._learn(record["role"], record["fact"], t, known)
            if self.sc.fact_by_id[record["fact"]].safety and self.team(record["role"]):
                key = (record["role"], self.child_of([record["fact"]]))
                signals = self.safety.setdefault(key, {})
                if record["fact"] not in signals:
                    signals[record["fact"]] = t
                    self.signals_noted += 1
        elif kind == "incident" and record.get("happened"):
            self.events.setdefault(record.get("incident") or self.sc.incident.id, t)  # a duty may follow the incident
        elif kind == "intervention" and record.get("intervention"):
            self.events.setdefault(record["intervention"], t)  # … or an intervention
        elif kind == "event":
            self.events.setdefault(record["event"], t)
            for role in record.get("observed_by", []):
                self.observed.setdefault(role, {}).setdefault(record["event"], t)
        elif kind == "consent":
            self.consents.setdefault(record["child"], {}).setdefault(record["person"], []).append(
                (bool(record["given"]), t, frozenset(record.get("share_with") or ())))
            self.consent_answers.append(ConsentAnswer(
                record["child"], record["person"], bool(record["given"]), t, record.get("asked_by"),
                record.get("about") or None, frozenset(record.get("share_with") or ())))
        elif kind == "regisseur":
            self.regisseur.setdefault(record["child"], []).append((t, record["role"]))
        elif kind == "risk":
            self.risk.append((t, float(record["level"])))
        elif kind == "action" and self.team(record["role"], record.get("by", "player")):
            a = record["action"]
            self.current = record
            self.steps.setdefault(record["role"], []).append((t, a["do"], a))
            child = self.sc.person_by_id.get(a.get("child", ""))
            talk = talk_from_action(t, record["role"], a, child) if child is not None else None
            if talk is not None:
                self.talks.append(talk)

    def _learn(self, role: str, fact: str, t: float, known: dict[str, float]) -> None:
        """`role` comes to know `fact` at `t` for the first time: note it, and keep the summaries of what
        the role knows up to date (so that rules need not go through all it knows at every record)."""
        known[fact] = t
        self.learned += 1
        self.learners.append(role)
        self._last_learned[role] = max(self._last_learned.get(role, t), t)
        if fact not in self.signals.identity and (role not in self._first_worry or t < self._first_worry[role]):
            self._first_worry[role] = t
            self.worry_changes += 1

    # ---- questions rules ask -------------------------------------------------------------------
    def child_of(self, facts: list[str]) -> str:
        """The child a set of facts is about: the first child named, else the family's first child
        (a fact about a parent is a worry about the children)."""
        kids = self.signals.kids
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
        return self.signals.concerns(fact_id, child)

    def knew_about(self, role: str, child: str | None, before: float, safety: bool = False) -> float | None:
        """When `role` first knew something worrying about `child` (any child when None), if before
        `before`; only safety signals when `safety`."""
        if child is None and not safety and self._last_learned.get(role, before) <= before:
            return self._first_worry.get(role)  # everything the role knows came by `before`: kept as it grew
        sig = self.signals
        times = [t for f, t in self.knew.get(role, {}).items()
                 if t <= before and sig.concerns(f, child) and (not safety or f in sig.safety)]
        return min(times) if times else None

    def knew_event(self, role: str, event: str, before: float) -> float | None:
        """When `role` knew of a world event (noticed it, or learned one of its facts), if before `before`."""
        times = [t for e, t in self.observed.get(role, {}).items() if e == event and t <= before]
        ev = self.sc.event_by_id.get(event)
        inc = self.sc.incident
        ivs = {iv.id: iv for iv in self.sc.interventions}
        facts = ev.facts if ev is not None else inc.facts if event == inc.id else \
            ivs[event].facts if event in ivs else []
        told = inc.observed_by if event == inc.id else ivs[event].tell if event in ivs else []
        if role in told and event in self.events and self.events[event] <= before:
            times.append(self.events[event])  # the incident's observers, an intervention's addressees
        times += [t for f, t in self.knew.get(role, {}).items() if f in facts and t <= before]
        return min(times) if times else None

    def informed(self, role: str, child: str, t: float, purposes: frozenset[str] = INFORMS_OF_SHARING,
                 facts: tuple[str, ...] | list[str] = (), step: str | None = None, to: str | None = None) -> Informed:
        """Had `role` told everyone with a say about `child` (by age) before `t`, after it knew the
        `facts` it now passes on, in talks about this step (`step`: share or report) and recipient
        (`to`)? (sim.claims; issue 15, item 9: inform about *this*.) When `step` is not given it is the
        step of `purposes` (report for INFORMS_OF_REPORT, else share) and the recipient that of the
        action being judged (the `to` of the share `role` takes at `t`)."""
        person = self.sc.person_by_id.get(child)
        if person is None:
            return Informed(ok=False, missing=(), talks=())
        if step is None:
            step = "report" if purposes == INFORMS_OF_REPORT else "share"
        if to is None and step == "share" and self.current is not None and self.current.get("role") == role \
                and float(self.current.get("t", -1.0)) == t:
            to = self.current["action"].get("to")
        known = [self.knew.get(role, {}).get(f) for f in facts]
        since = max((k for k in known if k is not None), default=0.0)
        return informed_before(self.talks, role, person, t, purposes, since=since, step=step, to=to)

    def talked(self, role: str, child: str, t: float) -> bool:
        """Any talk of `role` with the family about `child` at or before `t` (Meldcode step 3)."""
        return any(k.role == role and k.child == child and k.t <= t for k in self.talks)

    def consulted(self, role: str, child: str, t: float) -> bool:
        """Meldcode step 2 before `t`: a colleague, Veilig Thuis (advice), the VIR or a partner."""
        steps = ("consult_colleague", "consult_anonymous", "advice_veilig_thuis", "vir_register", "share",
                 "case_meeting")
        return any(s_t <= t and do in steps and (a.get("child") in (None, child))
                   for s_t, do, a in self.steps.get(role, []))

    def consent_given(self, child: str, to: str | None = None, purpose: str | None = None,
                      asker: str | None = None, explicit: bool = False) -> set[str]:
        """The persons whose latest answer covering information about `child` going to `to` for
        `purpose` (share, meeting, request; None: any), asked by `asker` (None: anyone), was yes
        (sim.consent.covers; seed 003, 7 tips: consent is for a purpose and a recipient). A consent in
        general (nothing named, as in logs from before issue 15) covers any purpose and any recipient
        who helps the child (sim.consent.general_reach: its care providers and school, not the police
        or justice; tip 3) — except where `explicit` consent is needed, as for breaking professional
        secrecy. `to` None: any answer counts."""
        return consented_for(self.consent_answers, child, to, purpose, asker, explicit, general_reach(self.sc, to))

    def documented(self, role: str, do: str, child: str, t: float) -> bool:
        """Did `role`'s latest `do` step about `child` at or before `t` carry its weighing (a non-empty
        `considerations`; seed 003, 7 tips: afwegingen vastleggen)? A meeting is weighed when planned."""
        steps = [a for s_t, d, a in self.steps.get(role, []) if d == do and s_t <= t and a.get("child") == child]
        return bool(steps) and bool(str(steps[-1].get("considerations") or "").strip())

    def level_at(self, t: float) -> float:
        """The family's risk level at `t` (the last logged level, else the scenario's start level)."""
        level = self.sc.risk.start
        for r_t, r_level in self.risk:
            if r_t <= t:
                level = r_level
        return level

    def unsafe_known(self, role: str, child: str, t: float) -> bool:
        """Acute or structural unsafety known to `role` about `child` at `t` (Meldcode stap 4; seed 003,
        9 vragen, vraag 2 and 7) — the one definition the Meldcode rules use
        (scoring.units.steps.acute_unsafety): a safety signal learned while the risk stood at or above
        `risk.urgent_at`, or violence at home brought to light by a disclosure or a police call-out.
        Conflict of duties (scoring/bases.yaml, `danger`) and the lighter way first (P-subsidiarity-share)
        rest on it too."""
        # the Meldcode's definition, imported here: scoring.units.steps imports the ledger
        from scoring.units.steps import acute_unsafety

        return acute_unsafety(self, role, child, t)
