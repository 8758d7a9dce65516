"""Typing never sends a form, and never runs desk commands (review of issue 17, item 3).

A teacher types an afweging while the keyboard focus is not in the text field: before, Space pressed the
focused "Uitvoeren" button and the letters after it were desk shortcuts (D, W, N move the clock, A opens the
menu), so a share went out without its weighing and a week passed. The rule now, in three parts:

1. In a form, Space presses no "Uitvoeren" or "Annuleren": those are pressed with Enter on the button, with
   Ctrl+Enter (submit) or Esc (cancel). Space still ticks a checkbox or presses another button.
2. A letter, digit or sign typed in a form while the focus is not in a text field goes to the form's next
   text field (in Tab order), the letter included. A form without a text field ignores it and says how
   the form is sent.
3. After a form closed by a key, keys typed in the same burst (each within BURST_MS of the one before) are
   no commands on the next screen: they are dropped until the keyboard has been still for a moment."""

from __future__ import annotations

from typing import Any, Callable

import pygame

BURST_MS = 700
"""Keys closer together than this are one burst of typing (a deliberate command after reading the desk
comes later than that)."""


def typed_text(event: pygame.event.Event) -> str:
    """The printable text a key press types ('' for Enter, Tab, arrows, F-keys and Ctrl/Alt combinations)."""
    text = getattr(event, "unicode", "") or ""
    if getattr(event, "mod", 0) & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
        return ""
    return text if text.isprintable() else ""


class TypingBurst:
    """Remembers whether the current burst of key presses closed a form (part 3 of the rule)."""

    def __init__(self, ticks: Callable[[], int] = pygame.time.get_ticks):
        self.ticks = ticks
        self.last: int | None = None
        self.closed_form = False

    def key_down(self) -> None:
        """A key was pressed: a pause longer than BURST_MS since the last one ends the burst."""
        now = self.ticks()
        if self.last is None or now - self.last > BURST_MS:
            self.closed_form = False
        self.last = now

    def form_closed(self) -> None:
        """A key of this burst closed a form (sent or cancelled it)."""
        self.closed_form = True

    def drops(self, event: pygame.event.Event, screen: Any) -> bool:
        """Is this key press typing that went on after its form closed (no command on `screen`)?"""
        return (self.closed_form and bool(typed_text(event)) and screen is not None
                and not getattr(screen, "typing_form", False) and not screen.editing())


def form_key(screen: Any, event: pygame.event.Event, sends: tuple[Any, ...], hint: Callable[[], None]) -> bool:
    """Parts 1 and 2 of the rule for a form `screen` whose buttons `sends` submit or cancel it; `hint`
    shows how the form is sent. True when the key was dealt with here."""
    if screen.editing() or not screen.focus:
        return False
    focused = screen.focus[screen.focus_index]
    if event.key == pygame.K_SPACE and focused in sends:
        hint()
        return True
    text = typed_text(event)
    if not text or text == " " or event.key in screen.keys:
        return False
    fields = [n for n, element in enumerate(screen.focus) if element in getattr(screen, "entries", {})]
    if not fields:
        if text != "?":  # '?' is the glossary
            hint()
        return text != "?"
    after = [n for n in fields if n > screen.focus_index]
    target = (after or fields)[0]
    screen.led_into_field = event  # the app lets this key's letter be typed there (ui.app.App.handle)
    screen.move_focus(target - screen.focus_index)
    return True


def follow_key_repeat(screen: Any, repeating: bool) -> bool:
    """Repeat keys only while typing in a text field; commands never repeat (issue 17, item 1). Turns
    pygame's key repeat on or off when that changes; whether it is on now."""
    editing = bool(screen is not None and screen.editing())
    if editing != repeating:
        if editing:
            pygame.key.set_repeat(400, 40)
        else:
            pygame.key.set_repeat()
    return editing
