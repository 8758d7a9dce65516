"""The shape of a rule unit (scoring.units): hooks the judge calls, and a way to write findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scoring.judge import LiveScorer
    from scoring.ledger import Ledger
    from sim.model import Scenario

_REGISTRY: list[type[RuleUnit]] = []


def registered() -> list[type[RuleUnit]]:
    """The unit classes defined so far, in definition order."""
    return list(_REGISTRY)


class RuleUnit:
    """One rule (or a few rules that share their state) judging a session from the ledger.

    Subclasses override the hooks they need; the judge calls them after the ledger took the record in.
    A unit reads `self.ledger` and `self.sc`, keeps its own state on `self`, and writes findings with
    `self.add(rule_id, ok, t, role, **fill)` (the same filling as the judge's own findings)."""

    rules: tuple[str, ...] = ()
    """The rule ids this unit writes (checked against the catalogue by the tests)."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.__name__.startswith("_"):
            _REGISTRY.append(cls)

    def __init__(self, scorer: LiveScorer) -> None:
        self.scorer = scorer

    @property
    def ledger(self) -> Ledger:
        """What the session log says happened (scoring.ledger)."""
        return self.scorer.ledger

    @property
    def sc(self) -> Scenario:
        """The scenario being played."""
        return self.scorer.sc

    @classmethod
    def hears(cls, hook: str) -> bool:
        """Does this unit do anything on `hook` ("tick", "record", "action", "end")? The judge calls a
        hook only on the units that have their own (the others' does nothing)."""
        return getattr(cls, hook) is not getattr(RuleUnit, hook)

    def add(self, rule: str, ok: bool, t: float, role: str | None, **fill: Any) -> None:
        """Write a finding of `rule` (texts filled with display names, as the judge does)."""
        self.scorer._add(rule, ok, t, role, **fill)

    # ---- hooks ----------------------------------------------------------------------------------
    def tick(self, t: float) -> None:
        """Time has come to `t` (called before any handler of the record at `t`): for deadline rules,
        which judge what was due by then."""

    def record(self, record: dict[str, Any], t: float) -> None:
        """Any log record (learn, event, consent, meeting, vt_report, feedback, …)."""

    def action(self, role: str, a: dict[str, Any], t: float, child: str) -> None:
        """An action that took effect, by a role a player plays (`child`: the child it concerns, or "")."""

    def end(self, t: float) -> None:
        """The session ended (called once, after the judge's own end-of-session rules)."""
