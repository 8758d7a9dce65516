"""End and debrief: what happened to the children (session.outcome), the scoring findings when the
scoring package provides them, a timeline of your actions against the expert's, and 'play again
from this point'."""

from __future__ import annotations

import pygame

from ui.widgets import Screen, esc


class DebriefScreen(Screen):
    """The last screen of a game."""

    def __init__(self, app):
        super().__init__(app)
        self.moments = [0.0] + sorted({r["t"] for r in app.game.my_inputs()})
        self.moment_index = 0

    def on_escape(self) -> None:
        """Back to the start screen (a group game's window closes: the game belongs to the group)."""
        if self.app.game.networked:
            self.app.running = False
        else:
            self.app.to_start()

    def _moment(self, d: int) -> None:
        self.moment_index = (self.moment_index + d) % len(self.moments)
        self.app.rebuild()

    def build(self) -> None:
        """Outcome and findings left, timeline right, buttons below."""
        tr, (w, h), pad, g = self.tr, self.app.size, self.pad, self.app.game
        self.label(pygame.Rect(pad, pad, w - 2 * pad, self.row), tr("debrief.title"), "@title")
        start = g.scenario.meta
        moment = self.moments[self.moment_index]
        when = tr("debrief.from_start") if moment == 0 else tr.moment(start, moment)
        items = [
            (tr("debrief.again", when=when) + " ‹ ›", lambda: self.app.play_again(moment), pygame.K_p, self._moment),
            (tr("debrief.to_start") + " [Esc]", self.on_escape, None),
        ]
        if g.networked:  # the group's game: no replay here; the facilitator leads the debrief
            items = [(tr("net.close_window") + " [Esc]", self.on_escape, None)]
            net = self.app.net
            if net is not None and len(net.seats) > 1:
                items.insert(0, (tr("net.next_debrief") + " [H]", net.next_debrief, pygame.K_h))
        y = self.flow(pad, self.row + 2 * pad, w - 2 * pad, items, {0: "@toggle_on"})
        col = (w - 3 * pad) // 2
        self.textbox(pygame.Rect(pad, y, col, h - y - pad), self.outcome_html())
        self.textbox(pygame.Rect(2 * pad + col, y, col, h - y - pad), self.timeline_html())

    def outcome_html(self) -> str:
        """What became of each child, then the findings (or a note that scoring is not available)."""
        tr, g = self.tr, self.app.game
        out = g.outcome or {}
        rows = [f"<b>{esc(tr('debrief.children'))}</b>"]
        if out.get("incident"):
            rows.append(esc(tr("debrief.incident", day=int(out["incident_at"] // 24) + 1)))
        else:
            rows.append(esc(tr("debrief.no_incident")))
        for child, res in out.get("children", {}).items():
            rows.append(f"<b>{esc(self.app.person_name(child))}</b>: {esc(tr.text(res['text']))}")
        rows.append("")
        verdict = self.app.scores()
        team = verdict["score"]
        mine = team.get("per_role", {}).get(g.role)
        rows.append(f"<b>{esc(tr('debrief.score', **whole_scores(team)))}</b>")
        if mine and len(team.get("per_role", {})) > 1:  # in solo play the team is you: one score only
            rows.append(esc(tr("debrief.your_score", **whole_scores(mine))))
        findings = [f for f in verdict["findings"] if f["role"] in (g.role, None)]
        faults = [f for f in findings if f["severity"] != "praise"]
        praise = [f for f in findings if f["severity"] == "praise"]
        for title, group in (("debrief.improve", faults), ("debrief.praise", praise)):
            if group:
                rows.append("")
                rows.append(f"<b>{esc(tr(title))}</b>")
                for f in group:
                    rows.append(f"• {esc(tr.text(f.get('message')))} <i>({esc(str(f.get('source', '')))})</i>")
        if not findings:
            rows.append(esc(tr("debrief.no_findings")))
        return "<br>".join(rows)

    def timeline_html(self) -> str:
        """Your actions and the expert's for your role, merged by time."""
        tr, g = self.tr, self.app.game
        start = g.scenario.meta
        entries = [(r["t"], 0, r["action"]) for r in g.my_inputs()]
        entries += [(t, 1, a) for t, a in g.expert()]
        entries.sort(key=lambda e: (e[0], e[1]))
        rows = [f"<b>{esc(tr('debrief.timeline'))}</b>"]
        for t, who, action in entries:
            tag = tr("debrief.you") if who == 0 else tr("debrief.expert")
            rows.append(f"{esc(tr.moment(start, t))} — <b>{esc(tag)}</b>: {esc(self.app.describe(action))}")
        if len(rows) == 1:
            rows.append(esc(tr("debrief.no_actions")))
        if g.networked:
            from ui.screens.team_debrief import who_knew_html

            rows += ["", who_knew_html(self.app, g.client.debrief or {})]
        return "<br>".join(rows)


def whole_scores(score: dict) -> dict[str, str]:
    """Scores as whole numbers for display."""
    return {k: f"{score[k]:.0f}" for k in ("total", "timeliness", "privacy", "feedback")}
