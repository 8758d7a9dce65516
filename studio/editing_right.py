"""Who may edit the open file (issue 21: "two tabs on one file are refused or merged, never lost"): one
browser tab of the studio holds the editing right; the others look, say who holds it and offer 'Neem
over' (take over), which saves the holder's pending changes first and then swaps the roles. When the
holding tab is closed for good, the tab open longest gets the right. A second studio process on the same
file only looks (studio.session's lock file names its process)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from nicegui import ui

from studio.document import StaleFile, autosave_path
from studio.session import owner_gone, tx


class EditingRight:
    """The editing-right part of a studio tab (mixed into studio.app.StudioPage, which provides
    `shared`, `client_id`, `ed`, `ped`, `header_box`, `header`, `body`, `run_check` and `save_policy`)."""

    message: str = ""  # a note about the editing right for this tab (handed over, became editor)
    message_path: Any = ""

    def set_editing(self, editing: bool, message: str = "", path: Any = "") -> None:
        """Make this tab the editor (or a viewer) and redraw it, wherever the call comes from."""
        self.ed.readonly = self.ped.readonly = not editing
        self.message, self.message_path = message, path
        self.report = self.run_check()
        self.header()
        self.body()
        if message:
            with self.header_box:
                ui.notify(tx(message, self.ed.lang, path=path), type="info", multi_line=True)

    def follow(self, report: Any) -> None:
        """A looking tab: show the editing tab's latest change (the same document, checked once)."""
        if self.is_gone():
            return
        self.report = report
        self.header()
        if self.tab != "try":  # a balance or debrief running there keeps its place
            self.body()

    def save_pending(self) -> Path | None:
        """Save what this tab changed and did not save yet (scenario and expert policy); None when there
        was nothing to save. Raises StaleFile or OSError when saving failed (nothing is changed then)."""
        doc = self.shared.doc
        if doc.path is None:
            return None  # a family without a file yet: the work stays in this studio's memory
        pending = doc.dirty or (self.shared.policy is not None and self.shared.policy.dirty)
        if not pending:
            return None
        path = doc.save()
        self.save_policy()
        self.shared.notice = ""
        return path

    def take_over(self) -> None:
        """'Neem over': the holding tab saves its pending changes, then this tab edits and that one looks."""
        shared, lang = self.shared, self.ed.lang
        if shared.other_process or shared.owner == self.client_id:
            return
        old = shared.pages.get(shared.owner) if shared.owner else None
        try:
            saved = old.save_pending() if old is not None else None
        except (StaleFile, OSError) as exc:
            side = autosave_path(shared.doc.path) if shared.doc.path else "—"
            ui.notify(tx("take_over_failed", lang, why=exc, side=side), type="negative", multi_line=True,
                      timeout=0, close_button=True)
            return
        shared.owner, shared.owner_since = self.client_id, time.time()
        if old is not None and not old.is_gone():
            old.set_editing(False, "handed_over", saved or shared.doc.path or "")
        self.set_editing(True, "taken_over")

    def is_gone(self) -> bool:
        return owner_gone(self.client_id)

    def closed(self) -> None:
        """This tab is closed for good: if it held the right, the longest-open other tab gets it."""
        shared = self.shared
        shared.pages.pop(self.client_id, None)
        shared.clients.discard(self.client_id)
        if shared.owner != self.client_id:
            return
        shared.owner = None
        for cid, page in list(shared.pages.items()):
            if not page.is_gone() and not shared.other_process:
                shared.owner, shared.owner_since = cid, time.time()
                page.set_editing(True, "became_editor")
                return

    def _readonly_bar(self, lang: str) -> None:
        """Why this tab can only look, who holds the file, and (for a tab of this studio) 'Neem over'."""
        shared = self.shared
        with ui.row().classes("w-full items-center bg-orange-2 p-2 no-wrap").props('data-status="readonly"') \
                .mark("readonly"):
            if shared.other_process:
                ui.label(tx("held_by_process", lang, pid=shared.holder_pid or "?")).classes("grow")
                return
            since = time.strftime("%H:%M", time.localtime(shared.owner_since)) if shared.owner_since else "?"
            text = tx("handed_over", lang, path=self.message_path) if self.message == "handed_over" else \
                tx("held_by_tab", lang, since=since)
            ui.label(text).classes("grow")
            ui.button(tx("take_over", lang), icon="edit", on_click=self.take_over).props(
                'color=primary data-action="take-over"').mark("take-over")

