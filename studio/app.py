"""The studio's web app: one NiceGUI page on 127.0.0.1 (never 0.0.0.0) editing one scenario file at a
time. One browser tab holds the editing right; the others (and a second studio on the same file) are
read-only and say who holds it. A read-only tab may take the right over ('Neem over'): the holder's
pending changes are saved first, and when the holder closes, the next tab gets it — so no change is
ever lost. Every change is checked at once, autosaved to the side file and undoable."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

from nicegui import app, background_tasks, context, run, ui

from studio import passive, tryout
from studio.checks import Issue, Report, best_slot, check, check_policy
from studio.document import Document, StaleFile, autosave_path
from studio.editing_right import EditingRight
from studio.pages import TABS, draw, tab_of
from studio.session import (
    STARTED,
    Shared,
    State,
    lock_path,
    locked_by_other,
    open_policy,
    owner_gone,
    policy_target,
    release,
    tx,
)
from studio.spec import t
from studio.timeline_page import Timeline
from studio.tryout_page import show_balance
from studio.widgets import Editor

REPORTS = Path(tempfile.gettempdir()) / "ketenspel-studio-reports"


class StudioPage(EditingRight):
    """One browser tab: the editor, the chosen page and the latest check."""

    def __init__(self, shared: Shared, client_id: str, lang: str):
        self.shared = shared
        self.client_id = client_id
        if shared.owner is None and not shared.other_process:
            shared.owner, shared.owner_since = client_id, time.time()
        readonly = shared.owner != client_id
        self.message = ""  # a note about the editing right for this tab (handed over, became editor)
        self.ed = Editor(shared.doc, lang, readonly, on_change=self.changed)
        self.ped = Editor(shared.policy, lang, readonly, on_change=self.changed)
        self.ped.ids_from = shared.doc
        self.ed.policy = shared.policy
        self.timeline = Timeline(self.ed, self.ped)
        self.tab = "meta"
        self.report: Report = self.run_check()
        self.balance_box: Any = None
        self.debrief_box: Any = None

    # -- checks ----------------------------------------------------------------------------------
    def run_check(self) -> Report:
        name = self.shared.doc.path.name if self.shared.doc.path else "nieuw_gezin.yaml"
        report = check(self.shared.doc.text, name, self.ed.lang)
        if report.scenario is not None and self.shared.policy is not None:
            report.issues += [Issue(("policy",) + i.path, i.severity, i.text, i.line, i.col)
                              for i in check_policy(self.shared.policy.text, report.scenario, self.ed.lang)]
        return report

    def policy_target(self) -> Path | str:
        return policy_target(self.shared.doc) or f"policies/{self.shared.doc.get(('meta', 'id'))}_expert.yaml"

    def changed(self, redraw: bool = False) -> None:
        """After every edit: check again, autosave, show the problems beside their fields."""
        self.report = self.run_check()
        for doc in (self.shared.doc, self.shared.policy):
            if doc is not None and doc.dirty and doc.path is not None:
                doc.path.parent.mkdir(parents=True, exist_ok=True)
                doc.autosave()
        if self.tab == "timeline" and not redraw and self.timeline.refresh():
            self.show_issues()  # the sliders and fields follow in place; a field being typed in keeps the focus
        elif redraw or self.tab in ("timeline", "check", "try"):
            self.body()
        else:
            self.ed.refresh_pickers()
            self.ped.refresh_pickers()
            self.show_issues()
        self.header()
        for page in list(self.shared.pages.values()):
            if page is not self and page.ed.readonly:
                page.follow(self.report)  # the tabs that look see the work as it is made

    def show_issues(self) -> None:
        for lab in self.ed.slots.values():
            lab.set_text("")
            lab.style("display:none")
        elsewhere: dict[str, int] = {}
        for issue in self.report.issues:
            slot = best_slot(issue.path, list(self.ed.slots)) if tab_of(issue.path) == self.tab else None
            if slot is None:
                elsewhere[tab_of(issue.path)] = elsewhere.get(tab_of(issue.path), 0) + 1
                continue
            lab = self.ed.slots[slot]
            mark = "✖ " if issue.severity == "error" else "⚠ "
            lab.set_text((lab.text + "\n" if lab.text else "") + mark + issue.text)
            lab.style("display:block")
        self.elsewhere.clear()
        with self.elsewhere:
            for tab, n in elsewhere.items():
                if tab != self.tab:
                    ui.button(f"{t('tab_' + tab, self.ed.lang)}: {n}", on_click=lambda _, tb=tab: self.go(tab=tb)
                              ).props("flat dense color=negative size=sm no-caps")

    # -- drawing ---------------------------------------------------------------------------------
    def go(self, tab: str) -> None:
        self.tab = tab
        self.tabs.set_value(tab)

    def build(self) -> None:
        ui.query("body").classes("bg-grey-1")
        self.header_box = ui.column().classes("w-full gap-0")
        self.header()
        with ui.tabs(value=self.tab, on_change=self._on_tab).props("dense inline-label outside-arrows mobile-arrows") \
                .classes("w-full bg-white") as self.tabs:
            for name in TABS:
                ui.tab(name, t(f"tab_{name}", self.ed.lang)).props(f'data-tab="{name}"').mark(f"tab:{name}")
        self.elsewhere = ui.row().classes("w-full gap-1")
        self.body_box = ui.column().classes("w-full max-w-screen-xl mx-auto p-4 gap-2")
        self.body()

    def _on_tab(self, e: Any) -> None:
        self.tab = e.value
        self.body()

    def header(self) -> None:
        """(Re)draw the bar on top: file, status, undo/redo, new, open, save, language."""
        self.header_box.clear()
        with self.header_box:
            self._header()

    def _header(self) -> None:
        doc, lang = self.shared.doc, self.ed.lang
        with ui.row().classes("w-full items-center gap-2 bg-blue-9 text-white p-2"):
            ui.label(t("app_title", lang)).classes("text-h6")
            ui.label(str(doc.path or t("no_file", lang)) + (" •" if doc.dirty else "")).classes("text-sm")
            ui.space()
            errors = len(self.report.errors)
            warnings = len(self.report.issues) - errors
            ui.badge(t("n_problems", lang, errors=errors, warnings=warnings) if self.report.issues
                     else "✔", color="negative" if errors else "orange" if warnings else "positive"
                     ).props('data-status="badge"').mark("status")
            if not self.ed.readonly:
                ui.button(icon="undo", on_click=self.undo).props("flat color=white dense").mark("undo").tooltip(t("undo", lang))
                ui.button(icon="redo", on_click=self.redo).props("flat color=white dense").tooltip(t("redo", lang))
                ui.button(t("new_family", lang), icon="add", on_click=self.new_dialog).props("flat color=white dense")
                ui.button(t("open_file", lang), icon="folder_open", on_click=self.open_dialog).props(
                    "flat color=white dense")
                ui.button(t("save", lang), icon="save", on_click=self.save).props(
                    'flat color=white dense data-action="save"').mark("save")
            ui.button(t("lang", lang), on_click=self.switch_lang).props("flat color=white dense no-caps")
        if self.ed.readonly:
            self._readonly_bar(lang)
        elif self.message:
            ui.label(tx(self.message, lang)).classes("w-full bg-green-1 p-2").props('data-status="editor"')
        if self.shared.notice and not self.ed.readonly:
            side = autosave_path(doc.path) if doc.path else ""
            ui.label(tx(self.shared.notice, lang, side=side)).classes("w-full bg-blue-1 p-2").props(
                f'data-status="{self.shared.notice}"')

    def body(self) -> None:
        """(Re)draw the chosen page from the document as it is now."""
        self.ed.slots = {}
        self.ed.pickers = []
        self.body_box.clear()
        self.ped.slots = {}
        self.ped.pickers = []
        with self.body_box:
            if self.tab == "timeline":
                self.timeline.draw()  # the draggable timeline (studio.timeline_page) instead of pages' picture
            else:
                draw(self.ed, self.tab, self.report, self)
        self.ed.slots.update({("policy",) + p: lab for p, lab in self.ped.slots.items()})
        self.show_issues()

    # -- commands --------------------------------------------------------------------------------
    def _doc_in_view(self) -> Document:
        return self.shared.policy if self.tab == "policy" and self.shared.policy is not None else self.shared.doc

    def undo(self) -> None:
        if self._doc_in_view().undo():
            self.changed(redraw=True)

    def redo(self) -> None:
        if self._doc_in_view().redo():
            self.changed(redraw=True)

    def switch_lang(self) -> None:
        self.ed.lang = self.ped.lang = "en" if self.ed.lang == "nl" else "nl"
        self.report = self.run_check()
        self.tabs.clear()
        with self.tabs:
            for name in TABS:
                ui.tab(name, t(f"tab_{name}", self.ed.lang)).props(f'data-tab="{name}"').mark(f"tab:{name}")
        self.header()
        self.body()

    def save(self) -> None:
        doc, lang = self.shared.doc, self.ed.lang
        if doc.path is None:
            self.new_dialog(save_as=True)
            return
        try:
            path = doc.save()
            self.save_policy()
            passive.save_beside(doc)  # the passive policy beside the expert one (studio/passive.py)
        except StaleFile as exc:
            ui.notify(t("stale", lang, side=autosave_path(Path(str(exc)))), type="negative", multi_line=True,
                      timeout=0, close_button=True)
            return
        self.shared.notice = ""
        ui.notify(t("saved", lang, path=path), type="positive")
        self.header()

    def save_policy(self) -> None:
        """Save the expert policy beside the scenario when it was changed in the studio (its `scenario:`
        kept equal to the scenario's id)."""
        pol, target = self.shared.policy, policy_target(self.shared.doc)
        if pol is None or target is None:
            return
        if not pol.dirty:
            return  # an unchanged (shipped or beside) policy is not copied anywhere
        passive.save_policy_at(pol, str(self.shared.doc.get(("meta", "id")) or ""), target)

    def new_dialog(self, save_as: bool = False) -> None:
        """'Nieuw gezin' (or naming a new family's file): a file name, then the empty family."""
        from cli.authoring import scenario_id

        lang = self.ed.lang
        with ui.dialog() as dialog, ui.card():
            ui.label(t("save_as" if save_as else "new_family", lang)).classes("text-h6")
            name = ui.input(t("file_name", lang), value=str(Path.cwd() / "nieuw_gezin.yaml")).classes("w-96") \
                .props('data-field="new-file"')

            def ok() -> None:
                path = Path(name.value).expanduser()
                if path.suffix not in (".yaml", ".yml"):
                    path = path.with_suffix(".yaml")
                if path.exists():
                    ui.notify(f"{path}: bestaat al / already exists", type="negative")
                    return
                if save_as:
                    self.shared.doc.path = path
                    self.shared.doc.disk_sha = ""
                    self.shared.doc.save(path)
                    lock_path(path).write_text(str(os.getpid()))
                else:
                    State.open(path)
                    self.shared = State.current
                    self.shared.owner, self.shared.owner_since = self.client_id, time.time()
                    self.shared.pages[self.client_id] = self
                    self.shared.doc.set(("meta", "id"), scenario_id(path.stem))
                    self.shared.doc.save(path)
                    self.shared.policy = open_policy(self.shared.doc)
                    self.ed.doc = self.shared.doc
                    self.ped.doc = self.ed.policy = self.shared.policy
                    self.ped.ids_from = self.shared.doc
                dialog.close()
                self.tab = "meta"
                self.tabs.set_value("meta")
                self.changed(redraw=True)
            ui.button("OK", on_click=ok).props('data-action="new-ok"')
        dialog.open()

    def open_dialog(self) -> None:
        lang = self.ed.lang
        with ui.dialog() as dialog, ui.card():
            name = ui.input(t("file_name", lang)).classes("w-96")

            def ok() -> None:
                path = Path(name.value).expanduser()
                if not path.is_file():
                    ui.notify(f"{path}: niet gevonden / not found", type="negative")
                    return
                State.open(path)
                self.shared = State.current
                self.shared.owner = self.client_id if not self.shared.other_process else None
                self.shared.owner_since = time.time()
                self.shared.pages[self.client_id] = self
                self.ed.doc = self.shared.doc
                self.ped.doc = self.ed.policy = self.shared.policy
                self.ped.ids_from = self.shared.doc
                self.ed.readonly = self.ped.readonly = self.shared.owner != self.client_id
                dialog.close()
                self.changed(redraw=True)
            ui.button(t("open_file", lang), on_click=ok)
        dialog.open()

    # -- try it ----------------------------------------------------------------------------------
    def balance(self, runs: int) -> None:
        path = tryout.try_copy(self.shared.doc, self.shared.policy)
        box, lang = self.balance_box, self.ed.lang
        box.clear()
        with box:
            bar = ui.linear_progress(value=0, show_value=False).props('data-status="progress"')
            note = ui.label(t("running", lang))
        state = {"p": 0.0}
        timer = ui.timer(0.2, lambda: bar.set_value(state["p"]))

        async def work() -> None:
            try:
                res = await run.io_bound(tryout.balance, path, runs, lambda p: state.__setitem__("p", p))
            except Exception as exc:  # noqa: BLE001 — e.g. no expert policy: say it, on the page
                timer.cancel()
                note.set_text(str(exc))
                note.classes("text-negative")
                return
            timer.cancel()
            bar.set_value(1.0)
            note.delete()
            show_balance(box, res, lang)

        background_tasks.create(work())

    async def debrief(self) -> None:
        path = tryout.try_copy(self.shared.doc, self.shared.policy)
        box, lang = self.debrief_box, self.ed.lang
        box.clear()
        with box:
            ui.spinner()
        report, err = await tryout.debrief(path, REPORTS, lang)
        box.clear()
        with box:
            if report is None:
                ui.label(err).classes("text-negative whitespace-pre-line")
                return
            url = f"/studio-reports/{report.name}"
            ui.label(t("report_ready", lang, path=report))
            ui.button(t("open_report", lang), on_click=lambda: ui.navigate.to(url, new_tab=True)).props(
                'data-action="open-report"')
        ui.navigate.to(url, new_tab=True)

    def play(self, start: str, role: str | None) -> None:
        if not role:
            return
        proc = tryout.play_from(tryout.try_copy(self.shared.doc, self.shared.policy), start or "0h", role, self.ed.lang)
        ui.notify(t("started", self.ed.lang, pid=proc.pid))


def setup(file: Path | None, lang: str = "nl") -> None:
    """Register the page for `file` (None: a new, empty family)."""
    State.lang = lang
    State.open(file.resolve() if file else None)
    REPORTS.mkdir(parents=True, exist_ok=True)
    app.add_static_files("/studio-reports", str(REPORTS))

    @ui.page("/")
    def index(lang: str | None = None) -> None:
        client = context.client
        shared = State.current
        path = shared.doc.path
        if shared.other_process and path is not None and not locked_by_other(path):
            State.open(path)  # the other studio is gone: this one takes the file (and any unsaved work of it)
            shared = State.current
        if shared.owner is not None and owner_gone(shared.owner):
            shared.owner = None  # a page that was fetched but never connected (a prefetch) holds nothing
        STARTED[client.id] = time.monotonic()
        page = StudioPage(shared, client.id, lang or State.lang)
        shared.clients.add(client.id)
        shared.pages[client.id] = page
        client.on_delete(page.closed)
        page.build()

    app.on_shutdown(lambda: release(State.current.doc.path if State.current else None))


def main(file: str | None, port: int = 8090, show: bool = True, lang: str = "nl") -> int:
    """`ketenspel studio [FILE] [--port N] [--no-browser] [--lang en]`."""
    setup(Path(file) if file else None, lang)
    ui.run(host="127.0.0.1", port=port, show=show, reload=False, title="Ketenspel — Scenario-studio",
           favicon="🧩", language="nl-NL" if lang == "nl" else "en-US", show_welcome_message=True)
    return 0
