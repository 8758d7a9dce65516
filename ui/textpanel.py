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

    def parse_html_into_style_data(self) -> None:
        """The first layout of a rebuild is skipped when the text certainly does not fit."""
        if self._skip_first and self.scroll_bar is None and not self._narrow_pass:
            self._skip_first = False
            self.text_box_layout = _Overflowing()  # type: ignore[assignment]
            return
        super().parse_html_into_style_data()

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
