"""Keys that do what they say once (issue 17, item 1): a held key or a repeat the OS sends is never a
second command; Esc from the desk goes to the start screen and no further; typing still repeats."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from ui.screens.desk import DeskScreen  # noqa: E402
from ui.screens.start import StartScreen  # noqa: E402


def down(app, k, frames=1):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    for _ in range(frames):
        app.frame()


def up(app, k):
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))
    app.frame()


def test_holding_w_advances_exactly_one_week(app):
    """A slow redraw turned a held W into several week steps; now one press is one week."""
    down(app, pygame.K_RETURN)
    up(app, pygame.K_RETURN)
    assert isinstance(app.screen, DeskScreen)
    start = app.game.session.now
    for _ in range(12):  # what key repeat (or a stuck key) would send while the desk redraws
        down(app, pygame.K_w)
    up(app, pygame.K_w)
    assert app.game.session.now - start == 7 * 24
    down(app, pygame.K_w)  # pressed again after letting go: the next week
    up(app, pygame.K_w)
    assert app.game.session.now - start == 14 * 24


def test_held_escape_on_the_desk_stops_at_the_start_screen(app):
    """Esc on the desk saves and goes to the start screen; holding it never closes the program."""
    down(app, pygame.K_RETURN)
    up(app, pygame.K_RETURN)
    assert isinstance(app.screen, DeskScreen)
    for _ in range(8):
        down(app, pygame.K_ESCAPE)
    up(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, StartScreen) and app.running


def test_commands_do_not_repeat_but_typing_does(app):
    """Key repeat is off for commands and on only while a text field has the focus."""
    assert pygame.key.get_repeat() == (0, 0)
    down(app, pygame.K_RETURN)
    up(app, pygame.K_RETURN)
    assert pygame.key.get_repeat() == (0, 0)


def test_f6_on_the_desk_chooses_the_next_panel(app):
    """F6 (and F5 reload) belonged to the map screen by mistake: on the desk F6 did nothing."""
    down(app, pygame.K_RETURN)
    up(app, pygame.K_RETURN)
    assert isinstance(app.screen, DeskScreen)
    before = app.panel_index
    down(app, pygame.K_F6)
    up(app, pygame.K_F6)
    assert app.panel_index == (before + 1) % 4
