"""Screen plumbing shared by all screens: buttons that flow and wrap at any font scale, a focus ring
for full keyboard operation (Tab / Shift+Tab, Enter or Space, ←/→ on choice buttons, shortcuts)."""

from __future__ import annotations

import html
from functools import lru_cache
from typing import Any, Callable

import pygame
import pygame_gui

from ui.assets import ASSETS
from ui.textpanel import TextPanel

BASE_FONT = 15


@lru_cache(maxsize=None)
def measure_font(size: int) -> pygame.font.Font:
    """The bundled font at a pixel size, for measuring labels before placing them."""
    return pygame.font.Font(str(ASSETS / "fonts" / "NotoSans-Regular.ttf"), size)


def esc(text: str) -> str:
    """Plain text made safe for pygame_gui's HTML-like text boxes."""
    return html.escape(str(text), quote=False)


class Screen:
    """One screen of the window. Subclasses fill `build()`; the app rebuilds a screen on every change
    (language, size, font scale, engine state), so nothing is streamed into widgets per frame."""

    def __init__(self, app: Any):
        self.app = app
        self.callbacks: dict[Any, Callable[[], None]] = {}
        self.choices: dict[Any, Callable[[int], None]] = {}
        self.focus: list[Any] = []
        self.focus_index = 0
        self.keys: dict[int, Callable[[], None]] = {}
        self.scrollables: list[pygame_gui.elements.UITextBox] = []
        self.groups: list[list[Any]] = []

    # -- sizes ---------------------------------------------------------------------------------
    @property
    def tr(self):
        """The translator of the current language."""
        return self.app.tr

    @property
    def scale(self) -> float:
        """Font scale 1.0–2.0."""
        return self.app.font_scale

    @property
    def row(self) -> int:
        """Height of a button row at the current font scale."""
        return int(BASE_FONT * self.scale * 1.75) + 10

    @property
    def pad(self) -> int:
        """Spacing between elements."""
        return int(8 * self.scale)

    def text_width(self, text: str) -> int:
        """Width of a button holding `text`."""
        return measure_font(round(BASE_FONT * self.scale)).size(text)[0] + int(28 * self.scale)

    # -- elements ------------------------------------------------------------------------------
    def button(self, rect: pygame.Rect, text: str, fn: Callable[[], None], key: int | None = None,
               object_id: str | None = None, choice: Callable[[int], None] | None = None,
               tooltip: str | None = None) -> pygame_gui.elements.UIButton:
        """A focusable button; `key` is its shortcut, `choice` makes ←/→ step through options."""
        b = pygame_gui.elements.UIButton(rect, text, self.app.manager, object_id=object_id, tool_tip_text=tooltip)
        return self.register_button(b, fn, key, choice)

    def register_button(self, b: Any, fn: Callable[[], None], key: int | None = None,
                        choice: Callable[[int], None] | None = None) -> Any:
        """Make a button part of this screen: what pressing it does, its shortcut, its ←/→ choice, and its
        place in the focus order (a new button, or one kept from the last build)."""
        self.callbacks[b] = fn
        if choice is not None:
            self.choices[b] = choice
        self.focus.append(b)
        if key is not None:
            self.keys[key] = fn
        return b

    def flow(self, x: int, y: int, width: int, items: list[tuple], object_ids: dict[int, str] | None = None) -> int:
        """Place buttons left to right, wrapping to a new row when the line is full. `items` are
        (label, callback, key[, choice[, mark]]). A label too long for one button (or any item with a
        `mark`, e.g. a checkbox "[x]") becomes a small button with the mark and the label wrapped
        beside it, so no text is ever cut off. Returns the y below the last row."""
        cx, cy = x, y
        for n, item in enumerate(items):
            label, fn, key = item[:3]
            choice = item[3] if len(item) > 3 else None
            mark = item[4] if len(item) > 4 else None
            oid = (object_ids or {}).get(n)
            if mark is None and self.text_width(label) <= width:
                w = self.text_width(label)
                if cx > x and cx + w > x + width:
                    cx, cy = x, cy + self.row + self.pad // 2
                self.button(pygame.Rect(cx, cy, w, self.row), label, fn, key, object_id=oid, choice=choice)
                cx += w + self.pad // 2
                continue
            if cx > x:
                cx, cy = x, cy + self.row + self.pad // 2
            mark = mark or "›"
            bw = self.text_width(mark)
            group = [self.button(pygame.Rect(x, cy, bw, self.row), mark, fn, key, object_id=oid, choice=choice)]
            self.groups.append(group)
            lines = self.wrap(label, width - bw - self.pad)
            line_h = measure_font(round(BASE_FONT * self.scale)).get_linesize() + 2
            top = cy + max(0, (self.row - line_h * len(lines)) // 2)
            for i, line in enumerate(lines):
                group.append(pygame_gui.elements.UILabel(
                    pygame.Rect(x + bw + self.pad, top + i * line_h, width - bw - self.pad, line_h),
                    line, self.app.manager, object_id="@left"))
            cy = max(cy + self.row, top + line_h * len(lines)) + self.pad // 2
            cx = x
        return (cy + self.row + self.pad) if cx > x else cy + self.pad // 2

    def wrap(self, text: str, width: int) -> list[str]:
        """Greedy word wrap of `text` to `width` pixels in the body font."""
        font = measure_font(round(BASE_FONT * self.scale))
        lines, line = [], ""
        for word in text.split():
            trial = f"{line} {word}".strip()
            if line and font.size(trial)[0] + 12 > width:
                lines.append(line)
                line = word
            else:
                line = trial
        return lines + [line] if line else lines or [""]

    def textbox(self, rect: pygame.Rect, html_text: str, object_id: str | None = None,
                partial: bool | str = False) -> pygame_gui.elements.UITextBox:
        """A wrapped, scrollable text panel (PageUp/PageDown scroll the panel chosen with F6); drawn like
        pygame_gui's own, without the layout pygame_gui would throw away (ui.textpanel). `partial`: a
        long text is shown first with the start that fills the panel (True) or with the start given
        (a summary), the whole on the next frames."""
        box = TextPanel(html_text or " ", rect, self.app.manager, self.scale, partial=partial, object_id=object_id)
        self.scrollables.append(box)
        return box

    def fits(self, text: str, width: int, bold: bool = True) -> bool:
        """Does `text` fit on one line of `width` pixels (headings are bold: a margin of 12 %)?"""
        w = measure_font(round(BASE_FONT * self.scale)).size(text)[0]
        return w * (1.12 if bold else 1.0) + 16 < width

    def label(self, rect: pygame.Rect, text: str, object_id: str = "@heading") -> pygame_gui.elements.UILabel:
        """A one-line heading."""
        return pygame_gui.elements.UILabel(rect, text, self.app.manager, object_id=object_id)

    # -- life cycle ----------------------------------------------------------------------------
    def build(self) -> None:
        """Create the elements of this screen (override)."""

    def entry(self, rect: pygame.Rect, text: str, placeholder: str = "") -> pygame_gui.elements.UITextEntryBox:
        """A focusable multi-line text field (Tab reaches it; typing goes into it while it has focus)."""
        box = pygame_gui.elements.UITextEntryBox(rect, text, self.app.manager, placeholder_text=placeholder or None)
        self.focus.append(box)
        return box

    def _select(self, element: Any) -> None:
        if hasattr(element, "select"):
            element.select()
        else:  # a text field: the keyboard goes to it
            self.app.manager.set_focus_set(element)

    def _unselect(self, element: Any) -> None:
        if hasattr(element, "unselect"):
            element.unselect()
        else:
            self.app.manager.set_focus_set(None)

    def editing(self) -> Any:
        """The text field that has the keyboard (keys type text there, they are no shortcuts), or None.
        Also follows a field chosen with the mouse, so Tab goes on from there."""
        for element in self.app.manager.get_focus_set() or ():
            if isinstance(element, pygame_gui.elements.UITextEntryBox) and element in self.focus:
                self.focus_index = self.focus.index(element)
                return element
        return None

    def after_build(self) -> None:
        """Show the focus on the remembered element."""
        if self.focus:
            self.focus_index = min(self.focus_index, len(self.focus) - 1)
            self._select(self.focus[self.focus_index])

    def update(self, dt: float) -> bool:
        """Advance time-dependent state; True when the screen must be rebuilt."""
        return False

    def on_escape(self) -> None:
        """What Escape does on this screen (override)."""

    def on_text(self, element: Any, text: str) -> None:
        """A text field changed (override to keep what was typed)."""

    # -- input ---------------------------------------------------------------------------------
    def move_focus(self, step: int) -> None:
        """Tab order: the order in which the elements were built."""
        if not self.focus:
            return
        self._unselect(self.focus[self.focus_index])
        self.focus_index = (self.focus_index + step) % len(self.focus)
        self._select(self.focus[self.focus_index])

    def press(self, element: Any) -> None:
        """Activate a button (click, Enter or Space)."""
        if element in self.focus:
            self.focus_index = self.focus.index(element)
        fn = self.callbacks.get(element)
        if fn is not None:
            fn()

    def handle_event(self, event: pygame.event.Event) -> None:
        """Keyboard and button events of this screen."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            self.press(event.ui_element)
        elif event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            self.on_text(event.ui_element, event.ui_element.get_text())
        elif event.type == pygame.KEYDOWN:
            self.handle_key(event)

    def handle_key(self, event: pygame.event.Event) -> None:
        """Tab/Shift+Tab, Enter/Space, ←/→, PageUp/PageDown, Escape and the shortcuts."""
        k = event.key
        if self.editing() and k not in (pygame.K_TAB, pygame.K_ESCAPE, pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            return  # typing in a text field: no shortcuts, no buttons pressed
        if k == pygame.K_TAB:
            self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif k in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.focus and k != self._space_key():
            self.press(self.focus[self.focus_index])
        elif k in (pygame.K_LEFT, pygame.K_RIGHT) and self.focus and self.focus[self.focus_index] in self.choices:
            self.choices[self.focus[self.focus_index]](-1 if k == pygame.K_LEFT else 1)
        elif k in (pygame.K_DOWN, pygame.K_UP):
            self.move_focus(1 if k == pygame.K_DOWN else -1)
        elif k in (pygame.K_PAGEDOWN, pygame.K_PAGEUP):
            self.scroll(1 if k == pygame.K_PAGEDOWN else -1)
        elif k == pygame.K_ESCAPE:
            self.on_escape()
        elif k in self.keys and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            self.keys[k]()

    def _space_key(self) -> int | None:
        """Screens where Space is a shortcut of its own (play/pause) return pygame.K_SPACE."""
        return None

    def scroll(self, direction: int) -> None:
        """Scroll the panel chosen with F6 (the first one by default) by most of its height."""
        if not self.scrollables:
            return
        box = self.scrollables[self.app.panel_index % len(self.scrollables)]
        bar = getattr(box, "scroll_bar", None)
        if bar is None:
            return
        bar.set_scroll_from_start_percentage(min(1.0, max(0.0, bar.start_percentage + direction * 0.8 * bar.visible_percentage)))
