"""Text panels a keyboard-only player can reach (issue 17, review of the debrief): a panel takes a place
in the screen's Tab order like a button, F6 moves the focus from panel to panel, and the focused panel
wears an orange frame — the same colour as a focused button, so there is one focus mark on screen.
PageUp/PageDown, the arrows and Home/End scroll the focused panel (or, while a button has the focus,
the panel that had it last). A mixin for screens with side-by-side panels (the solo and team debrief)."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui

FOCUS_COLOUR = (0xE6, 0x9F, 0x00)
"""The theme's `selected_bg` (ui/assets/theme.json): the colour of every focus mark."""
LINE_STEP = 0.04
"""↑/↓ in a focused panel: a small part of its text (a line or two)."""


class PanelFocus:
    """A text panel's place in the focus order: selecting it shows the orange frame around the panel,
    unselecting it hides the frame. Enter on it does nothing (it is read, not pressed)."""

    def __init__(self, box: Any, manager: pygame_gui.UIManager, width: int):
        self.box = box
        outer = box.rect.inflate(2 * width + 2, 2 * width + 2)
        sides = (pygame.Rect(outer.left, outer.top, outer.w, width),
                 pygame.Rect(outer.left, outer.bottom - width, outer.w, width),
                 pygame.Rect(outer.left, outer.top, width, outer.h),
                 pygame.Rect(outer.right - width, outer.top, width, outer.h))
        self.frame = []
        for rect in sides:
            surface = pygame.Surface(rect.size)
            surface.fill(FOCUS_COLOUR)
            self.frame.append(pygame_gui.elements.UIImage(rect, surface, manager, visible=False))

    @property
    def rect(self) -> pygame.Rect:
        """Where the panel is."""
        return self.box.rect

    @property
    def visible(self) -> bool:
        """Is the panel on screen?"""
        return bool(self.box.visible)

    @property
    def selected(self) -> bool:
        """Is the frame on screen (does this panel have the focus)?"""
        return self.frame[0].visible

    def select(self) -> None:
        """Show the focus frame."""
        for side in self.frame:
            side.show()

    def unselect(self) -> None:
        """Hide the focus frame."""
        for side in self.frame:
            side.hide()

    def scroll_to(self, fraction: float) -> None:
        """Move the panel's text so that `fraction` (0 top … 1 bottom) of it lies above the view."""
        bar = getattr(self.box, "scroll_bar", None)
        if bar is not None:
            bar.set_scroll_from_start_percentage(min(1.0, max(0.0, fraction)))

    def scroll_by(self, step: float) -> None:
        """Scroll by `step` of the text's height (negative: up)."""
        bar = getattr(self.box, "scroll_bar", None)
        if bar is not None:
            self.scroll_to(bar.start_percentage + step)

    def page(self, direction: int) -> None:
        """Scroll by most of what the panel shows (PageUp/PageDown)."""
        bar = getattr(self.box, "scroll_bar", None)
        if bar is not None:
            self.scroll_by(direction * 0.8 * bar.visible_percentage)


class PanelFocusMixin:
    """Mixed in before ui.widgets.Screen: `focus_panel(box)` after building a panel puts it in the Tab
    order; F6/Shift+F6 go from panel to panel; the scroll keys scroll the focused (or last) panel."""

    last_panel = 0
    """The panel that had the focus last (PageUp/PageDown scroll it while a button has the focus)."""
    scrolled: list[float] = []
    """How far each panel of the last build was scrolled (kept when the screen is built again)."""

    def focus_panel(self, box: Any) -> PanelFocus:
        """Make the text panel `box` reachable with Tab and F6, with a frame when focused."""
        if not hasattr(self, "panels") or self.panels and self.panels[0] not in self.focus:
            # a new build: each panel is shown where it was scrolled to (e.g. after the certificate)
            self.scrolled = [p.box.scroll_bar.start_percentage if getattr(p.box, "scroll_bar", None) else 0.0
                             for p in getattr(self, "panels", [])]
            self.panels = []
        panel = PanelFocus(box, self.app.manager, max(2, int(3 * self.scale)))
        if len(self.panels) < len(self.scrolled) and self.scrolled[len(self.panels)]:
            panel.scroll_to(self.scrolled[len(self.panels)])
        self.panels.append(panel)
        self.focus.append(panel)
        return panel

    def focused_panel(self) -> PanelFocus | None:
        """The panel with the focus, or None while a button (or nothing) has it."""
        if self.focus and isinstance(self.focus[self.focus_index % len(self.focus)], PanelFocus):
            return self.focus[self.focus_index % len(self.focus)]
        return None

    def next_panel(self, step: int = 1) -> None:
        """F6: the focus to the next panel (from a button: to the panel that had it last)."""
        panels = getattr(self, "panels", [])
        if not panels:
            return
        current = self.focused_panel()
        n = (panels.index(current) + step) % len(panels) if current in panels else self.last_panel % len(panels)
        self._unselect(self.focus[self.focus_index])
        self.focus_index = self.focus.index(panels[n])
        self._select(panels[n])

    def _select(self, element: Any) -> None:
        if isinstance(element, PanelFocus):
            self.last_panel = self.panels.index(element)
        super()._select(element)

    def scroll(self, direction: int) -> None:
        """PageUp/PageDown: the focused panel, else the one that had the focus last."""
        panels = getattr(self, "panels", [])
        if panels:
            (self.focused_panel() or panels[self.last_panel % len(panels)]).page(direction)

    def handle_key(self, event: pygame.event.Event) -> None:
        """F6 (Shift+F6 back) between panels; ↑/↓ and Home/End scroll a focused panel."""
        panel = self.focused_panel()
        if event.key == pygame.K_F6 and not self.editing():
            self.next_panel(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif panel is not None and event.key in (pygame.K_UP, pygame.K_DOWN):
            panel.scroll_by(LINE_STEP if event.key == pygame.K_DOWN else -LINE_STEP)
        elif panel is not None and event.key in (pygame.K_HOME, pygame.K_END):
            panel.scroll_to(0.0 if event.key == pygame.K_HOME else 1.0)
        else:
            super().handle_key(event)
