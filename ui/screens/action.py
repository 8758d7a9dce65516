"""Acting: choose an action of the vocabulary, then fill in its parameters — to whom, which of your
facts (a checklist), on what basis, anonymous or not. Whether the family was informed is not a box to
tick: the share and report dialogs show what the role's own talks with the family were (from the
engine's view), offer the choice "informing the family first would endanger the child" with a required
reason, and a field for the weighing that goes into the file (issue 14, item 4). The engine decides
whether it is allowed; a refusal is shown with the engine's reason and the dialog stays open."""

from __future__ import annotations

import pygame
import pygame_gui

from sim.actions import ACTION_IDS
from ui.forms import NONE, TEXTS, action_fields, asks_whom, defaults, to_action
from ui.informed import STEPS, informed_lines
from ui.typing_guard import form_key
from ui.widgets import BASE_FONT, Screen, esc, measure_font


class ActionMenuScreen(Screen):
    """Every action of the vocabulary, one button each, in a grid: Tab or the arrows move through it
    (←/→ along the rows, ↑/↓ to the button above or below), Enter opens the action's dialog. The help
    panel below says what the focused (or the hovered) action means (help.<action> in ui/assets/i18n,
    nl and en); at large fonts the buttons are lower, so the help keeps room for a few lines."""

    help_box = None
    help_shown = None

    def on_escape(self) -> None:
        """Back to the desk."""
        self.app.show_desk()

    @property
    def row(self) -> int:
        """Button height: at large fonts just the line and a margin, so the whole grid and the help fit."""
        if self.scale < 1.5:
            return super().row
        return measure_font(round(BASE_FONT * self.scale)).get_linesize() + int(3 * self.scale)

    def build(self) -> None:
        """A flowing grid of action buttons and the help panel of the focused one."""
        tr, (w, h), pad = self.tr, self.app.size, self.pad
        title_h = Screen.row.fget(self)
        self.label(pygame.Rect(pad, pad // 2, w - 2 * pad, title_h), tr("act.choose"), "@title")
        view = self.app.game.view()
        offered = view.actions or list(ACTION_IDS)  # an older server sends none: all
        talks = any(not c["over"] for c in view.conversations)  # a conversation with choices to hold now
        dos = [do for do in offered if do != "converse"]
        if talks:  # beside the ordinary talks with the family
            dos.insert(dos.index("talk_parents") + 1 if "talk_parents" in dos else 0, "converse")
        items = [(tr(f"action.{do}"), (lambda d=do: self.app.open_form(d)), None) for do in dos]
        items.append((tr("act.back") + " [Esc]", self.on_escape, None))
        y = self.flow(pad, title_h + pad, w - 2 * pad, items)
        self.help_for = dict(zip(self.focus, [*dos, None]))
        self.help_shown = None
        # made anew at every build (never kept between visits: its text follows the focus)
        self.help_box = Screen.textbox(self, pygame.Rect(pad, y, w - 2 * pad, h - y - pad // 2), " ")

    def help_html(self, button) -> str:
        """What the action of `button` means, or how the menu works (the Back button)."""
        tr, do = self.tr, self.help_for.get(button)
        keys = f"<i>{esc(tr('act.menu_keys'))}</i>"
        if do is None:
            return keys + "<br>" + esc(tr("act.menu_help"))
        return f"<b>{esc(tr(f'action.{do}'))}</b> — {esc(tr(f'help.{do}'))}<br>{keys}"

    def show_help(self, button=None) -> None:
        """Put the help of `button` (default: the focused one) in the help panel."""
        if self.help_box is None or not self.focus:
            return
        button = button or self.focus[self.focus_index % len(self.focus)]
        if button is self.help_shown:
            return
        self.help_shown = button
        self.help_box.set_text(self.help_html(button))
        self.app.dirty = True

    def after_build(self) -> None:
        """The focused action's help is shown from the start."""
        super().after_build()
        self.show_help()

    def move_focus(self, step: int) -> None:
        """Tab, Shift+Tab, ←/→: the next or previous action; its help follows."""
        super().move_focus(step)
        self.show_help()

    def update(self, dt: float) -> bool:
        """The last thing the player did decides the help: the mouse moving onto a button shows that
        action's; a key moving the focus shows the focused one's, even with the pointer resting on another
        button (review of issue 17); the mouse leaving the buttons shows the focused one's again."""
        if self.help_box is None:
            return False
        hovered = next((b for b in self.focus if getattr(b, "hovered", False)), None)
        if hovered is not getattr(self, "hover_seen", None):
            self.hover_seen = hovered
            self.show_help(hovered)
        return False

    def move_vertically(self, down: bool) -> None:
        """↑/↓: the button in the row above or below whose middle is nearest (round from the last row to
        the first)."""
        if not self.focus:
            return
        here = self.focus[self.focus_index]
        rows = sorted({b.rect.centery for b in self.focus})
        i = rows.index(here.rect.centery)
        target = rows[(i + (1 if down else -1)) % len(rows)]
        nearest = min((b for b in self.focus if b.rect.centery == target),
                      key=lambda b: abs(b.rect.centerx - here.rect.centerx))
        self.move_focus(self.focus.index(nearest) - self.focus_index)

    def handle_key(self, event) -> None:
        """The arrows move through the grid."""
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.move_focus(-1 if event.key == pygame.K_LEFT else 1)
        elif event.key in (pygame.K_UP, pygame.K_DOWN):
            self.move_vertically(event.key == pygame.K_DOWN)
        else:
            super().handle_key(event)


class ActionFormScreen(Screen):
    """The parameter dialog of one action. Typing never sends it (ui.typing_guard): Space presses no
    Uitvoeren/Annuleren, and letters typed outside a text field go into the next text field."""

    typing_form = True

    def __init__(self, app, do: str):
        super().__init__(app)
        self.do = do
        view = app.game.view()
        self.fields = action_fields(do, view)
        self.values = defaults(do, self.fields)
        self.fact_text = {f.id: f.text for f in view.dossier}
        self.view = view
        self.entries: dict = {}
        self.focus_index = 2 if self.fields else 0  # the first parameter (0 and 1 are do / cancel)
        self.refusal_html = ""
        self.offset = 0

    def on_escape(self) -> None:
        """Cancel: back to the desk, nothing happened."""
        self.app.show_desk()

    def option_label(self, key: str, value: str) -> str:
        """How an option value reads: a role or person name, or a translated term."""
        tr = self.tr
        if value == NONE:
            return tr("opt.none")
        if key in ("to", "from", "regisseur", "invite", "share_with") and self.do != "escalate" \
                and value in self.app.game.scenario.role_by_id:
            return self.app.sender_name(value)
        if key in ("child", "person"):
            return self.app.person_name(value)
        return tr.opt(f"opt.{key}.{value}", tr.opt(f"opt.{value}", value))

    def _choice(self, key: str, options: list[str]):
        def step(d: int) -> None:
            cur = self.values[key]
            i = options.index(cur) if cur in options else -1
            self.values[key] = options[(i + d) % len(options)]
            self.refusal_html = ""  # the form changed: an old refusal no longer speaks of it
            self.app.rebuild()
        return step

    def _toggle(self, key: str, value: str | None = None):
        def flip(d: int = 1) -> None:
            if value is None:
                self.values[key] = not self.values[key]
            elif value in self.values[key]:
                self.values[key].remove(value)
            else:
                self.values[key].append(value)
            self.refusal_html = ""  # the form changed: an old refusal no longer speaks of it
            self.app.rebuild()
        return flip

    def submit(self) -> None:
        """Send the action to the engine; show its reason when refused. A text longer than its field
        allows is said here, in the player's words, rather than cut off unseen."""
        for key, limit in TEXTS.items():
            text = str(self.values.get(key) or "").strip()
            if len(text) > limit and (key != "reason" or self.values.get("unsafe_to_inform")):
                self.refusal_html = (f"<b>{esc(self.tr('act.refused'))}</b> "
                                     f"{esc(self.tr('act.too_long', field=self.tr(f'param.{key}'), n=len(text), max=limit))}")
                self.app.rebuild()
                return
        result = self.app.submit_action(to_action(self.do, self.values))
        if result is not None and not result.ok:
            self.refusal_html = (f"<b>{esc(self.tr('act.refused'))}</b> "
                                 f"{esc(self.tr.text(result.reason.model_dump() if result.reason else {}))}")
            self.app.rebuild()

    def build(self) -> None:
        """Title, what the action means, one row per parameter, fact checklist, submit/cancel."""
        tr, (w, h), pad = self.tr, self.app.size, self.pad
        self.entries = {}
        self.label(pygame.Rect(pad, pad, w - 2 * pad, self.row), tr(f"action.{self.do}"), "@title")
        help_h = max(2 * self.row, int(h * 0.10))
        help_html = esc(tr(f"help.{self.do}"))
        if self.refusal_html:
            help_html = self.refusal_html + "<br>" + help_html
        self.help_box = self.textbox(pygame.Rect(pad, self.row + 2 * pad, w - 2 * pad, help_h), help_html,
                                     "@refusal" if self.refusal_html else None)
        y = self.flow(pad, self.row + 3 * pad + help_h, w - 2 * pad,
                      [(tr("act.submit") + " [Ctrl+Enter]", self.submit, None), (tr("act.cancel") + " [Esc]", self.on_escape, None)],
                      {0: "@toggle_on"})
        self.top = y  # everything below scrolls; title, explanation and do/cancel stay put
        self.fixed = set(self.app.manager.get_sprite_group().sprites())
        y -= self.offset
        for f in self.fields:
            name = tr(f"param.{f.key}")
            if f.key == "unsafe_to_inform" and self.do in STEPS:
                y = self.known_block(y)
            if f.key == "reason" and not self.values.get("unsafe_to_inform"):
                continue  # asked only for the choice "informing would endanger the child"
            if f.key == "share_with" and not asks_whom(self.values):
                continue  # with whom: asked only when asking consent or when the talk is about professionals
            if f.kind == "text":
                y = self.text_field(f.key, name, y)
            elif f.kind == "choice":
                label = f"{name}: {self.option_label(f.key, self.values[f.key])}  ‹ ›"
                step = self._choice(f.key, f.options)
                y = self.flow(pad, y, w - 2 * pad, [(label, lambda s=step: s(1), None, step)])
            elif f.kind == "bool":
                mark = "[x]" if self.values[f.key] else "[  ]"
                flip = self._toggle(f.key)
                y = self.flow(pad, y, w - 2 * pad, [(name, flip, None, lambda d, fl=flip: fl(), mark)])
            else:
                self.label(pygame.Rect(pad, y, w - 2 * pad, self.row), name)
                y += self.row
                items = []
                for opt in f.options:
                    mark = "[x]" if opt in self.values[f.key] else "[  ]"
                    text = tr.text(self.fact_text[opt]) if f.kind == "facts" else self.option_label(f.key, opt)
                    flip = self._toggle(f.key, opt)
                    items.append((text, flip, None, lambda d, fl=flip: fl(), mark))
                if not items:
                    items = [(tr("act.no_facts"), lambda: None, None)]
                y = self.flow(pad, y, w - 2 * pad, items)
        self.content_bottom = y + self.offset  # where the form ends when not scrolled

    def paragraph(self, y: int, text: str, object_id: str = "@left") -> int:
        """Wrapped plain text inside the scrolling part of the form; returns the y below it."""
        pad, w = self.pad, self.app.size[0]
        line_h = self.line_height()
        for line in self.wrap(text, w - 3 * pad):
            pygame_gui.elements.UILabel(pygame.Rect(2 * pad, y, w - 3 * pad, line_h), line, self.app.manager,
                                        object_id=object_id)
            y += line_h
        return y + self.pad // 2

    def line_height(self) -> int:
        """Height of one line of body text."""
        return measure_font(round(BASE_FONT * self.scale)).get_linesize() + 2

    def known_block(self, y: int) -> int:
        """What the role's own talks with the family were, and who has not been told (sim view)."""
        tr, pad, w = self.tr, self.pad, self.app.size[0]
        child = self.values.get("child")
        self.label(pygame.Rect(pad, y, w - 2 * pad, self.row), tr("informed.heading"))
        y += self.row
        to = self.values.get("to")
        for line in informed_lines(self.app, self.view, None if child in (None, NONE) else child, self.do,
                                   self.values.get("facts") or (), None if to in (None, NONE) else to):
            y = self.paragraph(y, line, "@heading" if line.endswith(":") else "@left")
        return y + pad // 2

    def text_field(self, key: str, name: str, y: int) -> int:
        """A labelled multi-line text field with a count of characters left."""
        pad, w = self.pad, self.app.size[0]
        text = self.values.get(key, "")
        label = self.label(pygame.Rect(pad, y, w - 2 * pad, self.row), self.count_label(key, name, text))
        y += self.row
        height = int(self.line_height() * (2.6 if key == "reason" else 3.6)) + 2 * pad
        box = self.entry(pygame.Rect(pad, y, w - 2 * pad, height), text, self.tr(f"placeholder.{key}"))
        self.entries[box] = (key, name, label)
        return y + height + pad

    def count_label(self, key: str, name: str, text: str) -> str:
        """A text field's label with how many characters it holds of its maximum."""
        return f"{name} ({self.tr('act.chars', n=len(text), max=TEXTS[key])})"

    def on_text(self, element, text: str) -> None:
        """Keep what was typed (the form is rebuilt on every choice) and update its count."""
        if element not in self.entries:
            return
        key, name, label = self.entries[element]
        self.values[key] = text
        label.set_text(self.count_label(key, name, text))
        self.clear_refusal()

    def clear_refusal(self) -> None:
        """Typing changed the form: the refusal line goes, the help stays (in place — the text field
        keeps its cursor)."""
        if not self.refusal_html:
            return
        self.refusal_html = ""
        box = getattr(self, "help_box", None)
        if box is not None and box.alive():
            box.change_object_id(None)
            box.set_text(esc(self.tr(f"help.{self.do}")))
            self.app.dirty = True

    def scroll(self, direction: int) -> None:
        """PageUp/PageDown and the mouse wheel move the form itself by most of its visible height
        (issue 17, item 2); the focus goes to the first row that is then in view, so Tab goes on from
        there."""
        h, pad = self.app.size[1], self.pad
        visible = max(self.row, h - pad - self.top)
        most = max(0, getattr(self, "content_bottom", 0) - (h - pad))
        offset = min(most, max(0, self.offset + int(direction * visible * 0.8)))
        if offset == self.offset:
            return
        self.offset = offset
        self.scrolling = True
        self.app.rebuild()

    def handle_event(self, event) -> None:
        """The mouse wheel scrolls the form (pygame_gui's own panels scroll themselves)."""
        if event.type == pygame.MOUSEWHEEL:
            self.scroll(-1 if event.y > 0 else 1)
            return
        super().handle_event(event)

    def after_build(self) -> None:
        """Long forms (many facts, large font) scroll so that the focused row is always visible; after
        scrolling by page or wheel, the first row in view takes the focus instead."""
        super().after_build()
        if not self.focus:
            return
        if getattr(self, "scrolling", False):
            self.scrolling = False
            self._hide_above_top()
            h = self.app.size[1]
            for n, element in enumerate(self.focus):
                if n >= 2 and element.visible and self.top <= element.rect.top and element.rect.bottom <= h:
                    self._unselect(self.focus[self.focus_index])  # one focus mark: the old one goes
                    self.focus_index = n
                    self._select(element)
                    break
            return
        self._hide_above_top()
        rect = self.focused_rect()
        h = self.app.size[1]
        shift = 0
        if rect.bottom > h - self.pad:
            shift = rect.bottom - (h - self.pad)
        elif rect.top < self.top:
            shift = max(-self.offset, rect.top - self.top)
        if shift:
            self.offset += shift
            self.app.rebuild()

    def _hide_above_top(self) -> None:
        """What scrolled up under the fixed header is hidden (a checkbox and its text together)."""
        for element in self.app.manager.get_sprite_group().sprites():
            if element not in self.fixed and hasattr(element, "hide") and element.rect.top < self.top:
                element.hide()
        for group in self.groups:
            if any(not e.visible for e in group):
                for e in group:
                    e.hide()

    def focused_rect(self) -> pygame.Rect:
        """Where the focused row is: a checkbox together with its wrapped text."""
        focused = self.focus[self.focus_index]
        for group in self.groups:
            if focused in group:
                return focused.rect.unionall([e.rect for e in group])
        return focused.rect

    def move_focus(self, step: int) -> None:
        """Tab onto a row below the window (or above the header) scrolls the form to show it."""
        super().move_focus(step)
        rect = self.focused_rect() if self.focus else None
        if rect is not None and self.focus_index >= 2 and (rect.bottom > self.app.size[1] - self.pad or rect.top < self.top):
            self.app.rebuild()

    def handle_key(self, event) -> None:
        """Ctrl+Enter submits from anywhere in the dialog; typing outside a text field never sends it."""
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and event.mod & pygame.KMOD_CTRL:
            self.submit()
            return
        if form_key(self, event, tuple(self.focus[:2]), self.typing_hint):
            return
        super().handle_key(event)

    def typing_hint(self) -> None:
        """Say how the form is sent (Space or typing on its buttons does nothing)."""
        box = getattr(self, "help_box", None)
        if box is not None and box.alive():
            box.set_text(f"<b>{esc(self.tr('act.typing_hint'))}</b><br>{esc(self.tr(f'help.{self.do}'))}")
            self.app.dirty = True
