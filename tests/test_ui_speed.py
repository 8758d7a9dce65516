"""The window answers fast without answering differently (issue 17, item 10): pygame_gui's remembered
text sizes and theming ids are the ones it would compute, and the garbage of a response is collected
while the window waits for the next key — never in the middle of one."""

from __future__ import annotations

import gc
import os
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from tests.test_ui_playthrough import key  # noqa: E402
from ui import app as app_module  # noqa: E402
from ui import fastgui, housekeeping, textpanel  # noqa: E402
from ui import game as games  # noqa: E402
from ui.screens.desk import DeskScreen  # noqa: E402


def _fonts(app):
    body = app.manager.get_theme().get_font_dictionary()
    return [body.find_font(15, "notosans", bold=b, italic=i) for b in (False, True) for i in (False, True)]


def test_a_remembered_text_size_is_the_size_pygame_gui_measures(app, monkeypatch):
    for font in _fonts(app):
        for text in ("Veilig Thuis", "grondslag: toestemming", "ä", " ", "W" * 40):
            remembered, again = font.get_rect(text), font.get_rect(text)
            monkeypatch.setattr(fastgui, "ENABLED", False)
            measured = font.get_rect(text)
            monkeypatch.setattr(fastgui, "ENABLED", True)
            assert remembered == again == measured


def test_moving_a_measured_rect_does_not_change_what_is_remembered(app):
    font = _fonts(app)[0]
    first = font.get_rect("Meldcode")
    size = first.size
    first.topleft = (500, 500)
    first.width = 1
    assert font.get_rect("Meldcode").size == size and font.get_rect("Meldcode").topleft != (500, 500)


def test_remembered_theming_ids_are_the_ones_pygame_gui_builds(app, monkeypatch):
    theme = app.manager.get_theme()
    asked = [([None], ["text_box"], [None], ["@status"]), ([None, None], ["text_box", "vertical_scroll_bar"],
                                                            [None, None], [None, None]),
             ([None], ["button"], [None], [None]), (None, None, None, None)]
    for ids in asked:
        remembered = theme.build_all_combined_ids(*ids)
        monkeypatch.setattr(fastgui, "ENABLED", False)
        built = theme.build_all_combined_ids(*ids)
        monkeypatch.setattr(fastgui, "ENABLED", True)
        assert remembered == built and theme.build_all_combined_ids(*ids) is remembered


def test_a_shown_text_is_translated_as_python_i18n_would_without_searching_its_folders(app, monkeypatch):
    from pygame_gui.elements import ui_text_box

    texts = ["<b>Coach:</b><br>• Goed gedaan", "Veilig Thuis", "grondslag: toestemming.", "pygame-gui.OK",
             "Meldcode", "a.b", "<br>"]
    for text in texts:
        quick = ui_text_box.translate(text)
        monkeypatch.setattr(fastgui, "ENABLED", False)
        assert quick == ui_text_box.translate(text)
        monkeypatch.setattr(fastgui, "ENABLED", True)
    assert ui_text_box.translate("pygame-gui.OK") != "pygame-gui.OK"  # a real id is still translated


def test_the_programs_own_code_is_out_of_the_collectors_way_once_the_window_is_open(app):
    assert gc.get_freeze_count() > 1000  # modules, classes, libraries: frozen when the first window opened


def _desk(app):
    app.game = games.start_game(games.load("pietersdam"), "smw", None, save=False)
    app.show_desk()
    app.frame()
    return app


def test_the_garbage_of_a_response_is_collected_while_the_window_waits_for_the_next_key(app, monkeypatch):
    _desk(app)
    app.tidy()
    collected: list[int] = []
    monkeypatch.setattr(housekeeping, "tidy", lambda: collected.append(len(textpanel.PENDING)) or 0.0)
    key(app, pygame.K_d, frames=1)  # the response: engine, desk, drawn — no collection in it
    assert isinstance(app.screen, DeskScreen) and collected == []
    monkeypatch.setattr(app_module, "IDLE_WAIT_MS", 1)
    for _ in range(8):  # the window is about to wait: the rest of panels shown in part, then the garbage goes
        app.frame(wait=True)
    assert collected == [0]  # once, after the panels were whole
    app.frame(wait=True)  # nothing was drawn since: nothing to collect
    assert collected == [0]


def test_tidying_frees_the_panels_the_last_response_replaced(app):
    _desk(app)
    app.tidy()
    freed: list[int] = []

    def count(phase, info):
        if phase == "stop":
            freed.append(info["collected"])

    gc.disable()  # the collector may not run on its own during this response
    gc.callbacks.append(count)
    try:
        key(app, pygame.K_n, frames=1)  # every panel shows new text: the old ones are garbage in cycles
        assert freed == []
        app.tidy()
        assert sum(freed) > 100  # their layouts, rows and chunks went in the tidying
        assert gc.collect() == 0  # and nothing was left for later
    finally:
        gc.callbacks.remove(count)
        gc.enable()


def test_without_tidying_nothing_is_collected_on_purpose(app, monkeypatch):
    _desk(app)
    monkeypatch.setattr(housekeeping, "ENABLED", False)
    key(app, pygame.K_d, frames=1)
    assert app.tidy() == 0.0


def test_a_response_that_made_almost_nothing_is_not_worth_a_pass():
    gc.collect()
    assert housekeeping.tidy() == 0.0  # e.g. only the clock label changed
    made = [[n] for n in range(5000)]  # a desk build makes thousands of objects
    assert housekeeping.tidy() > 0.0
    del made


def test_the_idle_window_hands_over_a_key_as_soon_as_it_looks_again(app):
    pygame.event.clear()
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_n, mod=0, unicode="n", scancode=0))
    events = housekeeping.wait_for_input(500)
    assert [e.type for e in events] == [pygame.KEYDOWN] and events[0].key == pygame.K_n


def test_the_idle_window_gives_up_after_its_timeout_with_nothing(app):
    pygame.event.clear()
    start = time.perf_counter()
    assert housekeeping.wait_for_input(30) == []
    assert time.perf_counter() - start >= 0.03


def test_the_idle_window_sleeps_between_its_looks_for_input(app, monkeypatch):
    """pygame.event.wait looks every millisecond (about 2.5 % of a core while nothing happens); the window
    looks every WAIT_STEP_MS (issue 6, item 12: idle CPU ≤ 2 %)."""
    looks = []
    plain_get = pygame.event.get
    monkeypatch.setattr(pygame.event, "get", lambda *a, **k: looks.append(1) or plain_get(*a, **k))
    pygame.event.clear()
    housekeeping.wait_for_input(100)
    assert 5 <= len(looks) <= 100 // housekeeping.WAIT_STEP_MS + 2


def _ended(app):
    app.game = games.start_game(games.load("pietersdam"), "smw", None, save=False)
    games.apply_policy(app.game, "expert", 3 * 168)
    app.catch_up_coach()
    app.show_desk()
    app.frame()
    app.end_game()
    app.frame()
    return [p.box for p in app.screen.panels]


def test_when_the_game_ends_your_score_and_the_teams_outcome_are_shown_first(app):
    """N at the end of the game (issue 17, item 10): the debrief's first frame shows your score and the
    team's outcome; your findings, the conversations and the timeline follow on the next frames."""
    left, right = _ended(app)
    assert left.unfinished and right.unfinished
    assert app.screen.outcome_html().startswith(left._part) and "<b>" in left._part
    assert right._part == app.screen.team_html()
    while textpanel.finish_pending(app.manager):
        pass
    assert not left.unfinished and not right.unfinished
    app.manager.update(0.01)
    app.draw()
    finished = pygame.image.tobytes(app.window, "RGB")
    app.rebuild()  # built again in one go (as after the certificate)
    app.manager.update(0.01)
    app.draw()
    assert pygame.image.tobytes(app.window, "RGB") == finished


def test_scrolling_before_the_debrief_is_whole_acts_on_the_whole_panels(app):
    left, right = _ended(app)
    for k in (pygame.K_F6, pygame.K_PAGEDOWN):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode="", scancode=0))
    app.frame()
    assert not left.unfinished and not right.unfinished  # PageDown waited: the panels were laid out whole first
    assert app.screen.focused_panel() is app.screen.panels[0]


def test_a_key_pressed_before_the_debrief_is_whole_is_handled_at_once(app):
    left, right = _ended(app)
    assert left.unfinished or right.unfinished
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F6, mod=0, unicode="", scancode=0))
    app.frame()
    assert app.screen.focused_panel() is app.screen.panels[0]  # F6 moved the focus at once …
    assert left.unfinished or right.unfinished  # … without laying out the rest first
