"""Every form fits and scrolls (issue 17, item 2): at 1280×720 and 200 % font the share dialog's lower
fields are below the window; PageDown and the mouse wheel bring them into view, and what Tab reaches
is on screen."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from ui.screens.action import ActionFormScreen  # noqa: E402


@pytest.fixture
def big_form(app):
    app.set_font_scale(2.0)
    app.start_new(app.screen.scenario(), "smw")
    app.game.session.advance(5 * 7 * 24.0)  # the smw knows more by week 5: a long fact list
    app.open_form("share")
    app.frame()
    assert isinstance(app.screen, ActionFormScreen)
    return app


def _on_screen(app, element) -> bool:
    h = app.size[1]
    return element.visible and app.screen.top <= element.rect.top and element.rect.bottom <= h


def _last(app):
    return app.screen.focus[-1]


def _press(app, k):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))
    app.frame()
    app.frame()


def test_page_down_brings_the_bottom_of_a_long_form_into_view(big_form):
    app = big_form
    assert app.screen.content_bottom > app.size[1], "at 200 % the form is longer than the window"
    assert not _on_screen(app, _last(app))
    for _ in range(20):
        _press(app, pygame.K_PAGEDOWN)
        if _on_screen(app, _last(app)):
            break
    assert _on_screen(app, _last(app)), "PageDown reaches the last row"
    assert _on_screen(app, app.screen.focus[app.screen.focus_index]), "the focus follows what is in view"
    for _ in range(20):
        _press(app, pygame.K_PAGEUP)
    assert app.screen.offset == 0


def test_the_mouse_wheel_scrolls_the_form(big_form):
    app = big_form
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0,
                                         precise_y=-1.0, touch=False, which=0))
    app.frame()
    assert app.screen.offset > 0


def test_tab_never_lands_on_a_row_the_player_cannot_see(big_form):
    app = big_form
    for _ in range(len(app.screen.focus) + 2):
        _press(app, pygame.K_TAB)
        focused = app.screen.focus[app.screen.focus_index]
        if app.screen.focus_index >= 2:  # the fixed do/cancel buttons are always in view
            assert _on_screen(app, focused), focused.text if hasattr(focused, "text") else focused
