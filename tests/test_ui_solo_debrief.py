"""The solo debrief shows the player's own score (issue 14, item 2): "Uw score" is the role's own
(`score.per_role[role]`), with the team's outcome — what became of the children, the team's score, the
team's items — beside it; the player's own findings are listed apart from team items, and another
partner's missed steps are never listed as the player's."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from ui import game as games  # noqa: E402
from ui.screens.debrief import DebriefScreen  # noqa: E402


def _f(rule, severity, role, text):
    return {"rule": rule, "dimension": "timeliness", "severity": severity, "t": 100.0, "role": role,
            "message": {"nl": text, "en": text}, "source": "seed 003", "cite": {"nl": "Meldcode, stap 3",
                                                                               "en": "Meldcode, step 3"}}


VERDICT = {
    "score": {"total": 41.0, "timeliness": 20.0, "privacy": 90.0, "feedback": 30.0,
              "per_role": {"leerkracht": {"total": 88.0, "timeliness": 80.0, "privacy": 100.0, "feedback": 90.0},
                           "smw": {"total": 12.0, "timeliness": 0.0, "privacy": 60.0, "feedback": 0.0}}},
    "findings": [
        _f("mine_missed", "warning", "leerkracht", "De leerkracht besprak haar zorg laat met de ouders."),
        _f("mine_good", "praise", "leerkracht", "De leerkracht gaf haar zorg door aan de smw."),
        _f("smw_missed", "violation", "smw", "Niemand meldde bij Veilig Thuis (smw)."),
        _f("team_incident", "violation", None, "Het voorzienbare incident gebeurde."),
    ],
}


def _debrief(app, monkeypatch, role="leerkracht"):
    sc = games.load("pietersdam")
    app.game = games.start_game(sc, role, None, save=False)
    games.apply_policy(app.game, "expert", sc.meta.duration)
    monkeypatch.setattr(app, "scores", lambda: VERDICT)
    app.end_game()
    assert isinstance(app.screen, DebriefScreen)
    return app.screen


def test_the_solo_debrief_shows_the_players_own_score(app, monkeypatch):
    screen = _debrief(app, monkeypatch)
    mine, team = screen.outcome_html(), screen.team_html()
    assert "Uw score: 88" in mine and "tijdigheid 80" in mine, "the role's own score, not the team's"
    assert "41" not in mine
    assert "Score van het team: 41" in team, "the team's outcome beside it"
    assert "Wat er met de kinderen gebeurde" in team and "Kevin" in team
    assert "besprak haar zorg laat" in mine and "gaf haar zorg door" in mine
    assert "Het voorzienbare incident gebeurde." in team and "Het voorzienbare incident gebeurde." not in mine, \
        "team items are listed as the team's"
    assert "Niemand meldde bij Veilig Thuis" not in mine + team, "another partner's missed step is not the player's"
    assert "Meldcode, stap 3" in mine and "seed" not in mine + team, "the public source, never the seed"


def test_the_solo_debrief_with_the_real_scorer_shows_the_roles_own_score(app):
    sc = games.load("pietersdam")
    app.game = games.start_game(sc, "leerkracht", None, save=False)
    games.apply_policy(app.game, "expert", 10 * 168)
    app.end_game()
    verdict = app.scores()
    own = verdict["score"]["per_role"]["leerkracht"]
    html = app.screen.outcome_html()
    assert f"Uw score: {own['total']:.0f}" in html
    others = [f for f in verdict["findings"] if f.get("role") not in ("leerkracht", None)]
    for f in others:
        assert f["message"]["nl"] not in html, "another partner's finding in the player's column"
