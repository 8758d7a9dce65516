"""The guided tour (rondleiding) of a first-time player: a short guided first week on a real game,
step by step — the desk, one observation, one consult, one share on the right basis, the coach and
the clock (issue 17, item 4). Content lives in ui/data/onboarding.yaml (nl and en); this module holds
the tour's state and decides when the player has done what a step asks. It draws nothing: the coach
overlay that points at the desk is ui.screens.onboarding.

First run: the tour is offered when this player has no profile yet — no marker file in the user data
folder and no saved game. The marker is written (owner-only) once the offer was answered or the tour
was finished or left. KETENSPEL_TOUR=off never offers it, KETENSPEL_TOUR=on always does (tests and
trainers' demo machines); KETENSPEL_DATA_DIR moves the whole profile (tests)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs
from ruamel.yaml import YAML

MARKER = "onboarding-seen"
"""The file in the profile folder that says: this player has been offered the tour."""


@cache
def tour_data() -> dict[str, Any]:
    """The tour as written in ui/data/onboarding.yaml: scenarios, labels, hints, steps."""
    text = resources.files("ui").joinpath("data/onboarding.yaml").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)


def label(tr: Any, key: str, **params: Any) -> str:
    """A fixed text of the tour (button, offer, status line) in the player's language."""
    text = tr.text(tour_data()["labels"][key])
    return text.format(**params) if params else text


def profile_dir() -> Path:
    """This player's folder: KETENSPEL_DATA_DIR (tests) or the platform's user data folder."""
    override = os.environ.get("KETENSPEL_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir("ketenspel", appauthor=False))


def first_run() -> bool:
    """Is this the player's first time: no tour marker and no saved game (KETENSPEL_TOUR=on/off
    overrides the guess)?"""
    forced = os.environ.get("KETENSPEL_TOUR", "").strip().lower()
    if forced in ("on", "1", "yes"):
        return True
    if forced in ("off", "0", "no"):
        return False
    base = profile_dir()
    if (base / MARKER).exists():
        return False
    saves = base / "saves"
    return not (saves.is_dir() and any(saves.glob("*.jsonl")))


def mark_seen() -> None:
    """Remember that the tour was offered (readable and writable by this user only); a profile folder
    that cannot be written only means the offer comes again next time."""
    base = profile_dir()
    try:
        base.mkdir(parents=True, exist_ok=True)
        fd = os.open(base / MARKER, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write("1\n")
    except OSError:
        pass


def tour_for(scenario_id: str | None) -> tuple[str, dict[str, Any]]:
    """The family the tour plays and its settings (role, child, colleague, basis): the player's chosen
    family when the tour knows it, else the first one written."""
    scenarios = tour_data()["scenarios"]
    sid = scenario_id if scenario_id in scenarios else next(iter(scenarios))
    return sid, dict(scenarios[sid])


def _fill(value: Any, settings: dict[str, Any]) -> Any:
    """A wait condition's "{child}"-style values filled in from the scenario's tour settings."""
    if isinstance(value, str):
        return value.format(**settings)
    if isinstance(value, dict):
        return {k: _fill(v, settings) for k, v in value.items()}
    return value


@dataclass
class Step:
    """One step of the tour: what it says, which widget it points at, and what completes it."""

    id: str
    text: dict[str, str]
    target: str
    wait: Any
    form: dict[str, str] | None = None
    retry: dict[str, str] | None = None

    @property
    def kind(self) -> str:
        """'next' (the player reads and goes on), 'act', 'screen' or 'day'."""
        return self.wait if isinstance(self.wait, str) else next(iter(self.wait))

    @property
    def action(self) -> dict[str, Any]:
        """For an 'act' step: the parameters an accepted action must have."""
        return self.wait["act"] if self.kind == "act" else {}


@dataclass
class Tour:
    """A tour in progress on one game: the current step and what had happened when it began (so
    only what the player does during the step counts)."""

    scenario_id: str
    settings: dict[str, Any]
    steps: list[Step]
    index: int = 0
    inputs_at_step: int = 0
    mismatch: bool = False
    """The player did the step's action, but not the way the step asks (e.g. another basis)."""
    finished: bool = False
    left: bool = False

    @classmethod
    def start(cls, scenario_id: str | None) -> Tour:
        """A new tour for the chosen family (or the first family the tour knows)."""
        sid, settings = tour_for(scenario_id)
        steps = [Step(s["id"], s["text"], s.get("target", ""), _fill(s["wait"], settings), s.get("form"), s.get("retry"))
                 for s in tour_data()["steps"]]
        return cls(sid, settings, steps)

    @property
    def step(self) -> Step:
        """The step shown now."""
        return self.steps[min(self.index, len(self.steps) - 1)]

    @property
    def active(self) -> bool:
        """Still running (neither finished nor left)?"""
        return not (self.finished or self.left)

    def begin_step(self, game: Any) -> None:
        """A step begins: remember how many of the player's own inputs there were."""
        self.inputs_at_step = len(game.my_inputs()) if game is not None else 0
        self.mismatch = False

    def advance(self, game: Any) -> None:
        """On to the next step; after the last one the tour is finished."""
        self.index += 1
        if self.index >= len(self.steps):
            self.finished = True
            self.index = len(self.steps) - 1
            return
        self.begin_step(game)

    def leave(self) -> None:
        """The player skipped the rest of the tour."""
        self.left = True

    def is_done(self, game: Any, screen_kind: str) -> bool:
        """Has the player done what the current step asks? `screen_kind` names the screen on show
        ('desk', 'menu', 'form', 'coach_history', …). 'next' steps are completed by `advance` only."""
        step = self.step
        if step.kind == "screen":
            return screen_kind == step.wait["screen"]
        if step.kind == "day":
            return game is not None and game.now >= (int(step.wait["day"]) - 1) * 24.0
        if step.kind == "act" and game is not None:
            wanted = step.action
            for rec in game.my_inputs()[self.inputs_at_step:]:
                action = rec["action"]
                if all(action.get(k) == v for k, v in wanted.items()):
                    return True
                if action.get("do") == wanted.get("do"):
                    self.mismatch = True
        return False

    def text(self, tr: Any, key: str = "text", **params: Any) -> str:
        """A text of the current step ('text', 'form' or 'retry') with the names filled in."""
        value = getattr(self.step, key)
        return tr.text(value).format(**params) if value else ""


def hint(tr: Any, key: str, **params: Any) -> str:
    """A general hint of the tour: how to reach the action the step asks for on the screen on show."""
    return tr.text(tour_data()["hints"][key]).format(**params)
