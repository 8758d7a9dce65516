"""What the share and report dialogs say about the family being informed — read from the role's view
(its own talks with the family and who has not been told yet, derived by the engine from what took
place), never from a checkbox the player ticks (issue 14, item 4). Names, not ids; natural Dutch."""

from __future__ import annotations

from typing import Any

STEPS = {"share": "share", "report_veilig_thuis": "report"}
"""The dialogs that show it, and which kind of step the engine judged the talks for."""


def _names(app: Any, ids: list[str]) -> str:
    names = [app.person_name(p) for p in ids]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {app.tr('informed.and')} " + names[-1]


def informed_lines(app: Any, view: Any, child: str | None, do: str) -> list[str]:
    """Plain-text lines for the dialog of action `do` about `child` (every child when None): the
    talks this role held with the family, and who still has to be told, by the child's age."""
    step = STEPS.get(do)
    if step is None:
        return []
    tr, meta = app.tr, app.game.scenario.meta
    ages = {p["id"]: p.get("age") for p in view.family}
    children = [child] if child else [p["id"] for p in view.family if p.get("child")]
    lines: list[str] = []
    for c in children:
        heading = len(children) > 1
        if heading:
            lines.append(tr("informed.about", child=app.person_name(c)))
        talks = view.family_talks.get(c, [])
        for k in talks:
            what = tr.opt(f"opt.purpose.{k['purpose']}", k["purpose"])
            key = "informed.talk_counts" if step in k.get("counts_for", []) else f"informed.talk_not_{step}"
            lines.append(tr(key, who=_names(app, k["with"]), date=tr.date(meta, k["t"]), purpose=what))
        missing = view.not_yet_informed.get(c, {}).get(step, [])
        if not talks:
            lines.append(tr("informed.no_talks", child=app.person_name(c)))
        adults = [p for p in missing if p != c]
        if adults:
            lines.append(tr("informed.missing_one" if len(adults) == 1 else "informed.missing_many",
                            who=_names(app, adults)))
        if c in missing:
            age = ages.get(c) or 0
            lines.append(tr("informed.child_16" if age >= 16 else "informed.child_12",
                            who=app.person_name(c), age=age))
        if not missing and view.who_has_a_say.get(c):
            lines.append(tr(f"informed.all_{step}"))
    return lines
