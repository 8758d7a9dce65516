"""The role briefing in a training-day window (issue 18, item 4): shown once when a player's desk first
opens (at the start, or when the trainer places a newcomer) and again on demand (B on the desk or the
pause screen). What the role is, what this kind of professional does and whether it has professional
secrecy (the public catalogue sim/data/roles.yaml, in the scenario card every window gets), the
scenario's briefing for it, and what it knows at the start (from the role's own view, which the server
sent to this seat only)."""

from __future__ import annotations

import pygame

from ui.widgets import Screen, esc


class BriefingScreen(Screen):
    """Your role before you play; Enter (or Escape) goes to the desk."""

    def __init__(self, app):
        super().__init__(app)
        self.focus_index = 0

    def to_desk(self) -> None:
        """On to the desk (or to the screen the game's state asks for)."""
        self.app.net.route(force=True)

    def on_escape(self) -> None:
        """Escape also goes on to the desk."""
        self.to_desk()

    def build(self) -> None:
        """Heading with the role's name, the button to the desk, and the briefing itself."""
        tr, (w, h), pad, g = self.tr, self.app.size, self.pad, self.app.game
        view = g.view()
        self.label(pygame.Rect(pad, pad, w - 2 * pad, self.row), tr("brief.title", role=tr.text(view.name)), "@title")
        y = self.flow(pad, self.row + 2 * pad, w - 2 * pad, [(tr("brief.to_desk") + "  [Enter]", self.to_desk, None)],
                      {0: "@toggle_on"})
        self.textbox(pygame.Rect(pad, y, w - 2 * pad, h - y - pad), self.briefing_html(view))

    def briefing_html(self, view) -> str:
        """Task and secrecy of the kind of professional, the scenario's briefing, the start dossier."""
        tr = self.tr
        card = self.app.game.scenario.role_by_id.get(view.role)      # the public catalogue, from the server
        task, secrecy = getattr(card, "task", None), getattr(card, "secrecy", None)
        rows = []
        if task:
            rows += [f"<b>{esc(tr('brief.task'))}</b>", esc(tr.text(task))]
        if secrecy is not None:
            rows.append(f"<i>{esc(tr('start.secrecy_yes' if secrecy else 'start.secrecy_no'))}</i>")
        rows += ["", f"<b>{esc(tr('brief.case'))}</b>", esc(tr.text(view.briefing)), "", f"<b>{esc(tr('start.known'))}</b>"]
        known = [f for f in view.dossier if f.learned_at <= 0.0]
        rows += [f"• {esc(tr.text(f.text))}" for f in known] or [esc(tr("start.known_none"))]
        rows += ["", f"<i>{esc(tr('brief.again'))}</i>"]
        return "<br>".join(rows)
