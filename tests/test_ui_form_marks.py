"""What a form shows after the player acts on it (review of issue 17): after PageUp, PageDown or the
mouse wheel exactly one control wears the focus mark (the one the focus moved to), and a refusal
disappears as soon as the player changes the form — a choice, a ticked fact or typed text — so an old
refusal is never read as the verdict on the form as it is now."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from ui.screens.action import ActionFormScreen  # noqa: E402


def _press(app, k, mod=0):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0))
    app.frame()
    app.frame()


def _form(app, do: str, scale: float = 2.0, weeks: int = 5) -> ActionFormScreen:
    app.set_font_scale(scale)
    app.start_new(app.screen.scenario(), "smw")
    app.game.session.advance(weeks * 7 * 24.0)
    app.open_form(do)
    app.frame()
    assert isinstance(app.screen, ActionFormScreen)
    return app.screen


def _marked(app) -> list:
    return [e for e in app.screen.focus if getattr(e, "is_selected", False)]


@pytest.mark.parametrize("key", [pygame.K_PAGEDOWN, pygame.K_PAGEUP], ids=["PageDown", "PageUp"])
def test_after_paging_only_one_control_looks_focused(app, key):
    screen = _form(app, "report_veilig_thuis")
    if key == pygame.K_PAGEUP:  # first down to the end of the form, the focus on its last row
        for _ in range(len(screen.focus)):
            _press(app, pygame.K_TAB)
            if screen.focus_index == len(screen.focus) - 1:
                break
    _press(app, key)
    assert len(_marked(app)) == 1 and _marked(app)[0] is screen.focus[screen.focus_index]


def test_after_the_mouse_wheel_only_one_control_looks_focused(app):
    screen = _form(app, "report_veilig_thuis")
    for _ in range(3):
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False))
        app.frame()
        app.frame()
    assert screen.offset > 0
    assert len(_marked(app)) == 1 and _marked(app)[0] is screen.focus[screen.focus_index]


def _refused(app, screen) -> None:
    screen.submit()  # no fact ticked: the engine refuses
    assert screen.refusal_html and "Niet uitgevoerd" in screen.help_box.html_text


def test_a_refusal_goes_when_a_fact_is_ticked(app):
    screen = _form(app, "report_veilig_thuis", scale=1.0)
    _refused(app, screen)
    tick = next(b for b in screen.focus[2:] if getattr(b, "text", "") == "[  ]")
    screen.press(tick)
    assert not screen.refusal_html and "Niet uitgevoerd" not in screen.help_box.html_text


def test_a_refusal_goes_when_a_choice_changes(app):
    screen = _form(app, "report_veilig_thuis", scale=1.0)
    _refused(app, screen)
    choice = next(b for b in screen.focus[2:] if b in screen.choices)
    screen.choices[choice](1)
    assert not screen.refusal_html and "Niet uitgevoerd" not in screen.help_box.html_text


def test_a_refusal_goes_when_the_player_types_and_the_field_keeps_the_keyboard(app):
    screen = _form(app, "report_veilig_thuis", scale=1.0)
    _refused(app, screen)
    field = next(e for e in screen.entries)
    screen.move_focus(screen.focus.index(field) - screen.focus_index)  # Tab to the weighing field
    app.frame()
    field = screen.editing()
    assert field is not None
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="Z"))
    app.frame()
    app.frame()
    assert not screen.refusal_html and "Niet uitgevoerd" not in screen.help_box.html_text
    assert screen.editing() is field and "Z" in field.get_text()
