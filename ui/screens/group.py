"""The screens only a group game has, around the desk (issue 7): the lobby while the facilitator
gathers the room, the pause screen while the facilitator talks, and the hot-seat hand-over screen that
hides one role's desk before the next player sees theirs. Everything shown comes from the server."""

from __future__ import annotations

import pygame

from ui.widgets import Screen, esc


class LobbyScreen(Screen):
    """Waiting for the start: your name and role (choose another with ←/→), who sits where. A
    newcomer in a game that has started waits here until the trainer places them; ←/→ then asks
    the trainer for a role instead of taking it (issue 18)."""

    asked: str | None = None

    def _roles(self) -> list[str]:
        lobby = self.app.game.client.lobby or {}
        return [r["id"] for r in lobby.get("roles", []) if r["playable"] and not r.get("npc")]

    def _choose(self, d: int) -> None:
        roles, g = self._roles(), self.app.game
        if not roles or len(self.app.net.seats) > 1:    # hot-seat roles are given on the command line
            return
        current = self.asked or g.role
        i = roles.index(current) if current in roles else -1
        try:
            reply = g.choose_role(roles[(i + d) % len(roles)])
        except Exception:  # noqa: BLE001 — no answer (connection lost): said, nothing changes
            reply = {"type": "error", "text": {"nl": "Geen antwoord van de server.", "en": "No answer from the server."}}
        if reply.get("type") == "error":
            self.app.status_html = f"<b>{esc(self.tr.text(reply.get('text')))}</b>"
        elif reply.get("pending"):           # after the start the trainer decides (issue 18)
            self.asked = reply.get("asks")
            self.app.status_html = ""
        else:
            self.app.net.remember()
        self.app.rebuild()

    def build(self) -> None:
        """Title, your seat(s), the roles with the people in them, what happens next."""
        tr, (w, h), pad, g = self.tr, self.app.size, self.pad, self.app.game
        title = tr.text(g.scenario.meta.title.model_dump())
        heading = "lobby.title" if g.state == "lobby" else "lobby.title_placed"
        self.label(pygame.Rect(pad, pad, w - 2 * pad, self.row), tr(heading, scenario=title), "@title")
        seats = self.app.net.seats
        items = []
        if len(seats) == 1:
            shown = self.asked or g.role
            role_name = tr.text(g.scenario.role_name(shown).model_dump()) if shown else "—"
            items.append((tr("lobby.your_role", role=role_name) + "  ‹ ›", lambda: self._choose(1), pygame.K_r,
                          self._choose))
        y = self.flow(pad, self.row + 2 * pad, w - 2 * pad, items) if items else self.row + 2 * pad
        self.textbox(pygame.Rect(pad, y, w - 2 * pad, h - y - pad), self.lobby_html())

    def lobby_html(self) -> str:
        """Who plays which role; roles nobody takes are played by the computer."""
        tr, net = self.tr, self.app.net
        lobby = self.app.game.client.lobby or {}
        mine = ", ".join(f"{s.name} ({tr.text(s.scenario.role_name(s.role).model_dump()) if s.role else '—'})"
                         for s in net.seats)
        wait = tr("lobby.wait_hotseat" if len(net.seats) > 1 else "lobby.wait")
        if self.app.game.state != "lobby":
            wait = tr("lobby.wait_placed")
        if self.asked:
            wait += " " + tr("lobby.asked", role=tr.text(self.app.game.scenario.role_name(self.asked).model_dump()))
        rows = [self.app.status_html, f"<b>{esc(tr('lobby.you', who=mine))}</b>", "",
                esc(wait), "", f"<b>{esc(tr('lobby.roles'))}</b>"]
        for r in lobby.get("roles", []):
            if r["playable"] and not r.get("npc"):
                people = ", ".join(r["players"]) or tr("fac.free")
            else:
                people = tr("lobby.computer")
            rows.append(f"• {esc(tr.text(r['name']))}: {esc(people)}")
        return "<br>".join(rows[1:] if not rows[0] else rows)


class PauseScreen(Screen):
    """The facilitator paused the game: eyes to the front. The desk is hidden; a single player sees the
    facilitator's messages to them here too (a hot-seat does not: a message may be for another role)."""

    def build(self) -> None:
        """A large notice, the latest messages from the facilitator."""
        tr, (w, h), pad, g = self.tr, self.app.size, self.pad, self.app.game
        self.label(pygame.Rect(pad, pad, w - 2 * pad, self.row), tr("pause.title"), "@title")
        rows = [self.app.status_html, esc(tr("pause.text", moment=tr.moment(g.scenario.meta, g.now)))]
        view = g.raw_view
        if len(self.app.net.seats) == 1 and view is not None:
            told = [m for m in view["inbox"] if m["sender"] == "facilitator"][-3:]
            if told:
                rows += ["", f"<b>{esc(tr('pause.messages'))}</b>"]
                rows += [f"{esc(tr.moment(g.scenario.meta, m['t']))}: {esc(tr.text(m['text']))}" for m in reversed(told)]
        y = self.row + 2 * pad
        if view is not None:        # the role's briefing while the trainer talks (issue 18, item 4)
            y = self.flow(pad, y, w - 2 * pad, [(tr("brief.button") + " [B]", self.app.net.show_briefing, None)])
        self.textbox(pygame.Rect(pad, y, w - 2 * pad, h - y - pad), "<br>".join(rows[1:] if not rows[0] else rows))


class HandoverScreen(Screen):
    """Hot-seat: the previous desk is gone; the next player chooses their role and asks for their desk."""

    def __init__(self, app, index: int):
        super().__init__(app)
        self.index = index
        self.focus_index = 1    # Enter shows the chosen desk at once

    def _step(self, d: int) -> None:
        self.index = (self.index + d) % len(self.app.net.seats)
        self.app.rebuild()

    def build(self) -> None:
        """Whose turn it is (←/→ for another), a button to show that desk, and per role how many new
        messages wait — a count only, never what they say."""
        tr, (w, h), pad, net = self.tr, self.app.size, self.pad, self.app.net
        seat = net.seats[self.index]
        name = tr.text(seat.scenario.role_name(seat.role).model_dump())
        self.label(pygame.Rect(pad, pad, w - 2 * pad, self.row), tr("handover.title"), "@title")
        items = [(tr("handover.next", role=name) + "  ‹ ›", lambda: self._step(1), None, self._step),
                 (tr("handover.show", role=name) + " [Enter]", lambda: net.take_seat(self.index), None)]
        y = self.flow(pad, self.row + 2 * pad, w - 2 * pad, items, {1: "@toggle_on"})
        rows = [esc(tr("handover.text")), ""]
        for i, s in enumerate(net.seats):
            n = net.unseen(i)
            role = tr.text(s.scenario.role_name(s.role).model_dump())
            rows.append(f"• {esc(role)}: {esc(tr('handover.new', n=n) if n else tr('handover.none'))}")
        self.textbox(pygame.Rect(pad, y, w - 2 * pad, h - y - pad), "<br>".join(rows))
