"""The coach explains findings at the moment they arise (with the seed), stays silent in exam mode,
and the debrief shows the scores and findings of the scoring package (issue 6, items 5 and 6)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


from ui.screens.debrief import DebriefScreen  # noqa: E402

SHARE_WITHOUT_BASIS = {"do": "share", "to": "wijkagent", "facts": ["moeder_weigert_hulp"], "basis": "none",
                       "child": "kevin"}


def test_the_coach_explains_a_share_without_basis_and_cites_the_seed(app):
    app.start_new(app.screen.scenario(), "smw")
    assert app.submit_action(SHARE_WITHOUT_BASIS).ok
    assert "Coach:" in app.status_html and "grondslag" in app.status_html and "seed 003" in app.status_html


def test_in_exam_mode_the_coach_is_silent_but_the_debrief_still_judges(app):
    app.coach_on = False
    app.start_new(app.screen.scenario(), "smw")
    assert app.submit_action(SHARE_WITHOUT_BASIS).ok
    assert "Coach" not in app.status_html
    app.end_game()
    assert isinstance(app.screen, DebriefScreen)
    html = app.screen.outcome_html()
    assert "Score" in html and "Te verbeteren" in html and "seed 003" in html
