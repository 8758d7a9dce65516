"""The YAML traps Dutch texts fall into get a plain Dutch message with the fix, on the line where the
text starts (issue 20, item 3): 's Nachts, a colon, a comma, a text that starts with a quote, a tab."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim import load_scenario
from sim.errors import ScenarioError

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"
FLOW_EVENT = "message: {nl: Anna huilt., en: Anna cries.}"
BLOCK_EVENT = ("  - {id: week1, at: 1w, sender: {nl: Klas, en: Class}, message: {nl: Anna huilt., en: Anna cries.}, "
               "observed_by: [ib], facts: [anna_bang], risk: 1, source: seed 004 §1}")


def _block(text_nl: str) -> str:
    return ("  - id: week1\n    at: 1w\n    sender: {nl: Klas, en: Class}\n    message:\n"
            f"      nl: {text_nl}\n      en: Anna cries.\n    observed_by: [ib]\n    facts: [anna_bang]\n"
            "    risk: 1\n    source: seed 004 §1")


def _problem(tmp_path, old: str, new: str) -> tuple[int, str]:
    base = MINI.read_text(encoding="utf-8")
    assert old in base
    path = tmp_path / "gezin.yaml"
    path.write_text(base.replace(old, new), encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    first = err.value.problems[0]
    return first.line, first.message_nl


def _line_of(tmp_path, needle: str) -> int:
    text = (tmp_path / "gezin.yaml").read_text(encoding="utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize("old,new", [
    (FLOW_EVENT, "message: {nl: 's Nachts huilt Anna., en: Anna cries.}"),
    (BLOCK_EVENT, _block("'s Nachts huilt Anna en ze zegt dat ze bang is.")),
    (BLOCK_EVENT, _block("'t Is weer mis thuis, zegt Anna's juf.")),
])
def test_a_text_starting_with_s_is_told_to_go_in_double_quotes_on_its_own_line(tmp_path, old, new):
    line, text = _problem(tmp_path, old, new)
    assert line == _line_of(tmp_path, "nl: '")
    assert "apostrof" in text and "dubbele aanhalingstekens" in text and "YAML:" not in text


@pytest.mark.parametrize("old,new", [
    (FLOW_EVENT, "message: {nl: Let op: Anna huilt., en: Anna cries.}"),
    (BLOCK_EVENT, _block("Let op: Anna huilt.")),
])
def test_a_colon_in_a_text_is_told_to_go_in_quotes(tmp_path, old, new):
    line, text = _problem(tmp_path, old, new)
    assert line == _line_of(tmp_path, "Let op:")
    assert "dubbele punt" in text and "aanhalingstekens" in text


def test_a_comma_in_a_short_text_says_the_text_was_cut_there(tmp_path):
    line, text = _problem(tmp_path, FLOW_EVENT, "message: {nl: Anna huilt, en draagt al dagen dezelfde trui., en: Anna cries.}")
    assert line == _line_of(tmp_path, "dezelfde trui")
    assert "komma afgebroken" in text and '"en draagt al dagen dezelfde trui."' in text
    assert "onbekende sleutel" not in text


def test_a_text_that_starts_with_a_quote_and_goes_on_is_explained(tmp_path):
    line, text = _problem(tmp_path, FLOW_EVENT, 'message: {nl: "Ik ben bang" zegt Anna., en: Anna cries.}')
    assert line == _line_of(tmp_path, "Ik ben bang")
    assert "sluitende aanhalingsteken" in text and "<scalar>" not in text


def test_a_tab_is_told_to_be_two_spaces(tmp_path):
    line, text = _problem(tmp_path, "  - {id: week1,", "\t- {id: week1,")
    assert line == _line_of(tmp_path, "\t- {id: week1")
    assert "tab" in text and "spaties" in text


def test_properly_quoted_dutch_texts_load(tmp_path):
    base = MINI.read_text(encoding="utf-8").replace(
        FLOW_EVENT, """message: {nl: "'s Nachts: Anna huilt, en ze is bang.", en: "At night: Anna cries, and she is scared."}""")
    path = tmp_path / "gezin.yaml"
    path.write_text(base, encoding="utf-8")
    sc = load_scenario(path)
    assert sc.event_by_id["week1"].message.nl.startswith("'s Nachts: ")
