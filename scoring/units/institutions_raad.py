"""What a professional asks of the Raad voor de Kinderbescherming (seed 004 §7.5): an investigation into
whether a supervision order is feasible, not "an OTS" — only the Raad asks the juvenile judge for one.
The computer-played Raad answers in sim.raad."""

from __future__ import annotations

from typing import Any

from scoring.units.base import RuleUnit


class RaadRequestUnit(RuleUnit):
    """T-raad-onderzoek: the request to the Raad is an investigation (praise) or an OTS (a finding)."""

    rules = ("T-raad-onderzoek",)

    def __init__(self, scorer: Any) -> None:
        super().__init__(scorer)
        self.judged: set[tuple[str, str, str]] = set()

    def action(self, role: str, a: dict[str, Any], t: float, child: str) -> None:
        """An escalation to the Raad with request `onderzoek` or `ots` (once per role, child and request)."""
        if a["do"] != "escalate" or a.get("to") != "raad" or a.get("request") not in ("onderzoek", "ots"):
            return
        key = (role, child, a["request"])
        if key in self.judged:
            return
        self.judged.add(key)
        self.add("T-raad-onderzoek", a["request"] == "onderzoek", t, role, child=child)
