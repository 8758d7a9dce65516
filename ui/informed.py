"""What the share and report dialogs say about the family being informed — read from the role's view
(its own talks with the family and who has not been told yet, derived by the engine from what took
place), never from a checkbox the player ticks (issue 14, item 4). Each talk line says what the talk was
about ("Moeder geïnformeerd op 1 okt (gesprek: informeren, over delen met de schoolmaatschappelijk
werker)"); a talk about something else does not count for this step (issue 15, item 9). Names, not ids;
natural Dutch."""

from __future__ import annotations

from typing import Any

STEPS = {"share": "share", "report_veilig_thuis": "report", "zorgmelding": "report"}
"""The dialogs that show it, and which kind of step the engine judged the talks for."""


def _names(app: Any, ids: list[str]) -> str:
    names = [app.person_name(p) for p in ids]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {app.tr('informed.and')} " + names[-1]


def _subject(app: Any, talk: dict[str, Any]) -> str:
    """What the talk was about, as the line says it: ", over delen met de schoolmaatschappelijk werker"
    (issue 15: informing is about this share or report); nothing for a talk in general."""
    about = talk.get("about")
    if not about:
        return ""
    sc = app.game.scenario
    names = [app.tr.text(sc.role_in_sentence(r).model_dump()) if r in sc.role_by_id else r
             for r in talk.get("share_with", [])]
    to = (", ".join(names[:-1]) + f" {app.tr('informed.and')} " + names[-1]) if len(names) > 1 else \
        ("".join(names) or app.tr("informed.subject.anyone"))
    return ", " + app.tr(f"informed.subject.{about}", to=to)


def informed_lines(app: Any, view: Any, child: str | None, do: str, facts: list[str] | tuple = (),
                   to: str | None = None) -> list[str]:
    """Plain-text lines for the dialog of action `do` about `child` (every child when None): the
    talks this role held with the family, and who still has to be told, by the child's age. A talk
    held before the role knew the `facts` it now passes on is shown as not counting for them (the
    judge's rule too, sim.claims: a talk is about what one knew then); so is a talk about sharing with
    other professionals than the chosen recipient `to` (issue 15: inform about this share)."""
    step = STEPS.get(do)
    if step is None:
        return []
    since = max((f.learned_at for f in view.dossier if f.id in set(facts or ())), default=0.0)
    tr, meta = app.tr, app.game.scenario.meta
    ages = {p["id"]: p.get("age") for p in view.family}
    children = [child] if child else [p["id"] for p in view.family if p.get("child")]
    lines: list[str] = []
    for c in children:
        heading = len(children) > 1
        if heading:
            lines.append(tr("informed.about", child=app.person_name(c)))
        talks = view.family_talks.get(c, [])
        told: set[str] = set()
        narrowed = False
        for k in talks:
            what = tr.opt(f"opt.purpose.{k['purpose']}", k["purpose"]) + _subject(app, k)
            counts = step in k.get("counts_for", [])
            key = "informed.talk_counts" if counts else f"informed.talk_not_{step}"
            if counts and k["t"] < since:
                key, counts = "informed.talk_before_facts", False
            if counts and to and k.get("about") == "share" and k.get("share_with") and to not in k["share_with"]:
                key, counts = "informed.talk_other_recipient", False
                narrowed = True
            if counts:
                told |= set(k["with"])
            lines.append(tr(key, who=_names(app, k["with"]), date=tr.date(meta, k["t"]), purpose=what))
        missing = view.not_yet_informed.get(c, {}).get(step, [])
        if since > 0 or narrowed:  # talks before the facts, or about other recipients, do not count
            missing = sorted(set(view.who_has_a_say.get(c, [])) - told)
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
