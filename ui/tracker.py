"""The Meldcode tracker (issue 17, item 7): for each child, where the player's role stands in the five
steps of the Meldcode — signals mapped, consulted, talked, weighed, decided — from the role's own view
(its dossier and its own actions), so the afwegingskader is visible without giving away hidden facts.

Pure functions over a RoleView; the desk draws the result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

STEPS = ("signals", "consult", "talk", "weigh", "decide")
"""The Meldcode's five steps, in order (Meldcode huiselijk geweld en kindermishandeling)."""

CONSULTING = {"consult_colleague", "consult_anonymous", "advice_veilig_thuis", "vir_register", "case_meeting",
              "share", "request_info"}
"""Step 2: a colleague, Veilig Thuis (advice), the Verwijsindex or partners at a table."""
TALKING = {"talk_parents", "talk_child"}
"""Step 3: the talk with the client — the parents, and the child where age allows. A talk counts only
when the worry was actually discussed (sim.client_talks.discussed)."""
WEIGHING = {"case_meeting", "advice_veilig_thuis"}
"""Step 4: weighing together (at a table, or with Veilig Thuis's advice), or a step that carries its
written weighing (`considerations`)."""
DECIDING = {"report_veilig_thuis", "zorgmelding", "make_plan", "take_regie", "handover", "escalate"}
"""Step 5: report to Veilig Thuis and/or organise help (a plan, the lead, a handover, escalation)."""


@dataclass(frozen=True)
class ChildProgress:
    """One child's five steps: for each, when the role first took it (hours), or None."""

    child: str
    done: dict[str, float | None]
    talk_begun: float | None = None
    """When the role first began a talk with the client about this child (step 3), done or not."""
    talk_left: tuple[str, ...] = ()
    """While step 3 is not done: what is left, as tracker text keys (`talk_left.parents`, …)."""

    def next_step(self) -> str | None:
        """The first step not yet taken (None when all five are)."""
        return next((s for s in STEPS if self.done[s] is None), None)


def _child_of(action: dict[str, Any], about: dict[str, list[str]], children: list[str]) -> set[str]:
    if action.get("child") in children:
        return {action["child"]}
    kids: set[str] = set()
    for fact in action.get("facts") or ():
        kids |= {p for p in about.get(fact, []) if p in children}
    return kids


def is_signal(fact: Any, child: str, children: list[str]) -> bool:
    """Does this dossier fact map a signal about `child` (Meldcode stap 1)? A fact about this child alone
    does; so does a signal of unsafety about the household or naming the child. Background about the
    whole family (a divorce, who lives where) and identity data do not: knowing them is not yet
    mapping a worry about one child."""
    if fact.sensitivity == "identity":
        return False
    kids = set(fact.about) & set(children)
    if kids == {child}:
        return True
    return bool(getattr(fact, "safety", False)) and (child in kids or not kids)


def progress(view: Any) -> list[ChildProgress]:
    """Per child of the family (as the role sees it), when each Meldcode step was first taken."""
    children = [p["id"] for p in view.family if p.get("child", p.get("age", 99) < 18)]
    about = {f.id: list(f.about) for f in view.dossier}
    out = []
    for child in children:
        done: dict[str, float | None] = dict.fromkeys(STEPS)
        signals = [f.learned_at for f in view.dossier if is_signal(f, child, children)]
        done["signals"] = min(signals) if signals else None
        for act in view.my_actions:
            a, t = act.get("action", act), float(act.get("t", 0.0))
            if child not in _child_of(a, about, children):
                continue
            do = a.get("do")
            if do == "observe" and done["signals"] is None:
                done["signals"] = t
            for step, kinds in (("consult", CONSULTING), ("decide", DECIDING)):
                if done[step] is None and do in kinds:
                    done[step] = t
        done["weigh"] = (getattr(view, "weigh_steps", None) or {}).get(child)  # the view says (sim.meldcode_steps)
        step3 = (getattr(view, "talk_steps", None) or {}).get(child, {})  # the view says (sim.client_talks)
        done["talk"], begun, left = step3.get("done"), step3.get("begun"), tuple(step3.get("left", ()))
        out.append(ChildProgress(child, done, begun, left if done["talk"] is None and begun is not None else ()))
    return out


def tracker_html(tr: Any, view: Any, person_name: Any) -> str:
    """Where the role stands in the Meldcode's five steps for each child, as the desk's card shows it
    (issue 17, item 7); `person_name` names a child in the player's language."""
    from ui.widgets import esc

    rows = [f"<b>{esc(tr('tracker.title'))}</b>"]
    for p in progress(view):
        nxt = p.next_step()
        head = tr("tracker.next", step=tr(f"tracker.{nxt}")) if nxt else tr("tracker.all_done")
        rows.append(f"<b>{esc(person_name(p.child))}</b> — {esc(head)}")
        for n, step in enumerate(STEPS, 1):
            t = p.done[step]
            when = tr("tracker.day", d=int(t // 24) + 1) if t is not None else tr("tracker.not_yet")
            if step == "talk" and t is None and p.talk_begun is not None:  # begun, but the worry not yet discussed
                when = tr("tracker.talk_begun", d=int(p.talk_begun // 24) + 1)
            line = f"{n}. {tr(f'tracker.{step}')}: {when}"
            rows.append(esc(line) if t is not None else f"<i>{esc(line)}</i>")
            if step == "talk" and p.talk_left:
                name = person_name(p.child)
                what = "; ".join(tr(f"tracker.{key}", child=name) for key in p.talk_left)
                rows.append("&nbsp;&nbsp;&nbsp;" + esc(tr("tracker.left", what=what)))
    return "<br>".join(rows)


def family_card_html(tr: Any, view: Any, person_name: Any) -> str:
    """The desk's family card: the Meldcode tracker, then persons, ages, relation and who has gezag."""
    from ui.widgets import esc

    rows = [tracker_html(tr, view, person_name), ""]
    for p in view.family:
        line = f"<b>{esc(tr.text(p['name']))}</b> ({p['age']}) — {esc(tr.text(p['relation']))}"
        if p["gezag"]:
            line += "<br>" + esc(tr("family.gezag", who=", ".join(person_name(x) for x in p["gezag"])))
        rows.append(line)
    return "<br>".join(rows)
