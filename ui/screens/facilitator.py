"""The trainer's console in the window (issue 7 §3): `host SCENARIO` opens it. The join line for the
whiteboard; start, pause, resume, speed, the next scenario beat; injects and free-text messages
(ui.screens.facilitator_forms); any role's desk (the player's own desk screen, read-only); the
team's timeline as it happens; who has acted and who has been idle long; the end and the team's
debrief. Every button is one `control` op of the protocol (net/README.md) — no rules here."""

from __future__ import annotations

import subprocess

import pygame

from cli.selfcmd import child_command
from ui.screens.facilitator_people import PeopleControls
from ui.watchers import PeekGame
from ui.widgets import Screen, esc

SPEEDS = (0.5, 1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 14.0)
"""Simulated days per real minute the trainer can choose (a 10-week case: 140 to 5 minutes)."""
POLL_SECONDS = 2.0
IDLE_MINUTES = 10
PEOPLE_ORDERS = ("joined", "role", "idle")
CROWDED, CROWDED_PX = 12, 13
"""From this many people on, the people panel uses a smaller type (pixels at 100 %) so 20 fit."""


def sort_people(people: list[dict], order: str, roles: list[str]) -> list[dict]:
    """The people panel's order: as they joined, by role (in the scenario's order; no role last),
    or by idle time (longest first: who needs a word from the trainer)."""
    if order == "role":
        rank = {r: n for n, r in enumerate(roles)}
        return sorted(people, key=lambda p: (rank.get(p["role"], len(rank)), p["name"].lower()))
    if order == "idle":
        return sorted(people, key=lambda p: -p.get("idle_minutes", 0))
    return list(people)


class FacilitatorScreen(PeopleControls, Screen):
    """The trainer's main screen: header, controls, and three panels (people, timeline, roles)."""

    def __init__(self, app):
        super().__init__(app)
        self.since_poll = POLL_SECONDS
        self.peek_index = 0
        self.move_player = 0
        self.move_role = 0
        self.confirm_end = False

    @property
    def trainer(self):
        """The facilitator's connection (ui.remote.TrainerGame)."""
        return self.app.game

    # -- what the server says ------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        """Every few seconds: who is doing what (for the idle warnings)."""
        self.since_poll += dt
        if self.since_poll < POLL_SECONDS:
            return False
        self.since_poll = 0.0
        return self.trainer.refresh()

    def on_net(self, kind: str) -> None:
        """A frame arrived: the debrief, a new timeline entry or lobby change, or just the clock."""
        from ui.screens.team_debrief import TeamDebriefScreen

        if self.trainer.finished and self.trainer.client.debrief is not None:
            self.app.show(TeamDebriefScreen(self.app))
            return
        if kind == "clock" and getattr(self, "clock_label", None) is not None:
            self.clock_label.set_text(self.clock_text())
            self.app.dirty = True
            return
        if kind in ("lobby", "requests"):   # who joined, moved or asks; actions and idle time come with the poll
            self.trainer.refresh()
        self.app.rebuild()

    def say(self, reply: dict) -> None:
        """Show the server's answer (or refusal) in the status line."""
        if reply.get("type") == "error":
            self.app.status_html = f"<b>{esc(self.tr('fac.refused'))}</b> {esc(self.tr.text(reply.get('text')))}"
            self.app.status_kind = "@refusal"
        else:
            self.app.status_html = esc(self.tr.opt(f"fac.done.{reply.get('op')}", ""))
            self.app.status_kind = "@status"
        self.trainer.refresh()
        self.app.rebuild()

    # -- controls ------------------------------------------------------------------------------
    def start(self) -> None:
        """Start: roles nobody took are played by the computer from now on."""
        self.say(self.trainer.control("start"))

    def pause_or_resume(self) -> None:
        """Stop the clock for everyone (players see a pause screen), or let it run again."""
        op = "pause" if self.trainer.state == "running" else "resume"
        self.say(self.trainer.control(op))

    def change_speed(self, d: int) -> None:
        """Slower or faster: simulated days per real minute."""
        cur = self.trainer.speed
        i = min(range(len(SPEEDS)), key=lambda n: abs(SPEEDS[n] - cur))
        self.say(self.trainer.control("speed", speed=SPEEDS[max(0, min(len(SPEEDS) - 1, i + d))]))

    def next_beat(self) -> None:
        """Jump the clock to the next moment something happens in the scenario."""
        self.say(self.trainer.control("next"))

    def open_injects(self) -> None:
        """The list of events the scenario offers to inject."""
        from ui.screens.facilitator_forms import InjectScreen

        self.app.show(InjectScreen(self.app))

    def open_message(self) -> None:
        """Write a message to one role or to everyone."""
        from ui.screens.facilitator_forms import MessageScreen

        self.app.status_html = ""
        self.app.show(MessageScreen(self.app))

    def peek(self) -> None:
        """Look at the chosen role's desk, exactly as its player sees it (read-only)."""
        role = self.roles()[self.peek_index % len(self.roles())]
        reply = self.trainer.control("desk", role=role)
        if reply.get("type") == "error":
            self.say(reply)
            return
        self.app.game = PeekGame(self.trainer, role, reply["view"])
        self.app.status_html = esc(self.tr("fac.peek_note"))
        self.app.show_desk()

    def end(self) -> None:
        """Ask whether to end the game for everyone, and how: ending cannot be undone, so only one of
        the two buttons this shows ends it — never a second key press (issue 17, item 1) — and each
        says what happens to the remaining time (issue 18, item 5)."""
        if not self.confirm_end:
            self.confirm_end = True
            self.focus_index = 2  # "not yet": Enter right after E changes nothing
            self.app.status_html = self.end_question()
            self.app.status_kind = "@refusal"
            self.app.rebuild()

    def end_now(self, mode: str = "run_on") -> None:
        """A confirm button: end the game for everyone, the computer playing the remaining time
        (`run_on`) or the world stopping here (`stop_here`); every window moves to the debrief."""
        if not self.confirm_end:
            return
        self.confirm_end = False
        self.say(self.trainer.control("end", mode=mode))

    def move(self) -> None:
        """Lobby: move the chosen person to the chosen role."""
        people = self.people()
        if not people:
            return
        who = people[self.move_player % len(people)]["name"]
        role = self.playable()[self.move_role % len(self.playable())]
        self.say(self.trainer.control("move", player=who, role=role))

    def projector(self) -> None:
        """Open the projector dashboard as a second window (drag it to the projector; F11: full screen)."""
        host, code = self.app.net.address, self.trainer.seat.code
        cmd = child_command("join", host, "--code", code, "--dashboard", "--lang", self.app.lang,
                            "--font-scale", str(max(1.5, self.app.font_scale)))   # read from the back of the room
        self.app.net.children.append(subprocess.Popen(cmd))
        self.app.status_html = esc(self.tr("fac.projector_opened"))
        self.app.rebuild()

    def on_escape(self) -> None:
        """Escape cancels a pending 'end?' question; it never closes the console."""
        if self.confirm_end:
            self.confirm_end = False
            self.focus_index = 0
            self.app.status_html = ""
            self.app.rebuild()

    # -- helpers -------------------------------------------------------------------------------
    def roles(self) -> list[str]:
        """Every role of the scenario (for looking at desks)."""
        return [r.id for r in self.trainer.scenario.roles]

    def playable(self) -> list[str]:
        """Roles people can take."""
        return [r.id for r in self.trainer.scenario.roles if r.playable]

    def people(self) -> list[dict]:
        """The people (and bots) in the session, from the last status."""
        return (self.trainer.status or {}).get("players", [])

    def role_label(self, role: str | None) -> str:
        """A role's name (or a dash)."""
        return self.app.sender_name(role) if role else "—"

    def clock_text(self) -> str:
        """State, simulated moment, day, speed."""
        tr, g = self.tr, self.trainer
        state = tr(f"fac.state.{g.state}")
        if g.state == "lobby":
            return state
        return tr("fac.clock", state=state, moment=tr.moment(g.scenario.meta, g.now), day=int(g.now // 24) + 1,
                  total=int(g.end // 24), speed=tr.per_minute(g.speed))

    def _choice(self, attr: str, n: int):
        def step(d: int) -> None:
            setattr(self, attr, (getattr(self, attr) + d) % max(1, n))
            self.app.rebuild()
        return step

    # -- layout --------------------------------------------------------------------------------
    def build(self) -> None:
        """Header (title, join line, clock), the controls of this state, then the three panels."""
        tr, (w, h), pad, g = self.tr, self.app.size, self.pad, self.trainer
        if g.status is None:
            g.refresh()
        title = tr("fac.title", scenario=tr.text(g.scenario.meta.title.model_dump()))
        self.label(pygame.Rect(pad, pad // 2, w - 2 * pad, self.row), title, "@title")
        y = pad // 2 + self.row
        self.label(pygame.Rect(pad, y, w - 2 * pad, self.row), tr("fac.join", line=g.join_line), "@heading")
        y += self.row
        self.clock_label = self.label(pygame.Rect(pad, y, w - 2 * pad, self.row), self.clock_text(), "@left")
        y += self.row
        if self.confirm_end and g.state in ("running", "paused"):
            # the end cannot be undone: its question and its three buttons take the panels' place, so
            # they stay readable at any font size (the panels come back after the answer)
            y = self.flow(pad, y, w - 2 * pad, self.end_controls())
            self.textbox(pygame.Rect(pad, y, w - 2 * pad, h - y - pad), self.app.status_html, "@refusal")
            return
        y = self.flow(pad, y, w - 2 * pad, self.controls(), {0: "@toggle_on"})
        bottom_h = max(int(h * 0.1), int(self.row * 1.6))
        panel_h = h - y - bottom_h - 2 * pad
        compact = self.scale >= 1.5
        panels = [(tr("fac.people"), self.people_html()), (tr("fac.timeline"), self.timeline_html()),
                  (tr("fac.roles"), self.roles_html())]
        if compact:  # large fonts: one panel at a time (F1–F3)
            current = self.app.panel_index % 3
            tabs = [(("• " if n == current else "") + name + f" [F{n + 1}]", (lambda n=n: self._panel(n)),
                     pygame.K_F1 + n) for n, (name, _) in enumerate(panels)]
            if current == 0:                # the order is said in the panel; O changes it
                self.keys[pygame.K_o] = self.sort_people_next
                panels[0] = (panels[0][0], f"<i>{esc(self.sort_label(''))}</i><br>" + panels[0][1])
            ty = self.flow(pad, y, w - 2 * pad, tabs)
            self.textbox(pygame.Rect(pad, ty, w - 2 * pad, y + panel_h - ty), panels[current][1],
                         self.people_look() if current == 0 else None)
        else:
            col = (w - 4 * pad) // 3
            for n, (name, html) in enumerate(panels):
                x = pad + n * (col + pad)
                if n == 0:                  # the people panel's heading is its sort button
                    self.button(pygame.Rect(x, y, col, self.row), self.sort_label(name), self.sort_people_next,
                                pygame.K_o)
                    self.textbox(pygame.Rect(x, y + self.row, col, panel_h - self.row), html, self.people_look())
                    continue
                self.label(pygame.Rect(x, y, col, self.row), name)
                self.textbox(pygame.Rect(x, y + self.row, col, panel_h - self.row), html)
        status = self.app.status_html or esc(tr("fac.keys"))
        self.textbox(pygame.Rect(pad, y + panel_h + pad, w - 2 * pad, bottom_h), status, self.app.status_kind)

    def sort_label(self, name: str) -> str:
        """'Deelnemers — op rol [O]': the people panel's heading and how it is sorted."""
        order = self.tr(f"fac.sort.{self.people_order()}")
        return (f"{name} — " if name else "") + self.tr("fac.sorted", order=order) + " [O]"

    def _panel(self, n: int) -> None:
        self.app.panel_index = n
        self.app.rebuild()

    def controls(self) -> list[tuple]:
        """The buttons of the current state (each with its shortcut)."""
        tr, g = self.tr, self.trainer
        peek_role = self.role_label(self.roles()[self.peek_index % len(self.roles())])
        peek = (tr("fac.peek", role=peek_role) + " [K] ‹ ›", self.peek, pygame.K_k,
                self._choice("peek_index", len(self.roles())))
        projector = (tr("fac.projector") + " [P]", self.projector, pygame.K_p)
        if g.state == "lobby":
            people = self.people()
            who = people[self.move_player % len(people)]["name"] if people else "—"
            to = self.role_label(self.playable()[self.move_role % len(self.playable())])
            return [(tr("fac.start") + " [S]", self.start, pygame.K_s),
                    (tr("fac.move_who", name=who) + " ‹ ›", lambda: self._choice("move_player", len(people))(1), None,
                     self._choice("move_player", len(people))),
                    (tr("fac.move_to", role=to) + " ‹ ›", lambda: self._choice("move_role", len(self.playable()))(1),
                     None, self._choice("move_role", len(self.playable()))),
                    (tr("fac.move") + " [V]", self.move, pygame.K_v), (tr("fac.remove"), self.remove, None),
                    projector, *self.people_controls()]
        if g.state == "debrief":
            return [projector]
        pause = tr("fac.pause") if g.state == "running" else tr("fac.resume")
        return [(pause + " [" + tr("key.space") + "]", self.pause_or_resume, pygame.K_SPACE),
                (tr("fac.slower") + " [-]", lambda: self.change_speed(-1), pygame.K_MINUS),
                (tr("fac.faster") + " [+]", lambda: self.change_speed(1), pygame.K_PLUS),
                (tr("fac.next") + " [N]", self.next_beat, pygame.K_n),
                (tr("fac.inject") + " [I]", self.open_injects, pygame.K_i),
                (tr("fac.message") + " [B]", self.open_message, pygame.K_b),
                peek, projector, (tr("fac.end") + " [E]", self.end, pygame.K_e), *self.people_controls()]

    def _space_key(self) -> int | None:
        return pygame.K_SPACE if self.trainer.state in ("running", "paused") else None

    def handle_key(self, event) -> None:
        """'=' is '+' on keyboards without a separate plus key."""
        if event.key in (pygame.K_EQUALS, pygame.K_KP_PLUS) and self.trainer.state in ("running", "paused"):
            self.change_speed(1)
            return
        if event.key == pygame.K_KP_MINUS and self.trainer.state in ("running", "paused"):
            self.change_speed(-1)
            return
        super().handle_key(event)

    def people_html(self) -> str:
        """Who plays which role, how many actions, and who has been idle long (marked in words): one
        line per person, sorted as the trainer chose, so 20 people fit at 1280×720 (issue 18)."""
        tr, status = self.tr, self.trainer.status or {}
        people = sort_people(status.get("players", []), self.people_order(), self.playable())
        rows = []
        for p in people:
            kind = f" ({tr('fac.bot')})" if p["bot"] else ""
            idle = p.get("idle_minutes", 0)
            acts = tr("fac.acts_short", n=p["actions"], idle=idle)
            role = f" · {self.role_label(p['role'])}" if p["role"] else ""
            line = f"<b>{esc(p['name'])}</b>{esc(kind)}{esc(role)} · {esc(acts)}{esc(self.person_line(p))}"
            if self.trainer.state == "running" and idle >= IDLE_MINUTES:
                line += f" <b>{esc(tr('fac.idle_long'))}</b>"
            rows.append(line)
        if len(rows) > CROWDED:             # a full room: a smaller type, still one line per person
            return f"<font pixel_size={round(CROWDED_PX * self.scale)}>" + "<br>".join(rows) + "</font>"
        return "<br>".join(rows) or esc(tr("fac.nobody"))

    def people_look(self) -> str | None:
        """A full room's people panel: lines closer together (the theme's @compact)."""
        return "@compact" if len((self.trainer.status or {}).get("players", [])) > CROWDED else None

    def people_order(self) -> str:
        """How the people panel is sorted: joined (order of joining), role, idle (longest first)."""
        return getattr(self.app, "people_sort", "joined")

    def sort_people_next(self) -> None:
        """O: the next order of the people panel."""
        order = PEOPLE_ORDERS[(PEOPLE_ORDERS.index(self.people_order()) + 1) % len(PEOPLE_ORDERS)]
        self.app.people_sort = order
        self.app.rebuild()

    def roles_html(self) -> str:
        """Roles played by people and by the computer; the injects the scenario offers."""
        tr, g, status = self.tr, self.trainer, self.trainer.status or {}
        by_computer = set(status.get("npc_roles", []))
        rows = [f"• {esc(self.role_label(r.id))}: {esc(self.played_by(r, by_computer))}" for r in g.scenario.roles]
        injects = status.get("inject_info", [])
        if injects:
            rows += ["", f"<b>{esc(tr('fac.injects'))}</b>"]
            rows += [f"• {esc(tr.text(e['message']))}" + (f" <i>({esc(tr('fac.injected'))})</i>" if e["done"] else "")
                     for e in injects]
        return "<br>".join(rows)

    def played_by(self, role, by_computer: set[str]) -> str:
        """'played by participants', 'played by the computer', or in the lobby 'still free'."""
        tr = self.tr
        if role.id not in by_computer:
            return tr("fac.people_play")
        return tr("fac.free") if self.trainer.state == "lobby" and role.playable else tr("lobby.computer")

    def timeline_html(self) -> str:
        """The team's timeline, newest first: actions (people and computer), world events, the
        facilitator's own injects and messages."""
        from ui.screens.team_debrief import timeline_entry

        entries = self.trainer.client.timeline[-60:]
        rows = [timeline_entry(self.app, e) for e in reversed(entries)]
        return "<br>".join(r for r in rows if r) or esc(self.tr("fac.timeline_empty"))
