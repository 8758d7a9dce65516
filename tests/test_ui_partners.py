"""Solo e-learning plays with computer partners (issue 14, item 2): skilled colleagues by default,
chosen on the start screen with [P] or `play --partners`, kept when playing again from a moment."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from ui.game import restart_from  # noqa: E402


def _key(app, k):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))
    for _ in range(2):
        app.frame()


def test_a_new_solo_game_plays_with_skilled_partners_by_default(app):
    _key(app, pygame.K_RETURN)
    assert app.game is not None
    assert app.game.session.records[0]["partners"] == "competent"
    assert app.game.session.players == {"smw"}


def test_p_on_the_start_screen_chooses_how_the_colleagues_play(app):
    _key(app, pygame.K_p)
    assert app.partners == "realistic"
    _key(app, pygame.K_p)
    assert app.partners == "passive"
    _key(app, pygame.K_RETURN)
    assert app.game.session.records[0]["partners"] == "passive"


def test_playing_again_from_a_moment_keeps_the_partner_level(app):
    _key(app, pygame.K_p)
    _key(app, pygame.K_RETURN)
    app.game.session.advance(48.0)
    again = restart_from(app.game, 24.0)
    assert again.session.records[0]["partners"] == "realistic"
