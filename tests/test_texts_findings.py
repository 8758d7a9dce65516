"""Findings never show what players cannot see (issue 15, review "Dutch texts"): the family's risk
level is hidden from players (sim.view: level_hidden), so the outcome finding says what the level meant —
"de situatie thuis was nog onveilig" — not "(risico 8,5)" (seed 004 §1: the foreseeable incident)."""

from __future__ import annotations

import re

import pytest

from scoring_records import findings


def _incident(happened: bool, level: float) -> dict:
    return {"type": "incident", "t": 1200.0, "incident": "x", "happened": happened, "softened": False,
            "level": level}


@pytest.mark.parametrize("happened,level", [(True, 8.5), (False, 1.5)])
def test_the_incident_finding_does_not_show_the_hidden_risk_level(happened, level):
    [finding] = findings([_incident(happened, level)], "T-incident")
    for lang in ("nl", "en"):
        text = finding["message"][lang]
        assert not re.search(r"\d", text), text
        assert "risico" not in text and "risk " not in text


def test_the_incident_finding_says_what_the_level_meant():
    """Happened: the situation at home was still unsafe; prevented: the team acted in time."""
    [bad] = findings([_incident(True, 8.5)], "T-incident")
    assert "de situatie thuis was nog onveilig" in bad["message"]["nl"]
    [good] = findings([_incident(False, 1.5)], "T-incident")
    assert good["message"]["nl"].startswith("Het incident bleef uit: het team handelde op tijd")


def test_a_filled_in_question_gets_no_second_full_stop():
    """Review of issue 17: "hoe gaat het thuis?. Dit was …" — an expectation's own text may end a sentence."""
    from scoring.rules import RULES

    f = RULES["T-expectation"].finding(False, 10.0, "smw", extra="Met Kevin praten: hoe gaat het thuis?",
                                       days=42, extra_en="Talk with Kevin: how are things at home?")
    assert "thuis? Dit was" in f.message["nl"] and "home? This was" in f.message["en"]
