"""Veilig Thuis as seed 003 ("9 vragen") describes it, judged for the players who deal with it:
an urgent mark on a report is a claim checked against what the reporter knew (vraag 1 and 7: acute or
structural unsafety, the one definition in scoring.units.steps.acute_unsafety), and a
professional who answers Veilig Thuis during an investigation first discusses it with the parents and
with a child of 12 or older (vraag 6) — after Veilig Thuis asked, about this answer. A share about which
the family was never informed at all is P-informed's finding (scoring.claims), not a second one here.
The computer-played side lives in sim.veilig_thuis."""

from __future__ import annotations

from typing import Any

from scoring.ledger import INFORMS_OF_SHARING
from scoring.units.base import RuleUnit
from scoring.units.steps import acute_unsafety
from sim.veilig_thuis import CHILD_SAYS_AT


class VeiligThuisUnit(RuleUnit):
    """T-vt-urgent and P-vt-answer-discussed."""

    rules = ("T-vt-urgent", "P-vt-answer-discussed")

    def __init__(self, scorer: Any) -> None:
        super().__init__(scorer)
        self.asked: dict[tuple[str, str], float] = {}
        """(asked role, child) -> when Veilig Thuis asked it for information during an investigation"""
        self.vt = {r.id for r in self.sc.roles if r.kind == "veilig_thuis"}

    def record(self, record: dict[str, Any], t: float) -> None:
        """Remember Veilig Thuis's requests to professionals (sim.veilig_thuis.ask_professionals)."""
        if record.get("type") == "vt_request":
            self.asked.setdefault((record["role"], record["child"]), t)

    def action(self, role: str, a: dict[str, Any], t: float, child: str) -> None:
        """An urgent report, or a share that answers Veilig Thuis's request."""
        do = a["do"]
        if do == "report_veilig_thuis" and a.get("urgent"):
            self.add("T-vt-urgent", acute_unsafety(self.ledger, role, child, t), t, role, child=child)
        if do == "share" and a.get("to") in self.vt and (role, child) in self.asked:
            asked_at = self.asked.pop((role, child))
            missing = self._not_discussed(role, child, asked_at, t)
            told = self.ledger.informed(role, child, t, INFORMS_OF_SHARING, a.get("facts", ()))
            if missing and not told.ok:
                return  # the family was not informed at all: P-informed says so; one fault, one finding
            self.add("P-vt-answer-discussed", not missing, t, role, child=child, extra=", ".join(missing) or None)

    def _not_discussed(self, role: str, child: str, since: float, t: float) -> list[str]:
        """Who of the parents (and the child from 12) the role did not talk with between Veilig
        Thuis's request and its answer (any purpose: the talk is about what will be told)."""
        person = self.sc.person_by_id[child]
        needed = list(person.gezag) + ([child] if (person.age or 0) >= CHILD_SAYS_AT else [])
        told = set()
        for k in self.ledger.talks:
            if k.role == role and k.child == child and since <= k.t <= t:
                told |= set(k.with_)
        return [p for p in needed if p not in told]
