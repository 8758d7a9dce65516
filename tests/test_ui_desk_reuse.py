"""The desk stays fast without showing anything different (issue 17, item 10): unchanged panels and
buttons are kept between builds, changed ones are made anew, and the quick layout of an overflowing
text panel draws exactly what pygame_gui's own two-pass layout draws."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
import pytest  # noqa: E402

from tests.test_ui_playthrough import focus_on, key  # noqa: E402
from ui import fastgui, textpanel  # noqa: E402
from ui import game as games  # noqa: E402
from ui.screens import desk_reuse  # noqa: E402
from ui.screens.desk import DeskScreen  # noqa: E402
from ui.screens.desk_reuse import DeskTextBox, certainly_overflows  # noqa: E402
from ui.textpanel import TextPanel  # noqa: E402


@pytest.fixture()
def desk(app):
    """The school social worker's desk after the expert's first three weeks."""
    app.game = games.start_game(games.load("pietersdam"), "smw", None, save=False)
    games.apply_policy(app.game, "expert", 3 * 168)
    app.catch_up_coach()
    app.show_desk()
    app.frame()
    return app


def test_an_unchanged_panel_and_button_are_kept_when_the_desk_is_built_again(desk):
    inbox, act = desk.screen.boxes[0][0], desk.screen.focus[0]
    desk.rebuild()
    assert desk.screen.boxes[0][0] is inbox and inbox.alive()
    assert desk.screen.focus[0] is act and desk.screen.callbacks[act] == desk.open_actions
    assert len(desk.manager.get_root_container().elements) == len(set(desk.manager.get_root_container().elements))


def test_a_panel_whose_text_changed_gets_the_new_text_in_the_same_element(desk):
    inbox = desk.screen.boxes[0][0]
    before = inbox.html_text
    key(desk, pygame.K_n)
    assert isinstance(desk.screen, DeskScreen)
    new = desk.screen.boxes[0][0]
    assert new is inbox and inbox.alive() and new.html_text != before
    roots = desk.manager.get_root_container().elements
    assert len(roots) == len(set(roots)) and sum(isinstance(e, DeskTextBox) for e in roots) == 5


def _bar(panel):
    """Where the scroll bar's thumb is and how tall (None: no scroll bar)."""
    bar = panel.scroll_bar
    return None if bar is None else (tuple(bar.relative_rect), tuple(bar.sliding_button.rect), bar.start_percentage)


@pytest.mark.parametrize("height", [300, 458, 120])
def test_a_scrolled_panel_given_new_text_and_height_shows_it_from_the_top_like_a_new_pygame_gui_panel(desk, height):
    texts = desk.screen.panel_texts()
    panel = DeskTextBox(texts[1], pygame.Rect(10, 10, 416, 300), desk.manager, 1.0)
    panel.scroll_bar.set_scroll_from_start_percentage(0.6)
    panel.update(0.0)
    old_bar = panel.scroll_bar
    for text in (texts[0], texts[0], "kort", texts[1]):
        rect = pygame.Rect(10, 10, 416, height)
        panel.renew(text, rect)
        if text == texts[0]:
            assert panel.scroll_bar is old_bar  # kept, not made anew
        while textpanel.finish_pending(desk.manager):
            pass
        plain = pygame_gui.elements.UITextBox(text, rect, desk.manager)
        assert _bar(panel) == _bar(plain)
        assert pygame.image.tobytes(plain.image, "RGBA") == pygame.image.tobytes(panel.image, "RGBA")
        if plain.scroll_bar is not None:
            assert pygame.image.tobytes(plain.scroll_bar.sliding_button.image, "RGBA") == \
                pygame.image.tobytes(panel.scroll_bar.sliding_button.image, "RGBA")
        plain.kill()
        height = 458 if height != 458 else 300
    assert not old_bar.alive() or old_bar is panel.scroll_bar  # a bar that is not needed goes


def test_the_desk_does_the_same_with_and_without_keeping_elements(desk, monkeypatch):
    kept = [(type(e).__name__, tuple(e.rect), getattr(e, "text", None) or getattr(e, "html_text", None))
            for e in desk.manager.get_root_container().elements]
    monkeypatch.setattr(desk_reuse, "ENABLED", False)
    desk.rebuild()
    fresh = [(type(e).__name__, tuple(e.rect), getattr(e, "text", None) or getattr(e, "html_text", None))
             for e in desk.manager.get_root_container().elements]
    assert sorted(map(str, kept)) == sorted(map(str, fresh))


def test_leaving_the_desk_hides_its_elements_and_coming_back_shows_the_same_ones(desk):
    inbox, act = desk.screen.boxes[0][0], desk.screen.focus[0]
    key(desk, pygame.K_a)
    desk_elements = desk.element_pools.pools["DeskScreen"].elements()
    assert inbox in desk_elements and act in desk_elements and not any(e.visible for e in desk_elements)
    assert all(e.alive() for e in desk_elements)
    assert act not in desk.screen.focus  # the menu's Tab order has none of the desk's buttons
    key(desk, pygame.K_ESCAPE)
    assert desk.screen.boxes[0][0] is inbox and inbox.visible and desk.screen.focus[0] is act and act.visible


def test_the_action_menu_is_kept_between_visits(desk):
    key(desk, pygame.K_a)
    share = next(b for b in desk.screen.focus if b.text == "Informatie delen")
    key(desk, pygame.K_ESCAPE)
    assert not share.visible and share.alive()
    key(desk, pygame.K_a)
    assert share in desk.screen.focus and share.visible
    focus_on(desk, "Informatie delen")
    key(desk, pygame.K_RETURN)
    assert type(desk.screen).__name__ == "ActionFormScreen" and desk.screen.do == "share"


def test_a_hidden_desk_button_takes_no_click(desk):
    from tests.test_ui_playthrough import click

    week = next(b for b, fn in desk.screen.callbacks.items() if fn == desk.screen.next_week)
    now = desk.game.now
    desk.open_coach_history()
    assert not week.visible
    assert not any(e.visible and e.rect.colliderect(week.rect) for e in desk.manager.get_root_container().elements)
    click(desk, week)  # where the desk's "next week" button was: nothing happens
    assert type(desk.screen).__name__ == "CoachHistoryScreen" and desk.game.now == now


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_quick_layout_draws_what_pygame_gui_draws(desk, scale, monkeypatch):
    desk.set_font_scale(scale)
    texts = [t for t in desk.screen.panel_texts().values() if t] + ["kort", "<b>Kop</b><br>" + "woord " * 400]
    rects = [pygame.Rect(10, 10, 416, 458), pygame.Rect(10, 10, 300, 120), pygame.Rect(10, 10, 1264, 86)]
    skipped = 0
    for text in texts:
        for rect in rects:
            monkeypatch.setattr(fastgui, "ENABLED", False)  # pygame_gui measuring and theming its own way
            plain = pygame_gui.elements.UITextBox(text, rect, desk.manager)
            monkeypatch.setattr(fastgui, "ENABLED", True)
            quick = DeskTextBox(text, rect, desk.manager, scale)
            unscaled = TextPanel(text, rect, desk.manager)  # no estimate: only the first layout is not drawn
            skipped += certainly_overflows(text, rect, scale)
            for panel in (quick, unscaled):
                assert (plain.scroll_bar is None) == (panel.scroll_bar is None)
                assert pygame.image.tobytes(plain.image, "RGBA") == pygame.image.tobytes(panel.image, "RGBA")
            if certainly_overflows(text, rect, scale):
                assert plain.scroll_bar is not None  # the estimate never claims too much
            for box in (plain, quick, unscaled):
                box.kill()
    assert skipped >= 3  # the quick path was really taken


def test_a_panel_scrolled_after_the_quick_layout_shows_what_pygame_gui_shows(desk):
    text = desk.screen.panel_texts()[0]
    rect = pygame.Rect(10, 10, 416, 300)
    plain, quick = pygame_gui.elements.UITextBox(text, rect, desk.manager), TextPanel(text, rect, desk.manager)
    for box in (plain, quick):
        box.scroll_bar.set_scroll_from_start_percentage(0.5)
        box.update(0.016)
    assert pygame.image.tobytes(plain.image, "RGBA") == pygame.image.tobytes(quick.image, "RGBA")


def test_a_text_that_has_letters_of_another_size_is_never_estimated(desk):
    text = "<font pixel_size=9>" + "woord " * 400 + "</font>"
    assert certainly_overflows(text, pygame.Rect(0, 0, 300, 120), 1.0)  # counted at the body size …
    panel = TextPanel(text, pygame.Rect(0, 0, 300, 120), desk.manager, 1.0)
    assert not panel._sure_to_overflow(text, pygame.Rect(0, 0, 300, 120))  # … so the panel does not trust it


def test_a_panel_given_new_text_draws_what_a_new_pygame_gui_panel_draws(desk):
    texts = desk.screen.panel_texts()
    rect = pygame.Rect(10, 10, 416, 300)
    panel = DeskTextBox("kort", rect, desk.manager, 1.0)  # as a network game's desk refreshes its panels
    for text in (texts[0], texts[1], "kort", texts[3]):
        panel.set_text(text)
        plain = pygame_gui.elements.UITextBox(text, rect, desk.manager)
        assert (plain.scroll_bar is None) == (panel.scroll_bar is None)
        assert pygame.image.tobytes(plain.image, "RGBA") == pygame.image.tobytes(panel.image, "RGBA")
        plain.kill()


def test_a_kept_panel_keeps_its_scroll_bar_thumb_after_time_steps(desk):
    """Review of issue 17: after a time step the desk panels showed an empty scroll track. The thumb and
    arrows live in a container of their own that must be kept with the panel."""
    for _ in range(2):
        key(desk, pygame.K_d)
    bars = [box.scroll_bar for box, _ in desk.screen.boxes.values() if getattr(box, "scroll_bar", None) is not None]
    assert bars, "the desk at week 3 has at least one panel that scrolls"
    for bar in bars:
        assert bar.alive() and bar.button_container is not None and bar.button_container.alive()
        assert bar.sliding_button is not None and bar.sliding_button.alive()


def test_a_panel_that_only_changes_height_takes_over_the_layout_and_draws_what_pygame_gui_draws(desk):
    """The coach speaks: the status panel grows and the panels above get a new height with the same text
    and width. The new panel takes over the finished layout of the one it replaces (ui.textpanel)."""
    textpanel.LAYOUTS.forget()
    text = desk.screen.panel_texts()[1]
    for old_h, new_h in ((458, 374), (374, 458), (458, 60)):
        old = DeskTextBox(text, pygame.Rect(10, 10, 416, old_h), desk.manager, 1.0)
        old.finish()  # a panel shown in part passes on no layout
        layout = old.text_box_layout
        old.kill()
        new = DeskTextBox(text, pygame.Rect(10, 10, 416, new_h), desk.manager, 1.0)
        plain = pygame_gui.elements.UITextBox(text, pygame.Rect(10, 10, 416, new_h), desk.manager)
        assert new.text_box_layout is layout  # not laid out again
        assert (plain.scroll_bar is None) == (new.scroll_bar is None)
        assert pygame.image.tobytes(plain.image, "RGBA") == pygame.image.tobytes(new.image, "RGBA")
        for box in (new, plain):
            box.kill()


def test_a_kept_layout_goes_to_one_panel_only_and_never_to_another_text_or_width(desk):
    textpanel.LAYOUTS.forget()
    text = desk.screen.panel_texts()[0]
    old = DeskTextBox(text, pygame.Rect(10, 10, 416, 458), desk.manager, 1.0)
    old.finish()
    layout = old.text_box_layout
    old.kill()
    wider = DeskTextBox(text, pygame.Rect(10, 10, 500, 458), desk.manager, 1.0)
    other = DeskTextBox(text + "<br>nog een regel", pygame.Rect(10, 10, 416, 458), desk.manager, 1.0)
    first = DeskTextBox(text, pygame.Rect(10, 10, 416, 300), desk.manager, 1.0)
    second = DeskTextBox(text, pygame.Rect(10, 10, 416, 300), desk.manager, 1.0)
    assert wider.text_box_layout is not layout and other.text_box_layout is not layout
    assert first.text_box_layout is layout and second.text_box_layout is not layout
    assert pygame.image.tobytes(first.image, "RGBA") == pygame.image.tobytes(second.image, "RGBA")


def test_after_the_coach_spoke_the_desk_shows_what_a_desk_built_anew_shows(desk, monkeypatch):
    desk.status_html = "<b>Coach</b><br>" + "Een lange opmerking van de coach. " * 40
    desk.rebuild()  # the status panel grows: the four panels get a new height, same text
    kept = pygame.image.tobytes(_drawn(desk), "RGB")
    monkeypatch.setattr(desk_reuse, "ENABLED", False)
    monkeypatch.setattr(textpanel, "ENABLED", False)
    desk.rebuild()
    assert kept == pygame.image.tobytes(_drawn(desk), "RGB")


def _drawn(app):
    while textpanel.finish_pending(app.manager):  # the panels shown in part get the rest of their text
        pass
    app.manager.update(0.01)
    app.draw()
    return app.window.copy()


def _text_area(panel):
    """The panel's picture left of its scroll bar (the bar's thumb is sized for the text laid out)."""
    w = panel.rect.w - panel.scroll_bar_width - 2
    return pygame.image.tobytes(panel.image.subsurface(pygame.Rect(0, 0, w, panel.rect.h)), "RGBA")


def test_a_long_new_text_is_shown_with_its_start_then_the_whole_exactly_as_pygame_gui_shows_it(desk):
    textpanel.LAYOUTS.forget()
    textpanel.PENDING.clear()
    text = desk.screen.panel_texts()[0] + "<br>" + desk.screen.panel_texts()[1]
    rect = pygame.Rect(10, 10, 416, 300)
    plain = pygame_gui.elements.UITextBox(text, rect, desk.manager)
    panel = DeskTextBox(text, rect, desk.manager, 1.0)
    assert panel.unfinished and textpanel.PENDING == [panel]
    assert panel.text_box_layout.layout_rect.height < plain.text_box_layout.layout_rect.height  # less laid out
    assert panel.html_text == text and panel.scroll_bar is not None
    assert _text_area(panel) == _text_area(plain)  # what the panel shows is the same
    assert textpanel.finish_pending(desk.manager) and not panel.unfinished and not textpanel.finish_pending(desk.manager)
    assert pygame.image.tobytes(plain.image, "RGBA") == pygame.image.tobytes(panel.image, "RGBA")


def test_finishing_a_panel_keeps_how_far_it_was_scrolled(desk):
    textpanel.PENDING.clear()
    text = desk.screen.panel_texts()[0] + "<br>" + desk.screen.panel_texts()[1]
    panel = DeskTextBox(text, pygame.Rect(10, 10, 416, 300), desk.manager, 1.0)
    assert panel.unfinished
    panel.scroll_bar.set_scroll_from_start_percentage(0.25)
    panel.update(0.0)
    pixels = 0.25 * panel.text_box_layout.layout_rect.height
    panel.finish()
    assert abs(panel.scroll_bar.start_percentage * panel.text_box_layout.layout_rect.height - pixels) < 2


def test_a_text_whose_cut_would_fall_inside_a_bold_run_is_laid_out_whole(app):
    assert textpanel.balanced("<b>Kop</b><br><i>a</i>")
    assert not textpanel.balanced("<b>Kop<br>nog vet")
    assert not textpanel.balanced("<b>Kop</i>")
    text = "<b>" + "regel<br>" * 200 + "</b>"
    assert textpanel.visible_part(text, pygame.Rect(0, 0, 300, 120), 1.0) is None
    assert textpanel.visible_part("regel<br>" * 200, pygame.Rect(0, 0, 300, 120), 1.0)


def test_the_window_lays_out_the_rest_on_the_frames_after_the_response(desk):
    for _ in range(3):
        key(desk, pygame.K_w, frames=1)
        if not isinstance(desk.screen, DeskScreen):
            break
        boxes = [box for box, _ in desk.screen.boxes.values()]
        if any(box.unfinished for box in boxes):
            break
    assert any(box.unfinished for box in boxes), "a week later some panel has a long new text"
    for _ in range(6):
        desk.frame()
    assert not any(box.unfinished for box in boxes) and not textpanel.PENDING


def _week_with_a_panel_shown_in_part(desk):
    for _ in range(4):
        key(desk, pygame.K_w, frames=1)
        if not isinstance(desk.screen, DeskScreen):
            pytest.fail("the game ended before a panel was shown in part")
        if textpanel.PENDING:
            return [box for box, _ in desk.screen.boxes.values() if box.unfinished]
    pytest.fail("no week showed a long new text in part")


def test_a_command_key_waiting_behind_a_panel_shown_in_part_is_handled_first(desk):
    unfinished = _week_with_a_panel_shown_in_part(desk)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_a, mod=0, unicode="a", scancode=0))
    desk.frame()
    assert not isinstance(desk.screen, DeskScreen)  # the action menu is open at once …
    assert any(box.unfinished for box in unfinished)  # … the desk's panels are finished when it comes back


def test_scrolling_a_panel_shown_in_part_first_lays_out_its_whole_text(desk):
    unfinished = _week_with_a_panel_shown_in_part(desk)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0, unicode="", scancode=0))
    desk.frame()
    assert not any(box.unfinished for box in unfinished) and not textpanel.PENDING
