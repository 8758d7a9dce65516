"""What a colleague or Veilig Thuis advises, from what the player told them (issue 17, item 6: "a consult
with a colleague or with Veilig Thuis gives advice that depends on what you told them").

The advice follows the Meldcode's five steps (domain.md §4; seed 003, 9 vragen and 7 tips) and looks only
at what the consult carries — the child named and the facts told — and at what the asking role itself
has already done. It never uses what the adviser could not know: a hidden fact stays hidden, and an
anonymous caller's child has no age. Texts are data (the `advice_*` texts of sim/data/messages.yaml); this module only picks them.
"""

from __future__ import annotations

from typing import Any

from sim.conditions import DoneFilter
from sim.messages import LANGS, Text, child_phrase, message
from sim.model import Scenario

SPECIAL = frozenset({"medical", "ggz", "justice"})
"""Special personal data (AVG art. 9/10: health, criminal records): share only what the other needs for
their own task (seed 003, 7 tips, tip 6)."""


def _done(done: list[Any], role: str, do: str, child: str | None) -> bool:
    """Has `role` itself taken step `do` (about `child`)? The condition vocabulary's own filter
    (sim.conditions.DoneFilter), so a zorgmelding counts as a report here as everywhere."""
    flt = DoneFilter(action=do, by=role, child=child)
    return any(flt.matches(d.role, d.params) for d in done)


def advice_keys(scenario: Scenario, done: list[Any], role: str, child: str | None, facts: list[str],
                adviser: str) -> list[tuple[str, dict[str, str]]]:
    """The advice lines (`advice_*` keys of sim/data/messages.yaml with their values) for a consult by `role` about
    `child` with `facts` told; `adviser` is "colleague" or "veilig_thuis". Pure: the scenario, the role's
    own past steps (`done`, the world's DoneAction list) and what was told decide it.

    - nothing told → map the signals first (Meldcode stap 1), and nothing else yet;
    - a signal of unsafety → Veilig Thuis advice and weighing a report; acute or structural unsafety
      must always be reported (seed 003, vraag 7); after a report: keep in touch and ask for feedback;
    - a worry without unsafety → the VIR, so you hear who else is involved (seed 003 VIR);
    - the parents not yet talked with → talk with them first and tell them with whom you share (7 tips);
    - the child's age → from 12 the child consents too; younger children are talked with at their
      level, never promised secrecy (7 tips, tip 3);
    - another's professional secrecy or special data among the facts → minimal facts (tip 6)."""
    told = [scenario.fact_by_id[f] for f in facts if f in scenario.fact_by_id]
    told = [f for f in told if f.sensitivity != "identity" and not f.identifying]  # a name is not a signal
    lines: list[tuple[str, dict[str, str]]] = []
    if not told:
        return [("no_signals", {})]
    reported = _done(done, role, "report_veilig_thuis", child)
    if any(f.safety for f in told):
        if reported:
            lines.append(("after_report", {}))
        elif adviser == "veilig_thuis":
            lines.append(("vt_unsafe", {}))
        elif _done(done, role, "advice_veilig_thuis", None):
            lines.append(("weigh_report", {}))
        else:
            lines.append(("unsafe", {}))
    elif told and not _done(done, role, "vir_register", child):
        lines.append(("worry_vir", {}))
    if child is not None and not _done(done, role, "talk_parents", child) and not reported:
        lines.append(("talk_parents", {}))
    person = scenario.person_by_id.get(child) if child else None
    if person is not None and person.is_child:
        if person.age >= 12:
            lines.append(("child_consents", {"age": str(person.age)}))
        elif person.age >= 4 and not _done(done, role, "talk_child", child):
            lines.append(("talk_child", {"age": str(person.age)}))
    if any(f.secrecy_of and f.secrecy_of != role for f in told):
        lines.append(("others_secrecy", {}))
    elif any(f.sensitivity in SPECIAL for f in told):
        lines.append(("special_data", {}))
    return lines


def advice_text(scenario: Scenario, done: list[Any], role: str, child: str | None, facts: list[str],
                adviser: str) -> Text:
    """The advice as one inbox text, nl and en: the opening of the adviser and the lines of
    advice_keys, with the child's name filled in."""
    name = child_phrase(scenario, child) if child and child in scenario.person_by_id else message("advice_the_child")
    parts = [message(f"advice_open_{adviser}")]
    parts += [message(f"advice_{key}", child=name, **values)
              for key, values in advice_keys(scenario, done, role, child, facts, adviser)]
    return Text(**{lang: " ".join(getattr(p, lang) for p in parts) for lang in LANGS})
