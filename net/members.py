"""The people (and bots) of a hosted game: their seat, what they asked for, and what the trainer sees
of them. Kept in the lobby file beside the log, so a resumed server still knows who played what, how
often they acted and how long they have been idle (issue 18, item 1).

A member's role is *assigned*, not taken (issue 18, item 2): after the start a request for another
role waits in `asks` until the trainer approves it, and a newcomer waits without a role until placed.
A member that never reaches a role and has no open connection expires after `EXPIRE_SECONDS`."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

from net.protocol import clean_name

EXPIRE_SECONDS = 180.0
"""A member without a role (or, in the lobby, any member) that has had no connection this long is
removed: a refused bot, a closed window, a flood of hellos leave no permanent ghosts."""

SAVED = ("token", "id", "name", "role", "bot", "asks", "actions", "last_act_t", "last_act_wall", "joined_wall")


@dataclass
class Member:
    """A person (or bot) in the session: their reconnect token, public id, name and role."""

    token: str
    name: str
    role: str | None
    bot: bool = False
    id: str = ""                           # public (never the token): how the trainer names this member
    asks: str | None = None                # a role asked for, waiting for the trainer's approval
    actions: int = 0
    last_act_t: float | None = None
    last_act_wall: float | None = None     # wall-clock time (time.time()): survives a restart of the server
    joined_wall: float = field(default_factory=time.time)
    connections: int = 0                   # open connections of this member (not saved)
    left_wall: float | None = None         # when its last connection closed (not saved)

    def acted(self, t: float) -> None:
        """One accepted action at simulated time `t`."""
        self.actions += 1
        self.last_act_t, self.last_act_wall = t, time.time()

    def public(self, now_wall: float | None = None) -> dict[str, Any]:
        """What the facilitator sees of this member (never the token)."""
        now_wall = time.time() if now_wall is None else now_wall
        since = self.last_act_wall if self.last_act_wall is not None else self.joined_wall
        return {"id": self.id, "name": self.name, "role": self.role, "bot": self.bot, "actions": self.actions,
                "asks": self.asks, "connected": self.connections > 0, "last_act_t": self.last_act_t,
                "idle_seconds": round(max(0.0, now_wall - since), 1)}

    def saved(self) -> dict[str, Any]:
        """The fields kept in the lobby file."""
        return {k: getattr(self, k) for k in SAVED}

    def expired(self, now_wall: float, started: bool, after: float = EXPIRE_SECONDS) -> bool:
        """No connection for `after` seconds and never reached a role (in the lobby: any member)."""
        if self.connections > 0 or self.left_wall is None:
            return False
        if started and self.role is not None:
            return False                   # who played a role keeps the seat for the whole day
        return now_wall - self.left_wall >= after

    @classmethod
    def from_saved(cls, m: dict[str, Any], roles: dict[str, Any], n: int) -> Member:
        """A member read back from the lobby file (checked: unknown roles and odd numbers are dropped)."""
        def number(key: str) -> float | None:
            v = m.get(key)
            return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) else None

        member = cls(m["token"], clean_name(m["name"]) or "?", m["role"] if m["role"] in roles else None,
                     bool(m.get("bot")), id=str(m.get("id") or f"d{n}")[:12],
                     asks=m.get("asks") if m.get("asks") in roles else None)
        actions = m.get("actions")
        member.actions = actions if isinstance(actions, int) and not isinstance(actions, bool) and actions >= 0 else 0
        member.last_act_t, member.last_act_wall = number("last_act_t"), number("last_act_wall")
        member.joined_wall = number("joined_wall") or time.time()
        member.left_wall = time.time()     # the server was down: the timeout counts from the restart
        return member
