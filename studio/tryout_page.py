"""The studio's 'Balans' result on the page (issue 21, item 4): the team table, the solo table and the
verdict of `balance` and `balance --solo`, as the CLI gives them (studio.tryout)."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from studio.spec import t, value_name


def show_balance(box: Any, res: dict[str, Any], lang: str) -> None:
    """Draw balance's result into `box`: rows per policy, rows per solo role, and the verdict."""
    for row in res["rows"] + res["solo_rows"]:
        row["policy"] = value_name("policy", row["policy"], lang)
    with box:
        cols = [{"name": k, "label": t(lab, lang), "field": k, "align": "left"} for k, lab in
                (("policy", "policy"), ("runs", "rounds"), ("incident", "incident_rate"), ("total", "total"))]
        ui.table(columns=cols, rows=res["rows"], row_key="policy").props('dense data-result="balance"').mark(
            "balance-result")
        cols = [{"name": k, "label": t(lab, lang), "field": k, "align": "left"} for k, lab in
                (("role", "role"), ("policy", "policy"), ("incident", "incident_rate"), ("score", "role_score"))]
        ui.table(columns=cols, rows=res["solo_rows"]).props("dense")
        if res["problems"]:
            ui.label(t("unbalanced", lang)).classes("text-negative").props('data-verdict="unbalanced"').mark("unbalanced")
            for p in res["problems"]:
                ui.label("• " + p).classes("text-negative text-sm")
        else:
            ui.label(t("balanced", lang)).classes("text-positive").props('data-verdict="balanced"').mark("balanced")
