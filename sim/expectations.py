"""The yardstick of a scenario: what a skilled team should do and when (expectations and their windows),
and the judge's didactic deadlines per scenario (thresholds). Part of the scenario model (sim.model
re-exports them)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from sim.actions import ACTION_IDS
from sim.fields import Frozen, Hours, Id, SeedRef, Text


class Window(Frozen):
    """When an expectation should be met: not before `earliest`, best by `ideal`, at the latest `latest`."""

    earliest: Hours = 0.0
    ideal: Hours
    latest: Hours

    @model_validator(mode="after")
    def _ordered(self) -> "Window":
        if not (self.earliest <= self.ideal <= self.latest):
            raise PydanticCustomError("window_order", "the window must have earliest <= ideal <= latest")
        return self


def action_fits(match: dict[str, str | bool], params: dict) -> bool:
    """Does an action's parameters fit an expectation's `match`? A setting that is a list (who was
    invited, whom a talk was about) fits when it holds the value (`match: {invite: ggz}`)."""
    for key, want in match.items():
        got = params.get(key)
        if isinstance(got, list):
            if str(want).lower() not in (str(g).lower() for g in got):
                return False
        elif str(got).lower() != str(want).lower():
            return False
    return True


COVERED_BY: dict[str, tuple[str, ...]] = {"advice_veilig_thuis": ("report_veilig_thuis", "advice_veilig_thuis")}
"""Steps that make an expected step unnecessary when taken before its latest moment (issue 17 review,
item 4). Meldcode stap 2 is consulting a colleague "en zo nodig" Veilig Thuis for advice (domain.md §4,
seed 003 VIR: "Wanneer VIR, wanneer Meldcode"): a professional who reports to Veilig Thuis has passed the
signals to the one who weighs them (seed 003, 9 vragen, vraag 1: a report always gets a safety assessment),
and one who asked its advice before the window opened has asked it. Such a duty is discharged — no
penalty, and no praise for a step not taken."""


class Expectation(Frozen):
    """What a skilled team should do, by whom, within which window — the yardstick for timeliness
    and feedback scoring (issue 4). `after_event` starts the window at that event instead of at 0."""

    id: Id
    text: Text
    roles: list[Id] = Field(min_length=1, description="any of these roles may meet it")
    do: Literal[ACTION_IDS]  # type: ignore[valid-type]
    match: dict[str, str | bool] = Field(default_factory=dict)
    window: Window
    after_event: Id | None = None
    dimension: Literal["timeliness", "feedback", "privacy"] = "timeliness"
    weight: float = Field(default=1.0, gt=0)
    optional: bool = Field(
        default=False, description="a good step the seeds allow but do not require (e.g. asking Veilig Thuis for "
        "advice when the VIR route is taken, seed 003): credit when done by the latest moment, never a penalty")
    source: SeedRef

    def fits(self, role: str, action: dict) -> bool:
        """Is this action by `role` the expected step: one of its roles, the right kind of step (a
        zorgmelding is a report, sim.actions.is_a) and the right object (`match`)? Timing is the caller's."""
        from sim.actions import is_a

        return role in self.roles and is_a(action.get("do"), self.do) and action_fits(self.match, action)

    def covered_by(self, role: str, action: dict) -> bool:
        """Does this action by `role` make the expected step unnecessary (COVERED_BY: a report to Veilig
        Thuis covers asking its advice)? One of its roles, a covering kind of step, about the expected
        child when the expectation names one. Timing (before the latest moment) is the caller's."""
        from sim.actions import is_a

        stronger = COVERED_BY.get(self.do, ())
        if role not in self.roles or not any(is_a(action.get("do"), kind) for kind in stronger):
            return False
        child = self.match.get("child")
        return child is None or str(action.get("child")).lower() == str(child).lower()


class Thresholds(Frozen):
    """The judge's didactic deadlines for this scenario, in days (issue 15, item 10). Neither the
    Meldcode nor the seeds name a number of days for these: the defaults in docs/regels.md are choices
    made for training, and a scenario may set its own (e.g. a shorter window for an acute case).
    Left out or empty: the rule's default."""

    silence_days: int | None = Field(
        default=None, ge=1, le=365,
        description="a role that knows safety signals takes a Meldcode step within this many days "
        "(P-meldcode-silence, and T-inaction/F-inaction for those signals); default 21")
    inaction_days: int | None = Field(
        default=None, ge=1, le=365,
        description="an owner of a missed duty who knew worries takes some step within this many days "
        "(T-inaction, F-inaction); default 21")
    bystander_days: int | None = Field(
        default=None, ge=1, le=365,
        description="two or more professionals who know worries about the family's children: one of them "
        "acts within this many days (F-bystander); default 14")
    stuck_days: int | None = Field(
        default=None, ge=1, le=365,
        description="a case with safety signals and no agreement on who acts is escalated within this many "
        "days (T-escalation); default 28")
    report_days: int | None = Field(
        default=None, ge=1, le=365,
        description="a role that knows structural unsafety reports to Veilig Thuis within this many "
        "days (T-meldcode-report); default 7")
    acute_report_days: int | None = Field(
        default=None, ge=1, le=365,
        description="a role that knows acute unsafety (a child's disclosure of violence at home, a police "
        "call-out to it) reports to Veilig Thuis within this many days (T-meldcode-acute); default 1")
