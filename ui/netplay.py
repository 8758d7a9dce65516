"""The window in a training day (issue 7): which screen to show as the hosted game moves on. One
controller per window, for every kind of connection the window holds:

* a player (`join HOST --code C`): lobby → desk ⇄ pause → debrief, the clock run by the facilitator;
* a hot-seat (`join HOST --code C --hotseat r1,r2`): one connection per role; "pass the turn" shows a
  hand-over screen that hides the previous desk until the next player asks for theirs;
* the facilitator (`host SCENARIO`, or `join … --facilitator --token T`): the trainer's console;
* the projector (`join … --dashboard`, or [P] in the trainer's window): the room's dashboard.

Frames arrive on the network thread (ui.remote.NetLink); it only posts a pygame event, and every
screen change happens here, on the window's own thread."""

from __future__ import annotations

import time
from typing import Any

import pygame

from ui.remote import NetLink, RemoteGame, Seat
from ui.widgets import esc

CLOSE_AGAIN_SECONDS = 10.0
"""Closing the trainer's window a second time within this many seconds stops the server."""
NET_EVENT = pygame.event.custom_type()
"""Posted by the network thread when a frame arrived (event.kind = the frame's type)."""


def post_wake(kind: str) -> None:
    """Wake the window's loop from the network thread (SDL's event queue is thread-safe)."""
    try:
        pygame.event.post(pygame.event.Event(NET_EVENT, kind=kind))
    except pygame.error:  # the window is already closed
        pass


class NetController:
    """Keeps the window in step with the server: which screen, which hot-seat, the connection line."""

    EVENT = NET_EVENT

    def __init__(self, app: Any, link: NetLink, seats: list[Seat], kind: str = "player"):
        self.app, self.link, self.kind = app, link, kind
        self.raw_seats = seats
        self.seats: list[RemoteGame] = [RemoteGame(s) for s in seats] if kind == "player" else []
        self.current = 0
        self.shown_view: Any = None          # the view object the desk was last built from
        self.shown_role: Any = None          # the role the desk was last built for
        self.seen: dict[int, float] = {}      # per seat: the clock when its player last saw the desk
        self.inbox_seen: dict[int, int] = {}  # per seat: inbox items its player has seen
        self.trainer_seen: dict[int, int] = {}  # per seat: facilitator messages already put in the status line
        self.lost = False
        self.address = seats[0].address if seats else ""
        self.trainer: Any = None              # the facilitator's connection (ui.remote.TrainerGame)
        self.server: Any = None               # `host`: the server this window runs (net.server.Server)
        self.children: list[Any] = []         # projector windows opened from the trainer's console
        self.close_asked = 0.0
        self.briefed: set[tuple[int, str]] = set()   # (seat, role) whose briefing this window has shown
        app.net = self
        if self.seats:
            app.game = self.seats[0]
        self.set_caption()

    def set_caption(self) -> None:
        """The window's title says whose window it is (several windows on one screen, or a taskbar)."""
        tr = self.app.tr
        if self.kind == "player":
            who = ", ".join(f"{g.name} ({tr.text(g.scenario.role_name(g.role).model_dump()) if g.role else '-'})"
                            for g in self.seats)
        else:
            who = tr(f"caption.{self.kind}")
        pygame.display.set_caption(f"Ketenspel — {who}")

    def remember(self) -> None:
        """Save this window's seats again (after a role change), for `join` to come back to."""
        from ui.remote import save_tokens

        save_tokens(self.address, self.raw_seats[0].code, [{"token": g.seat.token, "role": g.role, "name": g.name}
                                                          for g in self.seats])

    # -- hot-seat ------------------------------------------------------------------------------
    def hand_over(self) -> None:
        """Pass the turn: hide this desk behind the hand-over screen."""
        from ui.screens.group import HandoverScreen

        self._leave_seat()
        self.app.status_html = ""
        self.app.show(HandoverScreen(self.app, (self.current + 1) % len(self.seats)))

    def take_seat(self, index: int) -> None:
        """The next player asked for their desk."""
        self.current = index % len(self.seats)
        self.app.game = self.seats[self.current]
        self.app.seen_before = self.seen.get(self.current)
        self.route(force=True)

    def _leave_seat(self) -> None:
        g = self.app.game
        view = g.raw_view if isinstance(g, RemoteGame) else None
        if view is not None:
            self.seen[self.current] = g.now
            self.inbox_seen[self.current] = len(view["inbox"])

    def unseen(self, index: int) -> int:
        """How many inbox items a hot-seat role has not looked at yet (a count, never the content)."""
        view = self.seats[index].raw_view
        return 0 if view is None else len(view["inbox"]) - self.inbox_seen.get(index, 0)

    def next_debrief(self) -> None:
        """Hot-seat debrief: show the next role's debrief."""
        from ui.screens.debrief import DebriefScreen

        self.current = (self.current + 1) % len(self.seats)
        self.app.game = self.seats[self.current]
        self.app.show(DebriefScreen(self.app))

    # -- frames --------------------------------------------------------------------------------
    def on_event(self, event: pygame.event.Event) -> None:
        """A frame arrived (or the connection dropped or came back)."""
        kind = getattr(event, "kind", "")
        if kind in ("closed", "reconnected", "refused", "removed"):
            self.connection_changed(kind)
        screen = self.app.screen
        if self.kind != "player":
            if hasattr(screen, "on_net"):      # the trainer's console and the projector
                screen.on_net(kind)
            elif self.kind == "facilitator" and self.trainer.client.debrief is not None:
                self.back_to_console()          # a dialog or a desk was open when the game ended
            return
        self.route(kind=kind)

    # -- the trainer's window ------------------------------------------------------------------
    def back_to_console(self) -> None:
        """From a dialog or a role's desk back to the trainer's console (or its debrief)."""
        from ui.screens.facilitator import FacilitatorScreen
        from ui.screens.team_debrief import TeamDebriefScreen

        self.app.game = self.trainer
        if self.trainer.client.debrief is not None:
            self.app.show(TeamDebriefScreen(self.app))
        else:
            self.app.show(FacilitatorScreen(self.app))

    def may_close(self) -> bool:
        """Closing the window that runs the server stops the game for everyone: ask once more."""
        if self.server is None or (self.trainer and self.trainer.client.debrief is not None):
            return True
        if self.close_asked and time.monotonic() - self.close_asked < CLOSE_AGAIN_SECONDS:
            return True
        self.close_asked = time.monotonic()
        self.app.status_html = f"<b>{esc(self.app.tr('fac.confirm_close'))}</b>"
        self.app.status_kind = "@refusal"
        self.app.rebuild()
        return False

    def connection_changed(self, kind: str) -> None:
        """Say in the window that the connection dropped, came back, or was refused."""
        tr = self.app.tr
        self.lost = kind != "reconnected"
        key = {"closed": "net.lost", "reconnected": "net.back", "refused": "net.refused", "removed": "net.removed"}[kind]
        self.app.status_html = f"<b>{esc(tr(key))}</b>"
        self.app.status_kind = "@refusal" if self.lost else "@status"
        self.app.rebuild()

    def route(self, kind: str = "", force: bool = False) -> None:
        """Show the screen the game's state asks for (players and hot-seats)."""
        from ui.screens.action import ActionFormScreen, ActionMenuScreen
        from ui.screens.briefing import BriefingScreen
        from ui.screens.debrief import DebriefScreen
        from ui.screens.desk import DeskScreen
        from ui.screens.group import HandoverScreen, LobbyScreen, PauseScreen
        from ui.screens.map import MapScreen

        app, g = self.app, self.app.game
        screen = app.screen
        if isinstance(screen, HandoverScreen) and not force:
            if g.state == "debrief" and g.client.debrief is not None:
                app.show(DebriefScreen(app))
            elif kind == "view":
                app.rebuild()             # the counts of unseen messages
            return
        if g.state == "debrief":
            if g.client.debrief is not None and (not isinstance(screen, DebriefScreen) or force or kind == "debrief"):
                app.show(DebriefScreen(app))
            return                        # (the debrief itself arrives a frame later)
        if g.state == "lobby" or (not g.has_view() and screen is None):
            if not isinstance(screen, LobbyScreen) or force or kind == "lobby":
                app.show(LobbyScreen(app))
            return
        if not g.has_view():
            return                        # just reconnected: the role's view is on its way
        if g.state == "paused":
            if isinstance(screen, BriefingScreen) and not force:
                return                    # the briefing asked for on the pause screen stays until Enter
            if not isinstance(screen, PauseScreen) or force or kind == "view":
                app.show(PauseScreen(app))
            return
        if isinstance(screen, (ActionFormScreen, ActionMenuScreen, MapScreen, BriefingScreen)) and not force:
            return                       # the desk shows what changed when the player returns to it
        if (self.current, g.role) not in self.briefed and not getattr(g, "readonly", False):
            self.briefed.add((self.current, g.role))   # the role's briefing first (issue 18, item 4)
            self.show_briefing()
            return
        view = g.raw_view
        if not isinstance(screen, DeskScreen) or force or view is not self.shown_view:
            if view is not self.shown_view and self.shown_view is not None and isinstance(screen, DeskScreen):
                app.seen_before = self.seen.get(self.current, app.seen_before)
                self.seen[self.current] = g.now
                self._note_messages(g)
            self.shown_view = view
            if g.role != self.shown_role:     # the trainer moved this player or approved a request
                self.shown_role = g.role
                self.set_caption()
                self.remember()
                app.show_desk()
                return
            if isinstance(screen, DeskScreen) and not force and screen.refresh():
                app.dirty = True            # only the panels that changed were set anew
                return
            app.show_desk()
            return
        screen.on_clock()

    def show_briefing(self) -> None:
        """The role's briefing (at the start of its desk, and on demand with B)."""
        from ui.screens.briefing import BriefingScreen

        self.app.show(BriefingScreen(self.app))

    def on_key(self, event: pygame.event.Event) -> bool:
        """B on a player's desk or pause screen opens the role's briefing (True: handled)."""
        from ui.screens.desk import DeskScreen
        from ui.screens.group import PauseScreen

        screen = self.app.screen
        if (self.kind == "player" and event.key == pygame.K_b and isinstance(screen, (DeskScreen, PauseScreen))
                and isinstance(self.app.game, RemoteGame) and self.app.game.has_view()
                and not event.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT)):
            self.show_briefing()
            return True
        return False

    def _note_messages(self, g: RemoteGame) -> None:
        """A new message from the facilitator is also put in the status line, where it is seen at once."""
        mine = [m for m in g.raw_view["inbox"] if m["sender"] == "facilitator"]
        seen = self.trainer_seen.get(self.current, 0)
        if len(mine) > seen:
            text = self.app.tr.text(mine[-1]["text"])
            self.app.status_html = f"<b>{esc(self.app.tr('net.from_facilitator'))}</b> {esc(text)}"
            self.app.status_kind = "@status"
            self.trainer_seen[self.current] = len(mine)

    def close(self) -> None:
        """The window closes: close the connections (the server keeps every role and token); in
        `host`, stop the server too (its log is durable: `host --resume LOG` continues) and the
        projector windows it opened."""
        for child in self.children:
            child.terminate()
        if self.server is not None:
            try:
                self.link.run(self.server.stop(), timeout=5)
            except Exception:  # noqa: BLE001 — stopping at exit: nothing left to protect
                pass
        self.link.close(self.raw_seats)
