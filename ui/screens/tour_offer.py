"""The first thing a first-time player sees (issue 17, item 4): what the game is, and the offer of the
guided tour (ui.screens.onboarding.TourGuide) or the start screen."""

from __future__ import annotations

from typing import Any

import pygame

from ui import onboarding
from ui.widgets import BASE_FONT, Screen, esc, measure_font


class TourOfferScreen(Screen):
    """The first thing a first-time player sees: what the game is, and the offer of the guided tour
    (Enter) or the start screen (Esc). Either answer is remembered; the tour stays on the start screen."""

    def __init__(self, app: Any, scenario_ref: str | None = None, role: str | None = None):
        super().__init__(app)
        self.scenario_ref, self.role = scenario_ref, role

    def build(self) -> None:
        """Title, the explanation, and three buttons: tour, start screen, language."""
        tr, (w, h), pad = self.tr, self.app.size, self.pad
        width = min(w - (2 if self.scale >= 1.5 else 4) * pad, int(w * (0.62 if self.scale < 1.5 else 1.0)))
        x = (w - width) // 2
        title = onboarding.label(tr, "offer_title")
        self.label(pygame.Rect(x, pad, width, self.row), title, "@title")
        items = [(onboarding.label(tr, "offer_yes") + "  [Enter]", self.yes, None),
                 (onboarding.label(tr, "offer_no") + "  [Esc]", self.on_escape, None),
                 (onboarding.label(tr, "language") + "  [L]", self.switch_language, pygame.K_l)]
        language = self.text_width(items[2][0])
        title_w = measure_font(round(19 * self.scale)).size(title)[0] * 1.12  # @title: 19 px, bold
        beside_title = (width - title_w) / 2 >= language + self.pad
        if beside_title:  # the language button beside the title: one row of buttons less under the text
            items, (lang_label, lang_fn, lang_key) = items[:2], items[2]
        text = esc(onboarding.label(tr, "offer_text")).replace("\n", "<br>")
        y = 2 * pad + self.row
        lines = sum(len(self.wrap(p, width - 40)) or 1 for p in onboarding.label(tr, "offer_text").split("\n"))
        # the text gets all the room above the buttons (at 200 % it needs most of the screen: review of
        # issue 17, item 12); what does not fit scrolls (PageDown)
        room = h - y - 2 * pad - self.flow_height(width, [item[0] for item in items])
        box_h = min(int(lines * measure_font(round(BASE_FONT * self.scale)).get_linesize() * 1.25) + 30, room)
        self.textbox(pygame.Rect(x, y, width, box_h), text)
        self.flow(x, y + box_h + pad, width, items, {0: "@toggle_on"})
        if beside_title:
            self.button(pygame.Rect(x + width - language, pad, language, self.row), lang_label, lang_fn, lang_key)

    def flow_height(self, width: int, labels: list[str]) -> int:
        """How high ui.widgets.Screen.flow lays out buttons with these labels in `width` (rows of buttons)."""
        rows, cx = 1, 0
        for label in labels:
            wide = self.text_width(label)
            if cx and cx + wide > width:
                rows, cx = rows + 1, 0
            cx += wide + self.pad // 2
        return rows * (self.row + self.pad // 2)

    def yes(self) -> None:
        """Start the guided tour."""
        onboarding.mark_seen()
        self.app.start_tour(self.scenario_ref)

    def on_escape(self) -> None:
        """No tour now: to the start screen (the tour stays there as a button)."""
        onboarding.mark_seen()
        self.app.to_start(self.scenario_ref, self.role)

    def switch_language(self) -> None:
        """Nederlands ⇄ English before anything else."""
        self.app.set_lang("en" if self.app.lang == "nl" else "nl")
