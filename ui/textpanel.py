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

import functools
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
    no longer fits the panel (counted as in `certainly_overflows`); None when it may fit. Remembered for
    the last texts and sizes (a panel that only moves or changes height asks again)."""
    return _overflow_end(html_text, rect.w, rect.h, scale)


@functools.lru_cache(maxsize=64)
def _overflow_end(html_text: str, width: int, height: int, scale: float) -> int | None:
    from ui.widgets import BASE_FONT, measure_font  # ui.widgets builds its panels from this module

    font = measure_font(round(BASE_FONT * scale))
    inner_w, inner_h = width - 8, height - 8
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
    cut, or when the part is nearly the whole (over 90 %)."""
    end = overflow_end(html_text, rect, scale)
    if end is None or end > 0.9 * len(html_text):
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


_SCROLL_KEYS = frozenset({pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END, pygame.K_UP, pygame.K_DOWN})


def reads_whole_text(event: pygame.event.Event) -> bool:
    """May this input act on the whole text of a panel (scroll it, select or copy from it)? Other input
    (a command key, Tab, Esc) is handled at once, before the rest of a panel shown in part is laid out."""
    if event.type == pygame.KEYDOWN:
        return event.key in _SCROLL_KEYS or bool(event.mod & pygame.KMOD_CTRL)
    return event.type in (pygame.MOUSEWHEEL, pygame.MOUSEBUTTONDOWN)


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
        self._partial = partial
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
        self._keep_layout()
        super().kill()

    def _keep_layout(self) -> None:
        """Hand this panel's finished layout to `LAYOUTS` (for the next layout of the same text at the
        same width: another panel's, or this one's in a new place)."""
        layout, key = self.text_box_layout, getattr(self, "_kept_key", None)
        if (key is not None and layout is not None and not isinstance(layout, _Overflowing)
                and getattr(layout, "finalised_surface", None) is not None and not getattr(layout, "selected_chunks", None)
                and key == self._layout_key()):  # a selection drawn into the layout is not passed on
            LAYOUTS.keep(key, self.ui_manager, layout)
        self._kept_key = None

    def rebuild(self) -> None:
        """As pygame_gui's rebuild, but the scroll bar is not killed first: when the text needs one
        again at the same place, the same bar is set to the new text (`_build_scrollbar_for_oversized_text`);
        otherwise it goes afterwards."""
        if not ENABLED:
            super().rebuild()
            return
        self._spare_bar, self.scroll_bar = self.scroll_bar, None
        try:
            super().rebuild()
        finally:
            spare, self._spare_bar = self._spare_bar, None
            if spare is not None and spare is not self.scroll_bar:
                spare.kill()

    def _bar_rect(self) -> pygame.Rect:
        """Where pygame_gui puts the scroll bar of this panel (relative to its container)."""
        return pygame.Rect(self.relative_rect.right - self.border_width["right"] - self.shadow_width - self.scroll_bar_width,
                           self.relative_rect.top + self.border_width["top"] + self.shadow_width, self.scroll_bar_width,
                           self.rect.height - (self.border_width["left"] + self.border_width["right"]) - 2 * self.shadow_width)

    def _build_scrollbar_for_oversized_text(self, *args: Any) -> None:
        """pygame_gui's second layout, narrower beside the scroll bar: this one is drawn. The scroll bar
        of the panel's last layout, when it is at the same place, is kept and set to the new text (at
        the top, sized for the share that is visible) instead of made anew."""
        self._narrow_pass = True
        try:
            spare, place = getattr(self, "_spare_bar", None), self._bar_rect()
            if (spare is None or not spare.alive() or spare.relative_rect.w != place.w
                    or self.text_wrap_rect.width <= self.scroll_bar_width):
                super()._build_scrollbar_for_oversized_text(*args)
                return
            self._spare_bar = None
            spare.reset_scroll_position()
            if spare.relative_rect != place:  # the panel moved or changed height
                spare.set_relative_position(place.topleft)
                spare.set_dimensions(place.size)
            self.text_wrap_rect = pygame.Rect(self.text_wrap_rect.x, self.text_wrap_rect.y,
                                              self.text_wrap_rect.width - self.scroll_bar_width, self.text_wrap_rect.height)
            self.parse_html_into_style_data()
            visible = self.text_wrap_rect[3] / self.text_box_layout.layout_rect.height \
                if self.text_box_layout is not None else 1.0
            spare.set_visible_percentage(visible)
            self.scroll_bar = spare
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

    def renew(self, html_text: str, rect: pygame.Rect | None = None) -> None:
        """New text (and place: `rect`, relative to the container), shown from the top, as a new panel
        made with it would show it — with this panel's element and scroll bar kept instead of made anew, the
        layout kept when only the height changes, and, when the panel was made to be shown in part, only the
        start of a long text laid out now (the rest follows on a later frame, `finish_pending`)."""
        if self._part is not None and self in PENDING:
            PENDING.remove(self)
        if rect is not None and pygame.Rect(rect) != self.relative_rect:
            self._keep_layout()  # the same text at the same width: taken over by the layout below
            shape, self.drawable_shape = self.drawable_shape, None  # the frame is drawn anew by the rebuild
            pygame_gui.core.UIElement.set_relative_position(self, pygame.Rect(rect).topleft)
            pygame_gui.core.UIElement._set_dimensions(self, pygame.Rect(rect).size)
            self.drawable_shape = shape
        self._skip_first = self._sure_to_overflow(html_text, self.rect)
        self._part = self._first_part(html_text, pygame.Rect(self.relative_rect), self._partial) \
            if self._skip_first else None
        super().set_text(html_text)
        if self._part is not None:
            PENDING.append(self)
