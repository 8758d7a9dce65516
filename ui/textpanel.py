"""Text panels that show exactly what pygame_gui's own text box shows, with less work (issue 17, item
10: input → visible response p95 ≤ 50 ms). After every step and action the desk lays out several
panels of inbox, dossier, network and family text, and pygame_gui spends nearly all of that time in
text layout (and in making elements, see ui.fastgui).

`TextPanel`: a panel whose text turns out taller than the panel is laid out twice by pygame_gui — at
full width, then narrower beside its scroll bar. The first layout is only there to find out that the
text does not fit; its words are no longer drawn (and when an estimate with the same font shows that
the text surely does not fit, the first layout is skipped altogether).

`LayoutMemory`: when the coach speaks, the status panel grows and the four panels above it get a new
height — same text, same width, so the same wrapped and drawn text. The finished layout of a killed
panel is kept (a few, by text, width and theme) and taken over by the next panel with the same text
at the same width; only its frame and scroll bar are made anew.

Shown in part (`partial`): a long new text is first laid out only as far as it surely fills the panel
(or as far as the screen says, e.g. the debrief's summary) — at the same width beside the same scroll
bar, so the view shows what the whole text will — and laid out whole on the frames after the response
is on screen (`finish_pending`, called by the window's loop).

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
    return overflow_end(html_text, rect, scale) is not None


def overflow_end(html_text: str, rect: pygame.Rect, scale: float) -> int | None:
    """Where the paragraph ends (an index into `html_text`, before its <br>) by which the text surely
    no longer fits the panel (counted as in `certainly_overflows`); None when it may fit."""
    from ui.widgets import BASE_FONT, measure_font  # ui.widgets builds its panels from this module

    font = measure_font(round(BASE_FONT * scale))
    inner_w, inner_h = rect.w - 8, rect.h - 8
    if inner_w <= 0:
        return None
    budget = inner_h // font.get_linesize() + 1
    lines = 0
    space = font.size(" ")[0]
    starts = [0] + [m.end() for m in _BREAK.finditer(html_text)]
    ends = [m.start() for m in _BREAK.finditer(html_text)] + [len(html_text)]
    if len(starts) > 1 and not html_text[starts[-1]:].strip():
        starts.pop()  # a closing <br> may not make a line of its own
    for start, end in zip(starts, ends):
        words = html.unescape(_TAG.sub("", html_text[start:end])).split()
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
            return end
    return None


_OPEN_OR_CLOSE = re.compile(r"<(/?)([a-zA-Z]+)[^>]*?(/?)>")


def balanced(html_part: str) -> bool:
    """Is every tag opened in `html_part` closed in it too (so it can be laid out on its own, as the
    start of the whole text)?"""
    stack: list[str] = []
    for m in _OPEN_OR_CLOSE.finditer(html_part):
        closing, name, empty = m.group(1), m.group(2).lower(), m.group(3)
        if name == "br" or empty:
            continue
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def visible_part(html_text: str, rect: pygame.Rect, scale: float) -> str | None:
    """The first paragraphs of a long text, enough to surely overflow the panel on their own: laid out
    beside the same scroll bar, they fill the panel's view exactly as the whole text does (a row's
    place never depends on the rows after it). None when the text may fit, when tags run across the
    cut, or when the part is not much shorter than the whole."""
    end = overflow_end(html_text, rect, scale)
    if end is None or end > 0.7 * len(html_text):
        return None
    part = html_text[:end]
    return part if balanced(part) else None


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

PENDING: list = []
"""Panels shown with only the start of their text laid out, to be finished after the response is on
screen (`finish_pending`)."""


def finish_pending(manager: Any, every: bool = False) -> bool:
    """Lay out the whole text of one of `manager`'s panels that was shown in part (the window calls this
    once per frame while it has nothing else to do, so a key pressed meanwhile waits for one panel at
    most); False when none is left to do now. Panels of another manager (an earlier window or font size) go.
    `every`: all of them at once (a key is waiting: it must act on whole panels, e.g. scroll to the end)."""
    done = False
    for panel in list(PENDING):
        if panel.ui_manager is not manager or not panel.alive() or not panel.unfinished:
            PENDING.remove(panel)
        elif panel.visible:  # a hidden panel (its screen is away) is finished when it is shown again
            PENDING.remove(panel)
            done = panel.finish() or done
            if not every:
                return done
    return done


def _not_drawn() -> None:
    """The finished picture of a layout that will be thrown away: not made."""
    return None


class TextPanel(pygame_gui.elements.UITextBox):
    """A wrapped, scrollable text panel, drawn exactly like pygame_gui's UITextBox, that skips the
    work pygame_gui would throw away when the text needs a scroll bar: the first layout's drawing
    always, and the first layout itself when `scale` is given and the text surely does not fit
    (`certainly_overflows`)."""

    def __init__(self, html_text: str, relative_rect: pygame.Rect, manager: pygame_gui.UIManager,
                 scale: float | None = None, partial: bool | str = False, **kwargs: Any):
        self._scale = scale
        self._narrow_pass = False
        self._skip_first = self._sure_to_overflow(html_text, relative_rect)
        self._part = self._first_part(html_text, pygame.Rect(relative_rect), partial) if self._skip_first else None
        """While not None: the start of the text that is laid out and shown until `finish` (the rest
        follows on a later frame, see `finish_pending`)."""
        super().__init__(html_text, relative_rect, manager, **kwargs)
        if self._part is not None:
            PENDING.append(self)

    def _first_part(self, html_text: str, rect: pygame.Rect, partial: bool | str) -> str | None:
        """What to lay out first: the start that fills the panel (partial=True), or the start the
        screen chose (partial=a string the text begins with, e.g. the summary), when it is shorter and
        can stand on its own. The whole text surely needs a scroll bar, so the start is laid out at the
        same width and the rest, when it comes, does not move a word of it."""
        if partial is True:
            return visible_part(html_text, rect, self._scale)
        if isinstance(partial, str) and partial and len(partial) < len(html_text) and html_text.startswith(partial) \
                and balanced(partial):
            return partial
        return None

    @property
    def unfinished(self) -> bool:
        """Is only the start of the text laid out (the panel's view shows what the whole would)?"""
        return self._part is not None

    def finish(self) -> bool:
        """Lay out the whole text, keeping how far the panel was scrolled (in pixels); False when
        there was nothing to do."""
        if self._part is None or not self.alive():
            self._part = None
            return False
        bar, layout = self.scroll_bar, self.text_box_layout
        offset = bar.start_percentage * layout.layout_rect.height if bar is not None and layout is not None else 0
        self._part = None
        self._skip_first = True  # the start alone overflowed
        self.rebuild()
        if offset and self.scroll_bar is not None:
            self.scroll_bar.set_scroll_from_start_percentage(offset / self.text_box_layout.layout_rect.height)
            self.update(0.0)
        return True

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
            self._part = None  # the whole text's layout, ready
            return
        if self._part is not None:  # only the start now; the whole on a later frame (finish)
            whole, self.html_text = self.html_text, self._part
            try:
                super().parse_html_into_style_data()
            finally:
                self.html_text = whole
            self._kept_key = None
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
        """New text: measured again before it is laid out (all of it)."""
        self._part = None
        self._skip_first = self._sure_to_overflow(html_text, self.rect)
        super().set_text(html_text, **kwargs)
