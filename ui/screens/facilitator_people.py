"""The trainer decides who plays which role (issue 18, item 2): role requests with approve and refuse
buttons (who asks, from which role, for which role), placing newcomers who wait for a role, removing
members that never reached a role, and the end of the day with its choice for the remaining time.
A part of the trainer's console (ui.screens.facilitator); every button is one `control` op."""

from __future__ import annotations

import pygame

from ui.widgets import esc


class PeopleControls:
    """Mixed into FacilitatorScreen: the buttons and texts about people and the end."""

    # -- who asks, who waits -------------------------------------------------------------------
    def requests(self) -> list[dict]:
        """Role requests waiting for the trainer (pushed by the server, else from the last status)."""
        pushed = self.trainer.client.requests
        return pushed if pushed else (self.trainer.status or {}).get("requests", [])

    def waiting(self) -> list[dict]:
        """People in a started game who have no role yet and have not asked for one."""
        if self.trainer.state == "lobby":
            return []
        return [p for p in self.people() if p["role"] is None and not p.get("asks")]

    def approve(self) -> None:
        """Give the first asker the role they asked for."""
        asks = self.requests()
        if asks:
            self.say(self.trainer.control("approve", player=asks[0]["id"]))

    def refuse(self) -> None:
        """Refuse the first request: the asker keeps their role (or keeps waiting)."""
        asks = self.requests()
        if asks:
            self.say(self.trainer.control("refuse", player=asks[0]["id"]))

    def place(self) -> None:
        """Put the chosen waiting person in the chosen role."""
        waiting = self.waiting()
        if waiting:
            who = waiting[self.move_player % len(waiting)]["id"]
            self.say(self.trainer.control("move", player=who, role=self._playing()[self.move_role % len(self._playing())]))

    def remove(self) -> None:
        """Remove the chosen person (in the lobby anyone; later only who never reached a role)."""
        pool = self.people() if self.trainer.state == "lobby" else self.waiting()
        if pool:
            self.say(self.trainer.control("remove", player=pool[self.move_player % len(pool)]["id"]))

    def _playing(self) -> list[str]:
        """Roles a newcomer may be placed in: those people play (the rest are the computer's now)."""
        npc = set((self.trainer.status or {}).get("npc_roles", []))
        return [r for r in self.playable() if r not in npc] or self.playable()

    def people_controls(self) -> list[tuple]:
        """During the game: the first role request (approve/refuse), and placing or removing people
        who wait for a role. Nothing when nobody asks or waits."""
        tr, items = self.tr, []
        asks = self.requests()
        if asks:
            a = asks[0]
            more = tr("fac.more_requests", n=len(asks) - 1) if len(asks) > 1 else ""
            text = tr("fac.request", name=a["name"], role=self.role_label(a["role"]), asks=self.role_label(a["asks"]))
            items += [(text + more + " — " + tr("fac.approve") + " [J]", self.approve, pygame.K_j),
                      (tr("fac.refuse"), self.refuse, None)]
        waiting = self.waiting()
        if waiting:
            n, roles = len(waiting), self._playing()
            who = waiting[self.move_player % n]["name"]
            to = self.role_label(roles[self.move_role % len(roles)])
            items += [(tr("fac.waiting", name=who) + " ‹ ›", lambda: self._choice("move_player", n)(1), None,
                       self._choice("move_player", n)),
                      (tr("fac.move_to", role=to) + " ‹ ›", lambda: self._choice("move_role", len(roles))(1), None,
                       self._choice("move_role", len(roles))),
                      (tr("fac.place"), self.place, None), (tr("fac.remove"), self.remove, None)]
        return items

    # -- the end -------------------------------------------------------------------------------
    def end_controls(self) -> list[tuple]:
        """While the trainer is asked to confirm the end: the two ways to end, and 'not yet'."""
        return [(self.tr("fac.end_run_on"), lambda: self.end_now("run_on"), None),
                (self.tr("fac.end_stop_here"), lambda: self.end_now("stop_here"), None),
                (self.tr("fac.end_cancel") + " [Esc]", self.on_escape, None)]

    def end_question(self) -> str:
        """What ending now means for the remaining time, in the status line."""
        g = self.trainer
        left = max(0, int((g.end - g.now) // 24))
        return f"<b>{esc(self.tr('fac.confirm_end', days=left, day=int(g.now // 24) + 1))}</b>"

    def person_line(self, p: dict) -> str:
        """One person's extra state: waiting for a role, asking for another, not connected."""
        tr, parts = self.tr, []
        if p["role"] is None and not p.get("asks"):
            parts.append(tr("fac.no_role"))
        if p.get("asks"):
            parts.append(tr("fac.asks", role=self.role_label(p["asks"])))
        if p.get("connected") is False:
            parts.append(tr("fac.offline"))
        return (" · " + " · ".join(parts)) if parts else ""
