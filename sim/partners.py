"""Computer partners in solo play (issue 14): every role the solo player does not play is played by
the computer at a chosen level — `competent`, `realistic` or `passive`.

A competent partner is a skilled colleague who reacts to what it knows: it takes the steps of the
scenario's expert policy for its own role, but a step only once the role knows what the step needs —
the facts it would share or report, and the child it is about (its own client, a fact about the child,
the regie, a handover or a VIR registration of its own). A step it never gets the knowledge for is
never taken: if the teacher never passes on her worry, the school social worker cannot act on it.
A realistic partner does the same later, and leaves some steps undone (the scenario's
`npc.partners.realistic`; seed 003: the IB'er who "laat het erbij zitten"). Passive partners take no
steps of their own; they only answer requests, handovers and meetings (sim.npc).

Partners' actions are world records (`action` with `by: npc`), never inputs: a solo log replays to the
same world from its header (`"partners": LEVEL`) and the player's inputs. The partners' own chances
(skips, jitter) come from one generator seeded by a single draw from the session's generator, so the
world's timeline is the same at every level for a given seed."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.model import PartnerLevel, Scenario
from sim.world_events import on_duty

if TYPE_CHECKING:
    from sim.engine import Session

LEVELS = ("competent", "realistic", "passive")
DEFAULT_LEVEL = "competent"
"""The level for e-learning: the solo player's partners do their part (issue 14)."""
PARTNER_POLICY = "expert"
"""The policy whose steps competent and realistic partners take for their own roles."""


@dataclass
class PartnerStep:
    """One step a computer partner intends to take: not before `due`, and only once its role knows
    what the step needs."""

    due: float
    role: str
    action: Any
    done: bool = False
    after_event: str | None = None
    """A step the expert takes after a world event: `due` counts from the moment that event happens."""
    woken: bool = False


@dataclass
class PartnerPlan:
    """The partners' intentions in one session, in the order the expert policy has them."""

    level: str
    steps: list[PartnerStep] = field(default_factory=list)


def level_of(header: dict[str, Any] | None) -> str | None:
    """The partner level a session header asks for (None: no computer partners, every role in the
    header's `players` acts by itself and the scenario's NPC rules play the others)."""
    level = (header or {}).get("partners")
    if level is None:
        return None
    if level not in LEVELS:
        raise ValueError(f'unknown partner level "{level}" (use {", ".join(LEVELS)})')
    return str(level)


_LOADED: dict[tuple[str, float, str], tuple[tuple[float, str, Any, str | None], ...]] = {}


def _expert_steps(path: str, mtime: float, scenario: Scenario) -> tuple[tuple[float, str, Any, str | None], ...]:
    key = (path, mtime, scenario.content_hash)
    if key not in _LOADED:
        from sim.policy import load_policy

        pol = load_policy(path, scenario)
        _LOADED[key] = tuple((st.at, st.role, st.action, st.after_event) for st in pol.actions)
    return _LOADED[key]


def expert_steps(scenario: Scenario) -> tuple[tuple[float, str, Any, str | None], ...]:
    """The scenario's expert policy as (time, role, action, the event it follows or None); empty when
    the scenario has none."""
    from sim.policy import policy_path

    path = policy_path(scenario, PARTNER_POLICY)
    if not Path(path).is_file():
        return ()
    return _expert_steps(str(path), Path(path).stat().st_mtime, scenario)


def settings(scenario: Scenario, level: str) -> PartnerLevel | None:
    """The scenario's settings for a level that takes steps (None for `passive`)."""
    return getattr(scenario.npc.partners, level, None) if level != "passive" else None


def start(s: "Session") -> None:
    """Plan the computer partners' steps at the start of a solo session (nothing without partners)."""
    if s.partners is None:
        return
    rng = random.Random(s.rng.random())  # one draw: the world's own chances stay the same at every level
    plan = PartnerPlan(s.partners)
    s.partner_plan = plan
    conf = settings(s.scenario, s.partners)
    if conf is None:
        return
    for at, role, action, after in expert_steps(s.scenario):
        if role in s.players or not s.scenario.role_by_id[role].playable:
            continue
        skipped = role in conf.skip_roles or action.do in conf.skip_actions
        chance = rng.random()
        shift = float(rng.randint(-int(conf.jitter), int(conf.jitter))) if conf.jitter >= 1 else 0.0
        if skipped or chance < conf.skip_chance:
            s.emit("partner_skips", role=role, action=action.params(), level=s.partners)
            continue
        due = max(0.0, at + conf.delay + shift)
        if after is None:
            due = on_duty(s.scenario, role, due)  # a colleague acts in working hours (issue 17, item 8)
        if after is not None:  # due counts from the event; the world is woken once it has happened (react)
            plan.steps.append(PartnerStep(due, role, action, after_event=after))
            continue
        if due > s.end:
            continue
        plan.steps.append(PartnerStep(due, role, action))
        s.later(due - s.now, lambda: None, visible=False)  # wake the world at the step's time so it is taken then


def knows_child(s: "Session", role: str, child: str) -> bool:
    """Does `role` know of this child as a professional would: its own client, a fact about the child
    it has learned, the regie over the child, a handover offered to it, or its own VIR registration?"""
    if child in s.scenario.role_by_id[role].clients:
        return True
    if s.world.regisseur.get(child) == role or (child, role) in s.world.handovers:
        return True
    if role in s.world.vir.get(child, []):
        return True
    known = s.world.knowledge.get(role, {})
    return any(child in s.scenario.fact_by_id[f].about for f in known)


def ready(s: "Session", role: str, action: Any) -> bool:
    """Does `role` know what this step needs: every fact it would pass on, and the child it is about?"""
    facts = getattr(action, "facts", None) or []
    if any(not s.world.knows(role, f) for f in facts):
        return False
    child = getattr(action, "child", None)
    return child is None or knows_child(s, role, child)


def react(s: "Session") -> None:
    """Take every partner step that is due and whose role now knows what it needs. A step whose
    knowledge comes later is taken then; one whose knowledge never comes is never taken."""
    plan = s.partner_plan
    if plan is None or s.finished:
        return
    for step in plan.steps:
        if step.after_event is not None and not step.woken:
            happened = s.world.happened.get(step.after_event)
            if happened is None:
                continue
            step.due, step.woken = on_duty(s.scenario, step.role, happened + step.due), True
            if s.now < step.due <= s.end:
                s.later(step.due - s.now, lambda: None, visible=False)
        if step.done or step.due > s.now or not ready(s, step.role, step.action):
            continue
        step.done = True
        result = s.act(step.role, step.action, by="npc")
        if not result.ok:
            s.emit("npc_skipped", partner=step.role, action=step.action.params(),
                   reason=result.reason.model_dump() if result.reason else None)
