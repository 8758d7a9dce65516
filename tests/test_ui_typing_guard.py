"""Typing never sends a form and never runs desk commands (review of issue 17, item 3): the reviewer typed
"de week" with the focus on Uitvoeren; Space sent a share without its weighing and W moved the clock a
week. Keys are sent as SDL sends them: a key press with its text, then the text input."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from ui.screens.action import ActionFormScreen  # noqa: E402
from ui.screens.desk import DeskScreen  # noqa: E402
from ui.typing_guard import BURST_MS  # noqa: E402

KEYS = {" ": pygame.K_SPACE, "?": pygame.K_QUESTION}


def press(app, k, text="", mod=0):
    """One key as SDL delivers it: down (with the text it types), the typed text, up."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=text, scancode=0))
    if text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=text, scancode=0))
    app.frame()


def type_text(app, text):
    for ch in text:
        press(app, KEYS.get(ch, ord(ch)), ch)
    app.frame()  # the text field announces its last change on the next frame


def open_form(app, label, clock):
    """Begin the game and open the action `label` with the keyboard; the typing clock is `clock`."""
    app.burst.ticks = lambda: clock[0]
    press(app, pygame.K_RETURN)
    assert isinstance(app.screen, DeskScreen)
    press(app, pygame.K_a, "a")
    for _ in range(len(app.screen.focus) + 1):
        if app.screen.focus[app.screen.focus_index].text.startswith(label):
            break
        press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)
    assert isinstance(app.screen, ActionFormScreen)
    app.screen._unselect(app.screen.focus[app.screen.focus_index])
    app.screen.focus_index = 0  # the focus on Uitvoeren, as the reviewer had it
    app.screen._select(app.screen.focus[0])
    assert app.screen.focus[0].text.startswith("Uitvoeren")


def test_typing_de_week_on_uitvoeren_sends_nothing_and_moves_no_clock(app):
    clock = [0]
    open_form(app, "Informatie delen", clock)
    inputs, now = len(app.game.my_inputs()), app.game.session.now
    type_text(app, "de week")
    assert isinstance(app.screen, ActionFormScreen), "the share was sent by typing"
    assert len(app.game.my_inputs()) == inputs and app.game.session.now == now


def test_an_afweging_typed_outside_its_field_lands_in_the_field(app):
    clock = [0]
    open_form(app, "Informatie delen", clock)
    type_text(app, "de week")
    assert app.screen.values["considerations"] == "de week"  # the first letter too
    assert app.screen.editing() is not None


def test_space_on_uitvoeren_does_not_send_the_form_but_enter_does(app):
    clock = [0]
    open_form(app, "Registreren in de Verwijsindex", clock)
    press(app, pygame.K_SPACE, " ")
    assert isinstance(app.screen, ActionFormScreen) and app.game.my_inputs() == []
    assert "Ctrl+Enter" in app.screen.help_box.html_text  # and says how it is sent
    press(app, pygame.K_RETURN, "\r")
    assert isinstance(app.screen, DeskScreen)
    assert app.game.my_inputs()[-1]["action"]["do"] == "vir_register"


def test_letters_in_a_form_without_a_text_field_do_nothing_but_say_how_it_is_sent(app):
    clock = [0]
    open_form(app, "Registreren in de Verwijsindex", clock)
    now = app.game.session.now
    type_text(app, "de week")
    assert isinstance(app.screen, ActionFormScreen) and app.game.my_inputs() == []
    assert app.game.session.now == now
    assert "tekstveld" in app.screen.help_box.html_text


def test_keys_typed_on_after_a_form_closed_are_no_desk_commands(app):
    clock = [0]
    open_form(app, "Registreren in de Verwijsindex", clock)
    press(app, pygame.K_RETURN, "\r")  # sent, back on the desk
    assert isinstance(app.screen, DeskScreen)
    now, status = app.game.session.now, app.status_html
    for ch in " week":  # each key within the burst of the one before
        clock[0] += BURST_MS // 2
        type_text(app, ch)
    assert app.game.session.now == now and isinstance(app.screen, DeskScreen) and not app.playing
    assert app.status_html == status  # the confirmation (and the coach's words) stay readable


def test_after_a_pause_the_desk_keys_work_again(app):
    clock = [0]
    open_form(app, "Registreren in de Verwijsindex", clock)
    press(app, pygame.K_RETURN, "\r")
    now = app.game.session.now
    clock[0] += BURST_MS + 100  # the player read the desk first
    press(app, pygame.K_w, "w")
    assert app.game.session.now == now + 7 * 24
