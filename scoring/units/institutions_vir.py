"""Acting on a Verwijsindex match (seed 003, VIR): registering is a start; who has a match contacts the
other professional involved — with consent for the child's age, or on the exceptions the seed names
(goed hulpverlenerschap, conflict van plichten, and then the Meldcode). That earns a positive finding.
That a registration holds identity only is enforced by the action itself (sim.actions.VirRegister)."""

from __future__ import annotations

from typing import Any

from scoring.bases import fits
from scoring.units.base import RuleUnit
from sim.consent import required_consenters, under_secrecy

BASES_WITHOUT_CONSENT = ("goed_hulpverlenerschap", "conflict_of_duties", "meldcode")
"""Bases on which matched professionals may consult without the family's consent (seed 003, VIR:
"Daarop zijn wel twee uitzonderingen … goed hulpverlenerschap … conflict van plichten … de Meldcode")."""


class VirMatchUnit(RuleUnit):
    """F-vir-match-used: a player's role contacted the other side of a match, on a valid ground."""

    rules = ("F-vir-match-used",)

    def __init__(self, scorer: Any) -> None:
        super().__init__(scorer)
        self.matched: dict[tuple[str, str], set[str]] = {}
        """(role, other registrant) -> the children the match (or the family link) is about"""
        self.praised: set[tuple[str, str]] = set()

    def record(self, record: dict[str, Any], t: float) -> None:
        """Matches and sibling links of the Verwijsindex (sim.npc.vir_register)."""
        if record.get("type") != "vir" or record.get("kind") not in ("match", "family_link"):
            return
        roles = list(record.get("roles", []))
        children = {record["child"]} | ({record["sibling"]} if record.get("sibling") else set())
        for r in roles:
            for o in roles:
                if r != o:
                    self.matched.setdefault((r, o), set()).update(children)

    def action(self, role: str, a: dict[str, Any], t: float, child: str) -> None:
        """A share, a request or a meeting with the other side of a match."""
        do = a["do"]
        others = {"share": [a.get("to")], "request_info": [a.get("from")],
                  "case_meeting": list(a.get("invite", []))}.get(do, [])
        for other in others:
            children = self.matched.get((role, other), set())
            about = [child] if child in children else (sorted(children) if not child else [])
            for c in about:
                if (role, c) in self.praised or not self._grounded(role, a, c, other, t):
                    continue
                self.praised.add((role, c))
                self.add("F-vir-match-used", True, t, role, child=c, to=other)

    def _grounded(self, role: str, a: dict[str, Any], child: str, other: str, t: float) -> bool:
        """Consent of everyone who must consent for this child's age, covering `other`; or a basis the
        seed allows without consent that fits this contact (scoring.bases, the verdict P-basis-fit gives:
        a "geldige grondslag" is one that fits recipient and purpose)."""
        basis = a.get("basis", "none")
        if basis in BASES_WITHOUT_CONSENT:
            sharer, to = (other, role) if a["do"] == "request_info" else (role, other)
            facts = [f for f in a.get("facts", []) if f in self.sc.fact_by_id]
            secret = any(under_secrecy(self.sc, f, sharer, to) for f in facts)
            documented = bool(str(a.get("considerations") or "").strip())
            return fits(self.ledger, basis, sharer, to, child, t, secret=secret, documented=documented).ok
        needed = required_consenters(self.sc.person_by_id[child])
        return bool(needed) and needed <= self.ledger.consent_given(child, other)
