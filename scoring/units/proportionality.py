"""Proportionality and subsidiarity of a share without consent (issue 15, item 3; seed 003, 7 tips:
stappenplan "Kan ik informatie delen?", vragen 4 en 5; tip 2 and 4; domain.md §6).

P-proportionality: who shares without consent on a conflict of duties, or breaks their own professional
secrecy without consent, gives only what is needed to end the danger — the safety signals — or what the
recipient needs for its own task (the scenario's `needed_by`: Veilig Thuis asking a therapist, vraag 6,
needs to know the mother is in treatment); no more. This agrees with P-minimisation, which asks the
same of every share. A case meeting is judged too (tip 6 and 7): at a table everyone present hears what
each speaker says, so a fact that is no safety signal must be needed by every one who heard it.

Both weigh only shares whose basis fits (scoring.bases): a basis that does not fit is already a fault
of its own (P-basis-fit), not counted twice.

P-subsidiarity-share: the least intrusive way first. Before sharing by name, without consent, with
another organisation, the professional asked the client for consent (tip 4) or consulted anonymously
(tip 2) — unless acute or structural unsafety was known (Meldcode stap 4; seed 003, 9 vragen, vraag 7),
when there is no time for the lighter way. Veilig Thuis, one's own colleagues and the Meldcode's
deskundigen (scoring/bases.yaml, `experts`) are consultation itself (Meldcode stap 2), never a breach
to be avoided. P-subsidiarity (scoring.privacy) says the same
for requests: ask the family before asking others."""

from __future__ import annotations

from typing import Any

from scoring.bases import fits, table
from scoring.deadlines import MEETING
from scoring.units.base import RuleUnit
from sim.consent import under_secrecy

WITHOUT_CONSENT = {"meldcode", "conflict_of_duties", "goed_hulpverlenerschap"}
"""Bases on which professionals share without the family's consent."""
LIGHTER_WAYS = {"consult_anonymous"}
"""Steps that reach the purpose without naming the family."""


def _fitting(unit: RuleUnit, role: str, a: dict[str, Any], t: float, child: str) -> bool:
    """The share's basis fits its recipient (scoring.bases); a basis that does not fit is P-basis-fit's
    finding, not weighed again here (one fault, one finding)."""
    secret = any(under_secrecy(unit.sc, f, role, a["to"]) for f in a.get("facts", []) if f in unit.sc.fact_by_id)
    documented = bool(str(a.get("considerations") or "").strip())
    return fits(unit.ledger, a.get("basis", "none"), role, a["to"], child, t, secret=secret, documented=documented).ok


class Proportionality(RuleUnit):
    """P-proportionality for shares without consent that breach secrecy or rest on a conflict of duties."""

    rules = ("P-proportionality",)

    def _fits(self, role: str, a: dict[str, Any], t: float, child: str) -> bool:
        return _fitting(self, role, a, t, child)

    def _weighed(self, basis: str, speaker: str, facts: list[str], to: str | None) -> list[str]:
        """The facts that must be proportional: every fact on a conflict of duties, else every fact under
        the speaker's own professional secrecy (`to` None: towards anyone at the table)."""
        facts = [f for f in facts if f in self.sc.fact_by_id]
        if basis == "conflict_of_duties":
            return facts
        return [f for f in facts if under_secrecy(self.sc, f, speaker, to)]

    def _needless(self, facts: list[str], hearers: list[str]) -> list[str]:
        """Facts that are no safety signal and that some hearer does not need for its own task."""
        out = []
        for f in facts:
            fact = self.sc.fact_by_id[f]
            if not fact.safety and any(h not in fact.needed_by for h in hearers):
                out.append(f)
        return out

    def action(self, role: str, a: dict[str, Any], t: float, child: str) -> None:
        """A share: on conflict of duties every fact, else every fact under the sharer's own secrecy,
        must be a safety signal or needed by the recipient for its task."""
        if a["do"] != "share" or a.get("basis", "none") in ("consent", "none"):
            return
        weighed = self._weighed(a.get("basis", "none"), role, list(a.get("facts", [])), a["to"])
        if not weighed or not self._fits(role, a, t, child):
            return
        extra = self._needless(weighed, [a["to"]])
        self.add("P-proportionality", not extra, t, role, to=a["to"], facts=", ".join(extra))

    def record(self, record: dict[str, Any], t: float) -> None:
        """A case meeting a player's role convened on a basis without consent whose basis fits everyone
        at the table (else P-basis-fit's finding): each speaker's facts — every one on a conflict of
        duties, else those under the speaker's own secrecy — must be a safety signal or needed by
        everyone else present."""
        if record.get("type") != "meeting":
            return
        convener, basis, child = record.get("convener", ""), record.get("basis", "none"), record.get("child", "")
        present = [r for r in record.get("present", []) if r in self.sc.role_by_id]
        if basis in ("consent", "none") or not child or not self.scorer._team(convener) \
                or self.scorer._internal(set(present) | {convener}):
            return
        said = {r: list(f) for r, f in record.get("said", {}).items() if f}
        own = said.get(convener, [])
        documented = self.ledger.documented(convener, "case_meeting", child, t)
        for to in present:
            if to == convener:
                continue
            secret = any(under_secrecy(self.sc, f, convener, to) for f in own if f in self.sc.fact_by_id)
            if not fits(self.ledger, basis, convener, to, child, t, secret=secret, documented=documented).ok:
                return
        for speaker, facts in sorted(said.items()):
            if not self.scorer._team(speaker):
                continue
            weighed = self._weighed(basis, speaker, facts, None)
            if not weighed:
                continue
            extra = self._needless(weighed, [r for r in present if r != speaker])
            self.add("P-proportionality", not extra, t, speaker, to=MEETING, facts=", ".join(extra))


class SubsidiarityShare(RuleUnit):
    """P-subsidiarity-share: asking consent or consulting anonymously before sharing by name."""

    rules = ("P-subsidiarity-share",)

    def _org(self, role: str) -> str:
        kind = self.sc.role_kind(role) if role in self.sc.role_by_id else None
        return kind.org if kind is not None else role

    def _tried(self, role: str, child: str, t: float) -> bool:
        """Asked the family for consent about this child, or consulted anonymously, before `t`."""
        for s_t, do, a in self.ledger.steps.get(role, []):
            if s_t > t:
                continue
            if do in ("talk_parents", "talk_child") and a.get("purpose") == "consent" and a.get("child") == child:
                return True
            if do in LIGHTER_WAYS or (do == "advice_veilig_thuis" and a.get("anonymous", True)):
                return True
        return False

    def action(self, role: str, a: dict[str, Any], t: float, child: str) -> None:
        """A share without consent with another organisation than one's own or Veilig Thuis."""
        to = a.get("to", "")
        if a["do"] != "share" or a.get("basis") not in WITHOUT_CONSENT or not child or to not in self.sc.role_by_id:
            return
        kind = self.sc.role_by_id[to].kind
        if kind == "veilig_thuis" or self._org(to) == self._org(role):
            return
        if a.get("basis") == "meldcode" and kind in table()["meldcode"].get("experts", []):
            return  # consulting the Meldcode's deskundige is itself the consultation (stap 2)
        if not _fitting(self, role, a, t, child):
            return  # a basis that does not fit is P-basis-fit's finding
        if self.ledger.unsafe_known(role, child, t):
            return  # acute or structural unsafety: no time for the lighter way (no finding either way)
        self.add("P-subsidiarity-share", self._tried(role, child, t), t, role, to=to, child=child)
