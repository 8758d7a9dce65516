"""pygame_gui with the same results and less work (issue 17, item 10: input → visible response p95
≤ 50 ms). The desk makes and lays out dozens of elements after every step; profiling showed two
places where pygame_gui repeats work whose answer cannot change:

- measuring text: `GUIFontPygame.get_rect` renders a piece of text only to take the size of the
  picture, and the same words are measured again at every build. The size of a text in one font
  (with its antialiasing and underline) never changes, so it is remembered per font (bounded).
- theming ids: `UIAppearanceTheme.build_all_combined_ids` first joins the string forms of its four
  id lists into one long key (str.join used as concatenation: the key grows with the product of their
  lengths) to look up an answer it has already cached; every element made pays for it several times.
  The answer depends only on the four lists, so it is remembered by their contents.

- translating: pygame_gui passes every text it shows to python-i18n as a translation id; an id that
  is not found makes i18n list the translation folders again, for every panel at every build. A text
  with a space or a tag in it is never an id (ids are dotted names such as `pygame-gui.OK`), and i18n
  gives such a text back unchanged after its search, so it is given back at once.

`install()` patches them once per process; `ENABLED = False` gives pygame_gui's own behaviour back
(bench/bench_ui.py measures both). Nothing here knows about the game."""

from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.core.gui_font_pygame import GUIFontPygame
from pygame_gui.core.ui_appearance_theme import UIAppearanceTheme
from pygame_gui.elements import ui_button, ui_label, ui_text_box

ENABLED = True
"""Off: pygame_gui measures and looks up ids its own way."""

MEASURE_CACHE_SIZE = 20_000
"""Sizes of texts remembered per font before the memory starts again (words and parts of lines)."""

_installed = False


def _as_key(ids: Any) -> tuple | None:
    return None if ids is None else tuple(ids)


def install() -> None:
    """Remember text sizes per font and combined theming ids per theme (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True
    plain_rect = GUIFontPygame.get_rect
    plain_ids = UIAppearanceTheme.build_all_combined_ids

    def get_rect(self: GUIFontPygame, text: str) -> pygame.Rect:
        if not ENABLED:
            return plain_rect(self, text)
        cache = self.__dict__.get("_ketenspel_sizes")
        if cache is None or len(cache) >= MEASURE_CACHE_SIZE:
            cache = self.__dict__["_ketenspel_sizes"] = {}
        key = (text, self.antialiased, self.underline)
        found = cache.get(key)
        if found is None:
            found = cache[key] = plain_rect(self, text)
        return pygame.Rect(found)  # a copy: callers move the rect they get

    def build_all_combined_ids(self: UIAppearanceTheme, element_base_ids: Any, element_ids: Any, class_ids: Any,
                               object_ids: Any) -> list[str]:
        if not ENABLED:
            return plain_ids(self, element_base_ids, element_ids, class_ids, object_ids)
        cache = self.__dict__.setdefault("_ketenspel_combined_ids", {})
        key = (_as_key(element_base_ids), _as_key(element_ids), _as_key(class_ids), _as_key(object_ids))
        found = cache.get(key)
        if found is None:
            found = cache[key] = plain_ids(self, element_base_ids, element_ids, class_ids, object_ids)
        return found

    def quick_translate(plain: Any) -> Any:
        def translate(text_to_translate: str, **keywords: Any) -> str:
            if ENABLED and not keywords and (" " in text_to_translate or "<" in text_to_translate):
                return text_to_translate
            return plain(text_to_translate, **keywords)
        return translate

    for module in (ui_text_box, ui_label, ui_button):
        module.translate = quick_translate(module.translate)
    GUIFontPygame.get_rect = get_rect
    UIAppearanceTheme.build_all_combined_ids = build_all_combined_ids
