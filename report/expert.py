"""The expert path: the scenario's expert policy played with the same seed, beside the team's path.

The expert policy (scenarios/policies/<id>_expert.yaml) is a scripted skilled team, each step with its
rule or seed. Played headless in memory; the team's log is never touched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from report.session import SessionData
from sim.errors import ScenarioError
from sim.log import LogError
from sim.model import Expectation, Scenario
from sim.policy import policy_path
from sim.runner import play, resolve_policy


@dataclass(frozen=True)
class StepTimes:
    """An expected step of the scenario and when the team and the expert first took it (hours or None)."""

    expectation: Expectation
    team: float | None
    expert: float | None
    window_from: float
    ideal: float
    latest: float


def meets(exp: Expectation, rec: dict[str, Any]) -> bool:
    """Whether an action record is the expected step: by one of its roles, the right action and object."""
    return exp.fits(rec["role"], rec["action"])


def _anchor(exp: Expectation, records: list[dict[str, Any]]) -> float | None:
    """Time the expectation's window starts from: 0, or when its `after_event` happened (None: never)."""
    if not exp.after_event:
        return 0.0
    return next((r["t"] for r in records if (r.get("type") == "event" and r.get("event") == exp.after_event)
                 or (r.get("type") == "incident" and r.get("happened") and r.get("incident") == exp.after_event)
                 or (r.get("type") == "intervention" and r.get("intervention") == exp.after_event)), None)


def first_time(exp: Expectation, records: list[dict[str, Any]]) -> float | None:
    """When an action meeting this expectation first took effect (player or NPC), or None."""
    anchor = _anchor(exp, records)
    if anchor is None:
        return None
    return next((r["t"] for r in records if r.get("type") == "action" and r["t"] >= anchor and meets(exp, r)),
                None)


_EXPERT_CACHE: dict[tuple[str, int, str], tuple[dict[str, Any], ...]] = {}


def _expert_records(scenario: Scenario, seed: int, policy: str) -> tuple[dict[str, Any], ...]:
    """The expert session's records, header first (cached per scenario version, seed and policy)."""
    key = (scenario.content_hash, seed, policy)
    if key not in _EXPERT_CACHE:
        session, _refused = play(scenario, resolve_policy(scenario, policy), seed)
        _EXPERT_CACHE[key] = tuple(session.records)
    return _EXPERT_CACHE[key]


NO_POLICY = "no_expert_policy"


def expert_session(team: SessionData, policy: str | None = None) -> SessionData | str:
    """The expert's session on the same scenario and seed, or why there is none (NO_POLICY, or the error).

    `policy`: a policy file to use as the reference path instead of the scenario's own expert policy."""
    if policy is None and not policy_path(team.scenario, "expert").exists():
        return NO_POLICY
    try:
        records = _expert_records(team.scenario, team.seed, policy or "expert")
    except (ScenarioError, LogError, OSError) as exc:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return SessionData(team.path + "#expert", dict(records[0]), list(records[1:]), team.scenario)


def step_times(scenario: Scenario, team: SessionData, expert: SessionData | None) -> list[StepTimes]:
    """Every expectation of the scenario with the team's and the expert's first time."""
    out = []
    for exp in scenario.expectations:
        anchor = _anchor(exp, team.records)
        if anchor is None:
            continue  # it follows something that never happened in this session: nothing was due
        out.append(StepTimes(exp, first_time(exp, team.records), first_time(exp, expert.records) if expert else None,
                             anchor + exp.window.earliest, anchor + exp.window.ideal, anchor + exp.window.latest))
    return out
