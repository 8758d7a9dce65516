"""The headless runner: play a scenario from start to end with a policy (design.md `run`).

Roles the policy plays are 'players' (their inputs go to the log); every other role is an NPC."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from sim.engine import Session
from sim.log import FileLog, LogSink, MemoryLog
from sim.model import Scenario
from sim.policy import PolicyFile, load_policy, policy_path
from sim.random_policy import random_steps

BUILTIN = ("expert", "passive", "random")


@dataclass(frozen=True)
class Policy:
    """A policy ready to play: its name, the roles it plays, and its scripted steps (if any)."""

    name: str
    roles: tuple[str, ...]
    file: PolicyFile | None = None
    random: bool = False


def resolve_policy(scenario: Scenario, name: str) -> Policy:
    """`expert` (the scenario's file), `passive`, `random`, or a path to a policy file."""
    playable = tuple(r.id for r in scenario.roles if r.playable)
    if name == "passive":
        return Policy("passive", playable)
    if name == "random":
        return Policy("random", playable, random=True)
    given = Path(name)
    is_file = name not in BUILTIN and (given.suffix != "" or len(given.parts) > 1 or given.exists())
    path = given if is_file else policy_path(scenario, name)
    pol = load_policy(path, scenario)
    roles = tuple(pol.roles) if pol.roles is not None else playable
    return Policy(pol.policy if name not in BUILTIN else name, roles, file=pol)


def steps(session: Session, policy: Policy) -> Iterator[tuple[float, str, Any]]:
    """The policy's decisions in time order, as (time, role, action or a function that picks one)."""
    if policy.random:
        yield from random_steps(session, list(policy.roles))
    elif policy.file is not None:
        for step in policy.file.actions:
            yield step.at, step.role, step.action


def play(scenario: Scenario, policy: Policy, seed: int, log: LogSink | None = None) -> tuple[Session, list[dict]]:
    """Play the whole scenario; returns the finished session and the refused steps (with reasons)."""
    session = Session(scenario, seed, players=policy.roles, log=log or MemoryLog(), header={"policy": policy.name})
    refused = []
    for t, role, action in steps(session, policy):
        session.advance(t)
        if session.finished or t > session.end:
            break
        chosen = action() if callable(action) else action
        result = session.act(role, chosen)
        if not result.ok:
            refused.append({"t": t, "role": role, "action": chosen if isinstance(chosen, dict) else chosen.params(),
                            "reason": result.reason.model_dump() if result.reason else None})
    session.finish()
    return session, refused


def run_summary(session: Session, policy_name: str) -> dict[str, Any]:
    """The `run --json` object (design.md): scenario, seed, policy, events, outcome."""
    return {
        "scenario": session.scenario.meta.id,
        "seed": session.seed,
        "policy": policy_name,
        "events": len(session.records) - 1,
        "outcome": session.outcome,
    }


def open_log(path: str | Path | None, overwrite: bool = False) -> LogSink:
    """A new file log at `path` (an existing file is refused unless `overwrite`), or an in-memory log."""
    return FileLog(path, overwrite=overwrite) if path else MemoryLog()
