"""A fourth family written from the guide alone (issue 20): docs/examples/familie_yilmaz.yaml validates,
lints clean, passes `balance` and `balance --solo`, and every trap its writer fell into on the way now
gets a plain Dutch message at the right line (and English with --lang en)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli import main
from cli.balance import health, run_balance
from sim import load_scenario
from sim.errors import ScenarioError
from sim.runner import play, resolve_policy

ROOT = Path(__file__).resolve().parent.parent
YILMAZ = ROOT / "docs" / "examples" / "familie_yilmaz.yaml"
EXPERT = ROOT / "docs" / "examples" / "policies" / "familie_yilmaz_expert.yaml"
TEXT = YILMAZ.read_text(encoding="utf-8")
BRIEFING = '      nl: "U bent de leerkracht van Deniz. Hij komt \'s ochtends vaak zonder ontbijt en is snel afgeleid."'


# -- the family itself ---------------------------------------------------------------------------------
def test_the_yilmaz_family_and_its_expert_policy_validate_in_dutch(capsys):
    assert main(["validate", str(YILMAZ), str(EXPERT)]) == 0
    out = capsys.readouterr().out
    assert "5 rollen, 9 feiten, 1 gebeurtenis" in out and "beleid expert: 17 stappen" in out


def test_the_yilmaz_family_lints_clean_even_strictly(capsys):
    assert main(["lint", str(YILMAZ), "--strict"]) == 0
    assert "geen bevindingen" in capsys.readouterr().out


def test_only_good_cooperation_keeps_deniz_and_aylin_safe():
    scenario = load_scenario(YILMAZ)
    passive, _ = play(scenario, resolve_policy(scenario, "passive"), 1)
    expert, refused = play(scenario, resolve_policy(scenario, str(EXPERT)), 1)
    assert not refused, refused
    assert passive.finish()["incident"] is True
    assert expert.finish()["incident"] is False


def test_the_yilmaz_family_is_balanced_for_the_team():
    stats = run_balance(str(YILMAZ), ["expert", "passive", "random"], 30, jobs=1, progress=False)
    assert health(load_scenario(YILMAZ), stats) == []


def test_each_pivotal_role_of_the_yilmaz_family_decides_alone(capsys):
    code = main(["balance", str(YILMAZ), "--solo", "--runs", "4", "--jobs", "1", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["healthy"], out["problems"]
    pivotal = {role for role, r in out["roles"].items() if r["pivotal"]}
    assert pivotal == {"leerkracht", "mentor", "schuldhulp"}
    assert out["roles"]["huisarts"]["passive"]["incident_rate"] == 0  # her anonymous advice changes nothing


def test_a_role_that_decides_but_is_not_marked_pivotal_gets_a_note(tmp_path, capsys):
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / EXPERT.name).write_text(EXPERT.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / YILMAZ.name
    unmarked = TEXT.replace("vraag 2).\n    pivotal: true\n", "vraag 2).\n", 1)  # the teacher's mark
    path.write_text(unmarked, encoding="utf-8")
    assert not load_scenario(path).role_by_id["leerkracht"].pivotal
    assert main(["balance", str(path), "--solo", "--runs", "2", "--jobs", "1"]) == 0
    assert '"leerkracht" is geen spilrol, maar beslist wel over het incident' in capsys.readouterr().out


# -- the traps met on the way: a plain message at the right line -----------------------------------------
def _first_problem(tmp_path, text: str, lang: str = "nl") -> tuple[int, int, str]:
    path = tmp_path / "familie_yilmaz.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    first = err.value.problems[0]
    return first.line, first.col, first.message_nl if lang == "nl" else first.message


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_colon_in_a_source_shows_the_source_line_as_it_should_be_typed(tmp_path):
    text = TEXT.replace('source: "seed 004 §2 (signalen: verzuim)"', "source: seed 004 §2 (signalen: verzuim)")
    line, _, message = _first_problem(tmp_path, text)
    assert line == _line_of(text, "(signalen: verzuim)")
    assert 'source: "seed 004 §2 (signalen: verzuim)"' in message and "nl:" not in message


def test_an_apostrophe_inside_single_quotes_is_explained_not_called_an_indentation_error(tmp_path):
    text = TEXT.replace(BRIEFING, "      nl: 'Deniz zegt 's ochtends niets.'")
    line, col, message = _first_problem(tmp_path, text)
    assert (line, col) == (_line_of(text, "Deniz zegt 's ochtends"), 11)
    assert "enkele aanhalingstekens" in message and "dubbele aanhalingstekens" in message and "''" in message
    assert "inspringen" not in message and "expected" not in message


@pytest.mark.parametrize("start,char", [("{Deniz} heeft honger.", "{"), ("[Deniz] heeft honger.", "["),
                                        ("- Deniz heeft honger.", "-"), ("? Deniz heeft honger", "?"),
                                        ("@Deniz heeft honger.", "@"), ("`Deniz` heeft honger.", "`"),
                                        ("*Deniz* heeft honger.", "*")])
def test_a_text_starting_with_a_yaml_sign_is_told_to_go_in_double_quotes(tmp_path, start, char):
    text = TEXT.replace(BRIEFING, f"      nl: {start}")
    line, col, message = _first_problem(tmp_path, text)
    assert (line, col) == (_line_of(text, start), 11)
    assert f"begint met {char}" in message and f'"{start[:20]}' in message
    for english in ("expected", "found", "not allowed", "inspringen"):
        assert english not in message


@pytest.mark.parametrize("indicator", [">", "|"])
def test_a_text_on_the_same_line_as_a_block_sign_is_explained(tmp_path, indicator):
    text = TEXT.replace(BRIEFING, f"      nl: {indicator} Deniz heeft honger.")
    line, _, message = _first_problem(tmp_path, text)
    assert line == _line_of(text, "Deniz heeft honger.")
    assert f"na {indicator}" in message and "volgende regels" in message and "expected" not in message


def test_an_unindented_folded_text_points_at_the_text_and_its_key(tmp_path):
    text = TEXT.replace(BRIEFING, "      nl: >-\n      Deniz heeft honger.")
    line, _, message = _first_problem(tmp_path, text)
    assert line == _line_of(text, "      Deniz heeft honger.")
    assert f"regel {line - 1}" in message and "verder inspringen" in message


def test_a_hash_in_a_short_text_is_named_on_its_own_line(tmp_path):
    old = 'text: {nl: "Deniz komt \'s ochtends vaak zonder ontbijt en zonder brood voor de pauze op school."'
    text = TEXT.replace(old, "text: {nl: Deniz is nummer #1 in de klas")
    line, _, message = _first_problem(tmp_path, text)
    assert line == _line_of(text, "nummer #1")
    assert "#" in message and "commentaar" in message and "komma" not in message


def test_an_empty_text_is_empty_not_none(tmp_path):
    text = TEXT.replace(BRIEFING, "      nl:")
    line, _, message = _first_problem(tmp_path, text)
    assert line == _line_of(text, "      nl:") and "leeg" in message and "None" not in message


def test_consent_written_as_ja_gets_one_message_saying_true_false_or_a_condition(tmp_path):
    text = TEXT.replace("      relation: {nl: moeder, en: mother}\n      consents: true",
                        "      relation: {nl: moeder, en: mother}\n      consents: ja")
    path = tmp_path / "familie_yilmaz.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert len(err.value.problems) == 1
    assert "true, false of een voorwaarde" in err.value.problems[0].message_nl
    assert "true, false or a condition" in err.value.problems[0].message


def test_a_policy_with_a_misspelt_scenario_id_hints_the_family_beside_it(tmp_path, capsys):
    (tmp_path / "policies").mkdir()
    (tmp_path / YILMAZ.name).write_text(TEXT, encoding="utf-8")
    policy = tmp_path / "policies" / EXPERT.name
    policy.write_text(EXPERT.read_text(encoding="utf-8").replace("scenario: familie_yilmaz", "scenario: familie_yilmas"),
                      encoding="utf-8")
    assert main(["validate", str(policy)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{policy}:3:11: ") and '(bedoelde u "familie_yilmaz"?)' in err and "meegeleverd:" not in err


# -- what YAML swallows without an error: lint says it -------------------------------------------------------
def test_lint_warns_where_a_hash_cut_a_text_short(tmp_path, capsys):
    path = tmp_path / "familie_yilmaz.yaml"
    path.write_text(TEXT.replace(BRIEFING, "      nl: U bent de leerkracht van Deniz #groep6 en hij heeft honger."),
                    encoding="utf-8")
    assert main(["lint", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"{path}:{_line_of(path.read_text(), '#groep6')}:" in err
    assert 'tekst eindigt bij "U bent de leerkracht van Deniz"' in err and "#groep6 en hij heeft honger." in err


def test_lint_warns_where_an_ampersand_became_an_anchor_in_english_too(tmp_path, capsys):
    path = tmp_path / "familie_yilmaz.yaml"
    path.write_text(TEXT.replace(BRIEFING, "      nl: &Deniz heeft honger."), encoding="utf-8")
    assert main(["lint", str(path), "--lang", "en"]) == 0
    err = capsys.readouterr().err
    assert "warning: this text starts with &Deniz" in err and '"heeft honger."' in err


def test_the_shipped_families_have_no_swallowed_text(capsys):
    for name in ("pietersdam", "peter", "lisanne_lars", str(ROOT / "docs" / "examples" / "familie_vos.yaml"), str(YILMAZ)):
        assert main(["lint", name]) == 0
        assert "commentaar" not in capsys.readouterr().err


# -- the window's command line, in Dutch -------------------------------------------------------------------
def test_play_reports_a_broken_family_in_dutch_before_opening_a_window(tmp_path, capsys):
    path = tmp_path / "familie_yilmaz.yaml"
    path.write_text(TEXT.replace("observed_by: [schuldhulp]", "observed_by: [schuldhulpp]"), encoding="utf-8")
    assert main(["play", str(path), "--screenshot", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert 'onbekende rol "schuldhulpp" (bedoelde u "schuldhulp"?)' in err and not (tmp_path / "x.png").exists()


def test_play_names_the_playable_roles_in_dutch(tmp_path, capsys):
    assert main(["play", str(YILMAZ), "--role", "wijkagent", "--screenshot", str(tmp_path / "x.png")]) == 2
    assert "deze rol is niet speelbaar" in capsys.readouterr().err


def test_play_says_what_a_time_looks_like_in_dutch(tmp_path, capsys):
    assert main(["play", str(YILMAZ), "--from", "3weken", "--screenshot", str(tmp_path / "x.png")]) == 2
    assert '"3weken" is geen tijd' in capsys.readouterr().err


def test_play_from_with_a_screenshot_renders_that_moment(tmp_path, monkeypatch):
    from cli import commands

    seen = []
    monkeypatch.setattr("ui.launch.run_window", lambda args: seen.append(args.until) or 0)
    assert commands.play(_play_args(str(YILMAZ), start_from="3w", screenshot=str(tmp_path / "x.png"))) == 0
    assert seen == ["3w"]


def _play_args(scenario, **kw):
    import argparse

    base = dict(scenario=scenario, role=None, lang="nl", seed=None, partners="competent", policy=None, until=None,
                start_from=None, screenshot=None, font_scale=1.0, size="1280x720")
    return argparse.Namespace(**{**base, **kw})


def test_run_names_a_role_that_is_not_in_the_family_in_dutch(capsys):
    assert main(["run", str(YILMAZ), "--policy", "passive", "--role", "wijkagent"]) == 2
    err = capsys.readouterr().err
    assert "deze rol is niet speelbaar" in err and "leerkracht, mentor, huisarts, schuldhulp" in err
