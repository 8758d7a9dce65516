"""A stuck case is escalated (seed 004 §3 and §7.3: opschalen, doorzettingsmacht).

A child about whom the team knows safety signals needs an agreement on who acts — a regisseur, a case
meeting, or help taken up after the signal was passed on — or an escalation, within the scenario's
`thresholds.stuck_days` (default: T-escalation's days) after the first signal. A team finding."""

from __future__ import annotations

from typing import Any

from scoring.thresholds import DAY, days
from scoring.units.base import RuleUnit

PASS_ON = frozenset({"share", "vir_register", "report_veilig_thuis"})
"""Steps that pass a signal on (seed 002 fig. 6): help taken up after one is an agreement on who acts."""
TAKE_UP = frozenset({"make_plan", "take_regie"})
"""Steps that take the help up (a plan, the regie)."""


class StuckCase(RuleUnit):
    """Per child with safety signals: who acts is agreed, or the case is escalated, in time."""

    rules = ("T-escalation",)

    def __init__(self, scorer: Any) -> None:
        super().__init__(scorer)
        self.done: set[str] = set()
        """children already judged"""
        self.passed_on: set[str] = set()
        """children whose signal a player passed on (share, VIR, report)"""
        self.taken_up: set[str] = set()
        """children whose help a player took up after it was passed on, not yet judged"""
        self.waiting: tuple[int, int, int] | None = None
        self.next_due = float("-inf")
        """the earliest deadline still open at the last look (`waiting`: what it depended on then)"""

    @property
    def window(self) -> int:
        """Days a case with signals may go without agreement (the scenario's, else the rule's)."""
        return days(self.sc, "stuck_days")

    def _signalled(self, child: str) -> list[float]:
        return [min(f.values()) for (_r, c), f in self.ledger.safety.items() if c == child and f]

    def tick(self, t: float) -> None:
        """A case whose help was taken up got moving; one whose deadline came without it was stuck. Until
        a new signal, a judged child or help taken up, nothing changes before the earliest deadline."""
        if t < self.next_due and self.waiting == self._look():
            return
        upcoming = [float("inf")]
        for child in self.ledger.signal_children():
            if child in self.done:
                continue
            if child in self.taken_up:
                self._agreed(child, t)
                continue
            due = min(self._signalled(child)) + self.window * DAY
            if t >= due:
                self.done.add(child)
                self.add("T-escalation", False, due, None, child=child, days=self.window)
            else:
                upcoming.append(due)
        self.waiting, self.next_due = self._look(), min(upcoming)

    def _look(self) -> tuple[int, int, int]:
        """What the stuck cases depend on besides the time: the signals known, children judged, help taken up."""
        return self.ledger.signals_noted, len(self.done), len(self.taken_up)

    def record(self, record: dict[str, Any], t: float) -> None:
        if record.get("type") in ("regisseur", "meeting"):  # who acts is agreed (seed 004 §7.3)
            self._agreed(record["child"], t)

    def action(self, role: str, a: dict[str, Any], t: float, child: str) -> None:
        do = a["do"]
        if do in PASS_ON and child:
            self.passed_on.add(child)
        elif do in TAKE_UP and child in self.passed_on:
            self.taken_up.add(child)
        elif do == "escalate" and child not in self.done and self._signalled(child):
            self.done.add(child)
            self.add("T-escalation", True, t, role, child=child)

    def _agreed(self, child: str, t: float) -> None:
        """Who acts is agreed (regisseur or meeting): the case is not stuck (seed 004 §7.3)."""
        if child not in self.done and self._signalled(child):
            self.done.add(child)
            self.add("T-escalation", True, t, None, child=child)
