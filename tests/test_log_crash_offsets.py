"""A crash at any byte of the log loses no acknowledged input (issue 13, item 2): the log that is
left — cut inside a record, just before a newline, or after it — resumes, replays and keeps every
input that was completely written."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from random_sessions import drive, random_steps
from sim import LogError, load_scenario, resolve_scenario
from sim.log import dumps
from sim.replay import replay, resume

PETER = load_scenario(resolve_scenario("peter"))


@pytest.fixture(scope="module")
def saved_game(tmp_path_factory) -> bytes:
    """A solo game with checkpoints and actions, left unfinished (the player closed the window)."""
    rng = random.Random(11)
    path = tmp_path_factory.mktemp("saved") / "game.jsonl"
    plan = [step for step in random_steps(rng, 30) if step[0] != "finish"]
    drive(PETER, 11, plan, path)
    return path.read_bytes()


def _complete_inputs(prefix: bytes) -> list[dict]:
    """Inputs whose whole record lies within `prefix` (with or without its newline)."""
    found = []
    for line in prefix.split(b"\n"):
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if record.get("type") == "input":
            found.append(record)
    return found


def _resume_at(tmp: Path, raw: bytes, offset: int) -> None:
    path = tmp / f"cut-{offset}.jsonl"
    path.write_bytes(raw[:offset])
    session, _warnings = resume(path)
    kept = [r for r in session.records if r.get("type") == "input"]
    assert kept[:len(_complete_inputs(raw[:offset]))] == _complete_inputs(raw[:offset]), offset
    session.advance(session.now + 5.5, checkpoint=True)
    session.finish()
    replayed, _ = replay(path)
    assert replayed.records == session.records, offset
    assert path.read_bytes().count(b"\n") == len(session.records), "one record a line, every line ended"


def test_every_offset_in_the_last_records_resumes_and_replays(saved_game, tmp_path):
    last_lines = saved_game.rstrip(b"\n").rsplit(b"\n", 3)
    start = len(saved_game) - sum(len(line) + 1 for line in last_lines[1:]) - 1
    for offset in range(start, len(saved_game) + 1):
        _resume_at(tmp_path, saved_game, offset)


def test_offsets_across_the_whole_log_resume_and_replay(saved_game, tmp_path):
    header_end = saved_game.index(b"\n")
    for offset in range(header_end, len(saved_game), max(1, len(saved_game) // 60)):
        _resume_at(tmp_path, saved_game, offset)


def test_a_complete_last_record_without_its_newline_is_kept_and_the_next_goes_on_a_new_line(saved_game, tmp_path):
    last_input = _complete_inputs(saved_game)[-1]
    line = dumps(last_input).encode()
    cut = saved_game[:saved_game.rindex(line) + len(line)]
    path = tmp_path / "no-newline.jsonl"
    path.write_bytes(cut)
    session, warnings = resume(path)
    assert warnings == []
    assert [r for r in session.records if r.get("type") == "input"][-1] == last_input
    session.finish()
    assert replay(path)[0].records == session.records
    assert b"\x00" not in path.read_bytes()


def test_a_log_cut_inside_its_header_is_refused_with_a_reason(saved_game, tmp_path):
    path = tmp_path / "header.jsonl"
    path.write_bytes(saved_game[:saved_game.index(b"\n") // 2])
    with pytest.raises(LogError, match="not a Ketenspel session log"):
        resume(path)
