"""The debrief for a keyboard-only player (review of issue 17): both panels are reachable — F6 and Tab
move the focus onto a panel, which wears the one focus mark on screen — and PageUp/PageDown and the
arrows scroll the panel that has the focus, not whichever panel a desk tab pointed at before. The
timeline lists a conversation with choices once, with its choices beneath it."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from ui import game as games  # noqa: E402
from ui.app import App  # noqa: E402
from ui.screens.debrief import DebriefScreen  # noqa: E402
from ui.screens.panel_focus import PanelFocus  # noqa: E402


def press(app, key, mod=0):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    app.frame()


@pytest.fixture()
def debrief(tmp_path, monkeypatch):
    """A finished expert game of the smw at 200 % font and 1280×720, on its debrief."""
    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path))
    made = []

    def make(scale: float = 2.0, panel_index: int = 0) -> App:
        app = App("nl", (1280, 720), scale)
        app.clock = pygame.time.Clock()
        sc = games.load("pietersdam")
        app.game = games.start_game(sc, "smw", 1, save=False)
        games.apply_policy(app.game, "expert", sc.meta.duration)
        app.panel_index = panel_index  # the desk's last tab (e.g. F3) must not decide the debrief's scrolling
        app.end_game()
        app.frame()
        assert isinstance(app.screen, DebriefScreen)
        made.append(app)
        return app

    yield make
    pygame.quit()


def marks(app) -> list:
    """Everything that shows the focus: selected buttons and framed panels."""
    return [e for e in app.screen.focus if (e.selected if isinstance(e, PanelFocus) else e.is_selected)]


def start(panel: PanelFocus) -> float:
    return panel.box.scroll_bar.start_percentage


def test_f6_moves_focus_to_the_other_debrief_panel(debrief):
    app = debrief()
    left, right = app.screen.panels
    press(app, pygame.K_F6)
    assert app.screen.focused_panel() is left and left.selected
    press(app, pygame.K_F6)
    assert app.screen.focused_panel() is right and right.selected and not left.selected
    press(app, pygame.K_F6, pygame.KMOD_SHIFT)
    assert app.screen.focused_panel() is left


def test_the_focused_panel_is_the_only_focus_mark(debrief):
    app = debrief()
    assert len(marks(app)) == 1, "a button has the focus at first"
    press(app, pygame.K_F6)
    assert marks(app) == [app.screen.panels[0]], "the button lost its mark when the panel took the focus"
    assert all(side.visible for side in app.screen.panels[0].frame), "the frame is on screen"


def test_tab_reaches_both_panels_after_the_buttons(debrief):
    app = debrief()
    reached = []
    for _ in range(len(app.screen.focus)):
        press(app, pygame.K_TAB)
        if app.screen.focused_panel() is not None:
            reached.append(app.screen.focused_panel())
    assert reached == app.screen.panels


def test_page_down_scrolls_the_focused_panel_not_the_one_a_desk_tab_chose(debrief):
    app = debrief(panel_index=3)
    left, right = app.screen.panels
    press(app, pygame.K_F6)
    press(app, pygame.K_F6)  # the right panel: the team, your conversations, the timeline
    press(app, pygame.K_PAGEDOWN)
    assert start(right) > 0 and start(left) == 0
    press(app, pygame.K_F6)
    press(app, pygame.K_PAGEDOWN)
    assert start(left) > 0, "your own findings can be read to the end too"


def test_arrows_and_home_end_scroll_a_focused_panel(debrief):
    app = debrief()
    right = app.screen.panels[1]
    press(app, pygame.K_F6)
    press(app, pygame.K_F6)
    press(app, pygame.K_DOWN)
    after_down = start(right)
    assert after_down > 0 and app.screen.focused_panel() is right, "↓ scrolls, the focus stays"
    press(app, pygame.K_END)
    assert start(right) > after_down
    press(app, pygame.K_HOME)
    assert start(right) == 0


def test_page_down_with_a_button_focused_scrolls_the_panel_that_had_the_focus_last(debrief):
    app = debrief()
    left, right = app.screen.panels
    press(app, pygame.K_F6)
    press(app, pygame.K_F6)
    press(app, pygame.K_TAB)  # from the right panel round to the first button
    assert app.screen.focused_panel() is None
    press(app, pygame.K_PAGEDOWN)
    assert start(right) > 0 and start(left) == 0


def test_a_conversation_is_listed_once_in_the_timeline_with_its_choices(tmp_path, monkeypatch):
    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path))
    app = App("nl", (1280, 720), 1.0)
    app.clock = pygame.time.Clock()
    try:
        app.game = games.start_game(games.load("pietersdam"), "smw", 1, save=False)
        app.game.session.advance(3 * 168 + 24)
        said = []
        for _ in range(3):
            talk = next(c for c in app.game.view().conversations if c["id"] == "gesprek_moeder")
            if talk["over"]:
                break
            choice = talk["choices"][0]
            assert app.game.act({"do": "converse", "conversation": "gesprek_moeder", "choice": choice["id"]}).ok
            said.append(choice["say"]["nl"])
        assert len(said) >= 2, "a conversation of several choices"
        app.end_game()
        timeline = app.screen.timeline_html()
        mine = [line for line in timeline.split("<br>") if "<b>u</b>" in line and "Gesprek met moeder over Kevin" in line]
        assert len(mine) == 1, "one entry for the conversation, not one per choice"
        for text in said:
            assert f"“{text[:20]}" in timeline, "each choice beneath it"
    finally:
        pygame.quit()


def test_a_panel_stays_where_it_was_scrolled_when_the_debrief_is_built_again(debrief):
    app = debrief()
    press(app, pygame.K_F6)
    press(app, pygame.K_F6)
    press(app, pygame.K_PAGEDOWN)
    where = start(app.screen.panels[1])
    app.rebuild()  # e.g. the certificate was written, or another moment to play again from was chosen
    assert start(app.screen.panels[1]) == pytest.approx(where, abs=0.02)
    assert app.screen.focused_panel() is app.screen.panels[1], "the focus stays on the panel"
