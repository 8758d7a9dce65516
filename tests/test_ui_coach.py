"""The coach explains findings at the moment they arise (with the public source, never the seed), stays
silent in exam mode, and the debrief shows the scores and findings of the scoring package (issue 6,
items 5 and 6; issue 14, items 5 and 8)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


from ui.screens.debrief import DebriefScreen  # noqa: E402

SHARE_WITHOUT_BASIS = {"do": "share", "to": "wijkagent", "facts": ["moeder_weigert_hulp"], "basis": "none",
                       "child": "kevin"}


def test_the_coach_explains_a_share_without_basis_and_cites_the_public_source_never_the_seed(app):
    app.start_new(app.screen.scenario(), "smw")
    assert app.submit_action(SHARE_WITHOUT_BASIS).ok
    assert "Coach" in app.status_html and "grondslag" in app.status_html
    assert "seed" not in app.status_html and "domain.md" not in app.status_html
    for finding in app.coach.history:
        if finding.get("cite"):
            assert finding["cite"]["nl"] in app.status_html


def test_in_exam_mode_the_coach_is_silent_but_the_debrief_still_judges(app):
    app.coach_on = False
    app.start_new(app.screen.scenario(), "smw")
    assert app.submit_action(SHARE_WITHOUT_BASIS).ok
    assert "Coach" not in app.status_html
    app.end_game()
    assert isinstance(app.screen, DebriefScreen)
    html = app.screen.outcome_html()
    assert "Uw score" in html and "verbeteren" in html and "seed" not in html


def test_f5_reloads_an_edited_scenario_at_the_same_moment_and_shows_errors_in_the_window(app, tmp_path):
    import shutil
    from pathlib import Path

    from sim import load_scenario

    root = Path(__file__).resolve().parent.parent
    copy = tmp_path / "pietersdam.yaml"
    shutil.copy(root / "scenarios" / "pietersdam.yaml", copy)
    app.start_new(load_scenario(copy), "smw")
    app.game.session.advance(72.0)
    assert app.submit_action({"do": "vir_register", "child": "kevin"}).ok
    copy.write_text(copy.read_text(encoding="utf-8").replace(
        "observed_by: [wijkagent]\n    facts: [burenmelding_geschreeuw]", "observed_by: [wijkagnet]\n    facts: [burenmelding_geschreeuw]"),
        encoding="utf-8")
    before = app.game
    app.reload_scenario()
    assert app.game is before and "wijkagnet" in app.status_html and "bedoelde u" in app.status_html
    copy.write_text((root / "scenarios" / "pietersdam.yaml").read_text(encoding="utf-8").replace(
        "Kevin is erg stil", "Kevin is heel erg stil"), encoding="utf-8")
    app.reload_scenario()
    assert app.game is not before and app.game.session.now == 72.0
    assert "kevin" in app.game.session.world.vir and "opnieuw geladen" in app.status_html
    assert any("heel erg stil" in f.text.nl for f in app.game.scenario.facts)
