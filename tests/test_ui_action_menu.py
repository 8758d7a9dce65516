"""The action menu for a first-time player at large fonts (review of issue 17): the help panel says what
the focused (or hovered) action means — the same help text each action's dialog opens with, nl and en
— and keeps room for a few lines at 200 % in 1280×720; the arrows move through the grid of buttons as
the help says (←/→ along the rows, ↑/↓ to the button above or below), not like Tab."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from ui import game as games  # noqa: E402
from ui.app import App  # noqa: E402
from ui.i18n import Tr  # noqa: E402
from ui.widgets import BASE_FONT, measure_font  # noqa: E402


def press(app, key, mod=0):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    app.frame()


@pytest.fixture()
def menu(tmp_path, monkeypatch):
    """The smw's action menu in week 4 of Pietersdam (a conversation to hold is offered too)."""
    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path))

    def make(scale: float = 2.0, lang: str = "nl") -> App:
        app = App(lang, (1280, 720), scale)
        app.clock = pygame.time.Clock()
        app.game = games.start_game(games.load("pietersdam"), "smw", 1, save=False)
        app.game.session.advance(3 * 168 + 24)
        app.show_desk()
        app.frame()
        press(app, pygame.K_a)
        assert type(app.screen).__name__ == "ReusingMenu"
        return app

    yield make
    pygame.quit()


def focused(app):
    return app.screen.focus[app.screen.focus_index]


def help_text(app) -> str:
    return app.screen.help_box.html_text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_help_describes_the_focused_action(menu, lang):
    app = menu(lang=lang)
    tr = Tr(lang)
    assert focused(app).text == tr("action.observe")
    assert tr("help.observe")[:40] in help_text(app)
    press(app, pygame.K_TAB)
    assert tr("help.talk_child")[:40] in help_text(app) and tr("help.observe")[:40] not in help_text(app)


def test_every_action_button_has_its_own_help(menu):
    app = menu()
    tr = Tr("nl")
    for _ in range(len(app.screen.focus) - 1):  # the last button is "Terug"
        do = app.screen.help_for[focused(app)]
        assert tr(f"help.{do}")[:40] in help_text(app), do
        press(app, pygame.K_TAB)
    assert app.screen.help_for[focused(app)] is None and "Kies een handeling" in help_text(app)


def test_the_help_has_room_for_three_lines_at_200_percent(menu):
    for lang in ("nl", "en"):
        app = menu(lang=lang)
        box = app.screen.help_box
        assert box.rect.height >= 3 * measure_font(round(BASE_FONT * 2.0)).get_linesize(), lang
        assert box.rect.bottom <= 720 and all(b.rect.bottom <= box.rect.top for b in app.screen.focus)


def test_right_and_left_move_along_the_row(menu):
    app = menu()
    first = focused(app)
    press(app, pygame.K_RIGHT)
    second = focused(app)
    assert second is not first and second.rect.centery == first.rect.centery and second.rect.left > first.rect.right
    press(app, pygame.K_LEFT)
    assert focused(app) is first


def test_down_goes_to_the_nearest_button_in_the_row_below_not_the_next_in_tab_order(menu):
    app = menu()
    press(app, pygame.K_RIGHT)  # "Gesprek met het kind", the middle of the first row
    here = focused(app)
    press(app, pygame.K_DOWN)
    below = focused(app)
    rows = sorted({b.rect.centery for b in app.screen.focus})
    assert below.rect.centery == rows[1], "one row down"
    nearest = min((b for b in app.screen.focus if b.rect.centery == rows[1]),
                  key=lambda b: abs(b.rect.centerx - here.rect.centerx))
    assert below is nearest
    assert Tr("nl")(f"help.{app.screen.help_for[below]}")[:40] in help_text(app), "the help follows the arrows"
    press(app, pygame.K_UP)
    assert focused(app).rect.centery == rows[0]


def test_up_from_the_first_row_goes_round_to_the_last(menu):
    app = menu()
    press(app, pygame.K_UP)
    assert focused(app).rect.centery == max(b.rect.centery for b in app.screen.focus)


def test_hovering_a_button_shows_its_help_and_leaving_it_the_focused_ones(menu):
    app = menu()
    tr = Tr("nl")
    share = next(b for b in app.screen.focus if app.screen.help_for.get(b) == "share")
    share.hovered = True
    app.screen.update(0.0)
    assert tr("help.share")[:40] in help_text(app)
    share.hovered = False
    app.screen.update(0.0)
    assert tr("help.observe")[:40] in help_text(app)


def test_enter_still_opens_the_focused_action(menu):
    app = menu()
    press(app, pygame.K_DOWN)
    do = app.screen.help_for[focused(app)]
    press(app, pygame.K_RETURN)
    assert getattr(app.screen, "do", None) == do


def test_a_key_moving_the_focus_wins_over_a_pointer_resting_on_another_button(menu, monkeypatch):
    """Review of issue 17: with the pointer resting on 'Regie nemen' the help kept describing it while the
    arrows moved the focus elsewhere. The last thing the player did decides."""
    app = menu()
    tr = Tr("nl")
    share = next(b for b in app.screen.focus if app.screen.help_for.get(b) == "share")
    monkeypatch.setattr(pygame.mouse, "get_pos", lambda: share.rect.center)  # the pointer rests on 'share'
    monkeypatch.setattr(pygame.mouse, "get_focused", lambda: True)
    app.dirty = True
    app.frame()
    app.frame()
    assert share.hovered and tr("help.share")[:40] in help_text(app)
    press(app, pygame.K_RIGHT)
    app.frame()
    assert share.hovered, "the pointer still rests on 'share'"
    focused = app.screen.help_for[app.screen.focus[app.screen.focus_index]]
    assert focused != "share"
    assert tr(f"help.{focused}")[:40] in help_text(app)
