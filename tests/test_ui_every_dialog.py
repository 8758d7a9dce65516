"""Every dialog of every family fits (issue 17, item 2): at 1280×720 and 1920×1080, at 100 % and 200 %
font, each action's form for a role of each shipped family is laid out so that every control the
keyboard reaches is, once focused, fully inside the window — below the fixed header, above the bottom
edge, not cut off at the right."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from sim import load_scenario, resolve_scenario  # noqa: E402
from sim.actions import offered_to  # noqa: E402
from ui.screens.action import ActionFormScreen  # noqa: E402

FAMILIES = ("pietersdam", "peter", "lisanne_lars")
LAYOUTS = [((1280, 720), 1.0), ((1280, 720), 2.0), ((1920, 1080), 1.0), ((1920, 1080), 2.0)]
WEEK = 7 * 24.0


def _role_with_most_knowledge(name: str) -> str:
    """The playable role whose dialogs are longest: the most facts at the start and clients."""
    sc = load_scenario(resolve_scenario(name))
    return max((r for r in sc.roles if r.playable), key=lambda r: (len(r.knows_at_start), len(r.clients), r.id)).id


def _fully_visible(app, rect: pygame.Rect) -> bool:
    w, h = app.size
    return app.screen.top <= rect.top and rect.bottom <= h and rect.left >= 0 and rect.right <= w


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda lay: f"{lay[0][0]}x{lay[0][1]}@{int(lay[1] * 100)}")
@pytest.mark.parametrize("family", FAMILIES)
def test_every_control_of_every_dialog_can_be_reached_and_seen(tmp_path, monkeypatch, family, layout):
    from ui.app import App

    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path))
    (size, scale) = layout
    app = App("nl", size, scale)
    try:
        role = _role_with_most_knowledge(family)
        app.to_start(family, role)
        app.start_new(app.screen.scenario(), role)
        app.game.session.advance(5 * WEEK)  # by week 5 the dossier is long
        kind = app.game.scenario.role_kind(role)
        problems = []
        for do in offered_to(kind.org):
            app.open_form(do)
            screen = app.screen
            assert isinstance(screen, ActionFormScreen), do
            for _ in range(len(screen.focus)):
                screen = app.screen
                if screen.focus_index >= 2 and not _fully_visible(app, screen.focused_rect()):
                    element = screen.focus[screen.focus_index]
                    problems.append(f"{do}: {getattr(element, 'text', element)!s:.40} at {screen.focused_rect()}")
                screen.move_focus(1)
            app.show_desk()
        assert problems == []
    finally:
        pygame.quit()
