"""The glossary screen ('?' from any screen, '?' or Esc back): Meldcode and its five steps,
afwegingskader, Veilig Thuis, VIR, grondslag, beroepsgeheim, gezag, regie, ZAT, HCO, OTS … each with
the public source a trainer can look up (issue 17, item 5)."""

from __future__ import annotations

from typing import Any

import pygame

from ui.glossary import glossary
from ui.widgets import Screen, esc


class GlossaryScreen(Screen):
    """The words of the field, explained; returns to the screen it was opened from."""

    def __init__(self, app: Any, back: Any):
        super().__init__(app)
        self.back = back

    def on_escape(self) -> None:
        """Back to where the player was; nothing else changes."""
        self.app.show(self.back)

    def build(self) -> None:
        """Title and back button on top, the terms in one scrollable panel below."""
        tr, (w, h), pad = self.tr, self.app.size, self.pad
        self.label(pygame.Rect(pad, pad // 2, w - 2 * pad, self.row), tr("glossary.title"), "@title")
        y = self.flow(pad, pad // 2 + self.row, w - 2 * pad, [(tr("act.back") + " [Esc]", self.on_escape, None)])
        self.textbox(pygame.Rect(pad, y, w - 2 * pad, h - y - pad), self.terms_html())

    def terms_html(self) -> str:
        """Every term: the word in bold, its explanation, and its source."""
        tr = self.tr
        parts = [esc(tr("glossary.intro")), "<br><br>"]
        for entry in glossary():
            parts += [f"<b>{esc(tr.text(entry['term']))}</b><br>", esc(tr.text(entry["text"])), "<br>",
                      f"<i>{esc(tr('glossary.source', cite=tr.text(entry['cite'])))}</i><br><br>"]
        return "".join(parts)


def toggle(app: Any) -> None:
    """'?': the glossary over the app's current screen, or back from it; continuous play pauses while
    it is open."""
    if isinstance(app.screen, GlossaryScreen):
        app.show(app.screen.back)
    elif app.screen is not None:
        app.playing = False
        app.show(GlossaryScreen(app, app.screen))
