"""An action with its own parameters (issue 21): a rule of a computer partner, a step of a policy or an
expectation names an action (`do`) and then exactly the settings that action takes (sim.actions) — the
kind of meeting and who is invited, the basis of a share, whom a talk is about — each from a pick list."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from studio.spec import options
from studio.spec_parts import action_params
from studio.widgets import Editor, Path_, plain


def action_field(ed: Editor, path: Path_, label: str) -> None:
    """The action at `path` (an item's `do`) and below it the parameters of that action. Choosing another
    action keeps the settings both share and drops the ones the new action does not take (one undo step)."""
    item_path = path[:-1]
    do = str(ed.doc.get(path) or "")
    opts = options("action", ed.ids(), ed.lang)
    if do:
        opts.setdefault(do, f"{do} ⚠")

    def on_do(e: Any) -> None:
        new = e.value or None
        if new is None or new == do:
            return
        item = plain(ed.doc.get(item_path)) or {}
        old_keys = {k for k, *_ in action_params(do)}
        keep = {k for k, *_ in action_params(new)}
        if ed.readonly:
            return
        ed.doc.set(item_path, {k: (new if k == "do" else v) for k, v in item.items()
                               if k == "do" or k not in old_keys or k in keep})
        ed.on_change(redraw=True)
    with ui.column().classes("w-full gap-0"):
        sel = ui.select(opts, label=label, value=do or None, with_input=True, on_change=on_do).props("dense") \
            .classes("w-full")
        ed._mark(sel, path)
        ed.slot(path)
    if not do:
        return
    with ui.column().classes("w-full gap-0 pl-3 border-l-2 border-green-200"):
        for key, lab, editor, default in action_params(do):
            ed.field(item_path + (key,), lab, editor, default)


def match_field(ed: Editor, path: Path_, label: str) -> None:
    """An expectation's `match`: which object of its action counts (this child, to this role, this kind
    of meeting …); one value a setting — a list setting fits when it holds the value (sim.expectations)."""
    do = str(ed.doc.get(path[:-1] + ("do",)) or "")
    params = [(k, lab, ed_) for k, lab, ed_, _ in action_params(do) if ed_.startswith(("one:", "many:", "bool"))]
    ui.label(label).classes("text-sm text-grey-8")
    with ui.column().classes("w-full gap-0 pl-3 border-l-2 border-green-200"):
        for key, lab, editor in params:
            if editor == "bool":
                _yes_no_any(ed, path + (key,), ed.t(lab))
            else:
                ed.field(path + (key,), lab, "one:" + editor.split(":", 1)[1])
    ed.slot(path)


def _yes_no_any(ed: Editor, path: Path_, label: str) -> None:
    """A yes/no setting an expectation may ask for (`with_parents: true`), or leave open."""
    now = ed.doc.get(path)
    value = "" if now is None else "yes" if now else "no"
    choices = {"": ed.t("either"), "yes": ed.t("consent_yes"), "no": ed.t("consent_no")}

    def on_pick(e: Any) -> None:
        ed.change(path, {"": None, "yes": True, "no": False}[e.value or ""])
    with ui.column().classes("w-full gap-0"):
        ed._mark(ui.select(choices, label=label, value=value, on_change=on_pick).props("dense").classes("w-64"), path)
        ed.slot(path)


def counts_as_field(ed: Editor, path: Path_, label: str) -> None:
    """What a conversation's choice counts as (sim.conversation_model.CountsAs): an ordinary step — a talk
    with the parents or the child, a consult, advice from Veilig Thuis — with those of its settings a
    choice can carry (purpose, about, shared with, facts, anonymous). Empty: it counts for nothing."""
    from sim.conversation_model import CountsAs

    ed.field(path + ("do",), label, "one:counts_do")
    do = str(ed.doc.get(path + ("do",)) or "")
    if not do:
        return
    allowed = set(CountsAs.model_fields) - {"do"}
    with ui.column().classes("w-full gap-0 pl-3 border-l-2 border-green-200"):
        for key, lab, editor, default in action_params(do):
            if key in allowed:
                ed.field(path + (key,), lab, editor, default)
