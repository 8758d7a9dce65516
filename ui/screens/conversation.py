"""A conversation with choices (issue 17, item 6): what the other side says, what you can say (one button
per choice: number keys, Tab/arrows + Enter, or click), and the answer after each choice, with the
history above. Everything below the title scrolls (PageUp/PageDown, the wheel, and the focus follows), so
it fits at any size and font scale. The screen only sends the player's choice to the engine (`converse`);
the engine decides the answer and what it teaches (sim.conversations), the coach says what it judged."""

from __future__ import annotations

import html
import re

import pygame
import pygame_gui

from ui.screens.action import ActionFormScreen
from ui.widgets import Screen, esc

NUMBER_KEYS = [pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6, pygame.K_7, pygame.K_8,
               pygame.K_9]
END = 10 ** 5
"""An offset past any content: after a choice the screen scrolls to its end (clamped when built)."""


class ConversationScreen(ActionFormScreen):
    """The list of conversations the role can hold now (without `conversation`), or one conversation.
    Scrolls like an action form (it borrows the form's scrolling and focus-following)."""

    def __init__(self, app, conversation: str | None = None):
        Screen.__init__(self, app)
        self.do = "converse"
        self.conversation = conversation
        self.offset = 0
        self.focus_index = 1
        self.note_html = ""
        self.note_kind: str | None = None
        self.entries: dict = {}
        self.fields = []

    def on_escape(self) -> None:
        """Back to the desk (a conversation can be continued later from where it stands)."""
        self.app.show_desk()

    def submit(self) -> None:
        """Ctrl+Enter: nothing to submit here (each choice is a button of its own)."""

    def _current(self) -> dict | None:
        view = self.app.game.view()
        return next((c for c in view.conversations if c["id"] == self.conversation), None)

    def say(self, choice: str) -> None:
        """Say a choice: the engine answers (or refuses, with its reason); the coach's verdict shows here."""
        before = {f.id for f in self.app.game.view().dossier}
        result = self.app.game.act({"do": "converse", "conversation": self.conversation, "choice": choice})
        tr = self.tr
        if not result.ok:
            self.note_html = (f"<b>{esc(tr('act.refused'))}</b> "
                              f"{esc(tr.text(result.reason.model_dump() if result.reason else {}))}")
            self.note_kind = "@refusal"
        else:
            new = [f for f in self.app.game.view().dossier if f.id not in before]
            parts = [esc(tr("conv.learned", facts="; ".join(tr.text(f.text) for f in new)))] if new else []
            coach = self.app.coach_html()
            if coach:
                parts.append(coach)
            self.note_html = "<br>".join(parts)
            self.note_kind = "@status"
            said = {"do": "converse", "conversation": self.conversation}
            self.app.status_html = esc(tr("act.done", what=self.app.describe(said)))
            self.app.status_kind = "@status"
            self.focus_index = 1
            self.offset = END  # show the newest answer and the next choices (clamped in after_build)
        self.app.rebuild()

    def open(self, conversation: str) -> None:
        """Open one conversation from the list."""
        self.conversation = conversation
        self.focus_index, self.offset, self.note_html = 1, 0, ""
        self.app.rebuild()

    def build(self) -> None:
        """Title and back button stay put; the history, the other side's words and the choices scroll."""
        tr, w, pad = self.tr, self.app.size[0], self.pad
        conv = self._current() if self.conversation else None
        title = tr.text(conv["title"]) if conv else tr("conv.choose")
        self.label(pygame.Rect(pad, pad, w - 2 * pad, self.row), title, "@title")
        back = tr("conv.back" if conv is None or conv["over"] else "act.back") + " [Esc]"
        self.keys[pygame.K_g] = self.app.open_coach_history  # "Alles wat de coach zei: Geschiedenis [G]"
        y = self.flow(pad, self.row + 2 * pad, w - 2 * pad, [(back, self.on_escape, None)])
        self.top = y
        self.fixed = set(self.app.manager.get_sprite_group().sprites())
        y -= self.offset
        if conv is None:
            y = self._list(y)
        else:
            y = self._dialogue(conv, y)
        self.content_bottom = y + self.offset

    def _list(self, y: int) -> int:
        """The conversations this role can hold now (and those it held)."""
        tr, pad, w = self.tr, self.pad, self.app.size[0]
        convs = self.app.game.view().conversations
        items = []
        for n, c in enumerate(convs):
            label = tr.text(c["title"]) + (f" ({tr('conv.held')})" if c["over"] else "")
            items.append((f"{n + 1}. {label}", (lambda cid=c["id"]: self.open(cid)),
                          NUMBER_KEYS[n] if n < len(NUMBER_KEYS) else None))
        if not items:
            return self.paragraph(y, tr("conv.none"))
        y = self.flow(pad, y, w - 2 * pad, items)
        return self.paragraph(y, tr("help.converse"))

    def _dialogue(self, conv: dict, y: int) -> int:
        """What was said so far, what the other side says now, and the choices."""
        tr, pad, w = self.tr, self.pad, self.app.size[0]
        for h in conv["history"]:
            y = self.paragraph(y, tr.text(h["prompt"]))
            self.anchor = y + self.offset  # where the latest thing you said starts (unscrolled)
            y = self.paragraph(y, f"{tr('conv.you')}: “{tr.text(h['say'])}”", "@heading", bold=True)
            y = self.paragraph(y, tr.text(h["reply"]))
            y += pad // 2
        if conv["over"]:
            heard = any(h.get("facts") for h in (conv.get("talks") or [{"history": conv["history"]}])[-1]["history"])
            return self._note(self.paragraph(y, tr("conv.over" if heard else "conv.over_nothing"), "@heading"))
        y = self.paragraph(y, tr.text(conv["node"]["text"]))
        items = []
        for n, c in enumerate(conv["choices"]):
            key = NUMBER_KEYS[n] if n < len(NUMBER_KEYS) else None
            items.append((tr.text(c["say"]), (lambda cid=c["id"]: self.say(cid)), key, None, str(n + 1)))
        y = self._note(self.flow(pad, y, w - 2 * pad, items))
        return self.paragraph(y, tr("conv.help"))

    def _note(self, y: int) -> int:
        """Below the choices: what was new in the dossier and the coach's verdict on the last choice, or
        why the engine refused it."""
        if not self.note_html:
            return y
        return self.paragraph(y, _plain(self.note_html), "@refusal" if self.note_kind == "@refusal" else "@left")

    def paragraph(self, y: int, text: str, object_id: str = "@left", bold: bool = False) -> int:
        """Wrapped text in the scrolling part; bold text is wrapped narrower (it is wider per letter)."""
        pad, w = self.pad, self.app.size[0]
        line_h = self.line_height()
        width = w - 3 * pad
        for line in self.wrap(text, int(width * 0.86) if bold else width):
            pygame_gui.elements.UILabel(pygame.Rect(2 * pad, y, width, line_h), line, self.app.manager,
                                        object_id=object_id)
            y += line_h
        return y + self.pad // 2

    def after_build(self) -> None:
        """Clamp a scroll to the end (after a choice) to the content, then follow the focus."""
        h, pad = self.app.size[1], self.pad
        most = max(0, getattr(self, "content_bottom", 0) - (h - pad))
        if self.offset > most:  # after a choice: what you said and the answer at the top, then the choices
            self.offset = max(0, min(most, getattr(self, "anchor", 0) - self.top))
            self.app.rebuild()
            return
        Screen.after_build(self)
        self._hide_above_top()
        if self.focus and self.focus_index >= 1:
            rect = self.focused_rect()
            if rect.bottom > h - pad:
                self.offset += rect.bottom - (h - pad)
                self.app.rebuild()

    def move_focus(self, step: int) -> None:
        """Tab onto a choice below the window (or above the title) scrolls to show it."""
        Screen.move_focus(self, step)
        rect = self.focused_rect() if self.focus else None
        if rect is not None and self.focus_index >= 1 and (rect.bottom > self.app.size[1] - self.pad
                                                           or rect.top < self.top):
            self.offset = max(0, self.offset + (rect.bottom - (self.app.size[1] - self.pad) if rect.bottom >
                                                self.app.size[1] - self.pad else rect.top - self.top))
            self.app.rebuild()


def _plain(html_text: str) -> str:
    """The coach's or the engine's HTML as plain text for wrapped labels (line breaks become dashes)."""
    text = re.sub(r"<br\s*/?>\s*•", " •", html_text)
    text = re.sub(r"<br\s*/?>", " — ", text)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())
