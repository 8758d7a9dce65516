"""The network map on a screen of its own (large fonts; M on the desk): who the role is in contact
with and who informed whom, drawn by ui.netmap."""

from __future__ import annotations

import pygame
import pygame_gui

from ui.netmap import draw_network
from ui.widgets import Screen


class MapScreen(Screen):
    """The network map on a screen of its own (large fonts); Escape goes back to the desk."""

    def on_escape(self) -> None:
        """Back to the desk."""
        self.app.show_desk()

    def build(self) -> None:
        """Title, back button, the map filling the rest."""
        tr, (w, h), pad = self.tr, self.app.size, self.pad
        self.label(pygame.Rect(pad, pad // 2, w - 2 * pad, self.row), tr("desk.map"), "@title")
        y = self.flow(pad, pad // 2 + self.row, w - 2 * pad, [(tr("act.back") + " [Esc]", self.on_escape, pygame.K_m)])
        view = self.app.game.view()
        rect = pygame.Rect(pad, y, w - 2 * pad, h - y - pad)
        pygame_gui.elements.UIImage(rect, draw_network(view, self.tr, rect.size, self.scale), self.app.manager)
