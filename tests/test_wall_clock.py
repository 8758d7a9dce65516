"""A game people play keeps the real moment of each record (`wall`) for the LMS — xAPI timestamps and
durations in real time (issue 19) — without touching the simulated world: the same inputs still give
the same world, replay ignores the real moments, and a headless run has none."""

from __future__ import annotations

import json

import pytest

from cli import main
from net.game import Game
from sim.log import FileLog, LogError, MemoryLog, read_log, without_wall
from sim.replay import replay
from sim.runner import play, resolve_policy


def _clock(start: float = 1_796_000_000.0):
    moments = iter(range(10**6))
    return lambda: start + 15 * next(moments)


def test_a_played_game_keeps_real_moments_and_the_same_simulated_world(pietersdam):
    policy = resolve_policy(pietersdam, "expert")
    headless, _ = play(pietersdam, policy, 7)
    played, _ = play(pietersdam, policy, 7, wall=_clock())
    assert all("wall" in r for r in played.records)
    assert [without_wall(r) for r in played.records[1:]] == headless.records[1:]
    assert played.records[0]["wall"] == "2026-11-30T00:53:20Z"


def test_replay_of_a_played_game_ignores_the_real_moments(pietersdam, tmp_path):
    log = tmp_path / "played.jsonl"
    play(pietersdam, resolve_policy(pietersdam, "passive"), 3, log=FileLog(log), wall=_clock())
    session, warnings = replay(log)
    assert session.finished and warnings == []
    assert "wall" not in session.records[-1]


def test_a_headless_run_has_no_real_clock_and_stays_byte_identical(tmp_path, capsys):
    for name in ("a", "b"):
        assert main(["run", "pietersdam", "--policy", "expert", "--log", str(tmp_path / f"{name}.jsonl")]) == 0
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()
    assert b'"wall"' not in (tmp_path / "a.jsonl").read_bytes()


@pytest.mark.parametrize("bad", ["yesterday", 1796000000, "2026-13-01T00:00:00Z"])
def test_a_damaged_real_moment_is_refused_with_its_line(pietersdam, tmp_path, bad):
    log = tmp_path / "played.jsonl"
    play(pietersdam, resolve_policy(pietersdam, "passive"), 3, log=FileLog(log), wall=_clock())
    lines = log.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[3])
    record["wall"] = bad
    lines[3] = json.dumps(record)
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LogError, match=r':4:.*"wall" must be a real moment'):
        read_log(log)


def test_a_lan_game_names_its_people_but_not_its_bots_or_stand_ins(pietersdam):
    game = Game(pietersdam, 7)
    game.join("Anouk de Vries", "smw")
    game.join("Jeroen", "smw")
    game.join(None, "leerkracht")            # no name given: "speler 3" stands in
    game.join("expert-bot", "wijkagent", bot=True)
    session = game.start()
    header = session.records[0]
    assert header["names"] == {"smw": ["Anouk de Vries", "Jeroen"]}
    assert "wall" in header and isinstance(session.log, MemoryLog)
