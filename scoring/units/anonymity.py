"""P-anonymous-recognised: who was consulted 'anonymously' and still recognised the family may do
nothing with that knowledge (seed 003, 7 tips, tip 2: "Als je dat toch denkt te weten, dan mag je niks
met die informatie doen").

The engine lets a recipient learn the facts of a traceable 'anonymous' consultation (sim.anonymity):
it recognised the family. This unit remembers, per role, the facts it knows only that way, and writes
a violation when the role passes such a fact on — a share, a report or a named advice call — unless it
has since come to know the fact another way (told in a share, a meeting or a message, or seen in an
event)."""

from __future__ import annotations

from typing import Any

from scoring.units.base import RuleUnit

CONFIDED = frozenset({"consult_anonymous", "advice_request"})
"""Routes by which a fact reaches a recipient 'anonymously' (a consultation; an advice call to a Veilig
Thuis played by a person). The computer-played Veilig Thuis is not judged."""


class RecognisedInConfidence(RuleUnit):
    """What a role knows only because it recognised the family in an 'anonymous' consultation, and
    whether it passes that on."""

    rules = ("P-anonymous-recognised",)

    def __init__(self, scorer: Any) -> None:
        super().__init__(scorer)
        self.confided: dict[str, dict[str, str]] = {}
        """role -> fact -> who consulted it 'anonymously' (the only way the role knows the fact)"""

    def record(self, record: dict[str, Any], t: float) -> None:
        """Note facts learned in confidence; forget them once the role knows them another way."""
        kind = record.get("type")
        if kind == "learn":
            role, fact = record.get("role", ""), record.get("fact", "")
            if record.get("via") in CONFIDED:
                self.confided.setdefault(role, {})[fact] = record.get("source") or ""
            else:
                self.confided.get(role, {}).pop(fact, None)
        elif kind == "message" and record.get("kind") not in CONFIDED:
            for fact in record.get("facts") or ():
                self.confided.get(record.get("to", ""), {}).pop(fact, None)
        elif kind == "event":
            event = self.sc.event_by_id.get(record.get("event", ""))
            for role in record.get("observed_by") or ():
                for fact in event.facts if event is not None else ():
                    self.confided.get(role, {}).pop(fact, None)

    def action(self, role: str, a: dict[str, Any], t: float, child: str) -> None:
        """A share, a report or a named advice call that passes on what the role knows only in confidence."""
        do = a.get("do")
        if do == "share":
            to = a.get("to")
        elif do == "report_veilig_thuis" or (do == "advice_veilig_thuis" and not a.get("anonymous", True)):
            to = "veilig_thuis"
        else:
            return
        confided = [f for f in a.get("facts") or () if f in self.confided.get(role, {})]
        if confided:
            self.add("P-anonymous-recognised", False, t, role, to=to, facts=", ".join(confided))
