"""The desk of one role: inbox (simulated date and sender), dossier fact by fact (when and how
learned), network map of partners, family card, the clock with next event / day / week and
continuous play. Everything shown comes from `session.view(role)`."""

from __future__ import annotations

import html
import re

import pygame
import pygame_gui

from ui.netmap import draw_network
from ui.screens.desk_reuse import ReusingScreen
from ui.tracker import family_card_html
from ui.widgets import BASE_FONT, Screen, esc, measure_font

SPEEDS = (2.0, 8.0, 24.0)
"""Continuous play: simulated hours per real second."""
DAY, WEEK = 24.0, 168.0


class DeskScreen(ReusingScreen, Screen):
    """The main playing screen."""

    def __init__(self, app):
        super().__init__(app)
        self.status_html = ""
        self.status_kind = "@status"
        self.boxes: dict = {}

    @property
    def game(self):
        """The game being played."""
        return self.app.game

    def _space_key(self) -> int:
        return pygame.K_SPACE

    # -- time ----------------------------------------------------------------------------------
    def step_to(self, target: float) -> None:
        """Advance the engine to `target` (checkpointed in the log), or end the game at the end."""
        s = self.game.session
        self.app.playing = False
        self.app.seen_before = s.now
        if target >= s.end:
            self.app.end_game()
            return
        s.advance(target, checkpoint=True)
        self.app.after_time_step()

    def next_event(self) -> None:
        """Jump to the next moment something reaches the player's desk — a message, or something the
        role learns — not to world events the role cannot see; the status line says how much time
        passed (issue 17, item 8)."""
        s = self.game.session
        start = s.now
        seen = self._seen()
        self.app.playing = False
        while True:
            nxt = s.next_event_time()
            if nxt is None or nxt >= s.end:
                self.step_to(s.end)
                return
            s.advance(nxt)
            if self._seen() != seen:
                break
        self.app.seen_before = start
        s.advance(s.now, checkpoint=True)
        self.app.after_time_step(self.tr("desk.time_passed", span=self._span(s.now - start)))

    def _seen(self) -> tuple[int, int]:
        """What the desk shows that can change with time: messages in the inbox, facts in the dossier."""
        view = self.game.view()
        return len(view.inbox), len(view.dossier)

    def _span(self, hours: float) -> str:
        """"3 dagen en 4 uur" / "5 uur": a stretch of simulated time as a person says it."""
        days, rest = int(hours // DAY), int(round(hours % DAY))
        parts = []
        if days:
            parts.append(self.tr("unit.day" if days == 1 else "unit.days", n=days))
        if rest or not days:
            parts.append(self.tr("unit.hour" if rest == 1 else "unit.hours", n=rest))
        return self.tr("unit.and").join(parts)

    def next_day(self) -> None:
        """Jump one simulated day."""
        self.step_to(self.game.session.now + DAY)

    def next_week(self) -> None:
        """Jump one simulated week."""
        self.step_to(self.game.session.now + WEEK)

    def toggle_play(self) -> None:
        """Continuous play at the chosen speed, or pause (pausing writes a clock checkpoint)."""
        self.app.playing = not self.app.playing
        if self.app.playing:
            self.app.seen_before = self.game.session.now
        else:
            self.game.session.advance(self.game.session.now, checkpoint=True)
        self.app.rebuild()

    def change_speed(self, d: int = 1) -> None:
        """Cycle the speed of continuous play."""
        self.app.speed_index = (self.app.speed_index + d) % len(SPEEDS)
        self.app.rebuild()

    def update(self, dt: float) -> bool:
        """While playing, advance the engine by simulated time per frame; pause on a new inbox item."""
        if not self.app.playing or self.game.networked:
            return False
        s = self.game.session
        target = s.now + dt * SPEEDS[self.app.speed_index]
        if target >= s.end:
            self.app.playing = False
            self.app.end_game()
            return False
        before = len(s.view(self.game.role).inbox)
        s.advance(target)
        if len(s.view(self.game.role).inbox) != before:
            self.app.playing = False
            s.advance(s.now, checkpoint=True)
            self.app.after_time_step()
            return True
        if int(s.now) != int(s.now - dt * SPEEDS[self.app.speed_index]):  # the clock shows whole hours
            if self.app.coach_on and self.app.coach.collect(self.game) and self.app.coach.has_faults_pending():
                self.app.playing = False  # the coach has a fault to show: pause at the moment it arose
                s.advance(s.now, checkpoint=True)
                self.app.after_time_step()
                return True
            self.clock_label.set_text(self.clock_text())  # only the clock changes: no rebuild
            self.app.dirty = True
        return False

    def clock_text(self) -> str:
        """The header line with the clock (title and clock share a line when they fit)."""
        tr, g = self.tr, self.game
        clock = tr("desk.clock", moment=tr.moment(g.scenario.meta, g.now), day=int(g.now // DAY) + 1,
                   total=int(g.end // DAY))
        if g.networked and not getattr(g, "readonly", False):
            clock += " · " + tr("net.clock_by_facilitator", speed=tr.per_minute(g.speed))
        return f"{self.title_text} · {clock}" if self.one_line else clock

    def on_clock(self) -> None:
        """A network game's clock moved (nothing else): only the clock label changes."""
        self.clock_label.set_text(self.clock_text())
        self.app.dirty = True

    def on_escape(self) -> None:
        """Escape saves and returns to the start screen (in a group game the window stays at the desk)."""
        if not self.game.networked:
            self.app.quit_game()
        elif getattr(self.game, "readonly", False):
            self.app.net.back_to_console()

    # -- layout --------------------------------------------------------------------------------
    def build(self) -> None:
        """Top: clock and time buttons; middle: inbox | dossier | network + family; bottom: status line (what happened, or the shortcuts)."""
        tr, (w, h), pad, g = self.tr, self.app.size, self.pad, self.game
        self.boxes.clear()
        view = g.view()
        start = g.scenario.meta
        title = tr("desk.title", scenario=tr.text(g.scenario.meta.title.model_dump()), role=tr.text(view.name))
        y = pad // 2
        self.title_text, self.one_line = title, False
        clock = self.clock_text()
        self.one_line = self.fits(f"{title} · {clock}", w - 2 * pad)
        if not self.one_line:
            self.label(pygame.Rect(pad, y, w - 2 * pad, self.row), title)
            y += self.row
        self.clock_label = self.label(pygame.Rect(pad, y, w - 2 * pad, self.row), self.clock_text())
        y += self.row
        speed = tr("desk.speed", n=int(SPEEDS[self.app.speed_index]))
        items = self.network_items() if g.networked else [
            (tr("desk.act") + " [A]", self.app.open_actions, pygame.K_a),
            (tr("desk.next_event") + " [N]", self.next_event, pygame.K_n),
            (tr("desk.next_day") + " [D]", self.next_day, pygame.K_d),
            (tr("desk.next_week") + " [W]", self.next_week, pygame.K_w),
            ((tr("desk.pause") if self.app.playing else tr("desk.play")) + " [" + tr("key.space") + "]",
             self.toggle_play, pygame.K_SPACE),
            (speed + " [V]", lambda: self.change_speed(1), pygame.K_v, self.change_speed),
            (tr("coach.history_button") + " [G]", self.app.open_coach_history, pygame.K_g),
            (tr("desk.quit") + " [Esc]", self.on_escape, None),
        ]
        y = self.flow(pad, y, w - 2 * pad, items, {0: "@toggle_on"})
        compact = self.scale >= 1.5
        bottom_h = max(int(h * 0.12), int(BASE_FONT * self.scale * (3.4 if compact else 4.2)))
        if compact:  # two whole lines (as status_height counts them): the second was cut off at 200 % (review 17, item 12)
            bottom_h = max(bottom_h, int(2 * measure_font(round(BASE_FONT * self.scale)).get_linesize() * 1.3) + 20)
        if not compact:  # the coach may say a lot: the status panel grows, the panels keep a few lines
            cap = min(int(h * 0.42), h - y - 2 * pad - 5 * self.row)
            grow = self.status_height(w - 2 * pad) - bottom_h
            if grow > 0:  # in steps of four lines: the panels above keep their size (and stay built) more often
                step = 4 * measure_font(round(BASE_FONT * self.scale)).get_linesize()
                bottom_h = max(bottom_h, min(bottom_h + -(-grow // step) * step, cap))
        panel_h = h - y - bottom_h - 2 * pad
        panels = [(tr("desk.inbox"), self.inbox_html(view, start)), (tr("desk.dossier"), self.dossier_html(view, start)),
                  (tr("desk.network"), self.network_html(view)), (tr("desk.family"), self.family_html(view))]
        current = self.app.panel_index % 4
        if compact:  # large fonts: one panel at a time, chosen with its tab (or F6)
            tabs = [(("• " if n == current else "") + name + f" [F{n + 1}]",
                     (lambda n=n: self.show_panel(n)), pygame.K_F1 + n) for n, (name, _) in enumerate(panels)]
            self.keys[pygame.K_m] = self.app.open_map  # the map gets a screen of its own at large fonts
            if self.app.coach_open:  # the coach just spoke: its words take the panel's place until a tab is chosen
                tabs = [(label.removeprefix("• "), fn, key) for label, fn, key in tabs]
            ty = self.flow(pad, y, w - 2 * pad, tabs)
            if self.app.coach_open:
                status = self.app.status_html + "<br><i>" + esc(tr("coach.panels_hint")) + "</i>"
                self.panel("status", self.textbox(pygame.Rect(pad, ty, w - 2 * pad, h - ty - pad), status,
                                                  self.app.status_kind))
                self.status_kind = self.app.status_kind
                return
            self.panel(current, self.textbox(pygame.Rect(pad, ty, w - 2 * pad, y + panel_h - ty), panels[current][1]))
        else:
            col, head = (w - 4 * pad) // 3, self.row
            self.keys[pygame.K_m] = self.toggle_map
            if self.app.show_map:  # the map takes the place of dossier, network and family card
                self.label(pygame.Rect(pad, y, col, head), panels[0][0] + (" •" if current == 0 else ""))
                self.textbox(pygame.Rect(pad, y + head, col, panel_h - head), panels[0][1])
                self.label(pygame.Rect(2 * pad + col, y, 2 * col + pad, head), tr("desk.map") + " [M]")
                self.network_map(pygame.Rect(2 * pad + col, y + head, 2 * col + pad, panel_h - head), view)
                self.bottom(y + panel_h + pad, w, bottom_h)
                return
            for n in range(3):
                marker = " •" if current == n else ""
                heading = tr("desk.network_heading") if n == 2 else panels[n][0]
                self.label(pygame.Rect(pad + n * (col + pad), y, col, head), heading + marker)
            self.panel(0, self.textbox(pygame.Rect(pad, y + head, col, panel_h - head), panels[0][1]))
            self.panel(1, self.textbox(pygame.Rect(pad + col + pad, y + head, col, panel_h - head), panels[1][1]))
            net_h = (panel_h - head) // 2
            self.panel(2, self.textbox(pygame.Rect(pad + 2 * (col + pad), y + head, col, net_h), panels[2][1]))
            fam_y = y + head + net_h + pad // 2
            marker = " •" if current == 3 else ""
            self.label(pygame.Rect(pad + 2 * (col + pad), fam_y, col, head), panels[3][0] + marker)
            self.panel(3, self.textbox(pygame.Rect(pad + 2 * (col + pad), fam_y + head, col, y + panel_h - fam_y - head),
                                       panels[3][1]))
        self.bottom(y + panel_h + pad, w, bottom_h)

    def status_height(self, width: int) -> int:
        """How high the status panel must be to show all of its text (the coach may say a lot after a
        week); the desk gives it up to 42 % of the window, beyond that the panel scrolls."""
        text = html.unescape(re.sub(r"<[^>]+>", "", self.app.status_html.replace("<br>", "\n")))
        lines = sum(len(self.wrap(line, width - 48)) for line in text.split("\n"))
        return int(lines * measure_font(round(BASE_FONT * self.scale)).get_linesize() * 1.3) + 20

    def network_items(self) -> list[tuple]:
        """In a group game the facilitator runs the clock: act, pass the turn (hot-seat), and a line
        saying who has the clock and how fast it goes."""
        tr, net = self.tr, self.app.net
        if getattr(self.game, "readonly", False):   # the trainer looking at a role's desk
            role = self.app.sender_name(self.game.role)
            return [(tr("fac.back_console") + " [Esc]", net.back_to_console, None),
                    (tr("fac.peek_of", role=role), lambda: None, None)]
        items = [(tr("desk.act") + " [A]", self.app.open_actions, pygame.K_a)]
        if net is not None and len(net.seats) > 1:
            items.append((tr("net.pass_turn") + " [H]", net.hand_over, pygame.K_h))
        return items

    def bottom(self, by: int, w: int, bottom_h: int) -> None:
        """The status line at the bottom: what just happened, or the shortcuts."""
        pad, tr = self.pad, self.tr
        status = self.app.status_html or esc(tr("net.keys" if self.game.networked else "desk.keys"))
        self.panel("status", self.textbox(pygame.Rect(pad, by, w - 2 * pad, bottom_h), status, self.app.status_kind))
        self.status_kind = self.app.status_kind

    def panel(self, key, box) -> None:
        """Remember a panel's text box and text, so a new view can update just the panels that changed."""
        self.boxes[key] = (box, box.html_text)

    def panel_texts(self) -> dict:
        """The text of every panel for the current view (the same functions `build` uses)."""
        view, start = self.game.view(), self.game.scenario.meta
        return {0: self.inbox_html(view, start), 1: self.dossier_html(view, start), 2: self.network_html(view),
                3: self.family_html(view),
                "status": self.app.status_html or esc(self.tr("net.keys" if self.game.networked else "desk.keys"))}

    def refresh(self) -> bool:
        """A network game sent a new view: set the text of the panels that changed (and the clock),
        instead of building the whole desk again. False when the desk must be rebuilt (the drawn map
        is shown, the status changed colour, or the layout is not the one built)."""
        if self.app.show_map or not self.boxes or self.status_kind != self.app.status_kind:
            return False
        texts = self.panel_texts()
        for key, (box, old) in list(self.boxes.items()):
            new = texts[key] or " "
            if new != old:
                box.set_text(new)
                self.boxes[key] = (box, new)
        self.on_clock()
        return True

    def is_new(self, t: float) -> bool:
        """Arrived since the clock last moved (marked 'nieuw' in inbox and dossier, not by colour alone)."""
        return self.app.seen_before is not None and t > self.app.seen_before

    def inbox_html(self, view, start) -> str:
        """Newest first: date, sender, what it says."""
        tr = self.tr
        if not view.inbox:
            return esc(tr("desk.inbox_empty"))
        rows = []
        for m in reversed(view.inbox):
            sender = self.app.sender_name(m["sender"], m["kind"])
            new = f"<b>{esc(tr('desk.new'))}</b> " if self.is_new(m["t"]) else ""
            rows.append(new + f"<b>{esc(tr.moment(start, m['t']))}</b>" + (f" — <i>{esc(sender)}</i>" if sender else "") + "<br>"
                        f"{esc(tr.text(m['text']))}<br>")
        return "<br>".join(rows)

    def dossier_html(self, view, start) -> str:
        """Fact by fact, newest first: what, when, how, from whom."""
        tr = self.tr
        if not view.dossier:
            return esc(tr("desk.dossier_empty"))
        rows = []
        for f in reversed(view.dossier):
            via = tr.opt(f"via.{f.via}", f.via)
            name = self.app.sender_name(f.source)
            src = f" — {esc(name)}" if name else ""
            new = f"<b>{esc(tr('desk.new'))}</b> " if self.is_new(f.learned_at) else ""
            rows.append(f"• {new}{esc(tr.text(f.text))}<br><i>{esc(tr.moment(start, f.learned_at))}, {esc(via)}</i>{src}<br>")
        return "<br>".join(rows)

    def network_html(self, view) -> str:
        """Partners with the marks: in contact, informed by me, informed me; VIR and regisseur."""
        tr = self.tr
        rows = []
        for p in view.partners:
            marks = [tr(k) for k, on in (("net.in_contact", p.in_contact), ("net.informed_by_me", p.informed_by_me),
                                         ("net.informed_me", p.informed_me)) if on]
            line = f"<b>{esc(tr.text(p.name))}</b>"
            if marks:
                line += f" — {esc(', '.join(marks))}"
            rows.append(line)
        extra = []
        if view.vir:
            extra.append(esc(tr("net.vir", children=", ".join(self.app.person_name(c) for c in view.vir))))
        for child, reg in view.regisseur.items():
            extra.append(esc(tr("net.regisseur", child=self.app.person_name(child), role=self.app.sender_name(reg))))
        for h in view.pending_handovers:
            extra.append(esc(tr("net.handover", child=self.app.person_name(h["child"]), role=self.app.sender_name(h["from"]))))
        return "<br>".join(rows + ([""] + extra if extra else []))

    def family_html(self, view) -> str:
        """The Meldcode tracker, then persons, ages, relation, gezag (ui.tracker.family_card_html)."""
        return family_card_html(self.tr, view, self.app.person_name)

    def show_panel(self, n: int) -> None:
        """Choose the panel that PageUp/PageDown scroll (and, with large fonts, the one shown)."""
        self.app.panel_index = n
        self.app.show_map = False
        self.app.coach_open = False
        self.app.rebuild()

    def toggle_map(self) -> None:
        """Show or hide the drawn network map."""
        self.app.show_map = not self.app.show_map
        self.app.rebuild()

    def network_map(self, rect: pygame.Rect, view) -> None:
        """The drawn map of partners (ui.netmap), as an image."""
        surface = draw_network(view, self.tr, rect.size, self.scale)
        pygame_gui.elements.UIImage(rect, surface, self.app.manager)

    def scroll(self, direction: int) -> None:
        """With large fonts only the chosen panel is on screen: scroll that one."""
        if self.scale >= 1.5:
            saved, self.app.panel_index = self.app.panel_index, 0
            super().scroll(direction)
            self.app.panel_index = saved
        else:
            super().scroll(direction)

    def handle_key(self, event) -> None:
        """F6 chooses which panel PageUp/PageDown scroll."""
        if event.key == pygame.K_F6:
            self.app.panel_index = (self.app.panel_index + 1) % 4
            self.app.rebuild()
            return
        if event.key == pygame.K_F5:
            self.app.reload_scenario()
            return
        super().handle_key(event)
