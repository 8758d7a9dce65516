"""`lint` finds what is valid but wrong — each test makes one such mistake in the guide's example
family (docs/examples/familie_vos.yaml) and expects the finding at the right line, in Dutch, with
exit 2 for errors and 1 for warnings only under --strict."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "familie_vos.yaml"
BASE = EXAMPLE.read_text(encoding="utf-8")


def _lint(tmp_path: Path, capsys, old: str | list[tuple[str, str]], new: str = "", *extra: str
          ) -> tuple[int, list[str], str]:
    text = BASE
    for a, b in ([(old, new)] if isinstance(old, str) else old):
        assert a in text
        text = text.replace(a, b, 1)
    path = tmp_path / "vos.yaml"
    path.write_text(text, encoding="utf-8")
    code = main(["lint", str(path), *extra])
    err = capsys.readouterr().err
    return code, err.splitlines(), text


def _line_of(text: str, needle: str) -> int:
    return text[:text.index(needle)].count("\n") + 1


def test_the_guides_example_and_the_shipped_families_lint_without_errors(capsys):
    assert main(["lint", str(EXAMPLE), "--strict"]) == 0
    for name in ("pietersdam", "peter", "lisanne_lars"):
        assert main(["lint", name]) in (0, 1)
        assert ": fout:" not in capsys.readouterr().err


def test_a_fact_nobody_can_learn_is_a_warning(tmp_path, capsys):
    code, lines, text = _lint(tmp_path, capsys, "    revealed_by:\n      - {action: observe, roles: [leerkracht], child: noor}\n", "")
    assert code == 0 and len(lines) == 1
    assert f":{_line_of(text, 'id: noor_blauwe_plekken')}:" in lines[0]
    assert 'waarschuwing: niemand kan het feit "noor_blauwe_plekken" ooit te weten komen' in lines[0]
    assert main(["lint", str(tmp_path / "vos.yaml"), "--strict"]) == 1


def test_a_condition_on_a_fact_nobody_can_learn_is_never_true(tmp_path, capsys):
    code, lines, _ = _lint(tmp_path, capsys, "when: {after: 3d}",
                           "when: {known_by: {role: leerkracht, fact: noor_geslagen}}")
    # noor_geslagen is learnt at the incident, so this one is fine …
    assert code == 0 and not lines
    code, lines, text = _lint(tmp_path, capsys, [
        ("when: {after: 3d}", "when: {known_by: {role: leerkracht, fact: noor_geslagen}}"),
        ("  facts: [noor_geslagen]\n", "  facts: []\n")])
    assert code == 2
    assert any(f":{_line_of(text, 'fact: noor_geslagen}}')}:" in x and 'deze voorwaarde is nooit waar: niemand kan het feit "noor_geslagen"' in x
               for x in lines), lines


def test_an_event_after_the_end_never_happens(tmp_path, capsys):
    code, lines, text = _lint(tmp_path, capsys, "at: 2w\n", "at: 9w\n")
    assert code == 2
    assert any(f":{_line_of(text, 'at: 9w')}:9: fout: de gebeurtenis \"buren_bellen\" valt op 9w" in x for x in lines)


def test_an_expectation_window_after_the_end_can_never_be_met(tmp_path, capsys):
    code, lines, _ = _lint(tmp_path, capsys, "window: {earliest: 0d, ideal: 3w, latest: 5w}",
                           "window: {earliest: 9w, ideal: 9w, latest: 10w}")
    assert code == 2 and any('"vir_noor"' in x and "na het einde" in x for x in lines)


def test_an_expectation_only_computer_roles_could_meet_without_a_rule_is_an_error(tmp_path, capsys):
    code, lines, _ = _lint(tmp_path, capsys, "roles: [wijkagent, smw]", "roles: [veilig_thuis]")
    assert code == 2 and any('niemand kan de verwachting "vir_noor" waarmaken' in x for x in lines)


def test_impossible_conditions_before_zero_after_the_end_and_risk_above_ten(tmp_path, capsys):
    for cond, fragment in [("{before: 0h}", "before: 0"), ("{after: 9w}", '"after: 9w" is nooit waar'),
                           ('{level: ">= 11"}', 'de risicotoets ">= 11" is nooit waar')]:
        code, lines, _ = _lint(tmp_path, capsys, "when: {after: 3d}", f"when: {cond}")
        assert code == 2 and fragment in lines[0], lines


def test_an_incident_that_can_never_happen(tmp_path, capsys):
    code, lines, _ = _lint(tmp_path, capsys, "threshold: 6", "threshold: 7")
    assert code == 2 and "het incident kan nooit gebeuren: het risico komt hoogstens op 6, de drempel is 7" in lines[0]


def test_an_incident_no_intervention_can_prevent(tmp_path, capsys):
    code, lines, _ = _lint(tmp_path, capsys, "risk: -3\n", "risk: 0\n", "--lang", "en")
    assert code == 0
    assert "warning: the incident cannot be prevented: even with every intervention the risk stays at 6" in lines[0]


def test_a_playable_role_with_nothing_to_do(tmp_path, capsys):
    jgz = ("  - id: jgz\n    kind: jgz\n    organisation: {nl: JGZ, en: Youth health care}\n"
           "    briefing: {nl: U bent jeugdarts., en: You are the school doctor.}\n")
    role = ("  - id: veilig_thuis\n", jgz + "  - id: veilig_thuis\n")
    code, lines, text = _lint(tmp_path, capsys, [role])
    assert code == 0
    expected = (f"{tmp_path / 'vos.yaml'}:{_line_of(text, 'id: jgz')}:9: waarschuwing: de rol \"jgz\" heeft niets "
                "te doen: geen cliënten, weet niets, ziet niets en er wordt niets van verwacht; geef de rol clients, "
                "knows_at_start of een verwachting, of zet playable: false")
    assert lines == [expected]
    code, lines, _ = _lint(tmp_path, capsys, [role, ("kind: jgz\n", "kind: jgz\n    playable: false\n")])
    assert code == 0 and not lines


def test_placeholders_must_match_between_dutch_and_english(tmp_path, capsys):
    code, lines, _ = _lint(tmp_path, capsys, 'message: {nl: "Burenmelding bij de familie Vos: luid geschreeuw in de avond."',
                           'message: {nl: "Burenmelding bij {adres}: luid geschreeuw in de avond."')
    assert code == 2 and "de invulplekken verschillen tussen nl (adres) en en (-)" in lines[0]


def test_a_seed_cited_but_not_listed_in_the_sources(tmp_path, capsys):
    code, lines, _ = _lint(tmp_path, capsys, "source: seed 003 9 vragen (kindermishandeling)\n\nevents:",
                           "source: seed 001 (kindermishandeling)\n\nevents:")
    assert code == 0 and 'noemt seed 001 als bron, maar meta.sources niet' in lines[0]


def test_lint_of_a_broken_file_reports_the_validation_problem_with_exit_2(tmp_path, capsys):
    code, lines, _ = _lint(tmp_path, capsys, "at: 2w\n", "at: 2 weken\n")
    assert code == 2 and '"2 weken" is geen tijd' in lines[0]


@pytest.mark.parametrize("lang,word", [("nl", "waarschuwing"), ("en", "warning")])
def test_findings_speak_the_language_asked_for(tmp_path, capsys, lang, word):
    _, lines, _ = _lint(tmp_path, capsys, "risk: -3\n", "risk: 0\n", "--lang", lang)
    assert f": {word}: " in lines[0]


def test_a_playable_role_without_a_duty_is_told_it_is_judged_only_on_privacy(tmp_path, capsys):
    jgz = ("  - id: jgz\n    kind: jgz\n    organisation: {nl: JGZ, en: Youth health care}\n"
           "    briefing: {nl: U bent jeugdarts., en: You are the school doctor.}\n    clients: [noor]\n")
    code, lines, text = _lint(tmp_path, capsys, [("  - id: veilig_thuis\n", jgz + "  - id: veilig_thuis\n")])
    assert code == 0 and len(lines) == 1
    assert f":{_line_of(text, 'id: jgz')}:9: waarschuwing: de rol \"jgz\" is speelbaar maar heeft geen taak" in lines[0]
