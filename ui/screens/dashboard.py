"""The projector dashboard (issue 7 §4): for the room, large and calm — the simulated date, the family,
the partners (played by people or by the computer), and actions as they happen: who did what kind of
thing with whom, never which facts were shared or what was said. After the end it reveals what
became of the children and who knew what when. Draws only `dashboard` frames (net.views.dashboard).
F11 switches full screen."""

from __future__ import annotations

import pygame

from ui.widgets import Screen, esc

SHOWN_ACTIONS = 40


class DashboardScreen(Screen):
    """The room's picture of the game."""

    def on_net(self, kind: str) -> None:
        """A new picture from the server (or only the clock moved)."""
        if kind == "clock" and getattr(self, "clock_label", None) is not None:
            self.clock_label.set_text(self.clock_text())
            self.app.dirty = True
            return
        self.app.rebuild()

    def on_escape(self) -> None:
        """Escape leaves full screen (the window stays open)."""
        if pygame.display.get_surface() is not None and pygame.display.is_fullscreen():
            pygame.display.toggle_fullscreen()

    def handle_key(self, event) -> None:
        """F11: full screen on the projector, or back."""
        if event.key == pygame.K_F11:
            try:
                pygame.display.toggle_fullscreen()
            except pygame.error:  # no full screen on this display (e.g. a virtual one)
                pass
            return
        super().handle_key(event)

    def clock_text(self) -> str:
        """The simulated date and the day of the case."""
        tr, g = self.tr, self.app.game
        if g.state == "lobby":
            return tr("dash.waiting")
        if g.finished or (g.board or {}).get("finished"):
            return tr("dash.ended")
        state = tr("dash.paused") if g.state == "paused" else ""
        return tr("dash.clock", moment=tr.moment(g.scenario.meta, g.now), day=int(g.now // 24) + 1,
                  total=int(g.end // 24)) + (f" · {state}" if state else "")

    def build(self) -> None:
        """Title and date across the top; family and partners left; what happens (or, after the end,
        who knew what when) right. In the lobby: how to join, with the QR code, and who has joined."""
        tr, (w, h), pad, g = self.tr, self.app.size, self.pad, self.app.game
        if g.state == "lobby" and not g.finished:
            from ui.screens.dashboard_lobby import build_lobby

            self.clock_label = None
            build_lobby(self)
            return
        board = g.board or {}
        title = tr.text(g.scenario.meta.title.model_dump())
        self.label(pygame.Rect(pad, pad, w - 2 * pad, self.row), title, "@title")
        self.clock_label = self.label(pygame.Rect(pad, pad + self.row, w - 2 * pad, self.row), self.clock_text())
        y = pad * 2 + 2 * self.row
        left = int(w * (0.34 if self.scale < 1.5 else 0.42))
        self.textbox(pygame.Rect(pad, y, left - pad, h - y - pad), self.table_html(board))
        right = self.revealed_html(board) if board.get("who_knew") is not None else self.actions_html(board)
        self.textbox(pygame.Rect(left + pad, y, w - left - 2 * pad, h - y - pad), right)

    def table_html(self, board: dict) -> str:
        """The family as everyone knows it at the start, and the partners at the table."""
        tr = self.tr
        rows = [f"<b>{esc(tr('dash.family'))}</b>"]
        for p in board.get("family", []):
            rows.append(f"{esc(tr.text(p['name']))} ({p['age']}) — {esc(tr.text(p['relation']))}")
        rows += ["", f"<b>{esc(tr('dash.partners'))}</b>"]
        for r in board.get("partners", []):
            who = tr("dash.people") if r["played_by"] == "people" else tr("lobby.computer")
            rows.append(f"{esc(tr.text(r['name']))} — <i>{esc(who)}</i>")
        return "<br>".join(rows)

    def actions_html(self, board: dict) -> str:
        """Newest first: when, who, what kind of step, with whom, about which child."""
        tr = self.tr
        meta = self.app.game.scenario.meta
        actions = board.get("actions", [])
        rows = [f"<b>{esc(tr('dash.happening', n=len(actions)))}</b>"]
        for a in reversed(actions[-SHOWN_ACTIONS:]):
            rows.append(f"{esc(tr.moment(meta, a['t']))} — <b>{esc(self.app.sender_name(a['role']))}</b>: "
                        f"{esc(self.app.describe(a))}")
        if not actions:
            rows.append(esc(tr("dash.nothing_yet")))
        rows += ["", f"<i>{esc(tr('dash.no_facts'))}</i>"]
        return "<br>".join(rows)

    def revealed_html(self, board: dict) -> str:
        """After the end: what became of the children, then who knew what when."""
        from ui.screens.team_debrief import who_knew_html

        tr, out = self.tr, board.get("outcome") or {}
        rows = [f"<b>{esc(tr('debrief.children'))}</b>",
                esc(tr("debrief.incident", day=int(out["incident_at"] // 24) + 1) if out.get("incident")
                    else tr("debrief.no_incident"))]
        for child, res in out.get("children", {}).items():
            rows.append(f"<b>{esc(self.app.person_name(child))}</b>: {esc(tr.text(res['text']))}")
        return "<br>".join(rows) + "<br><br>" + who_knew_html(self.app, board)
