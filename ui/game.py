"""The game's session handling — only engine API calls: start, resume (the game IS the session log),
apply a policy's actions for screenshots, replay one's own inputs to play again from a moment."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scoring import LiveScorer
from sim import (
    FileLog,
    LogError,
    MemoryLog,
    ScenarioError,
    Session,
    load_scenario,
    read_log,
    resolve_scenario,
)
from sim.model import Scenario
from sim.partners import expert_steps as partner_steps
from sim.replay import resume as resume_log
from sim.runner import play_until, resolve_policy
from sim.userdata import owner_only_dir, user_data_path

DEFAULT_SEED = 7
"""The world's seed when none is given: every new solo game starts from the same world."""


def data_dir() -> Path:
    """Where saved games live: `saves/` in the user's own folder (sim.userdata; owner-only)."""
    return owner_only_dir(user_data_path() / "saves")


def unfinished_saves() -> list[Path]:
    """Session logs of solo games that have not ended, newest first (offered as 'resume')."""
    found = []
    for path in sorted(data_dir().glob("*.jsonl"), key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            contents = read_log(path)
        except (LogError, OSError):
            continue
        if contents.header.get("client") == "ui" and not any(r.get("type") == "end" for r in contents.records):
            found.append(path)
    return found


@dataclass
class Game:
    """One solo game: the session, the role the player plays and its log file. The scorer reads the
    session's records as they are written (scoring is a reader of the log, like the report)."""

    session: Session
    role: str
    path: Path | None
    scorer: LiveScorer | None = None
    fed: int = 0
    seen_findings: int = 0
    networked = False
    """Solo play: the player moves the clock (a network game's clock belongs to the facilitator)."""

    # -- the surface the screens draw from (ui.remote.RemoteGame has the same) -----------------
    def view(self):
        """What the player's role knows and sees now."""
        return self.session.view(self.role)

    def act(self, action: dict[str, Any]):
        """The player's action; the engine's ActResult (ok, or refused with a reason)."""
        return self.session.act(self.role, action)

    @property
    def now(self) -> float:
        """The simulated clock (hours since the start)."""
        return self.session.now

    @property
    def end(self) -> float:
        """When the scenario ends."""
        return self.session.end

    @property
    def finished(self) -> bool:
        """Has the game ended?"""
        return self.session.finished

    @property
    def outcome(self) -> dict[str, Any] | None:
        """What became of the children (after the end)."""
        return self.session.outcome

    def expert(self) -> list[tuple[float, dict[str, Any]]]:
        """What the scenario's expert policy does in the player's role (steps after an event: counted
        from when it happened in this game)."""
        return expert_steps(self.scenario, self.role, self.session.happenings())

    def new_findings(self) -> list[dict[str, Any]]:
        """Findings about this player's role (or the whole team) that arose since the last call."""
        if self.scorer is None:
            self.scorer = LiveScorer(self.scenario)
        for record in self.session.records[self.fed:]:
            self.scorer.feed(record)
        self.fed = len(self.session.records)
        found = self.scorer.findings[self.seen_findings:]
        self.seen_findings = len(self.scorer.findings)
        return [f.public() for f in found if f.role in (self.role, None)]

    def score(self) -> dict[str, Any]:
        """Scores and findings so far ({'score': …, 'findings': […]}) from the scorer."""
        self.new_findings()
        return self.scorer.result().as_json()  # type: ignore[union-attr]

    @property
    def scenario(self) -> Scenario:
        """The scenario being played."""
        return self.session.scenario

    def quit(self) -> None:
        """Checkpoint the clock durably so a resumed game returns to exactly this moment."""
        if not self.session.finished:
            self.session.advance(self.session.now, checkpoint=True)
            self.session.log.close()

    def my_inputs(self) -> list[dict[str, Any]]:
        """The player's own accepted inputs, in order (from the session records)."""
        return [r for r in self.session.records if r.get("type") == "input" and r.get("role") == self.role]


def new_log_path(scenario_id: str, role: str) -> Path:
    """A fresh file name in the saves folder."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = data_dir() / f"{scenario_id}-{role}-{stamp}.jsonl"
    n = 1
    while path.exists():
        path = data_dir() / f"{scenario_id}-{role}-{stamp}-{n}.jsonl"
        n += 1
    return path


def start_game(scenario: Scenario, role: str, seed: int | None, save: bool = True,
               partners: str = "competent") -> Game:
    """A new session with the player on `role` and every other role played by the computer at the
    `partners` level (sim.partners: competent — the default for e-learning —, realistic or passive)."""
    path = new_log_path(scenario.meta.id, role) if save else None
    log = FileLog(path) if path else MemoryLog()
    header = {"client": "ui", "policy": "player", "partners": partners}
    session = Session(scenario, DEFAULT_SEED if seed is None else seed, players={role}, log=log, header=header,
                      wall=time.time)           # real moments for the LMS (xAPI); replay ignores them
    return Game(session, role, path)


def resume_game(path: Path) -> Game:
    """Continue a saved game at the exact simulated moment it was left (sim.replay.resume)."""
    session, _warnings = resume_log(path)
    role = sorted(session.players)[0]
    return Game(session, role, path)


def apply_policy(game: Game, policy_name: str | None, until: float) -> list[dict[str, Any]]:
    """Play a policy's actions of the player's role up to `until`, then advance there (screenshots,
    `--from`). Returns refused steps. Other roles stay computer-played."""
    session = game.session
    refused: list[dict[str, Any]] = []
    if policy_name:
        # The same walk as the headless run (sim.runner.play_until): steps placed after an event too.
        refused = play_until(session, resolve_policy(session.scenario, policy_name), until, only=game.role)
    session.advance(until, checkpoint=game.path is not None)
    return refused


def reload_scenario(game: Game) -> Game:
    """F5 for trainers writing a scenario: read the scenario file again and continue at the same
    simulated moment — a new saved game in the edited world with the player's inputs re-entered.
    Raises ScenarioError (with FILE:LINE:COL problems) when the edited file is not valid."""
    if not game.scenario.source_path:
        raise ScenarioError([])
    edited = load_scenario(game.scenario.source_path)
    return restart_from(game, game.session.now, scenario=edited)


def restart_from(game: Game, moment: float, scenario: Scenario | None = None) -> Game:
    """Play again from `moment`: a new saved game with the same seed and the player's own inputs
    before that moment re-entered through the engine (in `scenario`, when a changed one is given;
    inputs the changed world refuses are skipped)."""
    header = game.session.records[0]
    fresh = start_game(scenario or game.scenario, game.role, header["seed"],
                       partners=header.get("partners") or "competent")
    for rec in game.my_inputs():
        if rec["t"] > moment or (scenario is None and rec["t"] >= moment):
            break
        fresh.session.advance(rec["t"])
        fresh.session.act(game.role, rec["action"])
    fresh.session.advance(moment, checkpoint=True)
    return fresh


def expert_steps(scenario: Scenario, role: str, happened: dict[str, float] | None = None
                 ) -> list[tuple[float, dict[str, Any]]]:
    """What the scenario's expert policy has this role do, for the debrief timeline (empty if none). A
    step placed after an event counts from when it `happened` in the player's game; left out if it did not.
    The policy file is read once (sim.partners keeps it, as the computer partners take the same steps)."""
    try:
        policy = partner_steps(scenario)
    except ScenarioError:  # a policy file that does not load: the timeline shows only the player
        return []
    happened = happened or {}
    return sorted(((at + (happened[after] if after else 0.0), action.params())
                   for at, who, action, after in policy if who == role and (after is None or after in happened)),
                  key=lambda x: x[0])


def load(scenario_ref: str) -> Scenario:
    """Load a scenario by id or path (raises sim.ScenarioError)."""
    return load_scenario(resolve_scenario(scenario_ref))
