"""A damaged or hand-edited log is refused with its line and what is wrong — never a traceback, never
silently accepted (issue 13, items 2 and 7): missing or ill-typed fields, time running backwards,
inputs duplicated, deleted or reordered, random byte damage."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim import FileLog, LogError, load_scenario, resolve_scenario
from sim.log import dumps
from sim.replay import replay, resume
from sim.runner import play, resolve_policy

ROOT = Path(__file__).resolve().parent.parent
PETER = load_scenario(resolve_scenario("peter"))


@pytest.fixture(scope="module")
def expert_log(tmp_path_factory) -> list[dict]:
    path = tmp_path_factory.mktemp("log") / "expert.jsonl"
    play(PETER, resolve_policy(PETER, "expert"), seed=3, log=FileLog(path))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write(tmp_path: Path, records: list[dict], name: str = "edited.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _first_input(records: list[dict]) -> int:
    return next(i for i, r in enumerate(records) if r.get("type") == "input")


EDITS = {
    "seed missing": lambda rs: rs[0].pop("seed"),
    "seed is text": lambda rs: rs[0].update(seed="seven"),
    "seed is true": lambda rs: rs[0].update(seed=True),
    "players not a list": lambda rs: rs[0].update(players="leerkracht"),
    "scenario not a name": lambda rs: rs[0].update(scenario=12),
    "time missing": lambda rs: rs[_first_input(rs)].pop("t"),
    "time is text": lambda rs: rs[_first_input(rs)].update(t="3d"),
    "time negative": lambda rs: rs[_first_input(rs)].update(t=-1),
    "role missing": lambda rs: rs[_first_input(rs)].pop("role"),
    "role is a number": lambda rs: rs[_first_input(rs)].update(role=3),
    "action missing": lambda rs: rs[_first_input(rs)].pop("action"),
    "action is text": lambda rs: rs[_first_input(rs)].update(action="observe"),
    "action without do": lambda rs: rs[_first_input(rs)]["action"].pop("do"),
    "action of another kind": lambda rs: rs[_first_input(rs)]["action"].update(do="fly"),
    "action with a wrong field": lambda rs: rs[_first_input(rs)]["action"].update(child=["x"]),
    "unknown role": lambda rs: rs[_first_input(rs)].update(role="astronaut"),
    "input renumbered": lambda rs: rs[_first_input(rs)].update(seq=5),
    "type missing": lambda rs: rs[3].pop("type"),
    "score edited": lambda rs: rs[-1]["outcome"].update(incident=not rs[-1]["outcome"]["incident"]),
    "learned fact invented": lambda rs: rs.insert(4, {**rs[3], "type": "learn", "fact": "verzonnen"}),
    "input duplicated": lambda rs: rs.insert(_first_input(rs), dict(rs[_first_input(rs)])),
    "input deleted": lambda rs: rs.pop(_first_input(rs)),
    "lines reordered": lambda rs: rs.insert(2, rs.pop(-2)),
    "hash edited": lambda rs: rs[0].update(hash="sha256:0"),
    "role list names a stranger": lambda rs: rs[0].update(players=["astronaut"]),
    "unknown partner level": lambda rs: rs[0].update(partners="heroic"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_hand_edited_log_is_refused_with_a_reason(expert_log, tmp_path, edit):
    records = json.loads(json.dumps(expert_log))
    EDITS[edit](records)
    path = _write(tmp_path, records)
    with pytest.raises(LogError):
        replay(path)
    still_open = [r for r in records if r.get("type") != "end"]
    if still_open != [r for r in expert_log if r.get("type") != "end"]:  # the edit is not in the end record
        with pytest.raises(LogError):
            resume(_write(tmp_path, still_open, "open.jsonl"))


@pytest.mark.parametrize("edit", ["seed is text", "time is text", "action missing", "input deleted"])
def test_the_commands_refuse_a_damaged_log_in_one_line(expert_log, tmp_path, edit):
    records = json.loads(json.dumps(expert_log))
    EDITS[edit](records)
    path = _write(tmp_path, records)
    for command in (["replay", str(path)], ["report", str(path), "--out", str(tmp_path / "r.html")]):
        done = subprocess.run([sys.executable, "main.py", *command], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 2, (command, done.stderr)
        assert "Traceback" not in done.stderr and done.stderr.strip()
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_nan_and_infinity_are_not_times(expert_log, tmp_path, number):
    lines = [dumps(r) for r in expert_log]
    i = _first_input(expert_log)
    lines[i] = lines[i].replace(f'"t":{expert_log[i]["t"]!r}', f'"t":{number}')
    assert number in lines[i]
    path = tmp_path / "nan.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LogError, match=":%d:" % (i + 1)):
        replay(path)


@settings(max_examples=120, deadline=None)
@given(data=st.data())
def test_random_damage_is_refused_or_replays_identically(expert_log, tmp_path_factory, data):
    raw = bytearray("".join(dumps(r) + "\n" for r in expert_log).encode())
    kind = data.draw(st.sampled_from(["flip", "cut", "insert", "duplicate", "swap"]))
    at = data.draw(st.integers(0, len(raw) - 1))
    if kind == "flip":
        raw[at] ^= 1 << data.draw(st.integers(0, 7))
    elif kind == "cut":
        del raw[at:at + data.draw(st.integers(1, 40))]
    elif kind == "insert":
        raw[at:at] = data.draw(st.binary(min_size=1, max_size=12))
    else:
        lines = bytes(raw).split(b"\n")
        i, j = data.draw(st.integers(1, len(lines) - 2)), data.draw(st.integers(1, len(lines) - 2))
        lines.insert(i, lines[j]) if kind == "duplicate" else lines.insert(i, lines.pop(j))
        raw = bytearray(b"\n".join(lines))
    path = tmp_path_factory.mktemp("damage") / "log.jsonl"
    path.write_bytes(bytes(raw))
    try:
        session, _ = replay(path)
    except LogError:
        return
    assert [dumps(r) for r in session.records[1:]][:len(expert_log) - 1] == [
        dumps(r) for r in expert_log[1:]][:len(session.records) - 1] or session.records[0] != expert_log[0]
