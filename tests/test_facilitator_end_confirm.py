"""The trainer's question before ending the game (review of issue 17): ending cannot be undone, so its
question and its three buttons take the panels' place — at 200 % font in a 1280×720 window the
question is read whole, not squeezed into a sliver under the panels — and the panels come back after
"not yet"."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

import tests.test_net_window as window_tests  # noqa: E402
from tests.test_net_window import key, pump, shown, trainer_window  # noqa: E402
from ui.screens.facilitator import FacilitatorScreen  # noqa: E402
from ui.widgets import BASE_FONT, measure_font  # noqa: E402

room = window_tests.room  # the hosted game on loopback (a fixture)


def question_box(app):
    return next(e for e in app.manager.get_sprite_group().sprites()
                if getattr(e, "visible", False) and "beëindigen op dag" in str(getattr(e, "html_text", "")))


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_end_question_is_readable_whole_at_any_font_size(room, scale):
    app = trainer_window(room, scale=scale)
    room.control("start")
    pump(app, lambda: isinstance(app.screen, FacilitatorScreen) and app.game.state == "running")
    key(app, pygame.K_e)
    box = question_box(app)
    lines = box.rect.height / measure_font(round(BASE_FONT * scale)).get_linesize()
    assert lines >= 4, f"the question has room for {lines:.1f} lines only"
    assert box.scroll_bar is None, "the whole question is on screen without scrolling"
    assert box.rect.bottom <= app.size[1]
    buttons = [b.text for b in app.screen.focus]
    assert buttons[:2] == ["Beëindigen: de computer speelt de rest uit", "Beëindigen: hier stoppen en beoordelen"]
    assert app.screen.focus_index == 2, "'not yet' has the focus: Enter right after E ends nothing"


def test_not_yet_brings_the_panels_back(room):
    app = trainer_window(room, scale=2.0)
    room.control("start")
    pump(app, lambda: isinstance(app.screen, FacilitatorScreen) and app.game.state == "running")
    key(app, pygame.K_e)
    assert "Deelnemers [F1]" not in shown(app)
    key(app, pygame.K_RETURN)  # "not yet"
    assert not app.screen.confirm_end and "Deelnemers [F1]" in shown(app)
    assert room.game.state == "running"
