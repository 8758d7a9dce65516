"""The `random` policy: plausible actions at plausible times, drawn from a generator seeded by the
session seed — an untrained team acting on impulse. Used by `run --policy random` and `balance`."""

from __future__ import annotations

import random
from typing import Any, Iterator

from sim.actions import ACTION_IDS
from sim.engine import Session

DECISIONS_PER_WEEK = 1.0
REACTION_CHANCE = 0.5
REACTION_DELAY = (4.0, 72.0)
BASES = ("consent", "meldcode", "none", "conflict_of_duties")


def random_steps(session: Session, roles: list[str]) -> Iterator[tuple[float, str, Any]]:
    """Yield (time, role, decide) where `decide()` picks an action from what the role knows then.

    Decisions come at random moments (about one a week) and, with probability REACTION_CHANCE, as a
    reaction one to three days after something lands in a role's inbox — an untrained team that does
    respond to what it sees, but without method."""
    rng = random.Random(f"random-policy:{session.seed}")
    seen = {r: 0 for r in roles}
    pending: list[tuple[float, str, bool]] = []
    next_base = rng.expovariate(DECISIONS_PER_WEEK / 168.0)
    while True:
        for role in roles:
            inbox = session.world.inbox.get(role, [])
            for item in inbox[seen[role]:]:
                if item.facts and rng.random() < REACTION_CHANCE:
                    pending.append((max(session.now, item.t) + rng.uniform(*REACTION_DELAY), role, True))
            seen[role] = len(inbox)
        pending.sort()
        if pending and pending[0][0] < next_base:
            t, role, reacting = pending.pop(0)
        else:
            t, role, reacting = next_base, rng.choice(roles), False
            next_base = t + rng.expovariate(DECISIONS_PER_WEEK / 168.0)
        if t >= session.end:
            return
        yield t, role, (lambda role=role, reacting=reacting: _react(session, role, rng) if reacting
                        else impulsive_action(session, role, rng))


def _react(s: Session, role: str, rng: random.Random) -> dict[str, Any]:
    """A plausible but unmethodical response to a new signal: talk, consult, register, share or report."""
    child = rng.choice([c.id for c in s.scenario.children])
    known = sorted(s.world.knowledge.get(role, {}))
    facts = rng.sample(known, k=min(len(known), rng.randint(1, 2))) if known else []
    others = [r.id for r in s.scenario.roles if r.id != role]
    options: list[dict[str, Any]] = [
        {"do": "talk_parents", "child": child, "purpose": rng.choice(["inform", "concern"])},
        {"do": "consult_colleague", "child": child},
        {"do": "vir_register", "child": child},
    ]
    if facts:
        options.append({"do": "share", "to": rng.choice(others), "facts": facts, "basis": rng.choice(BASES),
                        **_note(rng)})
        if any(r.kind == "veilig_thuis" for r in s.scenario.roles):
            options.append({"do": "report_veilig_thuis", "child": child, "facts": facts, **_note(rng)})
    return rng.choice(options)


def _note(rng: random.Random) -> dict[str, Any]:
    """Half the time an untrained professional writes down a short weighing with a share or a report
    (the window asks for it in a text field; nobody ticks "informed" any more)."""
    return {"considerations": "Zorgen over het kind; gedeeld wat ik weet."} if rng.random() < 0.5 else {}


IMPULSES_LEFT_OUT = ("accept_handover", "wait", "zorgmelding", "converse")
"""Actions an untrained team does not take on impulse: accepting what nobody offered, waiting, and the
police's zorgmelding (a procedure, not an impulse; leaving it out keeps the random team of earlier logs)."""


def impulsive_action(s: Session, role: str, rng: random.Random) -> dict[str, Any]:
    """Any action of the vocabulary with plausible parameters from what `role` knows now: how an
    untrained professional acts without method (also drives the random sessions of the soak tests)."""
    sc = s.scenario
    known = sorted(s.world.knowledge.get(role, {}))
    others = [r.id for r in sc.roles if r.id != role]
    child = rng.choice([c.id for c in sc.children])
    facts = rng.sample(known, k=min(len(known), rng.randint(1, 3))) if known else []
    do = rng.choice([a for a in ACTION_IDS if a not in IMPULSES_LEFT_OUT])
    vt = [r.id for r in sc.roles if r.kind == "veilig_thuis"]
    if do in ("share", "consult_anonymous") and facts:
        return {"do": do, "to": rng.choice(others), "facts": facts,
                **({"basis": rng.choice(BASES), **_note(rng)} if do == "share" else {})}
    if do == "report_veilig_thuis" and facts and vt:
        return {"do": do, "child": child, "facts": facts, **_note(rng)}
    if do == "advice_veilig_thuis" and vt:
        return {"do": do, "anonymous": rng.random() < 0.6, "facts": facts}
    if do in ("talk_child", "talk_parents"):
        return {"do": do, "child": child, "purpose": rng.choice(["inform", "concern", "consent"])}
    if do in ("observe", "vir_register", "take_regie", "make_plan", "close_case"):
        return {"do": do, "child": child}
    if do == "request_info":
        return {"do": do, "from": rng.choice(others), "child": child, "basis": rng.choice(BASES)}
    if do == "case_meeting":
        return {"do": do, "kind": rng.choice(["zat", "mdo", "wijkteam", "family"]), "child": child,
                "invite": rng.sample(others, k=min(len(others), rng.randint(1, 3)))}
    if do == "escalate":
        return {"do": do, "to": rng.choice(["coordinator", "veiligheidshuis", "raad"]), "child": child,
                "request": rng.choice(["regie", "onderzoek", "ots", "case_meeting"])}
    if do in ("give_feedback", "ask_feedback", "handover"):
        return {"do": do, "to": rng.choice(others), "child": child}
    return {"do": "consult_colleague", "child": child}
