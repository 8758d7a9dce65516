"""The guided tour on screen (issue 17, item 4): the first-run offer, and the coach overlay that lies
over the real desk, menu and dialogs of a real game — a panel with what to do now, and a highlight
rectangle around the widget it is about. The overlay never plays for the player: a step is done when
the player has done the real thing (ui.onboarding decides). Keyboard: Enter goes on where a step only
asks to read, Esc on the desk (or the 'Sla over' button) leaves the tour; Tab reaches its buttons."""

from __future__ import annotations

from typing import Any

import pygame
import pygame_gui

from ui import onboarding
from ui.screens import tour_spot
from ui.widgets import BASE_FONT, esc, measure_font

HIGHLIGHT = (230, 159, 0)
"""Okabe–Ito orange: the rectangle around the widget a step is about (with a dark inner line)."""
HIGHLIGHT_EDGE = (27, 47, 79)


def screen_kind(screen: Any) -> str:
    """What kind of screen is on show, in the tour's words: desk, menu, form, coach_history, other."""
    from ui.coach import CoachHistoryScreen
    from ui.screens.action import ActionFormScreen, ActionMenuScreen
    from ui.screens.desk import DeskScreen

    for cls, kind in ((DeskScreen, "desk"), (ActionMenuScreen, "menu"), (ActionFormScreen, "form"),
                      (CoachHistoryScreen, "coach_history")):
        if isinstance(screen, cls):
            return kind
    return "other"


class TourGuide:
    """The tour's overlay on whatever screen is on show: after every rebuild of a screen it checks
    whether the player did what the step asks, then places its panel where it hides nothing of what
    the step points to (ui.screens.tour_spot; folded when no place is free), and remembers the
    rectangles to highlight when the window is drawn."""

    def __init__(self, app: Any, tour: onboarding.Tour):
        self.app = app
        self.tour = tour
        self.highlights: list[pygame.Rect] = []
        self.buttons: dict[Any, str] = {}
        self.panel: Any = None
        self.folded = False
        """F8 folds the panel to one button, to read what lies under it (large fonts); F8 unfolds it."""
        self.opened = False
        """The player opened a balloon that had folded itself (F8): it stays open during this step,
        even where it covers what the step is about."""
        self.auto_folded = False
        """No place left what the step is about visible: the balloon folded itself (and says so)."""
        self.keep: list[pygame.Rect] = []
        """What the current step points the player to, and the widget that has the focus (where the
        player is): the balloon must not cover it."""
        self.counts: dict[int, tuple[int, int]] = {}
        """Per step (index): how many inbox messages and dossier facts there were when it began; what
        came after the previous step began is what the player's last step produced (its new lines)."""

    # -- state ---------------------------------------------------------------------------------
    def sync(self, kind: str) -> None:
        """Complete every step the player has done (an action, a screen opened, a day passed)."""
        tour, game = self.tour, self.app.game
        while tour.active and tour.step.kind != "next" and tour.is_done(game, kind):
            tour.advance(game)

    def next(self) -> None:
        """'Verder': a reading step is done; after the last step the tour is over."""
        self.tour.advance(self.app.game)
        if self.tour.finished:
            self.end(onboarding.label(self.app.tr, "done_status"))
        else:
            self.app.rebuild()

    def leave(self) -> None:
        """'Sla over' or Esc on the desk: the tour ends, the game goes on."""
        self.tour.leave()
        self.end(onboarding.label(self.app.tr, "left_status"))

    def end(self, status: str) -> None:
        """The overlay goes; the desk says what happened."""
        onboarding.mark_seen()
        self.app.guide = None
        self.app.status_html = esc(status)
        self.app.status_kind = "@status"
        self.app.show_desk()

    # -- input ---------------------------------------------------------------------------------
    def intercept(self, event: pygame.event.Event) -> bool:
        """Keys of the tour, before the screen sees them: Enter on a reading step goes on (unless a
        tour button has the focus: then Enter presses that), Esc on the desk leaves the tour (it
        never quits the game from here). True when the tour used the event."""
        if event.type != pygame.KEYDOWN or self.app.screen is None or self.app.screen.editing():
            return False
        screen = self.app.screen
        if event.key == pygame.K_F8:
            self.fold()
            return True
        on_desk = screen_kind(screen) == "desk"
        if event.key == pygame.K_ESCAPE and on_desk:
            self.leave()
            return True
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and on_desk and self.tour.step.kind == "next" \
                and not event.mod & pygame.KMOD_CTRL:
            focused = screen.focus[screen.focus_index] if screen.focus else None
            if self.buttons.get(focused) == "skip":
                return False
            self.next()
            return True
        return False

    def fold(self) -> None:
        """F8 or the fold button: the panel out of the way (one small button stays), or back — also
        when it folded itself (then it stays open for this step, wherever it has to go)."""
        if self.folded or self.auto_folded:
            self.folded, self.opened = False, True
        else:
            self.folded, self.opened = True, False
        self.app.rebuild()

    # -- layout --------------------------------------------------------------------------------
    def build(self, screen: Any) -> None:
        """After a screen was built: the step's panel and highlight on top of it."""
        kind = screen_kind(screen)
        self.sync(kind)
        self.highlights, self.buttons, self.keep, self.firm = [], {}, [], []
        if not self.tour.active:
            return
        self.count_lines()
        text, targets = self.content(screen, kind)
        for target in targets:
            rect = self.target_rect(screen, target)
            if rect is not None:
                self.highlights.append(rect)
                seen = self.must_see(screen, target, rect)
                self.keep += seen
                self.firm += [r for r in seen if r is rect]  # a button or tab the step asks to press
        if kind == "desk":
            self.keep += self.new_lines(screen)
        self.keep += tour_spot.focused(screen, self.app.size)
        self.place(screen, kind, text)

    def count_lines(self) -> None:
        """When a step begins: remember how many inbox messages and dossier facts there are."""
        index, game = self.tour.index, self.app.game
        if index not in self.counts:
            self.opened = False  # a balloon the player opened over the last step folds itself again if it must
            view = game.view() if game is not None else None
            self.counts[index] = (len(view.inbox), len(view.dossier)) if view is not None else (0, 0)

    def must_see(self, screen: Any, target: str, rect: pygame.Rect) -> list[pygame.Rect]:
        """What of a highlighted widget must stay visible: a button or tab whole, a panel its text."""
        if target.partition(".")[0] != "desk" or screen_kind(screen) != "desk":
            return [rect]
        boxes = [box for box, _ in screen.boxes.values() if rect.contains(box.rect)]
        if not boxes:
            return [rect]
        return [r for r in (tour_spot.text_rect(box) for box in boxes) if r is not None]

    def new_lines(self, desk: Any) -> list[pygame.Rect]:
        """The lines that arrived in the inbox and the dossier since the previous step began (what the
        player's last step produced, and what the clock brought since), where the desk shows them."""
        game, index = self.app.game, self.tour.index
        if game is None or index == 0:
            return []
        before = self.counts.get(index - 1, self.counts[index])
        view = game.view()
        out = []
        for key, (now, then) in zip((0, 1), ((len(view.inbox), before[0]), (len(view.dossier), before[1]))):
            if key in desk.boxes and now > then:
                rect = tour_spot.first_entries(desk.boxes[key][0], now - then)
                if rect is not None:
                    out.append(rect)
        return out

    def names(self) -> dict[str, str]:
        """The names the texts fill in: the child, the colleague, the labels of the real buttons."""
        tr, game, settings = self.app.tr, self.app.game, self.tour.settings
        step = self.tour.step
        return {"child": self.app.person_name(settings["child"]) if game else settings["child"],
                "colleague_name": self.common_noun(settings["colleague"]),
                "act": tr("desk.act"), "submit": tr("act.submit"), "history": tr("coach.history_button"),
                "action": tr(f"action.{step.action['do']}") if step.kind == "act" else ""}

    def common_noun(self, role: str) -> str:
        """"de schoolmaatschappelijk werker": a role's name inside a sentence; a proper name (Veilig
        Thuis) and an abbreviation (IB'er) keep their capitals (as report.certificate does)."""
        game = self.app.game
        if game is None:
            return role
        text = self.app.sender_name(role)
        kind = game.scenario.role_kind(role) if role in game.scenario.role_by_id else None
        if (kind is not None and kind.proper) or len(text) < 2 or not text[1].islower():
            return text
        return text[0].lower() + text[1:]

    def content(self, screen: Any, kind: str) -> tuple[str, list[str]]:
        """What the panel says on this screen, and which widgets it points at."""
        tour, tr, step = self.tour, self.app.tr, self.tour.step
        names = self.names()
        say = lambda key: tour.text(tr, key, **names)  # noqa: E731
        if step.kind == "act":
            if kind == "desk":
                text = (say("retry") + "\n\n" if tour.mismatch and step.retry else "") + say("text")
                return text + "\n" + onboarding.hint(tr, "open_menu", **names), ["desk.act"]
            if kind == "menu":
                return say("text") + "\n" + onboarding.hint(tr, "choose", **names), [f"menu.{step.action['do']}"]
            if kind == "form" and screen.do == step.action["do"]:
                return say("form") or say("text"), ["form.submit"]
            if kind == "form":
                return onboarding.hint(tr, "other_form", **names), ["form.cancel"]
            return onboarding.hint(tr, "back_to_desk", **names), []
        if step.kind == "screen" and step.wait["screen"] == "desk" and kind == "coach_history":
            return say("text"), [step.target]
        if kind != "desk":
            return onboarding.hint(tr, "back_to_desk", **names), []
        targets = [t for t in step.target.split("+") if t]
        panels = ("desk.inbox", "desk.dossier", "desk.network", "desk.family")
        hidden = [panels.index(t) for t in targets if t in panels and panels.index(t) not in screen.boxes]
        if hidden:  # large letters: one panel at a time, this one behind its tab
            return say("text") + "\n" + onboarding.hint(tr, "tab", shortcut=f"F{hidden[0] + 1}"), targets
        return say("text"), targets

    def target_rect(self, screen: Any, target: str) -> pygame.Rect | None:
        """The rectangle of a named widget on the screen on show (None when it is not there)."""
        place, _, what = target.partition(".")
        if place == "desk" and screen_kind(screen) == "desk":
            return self.desk_rect(screen, what)
        if place == "menu":
            label = self.app.tr(f"action.{what}")
            return next((b.rect for b in screen.focus if getattr(b, "text", None) == label), None)
        if place == "form" and screen.focus:
            return screen.focus[0 if what == "submit" else 1].rect
        if place == "history" and screen.focus:
            return screen.focus[0].rect
        return None

    def desk_rect(self, desk: Any, what: str) -> pygame.Rect | None:
        """Where the desk shows its act button, panels, status line, clock or coach history button;
        at large fonts a panel not on show is pointed at by its tab."""
        boxes = {k: box.rect for k, (box, _) in desk.boxes.items()}

        def button_for(fn: Any) -> pygame.Rect | None:
            return next((b.rect for b, f in desk.callbacks.items() if f == fn), None)

        def tab(n: int) -> pygame.Rect | None:
            return next((b.rect for b in desk.focus if getattr(b, "text", "").endswith(f"[F{n + 1}]")), None)

        if what == "act":
            return button_for(self.app.open_actions)
        if what == "coach_button":
            return button_for(self.app.open_coach_history)
        if what == "clock":
            rect = desk.clock_label.rect.copy()
            week = button_for(desk.next_week)
            return rect.union(week) if week is not None else rect
        if what in ("inbox", "dossier", "family"):
            n = ("inbox", "dossier", "network", "family").index(what)
            return boxes.get(n) or tab(n)
        if what == "panels":
            found = [boxes[n] for n in (0, 1, 2, 3) if n in boxes]
            tabs = [r for r in map(tab, range(4)) if r is not None]
            if tabs:  # large letters: one panel at a time; the step speaks of the tabs (review 17, item 5)
                return tabs[0].unionall(tabs[1:])
            return found[0].unionall(found[1:]) if found else None
        if what == "status":
            return boxes.get("status")
        return None

    def place(self, screen: Any, kind: str, text: str) -> None:
        """The panel: heading with the step number, the text, and the tour's buttons; put where it
        covers nothing of what the step points at (`keep`) and the least of the other buttons — as
        wide as planned, or across the window when that fits better. When no place leaves `keep`
        visible, the panel folds itself and says so (F8 opens it anyway)."""
        tr, (w, h), pad = self.app.tr, self.app.size, screen.pad
        tour, step = self.tour, self.tour.step
        self.auto_folded = False
        if self.folded:
            self.place_folded(screen, kind)
            return
        on_desk = kind == "desk"
        items = []
        if step.kind == "next" and on_desk:
            nxt = onboarding.label(tr, "finish" if tour.index == len(tour.steps) - 1 else "next")
            items.append((nxt + " [Enter]", "next", self.next))
        items.append((onboarding.label(tr, "skip") + (" [Esc]" if on_desk else ""), "skip", self.leave))
        items.append((onboarding.label(tr, "fold") + " [F8]", "fold", self.fold))
        head = onboarding.label(tr, "step_of", n=tour.index + 1, total=len(tour.steps))
        note = onboarding.label(tr, "esc_leaves" if on_desk else "skip_note") if screen.scale < 1.5 else ""
        font = measure_font(round(BASE_FONT * screen.scale))
        paragraphs = [head] + text.split("\n") + ([note] if note else [])
        button_w = [screen.text_width(label) for label, _, _ in items]

        def layout(width: int) -> tuple[int, int, list[tuple[int, int]]]:
            """Text height, button height and the buttons' places for a panel this wide."""
            lines = sum(len(screen.wrap(p, width - 60)) if p.strip() else 1 for p in paragraphs)
            spots, bx, row = [], pad, 0  # the buttons flow left to right, wrapping inside the panel
            for bw in button_w:
                if bx > pad and bx + bw > width - pad:
                    bx, row = pad, row + 1
                spots.append((bx, row))
                bx += bw + pad // 2
            buttons_h = (row + 1) * (screen.row + pad // 2) + pad
            needed = int(lines * font.get_linesize() * 1.25) + font.get_linesize() + 16
            return min(needed, int(h * 0.8) - buttons_h), buttons_h, spots, needed

        def height(width: int) -> int:
            """The panel's height at this width; too high (left out) when its text would not fit whole."""
            text_h, buttons_h, _, needed = layout(width)
            return text_h + buttons_h if needed <= text_h or width == planned else h

        planned = int(w * (0.40 if screen.scale < 1.5 else 0.72))
        widths = [planned, w - 2 * pad, int(w * 0.5), int(w * 0.6), int(w * 0.4)]
        boxes = tour_spot.sizes(widths, height, h - 2 * pad)
        rect = tour_spot.best_spot((w, h), boxes, pad, self.keep, tour_spot.soft(self.highlights, screen),
                                   forced=self.opened, firm=self.firm)
        if rect is None:
            self.auto_folded = True
            self.place_folded(screen, kind)
            return
        width = rect.w
        text_h, _, spots, _ = layout(width)
        self.panel = pygame_gui.elements.UIPanel(rect, starting_height=20, manager=self.app.manager,
                                                 object_id="@tour")
        body = f"<b>{esc(head)}</b><br>" + "<br>".join(esc(p) for p in text.split("\n")) + \
            (f"<br><i>{esc(note)}</i>" if note else "")
        pygame_gui.elements.UITextBox(body, pygame.Rect(0, 0, width - 6, text_h), self.app.manager,
                                      container=self.panel, object_id="@tour_text")
        for (label, role, fn), bw, (bx, n) in zip(items, button_w, spots):
            by = text_h + pad // 2 + n * (screen.row + pad // 2)
            self.add_button(screen, kind, pygame.Rect(bx, by, min(bw, width - 2 * pad - 6), screen.row), label, role, fn)

    def add_button(self, screen: Any, kind: str, rect: pygame.Rect, label: str, role: str, fn: Any) -> None:
        """A button of the tour in its panel; on the desk and the coach history Tab reaches it (other
        screens keep their own Tab order: forms scroll by it)."""
        b = pygame_gui.elements.UIButton(rect, label, self.app.manager, container=self.panel,
                                         object_id="@toggle_on" if role == "next" else None)
        screen.callbacks[b] = fn
        self.buttons[b] = role
        if kind in ("desk", "coach_history"):
            screen.focus.append(b)

    def place_folded(self, screen: Any, kind: str) -> None:
        """The folded panel: one button 'Rondleiding, stap n van N [F8]' where it hides the least (and
        nothing of what the step points at, if it can); folded by itself it says why."""
        tr, pad = self.app.tr, screen.pad
        n, total = self.tour.index + 1, len(self.tour.steps)
        soft = tour_spot.soft(self.highlights, screen)
        long = onboarding.label(tr, "auto_folded", n=n, total=total) if self.auto_folded else \
            onboarding.label(tr, "step_of", n=n, total=total) + " [F8]"
        best = None
        for label in (long, onboarding.label(tr, "auto_folded_short" if self.auto_folded else "folded_short", n=n, total=total)):  # short where long hides something
            bw = min(screen.text_width(label), self.app.size[0] - 4 * pad)
            rect = tour_spot.fit(self.app.size, (bw + 2 * pad, screen.row + 2 * pad), pad, self.keep, soft)
            if best is None or tour_spot.cost(rect, self.keep, soft) < tour_spot.cost(best[0], self.keep, soft):
                best = (rect, label, bw)
        rect, label, bw = best
        self.panel = pygame_gui.elements.UIPanel(rect, starting_height=20, manager=self.app.manager, object_id="@tour")
        self.add_button(screen, kind, pygame.Rect(pad - 3, pad - 3, bw, screen.row), label, "fold", self.fold)

    def draw(self, surface: pygame.Surface) -> None:
        """The highlight rectangles over everything else, but never across the tour's own panel."""
        hole = self.panel.rect if self.panel is not None and self.panel.alive() else pygame.Rect(0, 0, 0, 0)
        for rect in self.highlights:
            outer = rect.inflate(10, 10).clip(surface.get_rect())
            for colour, box, width in ((HIGHLIGHT, outer, 4), (HIGHLIGHT_EDGE, outer.inflate(-8, -8), 1)):
                for edge in tour_spot.edges(box, width):
                    for piece in tour_spot.minus(edge, hole):
                        surface.fill(colour, piece)

