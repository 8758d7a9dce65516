"""A basis must fit the recipient and the purpose (issue 15, item 3), and a request asks only what the
own task needs (issue 15, item 4). Seed 003, 7 tips (tip 1: grondslag; tip 6: bewaak je taak; VIR:
uitzonderingen goed hulpverlenerschap en conflict van plichten); domain.md §6.

P-basis-fit: the claimed basis of a share, a request or a case meeting is checked against the bases
table (scoring/bases.yaml, read by scoring.bases): the Meldcode covers consultation and the report to
Veilig Thuis, not passing GGZ data to the police; goed hulpverlenerschap reaches only the care partners
of this child; conflict of duties needs danger, a written weighing and a recipient who can act.
Consent is judged per purpose and recipient by P-consent-age (scoring.privacy). A request judged here
names the facts it asks for; one that names none asks the holder what the requester's task needs, and
the holder weighs its own basis (sim.npc.answer_request).

P-request-task: a request names only facts the requester's own task needs (facts' `needed_by`); a
teacher asking the GGZ for the mother's diagnosis is a finding, whatever talk or basis came before."""

from __future__ import annotations

from typing import Any

from scoring.bases import Fit, fits
from scoring.rules import RULES
from scoring.units.base import RuleUnit
from sim.consent import under_secrecy

JUDGED = {"meldcode", "conflict_of_duties", "goed_hulpverlenerschap", "ots", "legal_duty"}
"""Bases judged for their fit here (consent: P-consent-age; none: P-basis)."""


class BasisFit(RuleUnit):
    """P-basis-fit for shares, requests and case meetings convened by a player's role."""

    rules = ("P-basis-fit",)

    def _judge(self, do: str, role: str, sharer: str, to: str, basis: str, t: float, child: str,
               facts: list[str], documented: bool) -> None:
        secret = any(under_secrecy(self.sc, f, sharer, to) for f in facts)
        fit = fits(self.ledger, basis, sharer, to, child, t, secret=secret, documented=documented)
        shown = sharer if do == "request_info" else to
        self._write(fit, do, role, shown, basis, t)

    def _write(self, fit: Fit, do: str, role: str, to: str, basis: str, t: float) -> None:
        rule = RULES["P-basis-fit"]
        step = (rule.parts or {})[do]
        why = fit.why or {"nl": "", "en": ""}
        fill = {"role": role, "to": to, "extra": basis}
        nl = {k: self.scorer._name(k, v, "nl") for k, v in fill.items()} | {"step": step["nl"], "why": why["nl"]}
        en = {k: self.scorer._name(k, v, "en") for k, v in fill.items()} | {"step": step["en"], "why": why["en"]}
        self.scorer.findings.append(rule.finding(fit.ok, t, role, fill_en=en, texts_nl=nl,
                                                 cite=None if fit.ok else fit.cite))

    def action(self, role: str, a: dict[str, Any], t: float, child: str) -> None:
        """A share (role → to) or a request (the holder → role) on a basis other than consent."""
        basis = a.get("basis", "none")
        if basis not in JUDGED or not child:
            return
        documented = bool(str(a.get("considerations") or "").strip())
        if a["do"] == "share":
            self._judge("share", role, role, a["to"], basis, t, child, list(a.get("facts", [])), documented)
        elif a["do"] == "request_info" and a.get("facts"):  # asking for nothing named leaves the holder to weigh
            self._judge("request_info", role, a["from"], role, basis, t, child, list(a.get("facts", [])),
                        documented)

    def record(self, record: dict[str, Any], t: float) -> None:
        """A case meeting took place: its basis must fit everyone the convener brought to the table."""
        if record.get("type") != "meeting":
            return
        convener, basis, child = record.get("convener", ""), record.get("basis", "none"), record.get("child", "")
        present = [r for r in record.get("present", []) if r != convener]
        said = any(record.get("said", {}).values())
        if basis not in JUDGED or not said or not self.scorer._team(convener) \
                or self.scorer._internal(set(present) | {convener}):
            return
        documented = self.ledger.documented(convener, "case_meeting", child, t)
        for to in present:
            facts = [f for f in record.get("said", {}).get(convener, [])]
            self._judge("case_meeting", convener, convener, to, basis, t, child, facts, documented)


class RequestTask(RuleUnit):
    """P-request-task: a request asks only what the requester's own task needs (tip 6)."""

    rules = ("P-request-task",)

    def action(self, role: str, a: dict[str, Any], t: float, child: str) -> None:
        """A request naming facts: each must be needed by the requester (`needed_by`)."""
        if a["do"] != "request_info" or not a.get("facts"):
            return
        outside = [f for f in a["facts"] if f in self.sc.fact_by_id and role not in self.sc.fact_by_id[f].needed_by]
        self.add("P-request-task", not outside, t, role, to=a["from"], facts=", ".join(outside))
