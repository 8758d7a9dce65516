"""A finished (or interrupted) session as the report reads it: the log, its scenario and its outcome.

The report reads session logs only, never a live game (design.md: the log is the single source of truth)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from sim.log import LogContents, LogError, dumps, read_log
from sim.model import Scenario
from sim.replay import scenario_for_log


class ReportError(Exception):
    """Input the report cannot use (a missing or damaged log, mixed scenarios); shown to the user, exit 2."""


@dataclass
class SessionData:
    """One session log read back, with the scenario it was played on."""

    path: str
    header: dict[str, Any]
    records: list[dict[str, Any]]
    scenario: Scenario
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def session_id(self) -> str:
        """A stable id: the same log (header and records) always gets the same id."""
        digest = hashlib.sha256()
        digest.update(dumps(self.header).encode())
        for rec in self.records:
            digest.update(dumps(rec).encode())
        return "S" + digest.hexdigest()[:10]

    @property
    def seed(self) -> int:
        """The seed of the world."""
        return int(self.header.get("seed", 0))

    @property
    def policy(self) -> str | None:
        """The policy that played, if a policy did (expert, passive …)."""
        return self.header.get("policy")

    @property
    def players(self) -> list[str]:
        """Roles driven by inputs (people, policies, bots); the others were NPCs."""
        return list(self.header.get("players") or [])

    @property
    def partners(self) -> str | None:
        """Solo play: the level of the computer-played partners (competent, realistic, passive); None
        when people (or a policy for every role) played the team (issue 14, item 2)."""
        level = self.header.get("partners")
        return str(level) if level else None

    @property
    def player_names(self) -> dict[str, str]:
        """Names a trainer typed for the players, if the header carries them ({role: name}; several
        people on one role are joined with ", ")."""
        return {role: ", ".join(people) for role, people in self.learners.items()}

    @property
    def learners(self) -> dict[str, list[str]]:
        """The people who played each role, as the header names them ({role: [name, …]}): one name a
        trainer typed, or the names the LAN participants gave when they joined (net.game)."""
        names = self.header.get("names") or self.header.get("player_names") or {}
        if not isinstance(names, dict):
            return {}
        out = {}
        for role, value in names.items():
            people = [str(v) for v in (value if isinstance(value, list) else [value]) if str(v).strip()]
            if people:
                out[str(role)] = people
        return out

    @cached_property
    def outcome(self) -> dict[str, Any] | None:
        """The `end` record's outcome, or None for a session that was not played to the end."""
        for rec in reversed(self.records):
            if rec.get("type") == "end":
                return rec["outcome"]
        return None

    def of_type(self, *types: str) -> list[dict[str, Any]]:
        """The records of these types, in log order."""
        return [r for r in self.records if r.get("type") in types]


def one_line(text: str) -> str:
    """A message of several lines (e.g. a scenario's problems) as one line for the terminal."""
    parts = [p.strip() for p in text.splitlines() if p.strip()]
    return " ".join(p if p.endswith((":", ";", ".")) else p + ";" for p in parts[:-1]) + \
        (" " if len(parts) > 1 else "") + (parts[-1] if parts else "")


_SCENARIOS: dict[tuple[Any, ...], Scenario] = {}


def _scenario(contents: LogContents, scenario_path: str | Path | None) -> Scenario:
    """The log's scenario, loaded once per scenario and version (cohorts read hundreds of logs)."""
    h = contents.header
    key = (h.get("scenario"), h.get("hash"), h.get("scenario_file"), str(scenario_path or ""))
    if key not in _SCENARIOS:
        _SCENARIOS[key] = scenario_for_log(contents, scenario_path)
    return _SCENARIOS[key]


def session_from_contents(name: str, contents: LogContents, scenario_path: str | Path | None = None) -> SessionData:
    """A session from a log already read (from a file or from the results store)."""
    try:
        contents.refuse_unstarted(name)
        scenario = _scenario(contents, scenario_path)
    except LogError as exc:
        raise ReportError(f"{name}: {one_line(str(exc))}") from None
    return SessionData(name, contents.header, contents.records, scenario, contents.warnings)


def load_session(path: str | Path, scenario_path: str | Path | None = None) -> SessionData:
    """Read a session log and the scenario it was made with; problems become a ReportError."""
    try:
        contents = read_log(path)
    except LogError as exc:
        raise ReportError(one_line(str(exc))) from None
    return session_from_contents(str(path), contents, scenario_path)


def load_sessions(paths: list[str], scenario_path: str | Path | None = None) -> list[SessionData]:
    """Several logs for one report; they must be of the same scenario (a team comparison)."""
    if not paths:
        raise ReportError("no session logs given; name one or more LOG files (made with `run … --log`)")
    sessions = [load_session(p, scenario_path) for p in paths]
    first = sessions[0]
    for s in sessions[1:]:
        if s.scenario.meta.id != first.scenario.meta.id:
            raise ReportError(f"{s.path}:1:1: this log is of scenario \"{s.scenario.meta.id}\", the first of "
                              f"\"{first.scenario.meta.id}\"; a report compares sessions of one scenario "
                              f"(use --cohort per scenario)")
    return sessions
