"""Who sits where in a hosted game (issue 18, item 2): roles are assigned, not taken. In the lobby a
player takes a role; after the start a request for another role waits for the trainer's approval,
the trainer places newcomers, and removes members that never reached a role. Mixed into net.game.Game,
whose state (members, session, changed, save_lobby, _check_role) it uses."""

from __future__ import annotations

from typing import Any

from net.members import Member
from net.texts import GameError


class Seating:
    """The role requests, placements and removals of net.game.Game."""

    members: dict[str, Member]
    session: Any

    def choose_role(self, member: Member, role: str) -> bool:
        """A player picks a role in the lobby. After the start it is only a request (True: pending) that
        the trainer approves or refuses; until then the member keeps the role they have (issue 18)."""
        self._check_role(role)
        if self.session is not None and role != member.role:
            member.asks = role
        else:
            member.role, member.asks = role, None
        self.changed()
        return member.asks is not None

    def place(self, member: Member, role: str) -> None:
        """The trainer assigns a role (a move, an approval, placing a newcomer)."""
        self._check_role(role)
        member.role, member.asks = role, None
        self.changed()

    def member(self, who: str) -> Member:
        """A member by public id (d3) or, failing that, by name (the console types names)."""
        matches = [m for m in self.members.values() if m.id == who] or \
            [m for m in self.members.values() if m.name == who]
        if not matches:
            raise GameError("unknown_player", name=who[:40])
        return matches[0]

    def move(self, who: str, role: str) -> Member:
        """The facilitator moves a person (by id or name) to another role."""
        m = self.member(who)
        self.place(m, role)
        return m

    def remove(self, who: str) -> Member:
        """The trainer removes a member that never reached a role (in the lobby: anyone); their
        connections are closed and their token no longer lets them in."""
        m = self.member(who)
        if self.session is not None and m.role is not None:
            raise GameError("has_role", name=m.name)
        del self.members[m.token]
        self.changed()
        return m

    def expire(self, now_wall: float) -> list[Member]:
        """Remove the members that never reached a role and have had no connection for a while."""
        gone = [m for m in self.members.values()
                if m.expired(now_wall, self.session is not None, self.expire_after)]
        for m in gone:
            del self.members[m.token]
        if gone:
            self.changed()
        return gone

    def requests(self) -> list[dict[str, str]]:
        """Role requests waiting for the trainer: who asks, from which role, for which role."""
        return [{"id": m.id, "name": m.name, "role": m.role, "asks": m.asks}
                for m in self.members.values() if m.asks]

    def _op_move(self, msg):
        m = self.move(str(msg.get("player", "")), str(msg.get("role", "")))
        self.save_lobby()
        return {"player": m.name, "id": m.id, "role": m.role}

    def _op_approve(self, msg):
        """The trainer approves a member's request for another role (or places a waiting newcomer)."""
        m = self.member(str(msg.get("player", "")))
        role = str(msg.get("role") or m.asks or "")
        if not role:
            raise GameError("no_request", name=m.name)
        self.place(m, role)
        self.save_lobby()
        return {"player": m.name, "id": m.id, "role": m.role}

    def _op_refuse(self, msg):
        """The trainer refuses a request: the member keeps their role (or keeps waiting)."""
        m = self.member(str(msg.get("player", "")))
        if m.asks is None:
            raise GameError("no_request", name=m.name)
        m.asks = None
        self.changed()
        self.save_lobby()
        return {"player": m.name, "id": m.id, "role": m.role}

    def _op_remove(self, msg):
        m = self.remove(str(msg.get("player", "")))
        self.save_lobby()
        return {"player": m.name, "id": m.id}
