"""Plain refusals in the player's language (issue 17, item 3): an action that does not fit its form is
refused with what is wrong and what to do instead — never the parser's words."""

from __future__ import annotations

import pytest

from sim import MemoryLog, Session, load_scenario, resolve_scenario
from sim.actions import ACTION_IDS

PARSER_WORDS = ("validation", "List should", "Field required", "Input should", "Extra inputs", "String should",
                "Ongeldige actie", "Invalid action", "tagged-union", "discriminator")


@pytest.fixture(scope="module")
def scenario():
    return load_scenario(resolve_scenario("pietersdam"))


def _refusal(scenario, action):
    s = Session(scenario, 1, players={"leerkracht"}, log=MemoryLog())
    result = s.act("leerkracht", action)
    assert not result.ok
    return result.reason


def test_sharing_with_no_fact_ticked_says_choose_a_fact(scenario):
    reason = _refusal(scenario, {"do": "share", "to": "smw", "facts": []})
    assert reason.nl == "Kies ten minste één feit." and reason.en == "Choose at least one fact."


def test_a_missing_recipient_says_choose_the_recipient(scenario):
    assert _refusal(scenario, {"do": "share", "facts": ["kevin_stil"]}).nl == "Kies nog de ontvanger."


def test_a_consult_about_nothing_is_refused_with_what_to_add(scenario):
    """'Collega raadplegen' with no child and no facts was accepted and gave no advice."""
    reason = _refusal(scenario, {"do": "consult_colleague"})
    assert "kies het kind of de feiten" in reason.nl


@pytest.mark.parametrize("do", ACTION_IDS)
def test_no_empty_form_of_any_action_speaks_the_parsers_language(scenario, do):
    s = Session(scenario, 1, players={"leerkracht"}, log=MemoryLog())
    result = s.act("leerkracht", {"do": do})
    if result.ok:
        return  # an action that needs nothing more (e.g. wait)
    for lang in ("nl", "en"):
        text = getattr(result.reason, lang)
        assert not any(w in text for w in PARSER_WORDS), (do, text)
        assert text.endswith("."), (do, text)


def test_an_unknown_action_and_a_too_long_reason_are_said_plainly(scenario):
    assert "geen handeling in het spel" in _refusal(scenario, {"do": "fly"}).nl
    long = _refusal(scenario, {"do": "share", "to": "smw", "facts": ["kevin_stil"], "reason": "x" * 600})
    assert long.nl == "De reden is te lang: schrijf hoogstens 500 tekens."
