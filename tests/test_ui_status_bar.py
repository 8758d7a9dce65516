"""The desk's status bar (what just happened, the coach's first words) at large letters: its lines are
shown whole. At 200 % on 1280×720 the second line was cut off at the bottom of the window (review of
issue 17, item 12)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from ui import textpanel  # noqa: E402
from ui.screens.desk import DeskScreen  # noqa: E402


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_both_lines_of_the_welcome_in_the_status_bar_are_whole_at_200_percent(tmp_path, monkeypatch, lang):
    from ui import game as games
    from ui.app import App

    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path))
    app = App(lang, (1280, 720), 2.0)
    app.clock = pygame.time.Clock()
    try:
        app.start_new(games.load("pietersdam"), "leerkracht", 1)
        app.frame()
        assert isinstance(app.screen, DeskScreen)
        textpanel.finish_pending(app.manager, every=True)
        box = app.screen.boxes["status"][0]
        layout = box.text_box_layout
        filled = [row for row in layout.layout_rows if "".join(getattr(c, "text", "") for c in row.items).strip()]
        assert len(filled) >= 2, "the welcome takes two lines at 200 %"
        for row in filled:
            assert box.text_wrap_rect.y + row.y + row.height <= box.text_wrap_rect.bottom, "a line is cut off"
        assert box.scroll_bar is None, "two lines need scrolling"
    finally:
        pygame.quit()
