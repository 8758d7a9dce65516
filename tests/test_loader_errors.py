"""A trainer's typo gets FILE:LINE:COL, what is wrong and how to fix it — exit 2, never a traceback
(issue 3, items 2 and 8). The full corpus of broken files lives with the authoring tools."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sim import ScenarioError, load_scenario

ROOT = Path(__file__).resolve().parent.parent
MINI = (ROOT / "tests" / "fixtures" / "mini.yaml").read_text(encoding="utf-8")


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    assert old in MINI, old
    path = tmp_path / "broken.yaml"
    path.write_text(MINI.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def _validate(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", "validate", "--lang", "en", *map(str, paths)], cwd=ROOT,
                          capture_output=True, text=True)


def test_a_typo_in_a_role_id_points_at_the_line_and_suggests_the_right_one(tmp_path):
    path = _broken(tmp_path, "observed_by: [wijkagent]\n  facts: [incident_feit]",
                   "observed_by: [wijkagnet]\n  facts: [incident_feit]")
    result = _validate(path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    line = _line_of(path, "wijkagnet")
    assert f"{path}:{line}:" in result.stderr
    assert 'unknown role "wijkagnet" (did you mean "wijkagent"?)' in result.stderr


def test_a_duplicate_key_is_an_error_at_the_second_key(tmp_path):
    path = _broken(tmp_path, "  duration: 4w\n", "  duration: 4w\n  duration: 5w\n")
    result = _validate(path)
    assert result.returncode == 2
    assert f"{path}:{_line_of(path, 'duration: 5w')}:3:" in result.stderr
    assert '"duration" appears twice' in result.stderr


def test_an_unknown_key_suggests_the_known_one(tmp_path):
    path = _broken(tmp_path, "risk: {start: 5", "risk: {strat: 5")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    messages = [p.message for p in exc.value.problems]
    assert any('unknown key "strat" (did you mean "start"?)' in m for m in messages)
    assert any('"start" is missing' in m for m in messages)


def test_a_wrong_time_format_says_how_to_write_times(tmp_path):
    path = _broken(tmp_path, "duration: 4w", "duration: 4 weeks")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    problem = exc.value.problems[0]
    assert problem.line == _line_of(path, "4 weeks") and "36h, 3d, 2w" in problem.message


def test_a_tab_for_indentation_is_named(tmp_path):
    path = _broken(tmp_path, "  duration: 4w", "\tduration: 4w")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert "tab" in exc.value.problems[0].message and exc.value.problems[0].line == _line_of(path, "duration")


def test_a_person_who_is_not_a_child_cannot_be_the_child_of_an_outcome(tmp_path):
    path = _broken(tmp_path, "- {child: anna, harmed", "- {child: mam, harmed")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert "not a child" in exc.value.problems[0].message


def test_an_unknown_condition_suggests_the_vocabulary(tmp_path):
    path = _broken(tmp_path, "when: {done: report_veilig_thuis}", "when: {dun: report_veilig_thuis}")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert "unknown condition 'dun' (did you mean \"done\"?)" in exc.value.problems[0].message


def test_a_fact_may_cite_the_trainers_own_source_but_not_nothing(tmp_path):
    own = _broken(tmp_path, "needed_by: [wijkteam], source: seed 003 7 tips}",
                  "needed_by: [wijkteam], source: 'Protocol gemeente Dorp, §3'}")
    assert load_scenario(own).fact_by_id["anna_moe"].source == "Protocol gemeente Dorp, §3"
    path = _broken(tmp_path, "needed_by: [wijkteam], source: seed 003 7 tips}", "needed_by: [wijkteam], source: ''}")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert "source" in exc.value.problems[0].message


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    path = _broken(tmp_path, "clients: [anna], knows_at_start: [anna_moe]", "clients: [ana], knows_at_start: [ana_moe]")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert len(exc.value.problems) == 2


@pytest.mark.parametrize("content", ["", "just text", "- a\n- b\n", "meta: [", "a: &x [*x]\n", "\x00\x01"])
def test_garbage_never_gives_a_traceback(tmp_path, content):
    path = tmp_path / "g.yaml"
    path.write_text(content, encoding="utf-8")
    result = _validate(path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{path}:")


def test_validate_exits_0_for_valid_files_and_2_if_any_is_broken(tmp_path):
    good = ROOT / "tests" / "fixtures" / "mini.yaml"
    assert _validate(good).returncode == 0
    missing = tmp_path / "nope.yaml"
    result = _validate(good, missing)
    assert result.returncode == 2 and f"{missing}:1:1: cannot read the file" in result.stderr


def test_shipped_scenarios_validate():
    result = _validate(*sorted((ROOT / "scenarios").glob("*.yaml")))
    assert result.returncode == 0, result.stderr


def test_trainers_get_the_message_in_dutch(tmp_path):
    path = _broken(tmp_path, "observed_by: [wijkagent]\n  facts: [incident_feit]",
                   "observed_by: [wijkagnet]\n  facts: [incident_feit]")
    result = subprocess.run([sys.executable, "main.py", "validate", "--lang", "nl", str(path)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert 'onbekende rol "wijkagnet" (bedoelde u "wijkagent"?)' in result.stderr


def test_every_problem_message_exists_in_both_languages_with_the_same_placeholders():
    import re

    from sim.errors import _catalogue

    for code, entry in _catalogue().items():
        assert entry["nl"] and entry["en"], code
        assert sorted(re.findall(r"{(\w+)}", entry["nl"])) == sorted(re.findall(r"{(\w+)}", entry["en"])), code


def test_a_duplicate_id_points_at_the_second_one(tmp_path):
    path = _broken(tmp_path, "  - {id: wijkteam, kind: wijkteam,", "  - {id: ib, kind: wijkteam,")
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    second = [n for n, line in enumerate(path.read_text().splitlines(), 1) if "{id: ib," in line][1]
    assert any(p.line == second and 'the id "ib" is already used' in p.message for p in exc.value.problems)


def test_brackets_nested_thousands_deep_are_refused_at_once(tmp_path):
    import time

    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 5000 + "]" * 5000)
    start = time.perf_counter()
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    assert time.perf_counter() - start < 2.0  # generous: the cheap scan takes milliseconds
    assert "nested too deeply" in exc.value.problems[0].message


def test_validate_checks_a_policy_file_against_its_scenario(tmp_path):
    policy = tmp_path / "p.yaml"
    policy.write_text("policy: demo\nscenario: pietersdam\nactions:\n  - {at: 1d, role: smw, do: vir_register, child: kevn}\n")
    result = _validate(policy)
    assert result.returncode == 2 and f"{policy}:4:" in result.stderr and '"kevin"' in result.stderr
    shipped = ROOT / "scenarios" / "policies" / "pietersdam_expert.yaml"
    assert _validate(shipped).returncode == 0
