"""The connections of a window that watches the whole game rather than playing a role (issue 7): the
trainer's console (`TrainerGame`, and `PeekGame` for looking at one role's desk read-only) and the
projector (`DashboardGame`). Like ui.remote.RemoteGame they give the screens what the server sent."""

from __future__ import annotations

from typing import Any

from net.client import Client
from sim.view import RoleView
from ui.remote import LOST, PublicScenario, Seat


class Watcher:
    """A connection that watches the whole game rather than playing a role (the facilitator, the
    projector): the scenario's public card, the clock, the state."""

    networked = True
    readonly = True
    role = None

    def __init__(self, seat: Seat):
        self.seat = seat
        self.scenario = PublicScenario(seat.client.welcome["card"])

    @property
    def client(self) -> Client:
        """The current connection."""
        return self.seat.client

    @property
    def state(self) -> str:
        """lobby | running | paused | debrief."""
        return self.client.state

    @property
    def now(self) -> float:
        """The simulated clock."""
        return self.client.now

    @property
    def end(self) -> float:
        """When the scenario ends."""
        return self.scenario.meta.duration

    @property
    def speed(self) -> float:
        """Simulated days per real minute."""
        return float(self.client.speed or 0.0)

    @property
    def finished(self) -> bool:
        """Has the facilitator ended the game?"""
        return self.client.debrief is not None or self.state == "debrief"

    def quit(self) -> None:
        """Nothing to save: the server keeps the game."""


class TrainerGame(Watcher):
    """The facilitator's connection: every console command is one `control` op with the token."""

    def __init__(self, seat: Seat, token: str, join_line: str = "", log_path: str | None = None):
        super().__init__(seat)
        self.token, self.join_line, self.log_path = token, join_line, log_path
        self.status: dict[str, Any] | None = None

    def control(self, op: str, **fields: Any) -> dict[str, Any]:
        """Send a control op; the reply (`reply`) or the refusal (`error`, with its Dutch/English text)."""
        try:
            return self.seat.request({"type": "control", "token": self.token, "op": op, **fields})
        except Exception:  # noqa: BLE001 — no connection: said in the window, the console stays usable
            return {"type": "error", "text": LOST.model_dump()}

    def refresh(self) -> bool:
        """Ask the server who is doing what (players, idle, NPC roles, injects); True if it changed."""
        reply = self.control("status")
        if reply.get("type") != "reply":
            return False
        status = {k: v for k, v in reply.items() if k != "now"}
        for p in status.get("players", []):
            p["idle_minutes"] = int(p["idle_seconds"] // 60)   # the screen shows minutes: no redraw per second
            p.pop("idle_seconds", None)
        changed = status != self.status
        self.status = status
        return changed


class PeekGame:
    """One role's desk as the facilitator sees it (control op `desk`): read-only, drawn by the same
    desk screen the player has."""

    networked = True
    readonly = True
    finished = False

    def __init__(self, trainer: TrainerGame, role: str, view: dict[str, Any]):
        self.trainer, self.role, self.scenario = trainer, role, trainer.scenario
        self._view = RoleView.from_dict(view)

    def view(self) -> RoleView:
        """The role's view when the facilitator asked for it."""
        return self._view

    @property
    def now(self) -> float:
        """The moment of this look at the desk."""
        return self._view.now

    @property
    def end(self) -> float:
        """When the scenario ends."""
        return self.scenario.meta.duration

    @property
    def speed(self) -> float:
        """The game's speed."""
        return self.trainer.speed

    def quit(self) -> None:
        """Nothing to save."""


class DashboardGame(Watcher):
    """The projector's connection: `dashboard` frames only (no facts until the debrief reveals them)."""

    @property
    def board(self) -> dict[str, Any] | None:
        """The latest dashboard frame."""
        return self.client.dashboard

    @property
    def join(self) -> dict[str, str] | None:
        """Where the room joins ({address, code}: the LAN address `host` printed), from the welcome."""
        return self.client.welcome.get("join")

    @property
    def lobby(self) -> dict[str, Any] | None:
        """Who has joined, by role (the lobby frame every connection receives)."""
        return self.client.lobby
