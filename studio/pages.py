"""The studio's pages, one a part of the family (issue 21): about, family, roles, facts, events, the
timeline, risk and incident, interventions, expectations, the computer partners, the check (with 'Wat
dit gezin leert' and the pictures) and 'try it'. Each page is drawn from the document as it is now."""

from __future__ import annotations

import html
from typing import Any

from nicegui import ui

from studio.pages_more import page_conversations, page_kinds, page_npc, page_thresholds, page_vir
from studio.spec import META_FIELDS, RISK_FIELDS, SECTIONS
from studio.widgets import Editor

TABS = ["meta", "family", "roles", "facts", "events", "timeline", "incident", "interventions", "expectations",
        "npc", "vir", "conversations", "policy", "passive", "check", "try"]


def tab_of(path: tuple[Any, ...]) -> str:
    """The page on which a path of the scenario is edited."""
    if not path:
        return "check"
    head = path[0]
    if head == "policy":
        return "policy"
    if head == "family":
        return "family" if len(path) > 1 and path[1] == "persons" else "meta"
    return {"meta": "meta", "roles": "roles", "facts": "facts", "events": "events", "risk": "incident",
            "incident": "incident", "interventions": "interventions", "expectations": "expectations",
            "npc": "npc", "kinds": "roles", "vir": "vir", "thresholds": "expectations",
            "conversations": "conversations"}.get(head, "check")


def page_meta(ed: Editor) -> None:
    for path, label, editor in META_FIELDS:
        ed.field(path, label, editor)


def page_family(ed: Editor) -> None:
    ui.label(ed.t("persons")).classes("text-h6")
    ed.item_list("persons")


def page_list(ed: Editor, section: str, help_key: str | None = None) -> None:
    if help_key:
        ui.label(ed.t(help_key)).classes("text-sm text-grey-8")
    ed.item_list(section)


def page_incident(ed: Editor) -> None:
    for path, label, editor in RISK_FIELDS:
        ed.field(path, label, editor)
    ui.label(ed.t("outcomes")).classes("text-h6 mt-4")
    ed.item_list("outcomes")


def page_check(ed: Editor, report: Any) -> None:
    from authoring.graph import diagrams
    from studio.teach import lessons, picture

    ui.label(ed.t("problems")).classes("text-h6")
    if not report.issues:
        ui.label(ed.t("all_ok")).classes("text-positive").props('data-status="ok"').mark("all-ok")
    for issue in report.issues:
        where = "/".join(map(str, issue.path)) or "—"
        ui.label(f"{'✖' if issue.severity == 'error' else '⚠'} [{where}] {issue.text}").classes(
            "text-negative" if issue.severity == "error" else "text-orange-9").props('data-issue="1"')
    sc = report.scenario
    ui.label(ed.t("teaches")).classes("text-h6 mt-4")
    if sc is None:
        ui.label(ed.t("not_valid")).classes("text-grey-7")
        return
    ui.label(ed.t("teaches_help")).classes("text-sm text-grey-8")
    cols = [{"name": k, "label": ed.t(lab), "field": k, "align": "left"} for k, lab in
            (("text", "expectation"), ("roles", "exp_roles"), ("window", "ideal"), ("source", "source"))]
    ui.table(columns=cols, rows=lessons(sc, ed.lang), row_key="id").classes("w-full").props("dense wrap-cells")
    ui.label(ed.t("key_facts")).classes("text-subtitle1 mt-2")
    for f in picture(sc, ed.lang):
        ui.html(f"<b>{html.escape(f['text'])}</b> — {ed.t('learned_from')}: "
                f"{html.escape('; '.join(f['ways']) or '—')}", sanitize=False).classes("text-sm")
    ui.label(ed.t("graph")).classes("text-h6 mt-4")
    for title, source in diagrams(sc, ed.lang):
        ui.label(title).classes("text-subtitle1")
        ui.mermaid(source).classes("w-full")


def page_try(ed: Editor, report: Any, actions: Any) -> None:
    """Balans, Nabespreking and Speel vanaf hier (studio.tryout), each on the document as it is now."""
    if report.scenario is None:
        ui.label(ed.t("needs_valid")).classes("text-orange-9")
        return
    with ui.card().classes("w-full"):
        ui.label(ed.t("balance")).classes("text-h6")
        ui.label(ed.t("balance_help")).classes("text-sm text-grey-8")
        with ui.row().classes("items-center"):
            runs = ui.number(ed.t("runs"), value=20, min=1, max=500, format="%d").classes("w-40")
            ui.button(ed.t("balance"), icon="balance",
                      on_click=lambda: actions.balance(int(runs.value or 20))).props('data-action="balance"').mark("balance")
        actions.balance_box = ui.column().classes("w-full")
    with ui.card().classes("w-full"):
        ui.label(ed.t("debrief")).classes("text-h6")
        ui.label(ed.t("debrief_help")).classes("text-sm text-grey-8")
        ui.button(ed.t("debrief"), icon="description", on_click=actions.debrief).props('data-action="debrief"')
        actions.debrief_box = ui.column()
    with ui.card().classes("w-full"):
        ui.label(ed.t("play_from")).classes("text-h6")
        ui.label(ed.t("play_help")).classes("text-sm text-grey-8")
        sc = report.scenario
        roles = {r.id: sc.role_name(r.id).get(ed.lang) for r in sc.roles if r.playable}
        with ui.row().classes("items-center"):
            start = ui.input(ed.t("from_time"), value="2w").classes("w-40")
            role = ui.select(roles, label=ed.t("role"), value=next(iter(roles), None)).classes("w-64")
            ui.button(ed.t("play_from"), icon="play_arrow",
                      on_click=lambda: actions.play(start.value, role.value)).props('data-action="play"')


def page_policy(ed: Editor, ped: Editor, report: Any, where: str) -> None:
    """The expert policy's steps, with pick lists from the scenario."""
    ui.label(ed.t("policy_help", file=where)).classes("text-sm text-grey-8")
    if report.scenario is None:
        ui.label(ed.t("policy_needs_valid")).classes("text-sm text-orange-9")
    ped.item_list("steps")


def draw(ed: Editor, tab: str, report: Any, actions: Any) -> None:
    """The body of one page."""
    if tab == "policy":
        page_policy(ed, actions.ped, report, str(actions.policy_target()))
    elif tab == "passive":
        from studio.passive import page_passive

        page_passive(ed, report, actions)
    elif tab == "meta":
        page_meta(ed)
    elif tab == "family":
        page_family(ed)
    elif tab == "npc":
        page_npc(ed)
    elif tab == "roles":
        page_kinds(ed)
        ui.label(ed.t("roles_in_play")).classes("text-h6 mt-4")
        page_list(ed, "roles")
    elif tab == "expectations":
        page_list(ed, "expectations")
        page_thresholds(ed)
    elif tab == "vir":
        page_vir(ed)
    elif tab == "conversations":
        page_conversations(ed)
    elif tab in SECTIONS:
        page_list(ed, tab)
    elif tab == "incident":
        page_incident(ed)
    elif tab == "check":
        page_check(ed, report)
    elif tab == "try":
        page_try(ed, report, actions)
