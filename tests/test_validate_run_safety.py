"""`validate` knows what would break `run` (issue 13): no playable role, triggers waiting for each other
or for themselves, .nan/.inf numbers and an endless duration are refused at FILE:LINE:COL, and `run`
refuses the same files at load with exit 2 instead of crashing or hanging. Circles that can still fire
(through `any:`/`not:`) are a lint warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli import main
from sim import ScenarioError, load_scenario

ROOT = Path(__file__).resolve().parent.parent
VOS = (ROOT / "docs" / "examples" / "familie_vos.yaml").read_text(encoding="utf-8")
EVENT_RISK = "    risk: 1\n    source: seed 003 9 vragen (vraag 7)\n"
IV_WHEN = "    when: {done: {action: report_veilig_thuis, child: noor}}\n"


def _file(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = VOS
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "vos.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _refused(path: Path) -> list[tuple[int, int, str, str]]:
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    return [(p.line, p.col, p.message_nl, p.message) for p in exc.value.problems]


def _line(path: Path, needle: str, nth: int = 1) -> int:
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return hits[nth - 1]


def _cli(capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(args))
    return code, capsys.readouterr().err


def _run_refuses(capsys, path: Path) -> None:
    for policy in ("passive", "random"):
        code, err = _cli(capsys, "run", str(path), "--policy", policy)
        assert code == 2 and err.startswith(f"{path}:"), err


def test_a_scenario_without_a_playable_role_is_refused_and_run_does_not_crash(tmp_path, capsys):
    path = _file(tmp_path, *[(f"  - id: {r}\n    kind: {r}\n", f"  - id: {r}\n    kind: {r}\n    playable: false\n")
                             for r in ("leerkracht", "smw", "wijkagent")])
    (line, col, nl, en), = _refused(path)
    assert (line, col) == (_line(path, "  - id: leerkracht"), 3)
    assert "speelbaar" in nl and "playable" in en
    _run_refuses(capsys, path)


@pytest.mark.parametrize("old, new, needle", [
    ("  start: 5\n", "  start: .nan\n", "start: .nan"),
    (EVENT_RISK, EVENT_RISK.replace("risk: 1", "risk: .inf"), "risk: .inf"),
    (EVENT_RISK, EVENT_RISK.replace("risk: 1", "risk: -.inf"), "risk: -.inf"),
    (EVENT_RISK, EVENT_RISK.replace("risk: 1", "risk: 1e999"), "risk: 1e999"),
    (EVENT_RISK, EVENT_RISK.replace("risk: 1", 'risk: "nan"'), 'risk: "nan"'),
    ("    delay: 5d\n", "    delay: .inf\n", "delay: .inf"),
    ("  duration: 8w\n", "  duration: .inf\n", "duration: .inf"),
    ("  at: 6w\n", "  at: .nan\n", "at: .nan"),
])
def test_nan_and_inf_numbers_are_refused_where_they_are_written(tmp_path, capsys, old, new, needle):
    path = _file(tmp_path, (old, new))
    problems = _refused(path)
    line = _line(path, needle)
    assert any(p[0] == line and ".nan" in p[2] + p[3] for p in problems), problems
    assert all("bereik" not in p[2] for p in problems if p[0] == line)  # not "out of range" as well
    _run_refuses(capsys, path)


@pytest.mark.parametrize("duration", ["1e300", "-1w", "0h", "105w"])
def test_a_duration_beyond_two_years_or_not_positive_is_refused(tmp_path, capsys, duration):
    path = _file(tmp_path, ("  duration: 8w\n", f"  duration: {duration}\n"))
    (line, col, nl, en), = _refused(path)
    assert (line, col) == (_line(path, "  duration:"), 13) and "104w" in nl and "two years" in en
    _run_refuses(capsys, path)


def test_an_intervention_waiting_for_itself_is_refused(tmp_path, capsys):
    path = _file(tmp_path, (IV_WHEN, "    when: {event: vt_veiligheidsafspraken}\n"))
    (line, col, nl, en), = _refused(path)
    assert (line, col) == (_line(path, "    when: {event: vt_veiligheidsafspraken}"), 19)
    assert "zichzelf" in nl and "itself" in en
    _run_refuses(capsys, path)


def test_an_event_and_an_intervention_waiting_for_each_other_are_refused(tmp_path, capsys):
    path = _file(tmp_path, (EVENT_RISK, EVENT_RISK + "    when: {all: [{after: 1d}, {event: vt_veiligheidsafspraken}]}\n"),
                 (IV_WHEN, "    when: {event: buren_bellen}\n"))
    (line, col, nl, en), = _refused(path)
    assert line in (_line(path, "when: {all:"), _line(path, "when: {event: buren_bellen}"))
    assert "wachten op elkaar" in nl and "wait for each other" in en
    assert '"buren_bellen"' in en and '"vt_veiligheidsafspraken"' in en
    _run_refuses(capsys, path)


def test_a_circle_through_not_is_valid_and_a_lint_warning(tmp_path, capsys):
    path = _file(tmp_path, (IV_WHEN, "    when: {not: {event: vt_veiligheidsafspraken}}\n"))
    assert load_scenario(path).meta.id == "familie_vos"
    code, err = _cli(capsys, "lint", "--lang", "en", str(path))
    line = _line(path, "when: {not:")
    assert code == 0 and f"{path}:{line}:25: warning: " in err and "refers to itself" in err
    assert _cli(capsys, "run", str(path), "--policy", "passive")[0] == 0


def test_the_example_family_has_no_trigger_findings(capsys):
    code, err = _cli(capsys, "lint", "--lang", "en", str(ROOT / "docs" / "examples" / "familie_vos.yaml"))
    assert code == 0 and "circle" not in err and "itself" not in err


def test_a_policy_step_at_an_endless_time_is_refused_at_its_line(tmp_path):
    from sim.policy import load_policy_for_itself

    shipped = ROOT / "scenarios" / "policies" / "pietersdam_expert.yaml"
    text = shipped.read_text(encoding="utf-8")
    path = tmp_path / "pietersdam_expert.yaml"
    path.write_text(text.replace("{at: 1d, role: leerkracht", "{at: .inf, role: leerkracht", 1), encoding="utf-8")
    with pytest.raises(ScenarioError) as exc:
        load_policy_for_itself(path)
    assert any(".inf" in p.message and p.line == _line(path, "at: .inf") for p in exc.value.problems)


def test_a_number_with_thousands_of_digits_is_refused_where_it_is_written(tmp_path):
    path = _file(tmp_path, ("  start: 5\n", "  start: " + "9" * 5000 + "\n"))
    (line, col, nl, en), = _refused(path)
    assert (line, col) == (_line(path, "  start: 999"), 10) and "5000 cijfers" in nl
