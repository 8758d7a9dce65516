"""Per-session facts the report states and compares: a session's key moments in one small record."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from report.expert import StepTimes, expert_session, step_times
from report.knowledge import Knowledge, knowledge
from report.loops import Loop, Share, feedback_loops, shares
from report.scores import score_session
from report.session import SessionData
from report.timeline import LaneItem, lane_items, lane_roles


def day(t: float) -> int:
    """Day number of a simulated time (day 1 = the first day), as the game shows it."""
    return int(t // 24) + 1


@dataclass
class SessionFacts:
    """Everything the report says about one session, computed once from its log."""

    session: SessionData
    with_expert: bool = True
    expert_policy: str | None = None

    @cached_property
    def items(self) -> list[LaneItem]:
        """The swimlane marks of the session."""
        return lane_items(self.session)

    @cached_property
    def lane_roles(self) -> list[str]:
        """The roles that appear on the swimlane."""
        return lane_roles(self.session, self.items)

    @cached_property
    def knowledge(self) -> Knowledge:
        """Who knew which key fact when."""
        return knowledge(self.session)

    @cached_property
    def loops(self) -> list[Loop]:
        """Feedback loops opened (and closed) during the session."""
        return feedback_loops(self.session)

    @cached_property
    def shares(self) -> list[Share]:
        """Every passing on of case facts."""
        return shares(self.session)

    @cached_property
    def scored(self) -> dict[str, Any] | None:
        """Scores and findings from the scoring package, or None when it is not there."""
        return score_session(self.session)

    @cached_property
    def expert(self) -> SessionData | str:
        """The expert's session on the same seed, or why there is none."""
        return expert_session(self.session, self.expert_policy) if self.with_expert else "—"

    @cached_property
    def steps(self) -> list[StepTimes]:
        """The scenario's expected steps with the team's and the expert's times."""
        expert = self.expert if isinstance(self.expert, SessionData) else None
        return step_times(self.session.scenario, self.session, expert)

    @property
    def incident_at(self) -> float | None:
        """When the foreseeable incident happened (hours), None when prevented or unfinished."""
        out = self.session.outcome
        return out.get("incident_at") if out and out.get("incident") else None

    @property
    def first_report_at(self) -> float | None:
        """When the first report to Veilig Thuis was made (hours), or None."""
        return next((r["t"] for r in self.session.of_type("vt_report")), None)

    @property
    def player_actions(self) -> int:
        """How many actions the players took (NPC actions not counted)."""
        return sum(1 for r in self.session.of_type("action") if r.get("by") == "player")

    @property
    def loops_closed(self) -> int:
        """How many feedback loops were closed by the end."""
        return sum(1 for loop in self.loops if loop.closed is not None)
