"""The bystander effect as seed 003's VIR story tells it (issue 15, item 5).

"Ik ben niet betrokken bij de moeder, maar alleen bij Lisanne. Of: ik ben er niet voor Lisanne, maar
voor haar broer Lars. … Uiteindelijk gebeurt er dan helemaal niks." Professionals who each know worries
— not only safety signals — about children of the same family (brothers and sisters count together, as
the VIR links them) and of whom none acts: each of them is a bystander. From the moment a player's role
knows a worry and at least one other professional does too, some professional takes a step on the
family's case (consult, share, VIR, meeting, talk, report …; merely observing is no step) within the
scenario's `thresholds.bystander_days` (default: F-bystander's days). If nobody does, that is a
finding for each player's role that knew; a role whose own step broke the silence is praised."""

from __future__ import annotations

from typing import Any

from scoring.rules import join_names
from scoring.thresholds import DAY, days
from scoring.units.base import RuleUnit
from scoring.units.steps import MELDCODE_STEPS, knowledge_mark, step_child

ACTING = MELDCODE_STEPS - {"observe"}
"""Steps that bring a worry to someone: observing keeps it to oneself (the IB'er who worries "maar weet
niet wat ze ermee aan moet")."""


class Bystanders(RuleUnit):
    """Per player's role: did anyone who knew of the family's worries act, once two professionals knew?"""

    rules = ("F-bystander",)

    def __init__(self, scorer: Any) -> None:
        super().__init__(scorer)
        self.cache: tuple[tuple[str, int, int], dict[str, float]] | None = None
        self.waiting: tuple[tuple[str, int, int], int] | None = None
        """(knowledge mark, roles judged) at the last look, with the players then and the earliest
        window's end then (`next_due`): before it, with nothing changed, a look finds nothing due"""
        self.players: set[str] | None = None
        self.next_due = float("-inf")
        self.steps: list[tuple[float, str]] = []
        """(time, role) of every professional's step on the family's case in the session"""
        self.done: set[str] = {r.role for r in self.sc.vir.registered}
        """player's roles already judged; a role that signalled in the VIR before the scenario did act
        (the VIR is the seed's remedy), though its old signal is no step in another's window"""

    @property
    def window(self) -> int:
        """Days knowers may leave the family's worries (the scenario's, else the rule's)."""
        return days(self.sc, "bystander_days")

    def _professionals(self) -> list[str]:
        return [r.id for r in self.sc.roles if r.playable]

    def _knew(self, before: float, now: bool = False) -> dict[str, float]:
        """Professional -> when it first knew a worry about any child of the family, if before `before`
        (`now`: `before` is the present, when everything in the ledger was learned before it)."""
        mark = self._mark()
        if now and self.cache is not None and self.cache[0] == mark:
            return self.cache[1]  # nothing was learned since the last look that changes a first worry
        out = {}
        for role in self._professionals():
            first = self.ledger.knew_about(role, None, before)
            if first is not None:
                out[role] = first
        if now:
            self.cache = (mark, out)
        return out

    def _mark(self) -> tuple[str, int, int]:
        """Changes whenever what `_knew` says of the present can change: with the records in time order
        (the ledger's `in_order`) only when some role's first worry changes, else whenever anyone learns
        something or the risk moves (scoring.units.steps.knowledge_mark)."""
        if self.ledger.in_order:
            return ("worry", self.ledger.worry_changes, 0)
        return ("known", *knowledge_mark(self.ledger))

    def _since(self, role: str, knew: dict[str, float]) -> float | None:
        """When `role` knew a worry and at least one other professional did too."""
        others = [k for r, k in knew.items() if r != role]
        return max(knew[role], min(others)) if role in knew and others else None

    def tick(self, t: float) -> None:
        """Judge each player's role whose window has passed. Until someone learns something, a role is
        judged or the players change, nothing can come due before the earliest open window's end."""
        if t < self.next_due and self.waiting == (self._mark(), len(self.done)) \
                and self.players is self.ledger.players:
            return
        knew = self._knew(t, now=True)
        window = self.window * DAY
        upcoming = [float("inf")]
        for role in sorted(knew):
            if role in self.done or not self.ledger.team(role):
                continue
            since = self._since(role, knew)
            if since is None:
                continue
            if t < since + window:
                upcoming.append(since + window)
                continue
            self._judge(role, since, since + window)
        self.waiting, self.players = (self._mark(), len(self.done)), self.ledger.players
        self.next_due = min(upcoming)

    def record(self, record: dict[str, Any], t: float) -> None:
        """A step on the family's case is remembered; a player's role whose window is open and whose own
        step this is is judged at once (the praise comes when the step is taken, not when the window ends)."""
        kind = record.get("type")
        role = None
        if kind == "action" and record["action"].get("do") in ACTING and step_child(self.ledger, record["action"]):
            role = record["role"]
        elif kind == "meeting" and record.get("convener"):
            role = record["convener"]
        if role is None:
            return
        self.steps.append((t, role))
        if role not in self.done and self.ledger.team(role):
            since = self._since(role, self._knew(t, now=True))
            if since is not None and since <= t < since + self.window * DAY:
                self._judge(role, since, t)

    def end(self, t: float) -> None:
        """At the end: a role whose window is still open but who did act is praised; otherwise nothing
        is said yet."""
        knew = self._knew(t, now=True)
        for role in sorted(knew):
            since = self._since(role, knew)
            if role in self.done or not self.ledger.team(role) or since is None:
                continue
            own = [s for s, r in self.steps if r == role and s >= since]
            if own:
                self.done.add(role)
                self._praise(role, own[0], knew)

    def _judge(self, role: str, since: float, due: float) -> None:
        knew = self._knew(due)
        steps = [(s, r) for s, r in self.steps if since <= s <= due and r in knew]
        self.done.add(role)
        own = [s for s, r in steps if r == role]
        if own:
            self._praise(role, own[0], knew)
        elif not steps:
            self.add("F-bystander", False, due, role, days=self.window, **self._fill(role, knew, due))

    def _praise(self, role: str, step: float, knew: dict[str, float]) -> None:
        """Praise a step that broke the bystander effect — only when it was also timely from the role's own
        first worry: a role that kept its worry to itself longer than the window (and is told so by the
        silence rules) did not break the effect by acting when another professional finally knew too."""
        if step - knew[role] <= self.window * DAY:
            self.add("F-bystander", True, step, role, **self._fill(role, self._knew(step), step))

    def _fill(self, role: str, knew: dict[str, float], upto: float) -> dict[str, Any]:
        """The children the role knew worries about by `upto`, and the other professionals who knew too
        (`knew`: those who knew by `upto` — the praise for a step names only who knew when it was taken,
        the fault only who knew within the window)."""
        known = [f for f, k in self.ledger.knew.get(role, {}).items() if k <= upto]
        kids = [c.id for c in self.sc.children if any(self.ledger.concerns(f, c.id) for f in known)]
        names = {lang: join_names([self.sc.person_by_id[c].name for c in kids], lang) or "-" for lang in ("nl", "en")}
        others = ", ".join(r for r in sorted(knew) if r != role)
        return {"extra": others, "texts_nl": {"child": names["nl"]}, "fill_en": {"child": names["en"]}}
