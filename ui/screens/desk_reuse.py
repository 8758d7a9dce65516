"""Keeping the desk fast (issue 17, item 10): the desk is rebuilt after every step and action, and
pygame_gui spends nearly all of that time laying out and rendering text. Two things avoid work whose
result would be the same:

- `ElementPool`: a button, label or text panel of the last desk build that comes back with the same
  place, text and style is kept instead of killed and made again (its text was not changed since);
- `DeskTextBox`: a text panel that needs a scroll bar is laid out and drawn once, beside its scroll
  bar, instead of also at full width first (ui.textpanel) — the result is the same panel; a long new
  text is shown with the start that fills the panel, the whole follows on the next frames.

No game state lives here; what the desk shows still comes from `session.view(role)` at every build."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui

from ui.screens.action import ActionMenuScreen
from ui.textpanel import TextPanel, certainly_overflows  # noqa: F401 — certainly_overflows: tests, bench

ENABLED = True
"""Off: every desk build makes every element anew and lays text out the plain way (bench/bench_ui.py
measures both in one run, to report the gain as a ratio)."""


def _text_of(element: Any) -> str | None:
    """What an element shows now (to see whether it was changed after it was made)."""
    return getattr(element, "html_text", None) if hasattr(element, "html_text") else getattr(element, "text", None)


class ElementPool:
    """The elements of one kind of screen's last build, by (kind, place, text, style); each build takes
    what it can reuse and the rest is killed when the build is done."""

    def __init__(self) -> None:
        self.last: dict[tuple, tuple[Any, str | None]] = {}
        self.now: dict[tuple, tuple[Any, str | None]] = {}

    def elements(self) -> set[Any]:
        """Every element the last build made, with the scroll bars of its text panels."""
        found = set()
        for element, _ in self.last.values():
            found.add(element)
            bar = getattr(element, "scroll_bar", None)
            if bar is not None:
                found.add(bar)
                if getattr(bar, "button_container", None) is not None:
                    found.add(bar.button_container)  # its arrows and thumb live in a root container of their own
        return found

    def take(self, key: tuple) -> Any:
        """The element made last time for `key`, if it is still alive and unchanged (shown again when it
        was parked); else None."""
        found = self.last.pop(key, None)
        if found is None:
            return None
        element, text = found
        if not element.alive() or _text_of(element) != text:
            element.kill()
            return None
        if not element.visible:
            element.show()
        self.now[key] = (element, text)
        return element

    def put(self, key: tuple, element: Any) -> Any:
        """Remember an element made in this build."""
        self.now[key] = (element, _text_of(element))
        return element

    def take_place(self, rect: tuple, text: str, object_id: str | None) -> Any:
        """A text panel of the last build in the same column (left edge, width and style) whose place,
        height or text changed, to be given the new text and place (`TextPanel.renew`) instead of made
        anew — the one with the same text first (its layout is taken over), then the one at the same
        height, then the nearest; shown again when it was parked. None when there is none."""
        x, y, w = rect[0], rect[1], rect[2]
        found = [k for k in self.last if k[0] == "text" and k[3] == object_id and k[1][0] == x and k[1][2] == w]
        for key in sorted(found, key=lambda k: (k[2] != text, k[1][1] != y, abs(k[1][1] - y))):
            element, _ = self.last.pop(key)
            if element.alive():
                if not element.visible:
                    element.show()
                return element
            element.kill()
        return None

    def release_text(self, text: str, object_id: str | None) -> None:
        """A text panel is about to be made with `text` in another place or size: the last build's panel
        with the same text goes now, so that its finished layout can be taken over (ui.textpanel)."""
        for key in [k for k in self.last if k[0] == "text" and k[2] == text and k[3] == object_id]:
            self.last.pop(key)[0].kill()

    def finish(self) -> None:
        """After a build: what was not reused goes."""
        for element, _ in self.last.values():
            element.kill()
        self.last, self.now = self.now, {}


class ElementPools:
    """One ElementPool per kind of screen that reuses its elements (the desk, the action menu). Before
    any build, the elements of the other kinds' last builds are hidden — hidden elements are not drawn
    and take no input — so that their screen, when it comes back, can reuse what did not change; the
    building screen's own last elements stay for it to take, and everything else goes."""

    def __init__(self) -> None:
        self.pools: dict[str, ElementPool] = {}

    def before_build(self, manager: pygame_gui.UIManager, screen: Any) -> ElementPool | None:
        """Clear the window for `screen`'s build; its pool when it reuses elements, else None."""
        mine = self.pools.setdefault(type(screen).__name__, ElementPool()) \
            if getattr(screen, "reuses_elements", False) else None
        if not ENABLED:
            manager.clear_and_reset()
            return mine
        own = mine.elements() if mine is not None else set()
        parked = set().union(*(p.elements() for p in self.pools.values() if p is not mine))
        if not own and not parked:
            manager.clear_and_reset()
            return mine
        for element in list(manager.get_root_container().elements):
            if element in parked:
                element.hide()
            elif element not in own:
                element.kill()
        return mine

    def forget(self) -> None:
        """A new manager (another font size): nothing of the old one is kept."""
        self.pools.clear()

    def pool(self, screen: Any) -> ElementPool:
        """The pool of this kind of screen."""
        return self.pools.setdefault(type(screen).__name__, ElementPool())


class DeskTextBox(TextPanel):
    """A text panel of the desk (ui.textpanel.TextPanel at the desk's font scale): the first layout is
    skipped when the text surely needs a scroll bar, and never drawn when it turns out to need one."""

    def __init__(self, html_text: str, rect: pygame.Rect, manager: pygame_gui.UIManager, scale: float,
                 object_id: str | None = None):
        super().__init__(html_text, rect, manager, scale if ENABLED else None, partial=ENABLED, object_id=object_id)


class ReusingScreen:
    """A screen (mixed in before ui.widgets.Screen) whose buttons, labels and text panels come from its
    `ElementPool` (app.element_pools) when they are unchanged since its last build; its text panels are
    DeskTextBox."""

    @property
    def reuses_elements(self) -> bool:
        """Does the app keep this screen's unchanged elements between builds?"""
        return ENABLED

    def button(self, rect: pygame.Rect, text: str, fn: Any, key: int | None = None, object_id: str | None = None,
               choice: Any = None, tooltip: str | None = None) -> Any:
        """As Screen.button; an unchanged button of the last build is kept (unselected) and wired anew."""
        pool = self.app.element_pools.pool(self)
        if not ENABLED:
            return super().button(rect, text, fn, key, object_id, choice, tooltip)
        k = ("button", tuple(rect), text, object_id, tooltip)
        b = pool.take(k)
        if b is None:
            return pool.put(k, super().button(rect, text, fn, key, object_id, choice, tooltip))
        b.unselect()
        return self.register_button(b, fn, key, choice)

    def label(self, rect: pygame.Rect, text: str, object_id: str = "@heading") -> Any:
        """As Screen.label; an unchanged label of the last build is kept."""
        pool = self.app.element_pools.pool(self)
        if not ENABLED:
            return super().label(rect, text, object_id)
        k = ("label", tuple(rect), text, object_id)
        return pool.take(k) or pool.put(k, super().label(rect, text, object_id))

    def textbox(self, rect: pygame.Rect, html_text: str, object_id: str | None = None) -> Any:
        """As Screen.textbox (scrollable, PageUp/PageDown); an unchanged panel of the last build is kept
        with its scroll position, a new one is a DeskTextBox."""
        pool = self.app.element_pools.pool(self)
        text = html_text or " "
        k = ("text", tuple(rect), text, object_id)
        box = pool.take(k) if ENABLED else None
        if box is None and ENABLED:
            box = pool.take_place(k[1], text, object_id)
            if box is not None:
                box.renew(text, rect)
                pool.put(k, box)
            else:
                pool.release_text(text, object_id)
        if box is None:
            box = pool.put(k, DeskTextBox(text, rect, self.app.manager, self.scale, object_id=object_id))
        self.scrollables.append(box)
        return box


class ReusingMenu(ReusingScreen, ActionMenuScreen):
    """The action menu, whose buttons and help never change within a game: kept between visits."""
