"""A duty counted as not done says why when the owner did something close (issue 20): the step came
before its window opened, or the same action in the window was about another child or purpose."""

from __future__ import annotations

from scoring import score_log
from sim import Session
from sim.model import Expectation

TALK = Expectation.model_validate({
    "id": "zorg_anna", "text": {"nl": "De zorg over Anna met moeder bespreken", "en": "Discuss the worry about Anna with mum"},
    "roles": ["ib"], "do": "talk_parents", "match": {"child": "anna", "purpose": "concern"},
    "window": {"earliest": "3d", "ideal": "1w", "latest": "2w"}, "source": "seed 003 9 vragen"})


def _duty(mini, steps):
    sc = mini.model_copy(update={"expectations": [TALK]})
    s = Session(sc, seed=3)
    for t, action in steps:
        s.advance(t)
        assert s.act("ib", action).ok
    s.finish()
    return [f for f in score_log(sc, s.records).findings if f.rule == "T-expectation"]


def test_a_talk_about_the_wrong_child_is_named_as_such(mini):
    [f] = _duty(mini, [(24.0 * 5, {"do": "talk_parents", "child": "bram", "purpose": "concern"})])
    assert f.severity == "violation"
    assert f.message["nl"].startswith("Net niet: De zorg over Anna met moeder bespreken. Op dag 5 zette de intern")
    assert "over Anna" in f.message["nl"] and "about Anna" in f.message["en"]


def test_a_step_before_the_window_is_called_too_early_not_missing(mini):
    [f] = _duty(mini, [(24.0, {"do": "talk_parents", "child": "anna", "purpose": "concern"})])
    assert f.severity == "violation" and f.message["nl"].startswith("Te vroeg:")
    assert "op dag 1" in f.message["nl"] and "pas op dag 3" in f.message["nl"]


def test_nothing_close_keeps_the_plain_text(mini):
    [f] = _duty(mini, [])
    assert f.message["nl"].startswith("Niet (op tijd) gedaan:")
