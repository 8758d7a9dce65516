"""The trainer's two dialogs (issue 7 §3): inject one of the scenario's optional events, or write a
free-text message to one role or to everyone. Each sends one `control` op and returns to the console."""

from __future__ import annotations

import pygame
import pygame_gui

from ui.widgets import Screen, esc

MAX_MESSAGE = 2000


def back_to_console(app) -> None:
    """Return to the trainer's main screen."""
    from ui.screens.facilitator import FacilitatorScreen

    app.show(FacilitatorScreen(app))


class InjectScreen(Screen):
    """The events the scenario offers to inject, with who notices them; one click injects it now."""

    def on_escape(self) -> None:
        """Back without injecting."""
        back_to_console(self.app)

    def inject_now(self, event_id: str) -> None:
        """Let the event happen now; the answer is shown on the console."""
        reply = self.app.game.control("inject", event=event_id)
        if reply.get("type") == "error":
            self.app.status_html = f"<b>{esc(self.tr('fac.refused'))}</b> {esc(self.tr.text(reply.get('text')))}"
            self.app.status_kind = "@refusal"
        else:
            self.app.status_html = esc(self.tr("fac.done.inject"))
            self.app.status_kind = "@status"
        self.app.game.refresh()
        back_to_console(self.app)

    def build(self) -> None:
        """One row per inject: what happens and who notices it (injected ones are marked)."""
        tr, (w, h), pad, g = self.tr, self.app.size, self.pad, self.app.game
        self.label(pygame.Rect(pad, pad, w - 2 * pad, self.row), tr("fac.inject_title"), "@title")
        items = []
        for e in (g.status or {}).get("inject_info", []):
            who = ", ".join(self.app.sender_name(r) for r in e["observed_by"])
            text = f"{tr.text(e['message'])} — {tr('fac.noticed_by', who=who)}"
            if e["done"]:
                text += f" ({tr('fac.injected')})"
            items.append((text, (lambda i=e["id"]: self.inject_now(i)), None, None, "›"))
        if not items:
            items.append((tr("fac.no_injects"), self.on_escape, None))
        items.append((tr("act.back") + " [Esc]", self.on_escape, None))
        y = self.flow(pad, self.row + 2 * pad, w - 2 * pad, items)
        if y + 2 * self.row < h:
            self.textbox(pygame.Rect(pad, y, w - 2 * pad, h - y - pad), esc(tr("fac.inject_help")))


class MessageScreen(Screen):
    """A message from the trainer: to everyone or to one role (Tab chooses), typed in one line; it
    lands in that role's inbox only and is logged like every facilitator input."""

    def __init__(self, app):
        super().__init__(app)
        self.to_index = 0
        self.text = ""
        self.entry: pygame_gui.elements.UITextEntryLine | None = None

    def recipients(self) -> list[str | None]:
        """Everyone (None), then each role."""
        return [None] + [r.id for r in self.app.game.scenario.roles]

    def _to(self, d: int) -> None:
        self._keep_text()
        self.to_index = (self.to_index + d) % len(self.recipients())
        self.app.rebuild()

    def _keep_text(self) -> None:
        if self.entry is not None:
            self.text = self.entry.get_text()

    def on_escape(self) -> None:
        """Back without sending."""
        back_to_console(self.app)

    def send(self) -> None:
        """Send the message; refused (empty, game over) → the reason stays on this screen."""
        self._keep_text()
        to = self.recipients()[self.to_index]
        reply = self.app.game.control("message", text=self.text, **({"role": to} if to else {}))
        if reply.get("type") == "error":
            self.app.status_html = f"<b>{esc(self.tr('fac.refused'))}</b> {esc(self.tr.text(reply.get('text')))}"
            self.app.status_kind = "@refusal"
            self.app.rebuild()
            return
        who = self.app.sender_name(to) if to else self.tr("fac.everyone")
        self.app.status_html = esc(self.tr("fac.sent", who=who))
        self.app.status_kind = "@status"
        back_to_console(self.app)

    def build(self) -> None:
        """Recipient, text line, send / cancel, and what the players will see."""
        tr, (w, h), pad = self.tr, self.app.size, self.pad
        self.label(pygame.Rect(pad, pad, w - 2 * pad, self.row), tr("fac.message_title"), "@title")
        to = self.recipients()[self.to_index]
        who = self.app.sender_name(to) if to else tr("fac.everyone")
        y = self.flow(pad, self.row + 2 * pad, w - 2 * pad,
                      [(tr("fac.to", who=who) + " [Tab] ‹ ›", lambda: self._to(1), None, self._to)])
        self.entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(pad, y, w - 2 * pad, self.row), self.app.manager,
                                                         initial_text=self.text)
        self.entry.set_text_length_limit(MAX_MESSAGE)
        y += self.row + pad
        y = self.flow(pad, y, w - 2 * pad, [(tr("fac.send") + " [Enter]", self.send, None),
                                            (tr("act.cancel") + " [Esc]", self.on_escape, None)], {0: "@toggle_on"})
        help_html = (self.app.status_html + "<br>" if self.app.status_html else "") + esc(tr("fac.message_help"))
        self.textbox(pygame.Rect(pad, y, w - 2 * pad, h - y - pad), help_html, self.app.status_kind
                     if self.app.status_html else None)

    def after_build(self) -> None:
        """The text line has the keyboard: typing goes straight into it (from the next frame on, so
        the letter that opened this dialog is not typed into it)."""
        self.want_focus = True

    def update(self, dt: float) -> bool:
        """Give the text line the keyboard once this frame's input has been handled."""
        if getattr(self, "want_focus", False) and self.entry is not None:
            self.want_focus = False
            self.entry.focus()
            self.entry.edit_position = len(self.entry.get_text())
            self.app.dirty = True
        return False

    def handle_key(self, event) -> None:
        """While typing, only Enter (send), Tab (next recipient) and Escape (cancel) are commands."""
        k = event.key
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.send()
        elif k == pygame.K_TAB:
            self._to(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        elif k == pygame.K_ESCAPE:
            self.on_escape()
