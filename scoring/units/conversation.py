"""Conversations with choices, judged from what was said (issue 17, item 6; scoring/rulebook/conversations.yaml).

The engine logs every step of a conversation as a `conversation` record: who said what to whom, with the
marks the scenario gave the choice (sim.conversation_model.Mark). Three rules read them:

- P-conversation-secrecy: promising a child or a parent secrecy is a promise you cannot keep when a
  child's safety is at stake (seed 003, 7 tips, tip 3 and the stappenplan: the client is told when you
  share, also without consent; the Meldcode). Praise for a talk with a child that explains instead.
- P-child-view: a talk with a child of 12 or older in which nothing is asked of the child's own view
  (seed 003, 7 tips: from 12 the child has a say) — judged when the talk ends, or at the session's end.
- F-conversation-opening: how a talk with the family opened — praise where the scenario marks the
  opening as the right one, a warning for a reproach or small talk (seed 003, 7 tips, tip 4).
- F-conversation-reproach: a reproach or threat later in a talk with the family (a closing line such as
  "otherwise I will take further steps") — a warning, once per conversation (issue 17 review, item 9)."""

from __future__ import annotations

from typing import Any

from scoring.units.base import RuleUnit

CHILD_HAS_A_SAY = 12
"""From this age a child decides along (seed 003, 7 tips: "Let op de leeftijd")."""


class Conversations(RuleUnit):
    """Per player's role and conversation: the opening, promises of secrecy, the child's own view."""

    rules = ("P-conversation-secrecy", "P-child-view", "F-conversation-opening", "F-conversation-reproach")

    def __init__(self, scorer: Any) -> None:
        super().__init__(scorer)
        self.said: dict[tuple[str, str], list[dict[str, Any]]] = {}
        """(role, conversation) -> its conversation records so far"""
        self.judged: set[tuple[str, str]] = set()
        self.reproached: set[tuple[str, str]] = set()
        """(role, conversation) whose reproach after the opening was judged (once per conversation)"""

    def _who(self, r: dict[str, Any]) -> dict[str, str]:
        conv = self.sc.conversation_by_id.get(r.get("conversation", ""))
        person = conv.person if conv is not None and conv.person else None
        if person is None and r.get("with") == "child":
            person = r.get("child")
        if person in self.sc.person_by_id:
            name = self.sc.person_by_id[person].name
            return {"nl": name, "en": name}
        if r.get("with") == "parents":
            return {"nl": "de ouders", "en": "the parents"}
        return {"nl": "de ander", "en": "the other side"}

    def _add(self, rule: str, ok: bool, t: float, r: dict[str, Any], said: dict[str, str] | None = None,
             **extra: dict[str, str]) -> None:
        who = self._who(r)
        said = said or r.get("say") or {"nl": "-", "en": "-"}
        child = self.sc.person_by_id.get(r.get("child", ""))
        about = {"nl": "", "en": ""} if child is None or r.get("with") == "child" else \
            {"nl": f" over {child.name}", "en": f" about {child.name}"}
        nl = {"who": who["nl"], "said": said["nl"], "about": about["nl"], **{k: v["nl"] for k, v in extra.items()}}
        en = {"who": who["en"], "said": said["en"], "about": about["en"], **{k: v["en"] for k, v in extra.items()}}
        self.add(rule, ok, t, r["role"], child=r.get("child"), texts_nl=nl, fill_en=en)

    def record(self, record: dict[str, Any], t: float) -> None:
        if record.get("type") != "conversation" or not self.ledger.team(record.get("role", "")):
            return
        key = (record["role"], record["conversation"])
        steps = self.said.setdefault(key, [])
        steps.append(record)
        marks = set(record.get("marks") or ())
        if len(steps) == 1 and record.get("with") in ("parents", "child"):
            self._opening(record, t, marks)
        elif "accuses" in marks and record.get("with") in ("parents", "child") and key not in self.reproached:
            self.reproached.add(key)  # the first reproach or threat after the opening (issue 17 review, item 9)
            self._add("F-conversation-reproach", False, t, record)
        if "promises_secrecy" in marks and record.get("with") in ("parents", "child") \
                and not any("promises_secrecy" in (s.get("marks") or ()) for s in steps[:-1]):
            self._add("P-conversation-secrecy", False, t, record)
        if record.get("ended"):
            self._ended(key, t)

    def _opening(self, r: dict[str, Any], t: float, marks: set[str]) -> None:
        """The first thing said to the family: the right opening, or a reproach or small talk."""
        if r.get("good"):
            self._add("F-conversation-opening", True, t, r)
            return
        rule = self.scorer_rule("F-conversation-opening")
        for mark in ("accuses", "small_talk"):
            if mark in marks:
                self._add("F-conversation-opening", False, t, r, how=rule.parts[mark])  # type: ignore[index]
                return

    def scorer_rule(self, rule_id: str):
        """The catalogue entry of a rule (its texts and parts)."""
        from scoring.rules import RULES

        return RULES[rule_id]

    def _ended(self, key: tuple[str, str], t: float) -> None:
        """A conversation with a child is over: was the child's view asked (12+)? Was sharing explained
        without a promise of secrecy?"""
        if key in self.judged:
            return
        self.judged.add(key)
        steps = self.said[key]
        first = steps[0]
        if first.get("with") != "child" or first.get("child") not in self.sc.person_by_id:
            return
        marks = [set(s.get("marks") or ()) for s in steps]
        age = self.sc.person_by_id[first["child"]].age
        if age >= CHILD_HAS_A_SAY:
            asked = [s for s, m in zip(steps, marks) if "asks_child_view" in m]
            age_text = {"nl": str(age), "en": str(age)}
            if asked:
                self._add("P-child-view", True, asked[0]["t"], first, said=asked[0].get("say"), age=age_text)
            else:
                self._add("P-child-view", False, t, first, said=steps[-1].get("say"), age=age_text)
        explained = [s for s, m in zip(steps, marks) if "explains_sharing" in m]
        if explained and not any("promises_secrecy" in m for m in marks):
            self._add("P-conversation-secrecy", True, explained[0]["t"], first, said=explained[0].get("say"))

    def end(self, t: float) -> None:
        """A conversation with a child begun but not finished is judged as it stands."""
        for key in sorted(self.said):
            self._ended(key, t)
