"""kill -9 of a solo game at a random moment loses no acknowledged input, and the save resumes and
replays (issue 13, items 2 and 7). The game is a real process writing its real save file."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sim.log import without_wall
from sim.replay import replay

HERE = Path(__file__).resolve().parent
KILLS = 20


def _play_until_killed(tmp_path: Path, scenario: str, seed: int, acks_before_kill: int) -> tuple[Path, set[int]]:
    env = {**os.environ, "KETENSPEL_DATA_DIR": str(tmp_path), "SDL_VIDEODRIVER": "dummy"}
    proc = subprocess.Popen([sys.executable, str(HERE / "kill_target_solo.py"), scenario, str(seed)],
                            stdout=subprocess.PIPE, text=True, env=env)
    acked: set[int] = set()
    path = None
    assert proc.stdout is not None
    for line in proc.stdout:
        kind, _, value = line.strip().partition(" ")
        if kind == "path":
            path = Path(value)
        elif kind == "ack":
            acked.add(int(value))
            if len(acked) >= acks_before_kill:
                time.sleep(random.Random(seed).uniform(0, 0.01))  # kill somewhere inside the next step
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait(timeout=30)
    assert path is not None
    return path, acked


@pytest.mark.parametrize("round_", range(KILLS))
def test_kill_9_of_the_solo_game_loses_no_acknowledged_input(tmp_path, monkeypatch, round_):
    from ui.game import resume_game, unfinished_saves

    rng = random.Random(round_)
    scenario = ("peter", "pietersdam", "lisanne_lars")[round_ % 3]
    path, acked = _play_until_killed(tmp_path, scenario, round_, rng.randint(1, 12))
    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path))
    assert path in unfinished_saves(), "the killed game is offered to resume"
    game = resume_game(path)
    kept = {r["seq"] for r in game.session.records if r.get("type") == "input"}
    assert acked <= kept
    game.session.advance(game.now + 24, checkpoint=True)
    game.session.finish()
    # The world replays identically; the real moments (`wall`) are metadata the replay does not make.
    assert replay(path)[0].records == [without_wall(r) for r in game.session.records]
    assert all("wall" in r for r in (json.loads(line) for line in path.read_text(encoding='utf-8').splitlines())), "a game people play keeps its real clock, also after a resume"
