"""The session log is the single source of truth (issue 3, item 5): determinism, replay equality,
a torn last line after a crash, a log of another scenario version, resume = replay + continue."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sim import FileLog, LogError, Session, read_log
from sim.log import LOG_FORMAT
from sim.replay import replay, resume
from sim.runner import play, resolve_policy

ROOT = Path(__file__).resolve().parent.parent


def _run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True)


def test_the_first_line_names_format_scenario_hash_and_seed(tmp_path, pietersdam):
    path = tmp_path / "s.jsonl"
    play(pietersdam, resolve_policy(pietersdam, "expert"), seed=7, log=FileLog(path))
    header = json.loads(path.read_text().splitlines()[0])
    assert header["format"] == LOG_FORMAT and header["scenario"] == "pietersdam"
    assert header["hash"] == pietersdam.content_hash and header["seed"] == 7


def test_same_seed_and_inputs_give_a_byte_identical_log(tmp_path, pietersdam):
    for name in ("a", "b"):
        play(pietersdam, resolve_policy(pietersdam, "random"), seed=5, log=FileLog(tmp_path / f"{name}.jsonl"))
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_another_seed_gives_another_world(pietersdam):
    a, _ = play(pietersdam, resolve_policy(pietersdam, "passive"), seed=1)
    b, _ = play(pietersdam, resolve_policy(pietersdam, "passive"), seed=2)
    assert a.records != b.records


def test_run_json_twice_prints_identical_bytes():
    first = _run_cli("run", "pietersdam", "--policy", "expert", "--seed", "7", "--json")
    second = _run_cli("run", "pietersdam", "--policy", "expert", "--seed", "7", "--json")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    obj = json.loads(first.stdout)
    assert {"scenario", "seed", "policy", "events", "outcome"} <= set(obj)
    assert obj["outcome"]["incident"] is False and obj["outcome"]["incident_at"] is None
    assert set(obj["outcome"]["children"]) == {"kevin", "henk"}


def test_passive_team_lets_the_incident_happen_and_expert_team_prevents_it():
    passive = json.loads(_run_cli("run", "pietersdam", "--policy", "passive", "--seed", "7", "--json").stdout)
    expert = json.loads(_run_cli("run", "pietersdam", "--policy", "expert", "--seed", "7", "--json").stdout)
    assert passive["outcome"]["incident"] is True and passive["outcome"]["incident_at"] > 0
    assert expert["outcome"]["incident"] is False


def test_replaying_a_log_gives_the_same_outcome_and_event_count(tmp_path):
    log = tmp_path / "s.jsonl"
    ran = json.loads(_run_cli("run", "pietersdam", "--policy", "random", "--seed", "3", "--json",
                              "--log", str(log)).stdout)
    replayed = _run_cli("replay", str(log), "--json")
    assert replayed.returncode == 0, replayed.stderr
    again = json.loads(replayed.stdout)
    assert again["outcome"] == ran["outcome"] and again["events"] == ran["events"]


def test_replay_rebuilds_the_identical_world(tmp_path, pietersdam):
    log = tmp_path / "s.jsonl"
    original, _ = play(pietersdam, resolve_policy(pietersdam, "random"), seed=9, log=FileLog(log))
    rebuilt, warnings = replay(log)
    assert warnings == []
    assert rebuilt.records == original.records


def test_a_torn_last_line_is_tolerated_with_a_warning(tmp_path, mini):
    log = tmp_path / "s.jsonl"
    s = Session(mini, seed=4, log=FileLog(log))
    s.act("ib", {"do": "vir_register", "child": "anna"})
    s.advance(30)
    s.log.close()
    with open(log, "a", encoding="utf-8") as fh:
        fh.write('{"type":"input","seq":2,"t":3')
    contents = read_log(log)
    assert contents.warnings and "incomplete" in contents.warnings[0]
    rebuilt, warnings = replay(log, scenario_path=ROOT / "tests" / "fixtures" / "mini.yaml")
    assert warnings and rebuilt.world.vir["anna"][0] == "ib"


def test_a_damaged_line_in_the_middle_is_refused(tmp_path, mini):
    log = tmp_path / "s.jsonl"
    s = Session(mini, seed=4, log=FileLog(log))
    s.act("ib", {"do": "vir_register", "child": "anna"})
    s.log.close()
    lines = log.read_text().splitlines()
    lines.insert(2, "garbage")
    log.write_text("\n".join(lines) + "\n")
    with pytest.raises(LogError, match="damaged"):
        read_log(log)


def test_a_log_of_another_scenario_version_is_refused_with_a_clear_message(tmp_path, mini):
    log = tmp_path / "s.jsonl"
    Session(mini, seed=4, log=FileLog(log)).log.close()
    changed = tmp_path / "mini.yaml"
    changed.write_text((ROOT / "tests" / "fixtures" / "mini.yaml").read_text().replace("Anna is moe.", "Anna is erg moe."))
    with pytest.raises(LogError, match="another version"):
        replay(log, scenario_path=changed)
    result = _run_cli("replay", str(log), "--scenario", str(changed))
    assert result.returncode == 2 and "another version" in result.stderr and "Traceback" not in result.stderr


def test_resume_continues_the_same_session_in_the_same_file(tmp_path, mini):
    log = tmp_path / "s.jsonl"
    fixture = ROOT / "tests" / "fixtures" / "mini.yaml"
    straight = Session(mini, seed=8)
    straight.act("ib", {"do": "vir_register", "child": "anna"})
    straight.advance(100, checkpoint=True)
    straight.act("ib", {"do": "talk_child", "child": "anna"})
    straight.finish()

    crashed = Session(mini, seed=8, log=FileLog(log))
    crashed.act("ib", {"do": "vir_register", "child": "anna"})
    crashed.advance(100, checkpoint=True)
    # the process dies here: no close, no end record (the input was fsynced when acknowledged)
    with open(log, "a", encoding="utf-8") as fh:
        fh.write('{"type":"lea')
    resumed, warnings = resume(log, scenario_path=fixture)
    assert warnings
    assert resumed.now == 100
    resumed.act("ib", {"do": "talk_child", "child": "anna"})
    resumed.finish()
    assert log.read_bytes() == b"".join((json.dumps(r, sort_keys=True, separators=(",", ":"),
                                                    ensure_ascii=False) + "\n").encode() for r in straight.records)


def test_an_acknowledged_input_is_on_disk_before_act_returns(tmp_path, mini):
    log = tmp_path / "s.jsonl"
    s = Session(mini, seed=4, log=FileLog(log))
    assert s.act("ib", {"do": "vir_register", "child": "anna"}).ok
    on_disk = [json.loads(line) for line in log.read_text().splitlines()]
    assert any(r.get("type") == "input" and r["seq"] == 1 for r in on_disk)


def test_facilitator_injects_and_messages_are_inputs_that_replay_reproduces(tmp_path, mini):
    log = tmp_path / "s.jsonl"
    s = Session(mini, seed=4, log=FileLog(log))
    s.advance(24)
    assert s.inject("extra").ok
    assert s.send_message("Let op: vandaag is er een studiedag.", to="ib").ok
    assert not s.inject("nonsense").ok and not s.send_message("x", to="nobody").ok
    assert s.view("wijkagent").knows("ruzie")
    assert [m["text"]["nl"] for m in s.view("ib").inbox if m["kind"] == "facilitator"] == \
        ["Let op: vandaag is er een studiedag."]
    assert not any(m["kind"] == "facilitator" for m in s.view("wijkteam").inbox)
    s.advance(48, checkpoint=True)
    s.log.close()
    rebuilt, _ = replay(log, scenario_path=ROOT / "tests" / "fixtures" / "mini.yaml")
    assert rebuilt.records == s.records
