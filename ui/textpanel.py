"""Text panels that show exactly what pygame_gui's own text box shows, with less work (issue 17, item
10: input → visible response p95 ≤ 50 ms). After every step and action the desk lays out several
panels of inbox, dossier, network and family text, and pygame_gui spends nearly all of that time in
text layout (and in making elements, see ui.fastgui).

`TextPanel`: a panel whose text turns out taller than the panel is laid out twice by pygame_gui — at
full width, then narrower beside its scroll bar. The first layout is only there to find out that the
text does not fit; its words are no longer drawn (and when an estimate with the same font shows that
the text surely does not fit, the first layout is skipped altogether).

No game state and no rule lives here; tests/test_ui_desk_reuse.py compares every panel pixel by pixel
with pygame_gui's own."""

from __future__ import annotations

import html
import re
from typing import Any

import pygame
import pygame_gui

ENABLED = True
"""Off: every panel is laid out the plain pygame_gui way (bench/bench_ui.py measures both)."""

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>", re.I)


def certainly_overflows(html_text: str, rect: pygame.Rect, scale: float) -> bool:
    """Is the text surely taller than the panel? Counted with the regular body font at the full width
    and a line height of the bare font (pygame_gui wraps narrower, with bold words and more space
    between lines), so the count can only come out too low: when even that does not fit, nothing will."""
    from ui.widgets import BASE_FONT, measure_font  # ui.widgets builds its panels from this module

    font = measure_font(round(BASE_FONT * scale))
    inner_w, inner_h = rect.w - 8, rect.h - 8
    if inner_w <= 0:
        return False
    budget = inner_h // font.get_linesize() + 1
    lines = 0
    space = font.size(" ")[0]
    paragraphs = _BREAK.split(html_text)
    if len(paragraphs) > 1 and not paragraphs[-1].strip():
        paragraphs.pop()  # a closing <br> may not make a line of its own
    for paragraph in paragraphs:
        words = html.unescape(_TAG.sub("", paragraph)).split()
        lines += 1
        x = 0
        for word in words:
            w = font.size(word)[0]
            if x and x + space + w > inner_w:
                lines += 1
                x = w
            else:
                x += (space if x else 0) + w
        if lines > budget:
            return True
    return False


class _Overflowing:
    """Stands in for a first layout that is taller than any panel, so pygame_gui goes straight to the
    layout with a scroll bar."""

    layout_rect = pygame.Rect(0, 0, 1, 1 << 30)


class LayoutMemory:
    """The finished text layouts of panels that were killed, by what decides them: the text, the width
    it was wrapped to and the panel's theme (manager and theming ids). A layout is handed to one new
    panel only (taken out when used), so no two live panels share one; the oldest go after `SIZE`."""

    SIZE = 6

    def __init__(self) -> None:
        self.kept: dict[tuple, tuple[Any, Any]] = {}
        self.heights: dict[tuple, tuple[Any, int]] = {}

    def keep(self, key: tuple, manager: Any, layout: Any) -> None:
        """A panel with this layout goes: remember it for the next panel with the same key."""
        self.kept.pop(key, None)
        self.kept[key] = (manager, layout)
        self.heights[key] = (manager, layout.layout_rect.height)
        for memory in (self.kept, self.heights):
            while len(memory) > self.SIZE:
                memory.pop(next(iter(memory)))

    def take(self, key: tuple, manager: Any) -> Any:
        """The kept layout for `key` made under `manager`, now owned by the caller; else None."""
        found = self.kept.pop(key, None)
        return found[1] if found is not None and found[0] is manager else None

    def height(self, key: tuple, manager: Any) -> int | None:
        """How tall the text of `key` was laid out, if known (kept or not)."""
        found = self.heights.get(key)
        return found[1] if found is not None and found[0] is manager else None

    def forget(self) -> None:
        """Nothing kept (tests, a new window)."""
        self.kept.clear()
        self.heights.clear()


LAYOUTS = LayoutMemory()
"""The layouts kept from killed panels (one memory for the window)."""


def _not_drawn() -> None:
    """The finished picture of a layout that will be thrown away: not made."""
    return None


class TextPanel(pygame_gui.elements.UITextBox):
    """A wrapped, scrollable text panel, drawn exactly like pygame_gui's UITextBox, that skips the
    work pygame_gui would throw away when the text needs a scroll bar: the first layout's drawing
    always, and the first layout itself when `scale` is given and the text surely does not fit
    (`certainly_overflows`)."""

    def __init__(self, html_text: str, relative_rect: pygame.Rect, manager: pygame_gui.UIManager,
                 scale: float | None = None, **kwargs: Any):
        self._scale = scale
        self._narrow_pass = False
        self._skip_first = self._sure_to_overflow(html_text, relative_rect)
        super().__init__(html_text, relative_rect, manager, **kwargs)

    def _sure_to_overflow(self, html_text: str, rect: pygame.Rect) -> bool:
        if not ENABLED or self._scale is None or "<font" in html_text.lower():  # other letter sizes: no estimate
            return False
        return certainly_overflows(html_text, pygame.Rect(rect), self._scale)

    def _layout_key(self) -> tuple | None:
        """What decides this panel's layout at its current wrap width (None: not to be remembered)."""
        if not ENABLED or self.text_kwargs or self.plain_text_display_only or self.dynamic_width or self.dynamic_height:
            return None
        return (self.html_text, self.appended_text, self.text_wrap_rect[2], tuple(self.combined_element_ids),
                self.line_spacing)

    def parse_html_into_style_data(self) -> None:
        """The first layout of a rebuild is skipped when the text certainly does not fit (estimated, or
        known from a panel with the same text and width); a layout kept from a killed panel with the
        same text, width and theme is taken over instead of made again (`LayoutMemory`)."""
        first = self.scroll_bar is None and not self._narrow_pass
        key = self._layout_key()
        known = LAYOUTS.height(key, self.ui_manager) if key is not None else None
        if first and (self._skip_first or (known is not None and known > self.text_wrap_rect[3])):
            self._skip_first = False
            self.text_box_layout = _Overflowing()  # type: ignore[assignment]
            return
        kept = LAYOUTS.take(key, self.ui_manager) if key is not None else None
        if kept is not None:
            kept.view_rect = pygame.Rect((0, 0), (self.text_wrap_rect[2], self.text_wrap_rect[3]))
            self.text_box_layout = kept
            self._kept_key = key
            return
        super().parse_html_into_style_data()
        self._kept_key = key if not isinstance(self.text_box_layout, _Overflowing) else None

    def kill(self) -> None:
        """The panel goes; its finished layout is kept for a panel with the same text and width."""
        layout, key = self.text_box_layout, getattr(self, "_kept_key", None)
        if (key is not None and layout is not None and not isinstance(layout, _Overflowing)
                and getattr(layout, "finalised_surface", None) is not None and not getattr(layout, "selected_chunks", None)
                and key == self._layout_key()):  # a selection drawn into the layout is not passed on
            LAYOUTS.keep(key, self.ui_manager, layout)
        self._kept_key = None
        super().kill()

    def _build_scrollbar_for_oversized_text(self, *args: Any) -> None:
        """pygame_gui's second layout, narrower beside the scroll bar: this one is drawn."""
        self._narrow_pass = True
        try:
            super()._build_scrollbar_for_oversized_text(*args)
        finally:
            self._narrow_pass = False

    def _align_all_text_rows(self) -> None:
        """Called between laying out and drawing: a first layout taller than the panel is not drawn,
        because pygame_gui lays the text out again beside a scroll bar right after."""
        super()._align_all_text_rows()
        layout = self.text_box_layout
        if (ENABLED and not self._narrow_pass and layout is not None and not (self.dynamic_height or self.dynamic_width)
                and layout.layout_rect.height > self.text_wrap_rect[3]):
            layout.finalise_to_new = _not_drawn  # type: ignore[method-assign]

    def set_text(self, html_text: str, **kwargs: Any) -> None:
        """New text: measured again before it is laid out."""
        self._skip_first = self._sure_to_overflow(html_text, self.rect)
        super().set_text(html_text, **kwargs)
