"""The action reference a trainer can use (issue 20, item 1): docs/acties.md is generated from the
action catalogue and current; `ketenspel help ACTIE` prints the same; every action has an example line
that the policy loader accepts and rules that exist in the rulebook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from authoring.actions_doc import DOC, _data, document, section
from scoring.rules import RULES
from sim.actions import ACTION_IDS

ROOT = Path(__file__).resolve().parent.parent


def test_the_action_reference_is_current():
    assert DOC.read_text(encoding="utf-8") == document("nl"), "run: python -m authoring.actions_doc"


def test_every_action_has_an_example_and_rules_that_exist():
    data = _data()
    assert set(data) == set(ACTION_IDS)
    for do, entry in data.items():
        assert f"do: {do}" in entry["example"]
        assert entry["rules"] and all(r in RULES for r in entry["rules"]), do


def test_every_example_is_a_valid_policy_step(tmp_path):
    from ruamel.yaml import YAML

    from sim.policy import PolicyStep

    for do, entry in _data().items():
        step = YAML(typ="safe").load(entry["example"])
        assert PolicyStep.model_validate(step).action.do == do


def test_help_prints_the_section_of_one_action_in_dutch_and_english():
    nl = subprocess.run([sys.executable, "main.py", "help", "share"], cwd=ROOT, capture_output=True, text=True)
    assert nl.returncode == 0 and nl.stdout.strip() == section("share", "nl").strip()
    assert "Grondslag" in nl.stdout and "P-basis" in nl.stdout
    en = subprocess.run([sys.executable, "main.py", "help", "share", "--lang", "en"], cwd=ROOT, capture_output=True, text=True)
    assert "Legal basis" in en.stdout


def test_help_for_an_unknown_action_suggests_one_and_exits_2():
    r = subprocess.run([sys.executable, "main.py", "help", "shar"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 2 and 'bedoelde u "share"' in r.stderr and "Traceback" not in r.stderr
