"""The further pages of the studio (issue 21): the scenario's own kinds of professional (on the roles
page), the Verwijsindex, the judge's deadlines (on the expectations page), the institutions' habits (on
the partners page, above the rules), the conversations with choices and the passive policy."""

from __future__ import annotations

import re
from typing import Any

from nicegui import ui
from ruamel.yaml.comments import CommentedMap

from studio.document import flow
from studio.spec_parts import (
    KIND_FIELDS,
    MEETING_KINDS,
    NPC_FIELDS,
    PARTNER_FIELDS,
    THRESHOLD_FIELDS,
    VIR_FIELDS,
    VT_FIELDS,
    model_default,
    new_kind,
    shown_default,
)
from studio.widgets import Editor

ID = re.compile(r"^[a-z][a-z0-9_]*$")
ARTICLES = {"de": {"nl": "de", "en": "the"}, "het": {"nl": "het", "en": "the"}, "geen": {"nl": "", "en": ""}}


def _txt(v: Any, lang: str) -> str:
    return (v.get(lang) or v.get("nl") or "") if isinstance(v, dict) else str(v or "")


# -- own kinds ------------------------------------------------------------------------------------------
def page_kinds(ed: Editor) -> None:
    """`kinds:` — a job the catalogue lacks (a debt counsellor, a mentor), with its own secrecy and care,
    so a role need not borrow another kind's (issue 20 item 4). The roles' kind pick list offers them."""
    ui.label(ed.t("own_kinds")).classes("text-h6")
    ui.label(ed.t("own_kinds_help")).classes("text-sm text-grey-8")
    kinds = ed.doc.get(("kinds",)) or {}
    for key in list(kinds):
        path = ("kinds", key)
        tag = f"kinds/{key}"
        box = ui.expansion(f"{ed.t('own_kind')}: {key} — {_txt((kinds.get(key) or {}).get('name'), ed.lang)}",
                           value=tag in ed.open,
                           on_value_change=lambda e, k=tag: (ed.open.add if e.value else ed.open.discard)(k))
        with box.classes("w-full border rounded").props(f'data-item="{tag}"'):
            ed._mark(ui.input(ed.t("id"), value=str(key), on_change=lambda e, k=key: rename_kind(ed, k, e.value))
                     .props("debounce=800 dense").classes("w-full"), path)
            for sub, label, editor in KIND_FIELDS:
                ed.field(path + tuple(sub.split(".")), label, editor,
                         model_default_kind(sub))
            _article(ed, path)
            if not ed.readonly:
                ui.button(ed.t("delete"), icon="delete", on_click=lambda _, p=path: (ed.doc.remove(p),
                                                                                   ed.on_change(redraw=True))
                          ).props("flat color=negative dense").mark(f"delete:{tag}")
        ed.slot(path)
    if not ed.readonly:
        ui.button(f"{ed.t('own_kind')} {ed.t('add').lower()}", icon="add", on_click=lambda: add_kind(ed)) \
            .props('data-add="kinds"').mark("add:kinds")
    ed.slot(("kinds",))


def model_default_kind(key: str) -> Any:
    """What a kind's setting is when the file leaves it out (sim.catalogue.RoleKind), for the page."""
    from sim.catalogue import RoleKind

    info = RoleKind.model_fields.get(key)
    return info.get_default() if info is not None and not info.is_required() else None


def _article(ed: Editor, path: tuple[Any, ...]) -> None:
    """The article the kind's name takes in a sentence: 'de schuldhulpverlener', 'het buurtteam'."""
    now = ed.doc.get(path + ("the",))
    value = next((k for k, v in ARTICLES.items() if isinstance(now, dict) and dict(now) == v), "de")
    choices = {k: ed.t(f"article_{k}") for k in ARTICLES}

    def on_pick(e: Any) -> None:
        ed.change(path + ("the",), None if e.value == "de" else dict(ARTICLES[e.value]))
    ed._mark(ui.select(choices, label=ed.t("article"), value=value, on_change=on_pick).props("dense")
             .classes("w-64"), path + ("the",))
    ed.slot(path + ("the",))


def add_kind(ed: Editor) -> None:
    """A new own kind with an unused id, opened for the trainer to name and fill."""
    kinds = ed.doc.get(("kinds",)) or {}
    n = len(kinds) + 1
    while f"eigen_soort_{n}" in kinds:
        n += 1
    key = f"eigen_soort_{n}"
    ed.doc.set(("kinds", key), CommentedMap((k, flow(v)) for k, v in new_kind().items()))
    ed.open.add(f"kinds/{key}")
    ed.on_change(redraw=True)


def rename_kind(ed: Editor, old: str, new: str) -> None:
    """A new id for an own kind, in place (its order kept); the roles of that kind follow."""
    new = (new or "").strip()
    kinds = ed.doc.get(("kinds",))
    if ed.readonly or new == old or not isinstance(kinds, dict) or old not in kinds:
        return
    if not ID.match(new) or new in kinds:  # not renamed (yet): say why beside the field
        slot = ed.slots.get(("kinds", old))
        if slot is not None:
            slot.set_text("✖ " + ed.t("kind_id_taken" if new in kinds else "kind_id_rule", id=new))
            slot.style("display:block")
        return
    pos = list(kinds).index(old)
    kinds.insert(pos, new, kinds.pop(old))
    for role in ed.doc.get(("roles",)) or []:
        if isinstance(role, dict) and role.get("kind") == old:
            role["kind"] = new
    ed.doc.set(("kinds",), kinds)
    ed.open.discard(f"kinds/{old}")
    ed.open.add(f"kinds/{new}")
    ed.on_change(redraw=True)


# -- VIR and thresholds ---------------------------------------------------------------------------------
def page_vir(ed: Editor) -> None:
    """`vir:` — who becomes regisseur on a match, and registrations made before the scenario starts (a
    negative time: 6 weeks earlier is -6w; seed 003 VIR)."""
    ui.label(ed.t("vir_help")).classes("text-sm text-grey-8")
    for path, label, editor in VIR_FIELDS:
        ed.field(path, label, editor)
    ui.label(ed.t("registrations")).classes("text-h6 mt-2")
    ed.item_list("registered")


def page_thresholds(ed: Editor) -> None:
    """`thresholds:` — the judge's didactic deadlines in days; empty: the rule's default (docs/regels.md)."""
    ui.label(ed.t("thresholds")).classes("text-h6 mt-4")
    ui.label(ed.t("thresholds_help")).classes("text-sm text-grey-8")
    ed.width = "w-full"
    with ui.grid(columns=2).classes("w-full gap-x-4"):
        for path, label, editor in THRESHOLD_FIELDS:
            ed.field(path, label, editor)
    ed.width = "w-48"


# -- the institutions' habits ---------------------------------------------------------------------------
def page_npc(ed: Editor) -> None:
    """`npc:` — the standing habits of the computer-played institutions (who refuses without consent,
    how long answers and meetings take, Veilig Thuis and the Raad, the partners in solo play), then the
    rules per role."""
    ed.prefill[("npc", "meeting_delay")] = {k: shown_default(v, "hours") for k, v in
                                            model_default(("npc", "meeting_delay")).items()}
    real = model_default(("npc", "partners", "realistic"))
    ed.prefill[("npc", "partners", "realistic")] = {
        "delay": shown_default(real.delay, "hours"), "jitter": shown_default(real.jitter, "hours"),
        "skip_chance": real.skip_chance}
    ed.width = "w-full"  # the habits' labels are long: each field fills its cell of the grid
    with ui.expansion(ed.t("habits"), icon="schedule", value="npc/habits" in ed.open,
                      on_value_change=lambda e: (ed.open.add if e.value else ed.open.discard)("npc/habits")) \
            .classes("w-full border rounded").props('data-item="npc/habits"'):
        ui.label(ed.t("habits_help")).classes("text-sm text-grey-8")
        ed.field(*NPC_FIELDS[0], model_default(NPC_FIELDS[0][0]))
        with ui.grid(columns=2).classes("w-full gap-x-4"):
            for path, label, editor in NPC_FIELDS[1:]:
                ed.field(path, label, editor, model_default(path))
        ui.label(ed.t("meeting_delay")).classes("text-subtitle2 mt-2")
        with ui.grid(columns=3).classes("w-full gap-x-4"):
            for kind in MEETING_KINDS:
                path = ("npc", "meeting_delay", kind)
                ed.field(path, f"meeting_{kind}", "hours", model_default(path))
        ui.label(ed.t("tab_vt")).classes("text-subtitle2 mt-2")
        with ui.grid(columns=2).classes("w-full gap-x-4"):
            for path, label, editor in VT_FIELDS:
                ed.field(path, label, editor, model_default(path))
        for level in ("competent", "realistic"):
            ui.label(ed.t(f"partners_{level}")).classes("text-subtitle2 mt-2")
            with ui.grid(columns=3).classes("w-full gap-x-4"):
                for key, label, editor in PARTNER_FIELDS[:3]:
                    path = ("npc", "partners", level, key)
                    ed.field(path, label, editor, model_default(path))
            for key, label, editor in PARTNER_FIELDS[3:]:
                path = ("npc", "partners", level, key)
                ed.field(path, label, editor, model_default(path))
    ed.width = "w-48"
    ui.label(ed.t("rules")).classes("text-h6 mt-2")
    ui.label(ed.t("rules_help")).classes("text-sm text-grey-8")
    ed.item_list("rules")


# -- conversations --------------------------------------------------------------------------------------
def page_conversations(ed: Editor) -> None:
    """`conversations:` — talks with choices: nodes, what the player can say, the other side's replies
    (the first whose condition holds), what each choice counts as and teaches (docs/scenario-schrijven.md,
    Stap 8c)."""
    ui.label(ed.t("conversations_help")).classes("text-sm text-grey-8")
    ed.item_list("conversations")
