"""Silence under the Meldcode (seed 003 VIR, domain.md §4; issue 14 item 1: inaction is scored).

A role of the team that knows safety signals about a child takes a Meldcode step within the scenario's
`thresholds.silence_days` (default: P-meldcode-silence's days). Its first step after the signals is
praise; no step by the deadline costs privacy (conflict of duties), timeliness (no step) and feedback
(the signal reached nobody). A VIR registration made before the scenario starts counts as a step."""

from __future__ import annotations

from typing import Any

from scoring.thresholds import DAY, days
from scoring.units.base import RuleUnit
from scoring.units.steps import MELDCODE_STEPS


class MeldcodeSilence(RuleUnit):
    """Per role and child: safety signals known, and a Meldcode step in time or not (seed 003 VIR)."""

    rules = ("P-meldcode-silence", "T-inaction", "F-inaction")

    def __init__(self, scorer: Any) -> None:
        super().__init__(scorer)
        self.acted: dict[str, float] = {}
        """role -> the time of its last step on the family's case"""
        self.done: set[tuple[str, str]] = set()
        """(role, child) already judged"""
        self.next_check = 0.0
        self.tables: dict[tuple[str, str], list[float]] = {}
        """(guest, child) -> when the guest sat at a table about the child convened by another"""
        for reg in self.sc.vir.registered:  # a VIR signal given before the scenario is a step taken
            at = max(reg.at, 0.0)  # it covers what the role knew when the scenario starts
            self.acted[reg.role] = max(self.acted.get(reg.role, at), at)

    @property
    def window(self) -> int:
        """Days a role may know safety signals without a step (the scenario's, else the rule's)."""
        return days(self.sc, "silence_days")

    def tick(self, t: float) -> None:
        """Judge every (role, child) whose deadline has come; nothing is computed between deadlines."""
        if t < self.next_check:
            return
        upcoming = [float("inf")]
        for (role, child), facts in sorted(self.ledger.safety.items()):
            if (role, child) in self.done or not facts:
                continue
            first = min(facts.values())
            due = first + self.window * DAY
            if self.acted.get(role, -1) >= first:
                continue
            if self._heard_at_a_table_that_took_it_up(role, child, first):
                self.done.add((role, child))  # the table was the step: nothing left undone, nothing to praise
                continue
            if t >= due:
                self.done.add((role, child))
                self._judge(role, child, due, False, facts=", ".join(sorted(facts)))
            else:
                upcoming.append(due)
        self.next_check = min(upcoming)

    def record(self, record: dict[str, Any], t: float) -> None:
        kind = record.get("type")
        if kind == "learn" and self.ledger.team(record.get("role", "")):
            fact = self.sc.fact_by_id.get(record["fact"])
            if fact is not None and fact.safety:
                self.next_check = min(self.next_check, t + self.window * DAY)
        elif kind == "meeting" and record.get("convener") and self.ledger.team(record["convener"]):
            # convening a table is consulting other organisations (Meldcode step 2); being invited is not
            # the guest's own step (issue 14: a passive role is not rescued by a partner's meeting)
            self._did(record["convener"], record["child"], t)
        if kind == "meeting":
            for guest in record.get("present", []):
                if guest != record.get("convener"):
                    self.tables.setdefault((guest, record["child"]), []).append(t)

    def _heard_at_a_table_that_took_it_up(self, role: str, child: str, first: float) -> bool:
        """Did `role` first hear the signals at a table about this child where the case was taken up (a
        regisseur agreed or already there)? Then that table was the Meldcode step (consulting, stap 2):
        a guest who knew the signals before and kept silent is not rescued by it (issue 14)."""
        if not any(t_m <= first <= t_m + 1.0 for t_m in self.tables.get((role, child), [])):
            return False
        return any(t_r <= first + 1.0 for t_r, _who in self.ledger.regisseur.get(child, []))

    def action(self, role: str, a: dict[str, Any], t: float, child: str) -> None:
        if a["do"] in MELDCODE_STEPS and child:
            self._did(role, child, t)

    def _did(self, role: str, child: str, t: float) -> None:
        """A role took a step on the family's case: no longer silent (Meldcode)."""
        self.acted[role] = t
        if (role, child) in self.ledger.safety and (role, child) not in self.done:
            self.done.add((role, child))
            self._judge(role, child, t, True)

    def _judge(self, role: str, child: str, t: float, ok: bool, facts: str = "") -> None:
        """Silence costs privacy (conflict of duties), timeliness (no step) and feedback (the signal never
        reached anyone) — inaction is not a neutral score."""
        for rid in self.rules:
            if ok:
                self.add(rid, True, t, role, child=child)
            else:
                self.add(rid, False, t, role, child=child, facts=facts, days=self.window)
