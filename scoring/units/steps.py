"""What counts as a role's step on the family's case, for the time-driven rule units (silence,
bystander, report): the Meldcode's steps (domain.md §4) and convening a meeting. Also the ledger
question these units share — acute or structural unsafety known to a role (Meldcode stap 4) — as a
small helper over the ledger (scoring.ledger), so that the duty to report and the exception to
informing the parents first rest on one definition. This module holds no rule unit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim.consent import required_consenters

if TYPE_CHECKING:
    from scoring.ledger import Ledger
    from sim.model import Scenario

MELDCODE_STEPS = frozenset({
    "consult_colleague", "consult_anonymous", "advice_veilig_thuis", "share", "report_veilig_thuis",
    "vir_register", "case_meeting", "talk_parents", "escalate", "observe", "talk_child", "take_regie",
    "make_plan", "give_feedback", "ask_feedback", "handover", "accept_handover"})
"""Actions that are a step on a family's case: no longer silent under the Meldcode (seed 003 VIR)."""

HELP_STEPS = frozenset({"make_plan", "case_meeting", "take_regie"})
"""Organising help: good, but with acute or structural unsafety no replacement for a report (seed 003,
9 vragen, vraag 7)."""

def step_child(ledger: Ledger, a: dict[str, Any]) -> str:
    """The child an action concerns: the one it names, else the child its facts are about ("" if none)."""
    if a.get("child"):
        return str(a["child"])
    facts = [f for f in a.get("facts") or () if f in ledger.sc.fact_by_id]
    return ledger.child_of(facts) if facts else ""


def knowledge_mark(ledger: Ledger) -> tuple[int, int]:
    """Changes whenever a role learns something or the risk moves: units that derive from what roles
    know need not look again while it stays the same."""
    return ledger.learned, len(ledger.risk)


def disclosed_violence(ledger: Ledger, role: str, child: str, t: float) -> bool:
    """`role` knows, at `t`, a safety signal of violence at home about `child` that a disclosure or a
    police call-out brought to light (scenario data: the fact's `sensitivity: domestic_violence`, and an
    event of kind `disclosure` or `call_out` that reveals it) — acute unsafety whatever the risk level
    (Meldcode stap 4; seed 003, 9 vragen, vraag 7). Which facts are such signals is the scenario's
    alone, worked out once (scoring.signals, `acute`)."""
    sig, known = ledger.signals, ledger.knew.get(role, {})
    return any(fact_id in known and known[fact_id] <= t and sig.concerns(fact_id, child) for fact_id in sig.acute)


def signal_in_danger(ledger: Ledger, role: str, child: str, t: float) -> bool:
    """The family's risk is at `t` at or above the level at which Veilig Thuis acts urgently
    (`risk.urgent_at`), and `role` learned a safety signal about `child` while it was: the role sees the
    danger of now, not only a history it knew before (no role is blamed for what it could not know —
    a therapist who knew of the mother's addiction does not see the rows at home)."""
    urgent = ledger.sc.risk.urgent_at
    if ledger.level_at(t) < urgent:
        return False
    sig = ledger.signals
    return any(when <= t and f in sig.safety and sig.concerns(f, child)
               and ledger.level_at(when) >= urgent for f, when in ledger.knew.get(role, {}).items())


def acute_danger(ledger: Ledger, role: str, child: str, t: float) -> bool:
    """Acute unsafety in the narrow sense, known to `role` about `child` at `t`: violence at home that
    a disclosure or a police call-out brought to light (`disclosed_violence`). The Meldcode's
    afwegingskader acts on it at once ("bij acute gevallen direct"; seed 003, 9 vragen, vraag 1), so
    the report is due within the short `thresholds.acute_report_days` (T-meldcode-acute)."""
    return disclosed_violence(ledger, role, child, t)


def acute_unsafety(ledger: Ledger, role: str, child: str, t: float) -> bool:
    """THE definition of "acute or structural unsafety known to a role" (Meldcode stap 4; seed 003,
    9 vragen, vraag 1, 2 and 7), used by every rule that asks it: the duty to report
    (T-meldcode-report, T-meldcode-acute), the urgent mark on a report (T-vt-urgent), the exception to
    informing the family first (P-unsafe-to-inform) and to the Meldcode's order (T-meldcode-order).
    True when `role` knows at `t`, about `child`, a safety signal that reached it while the family's
    risk stood at or above `risk.urgent_at` (`signal_in_danger`: structural unsafety), or violence at
    home brought to light by a disclosure or a call-out (`acute_danger`). Only the ledger and its
    scenario (`ledger.sc`) are read; the answer never depends on who asks or why."""
    return signal_in_danger(ledger, role, child, t) or acute_danger(ledger, role, child, t)


def say_to(sc: Scenario, child: str) -> tuple[str, ...]:
    """Who must hear of a report about `child` first, in order — the parents with gezag, and from 12 the
    child too, from 16 the young person alone (sim.consent.required_consenters; Meldcode stap 3, seed
    003, 9 vragen, vraag 2 and 5): the people a "Juist:" line about informing names."""
    person = sc.person_by_id.get(child)
    if person is None:
        return ()
    needed = required_consenters(person)
    return tuple(p for p in (*person.gezag, child) if p in needed)
