"""The look of the window: ui/assets/theme.json (a pygame_gui theme) with bundled Noto Sans, scaled for
font size 100–200 %. Palette: Okabe–Ito colours, safe for the common forms of colour blindness."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from typing import Any

import pygame_gui

from ui.assets import ASSETS

SCALED_ELEMENTS = ("button", "text_box", "label", "tool_tip", "text_entry_line")
MIN_SIZE = (1280, 720)
MAX_SIZE = (1920, 1080)


@lru_cache(maxsize=None)
def _theme_file() -> dict[str, Any]:
    with open(ASSETS / "theme.json", encoding="utf-8") as fh:
        return json.load(fh)


def theme_dict(scale: float) -> dict[str, Any]:
    """The theme with absolute font paths and every font size multiplied by `scale`."""
    theme = copy.deepcopy(_theme_file())
    for element in SCALED_ELEMENTS:  # pygame_gui does not apply the default font to these by itself
        block = theme.setdefault(element, {})
        block.setdefault("font", dict(theme["defaults"]["font"]))
    for block in theme.values():
        font = block.get("font") if isinstance(block, dict) else None
        if not font:
            continue
        font["size"] = str(round(int(font["size"]) * scale))
        for key in ("regular_path", "bold_path", "italic_path", "bold_italic_path"):
            if key in font:
                font[key] = str(ASSETS / font[key])
    return theme


def make_manager(size: tuple[int, int], scale: float) -> pygame_gui.UIManager:
    """A pygame_gui manager for a window of `size` pixels with fonts scaled by `scale`; the bold and
    italic faces used by the text panels are loaded up front."""
    theme = theme_dict(scale)
    manager = pygame_gui.UIManager(size, theme_path=theme, enable_live_theme_updates=False)
    body = int(theme["defaults"]["font"]["size"])
    manager.preload_fonts([{"name": "notosans", "point_size": body, "style": style}
                           for style in ("italic", "bold_italic")])
    return manager


def clamp_size(w: int, h: int) -> tuple[int, int]:
    """Keep the window between 1280×720 and 1920×1080."""
    return (max(MIN_SIZE[0], min(MAX_SIZE[0], w)), max(MIN_SIZE[1], min(MAX_SIZE[1], h)))
