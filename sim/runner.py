"""The headless runner: play a scenario from start to end with a policy (design.md `run`).

Roles the policy plays are 'players' (their inputs go to the log); every other role is an NPC.
Solo judging (issue 14): with `role`, only the policy's steps for that role are played, by the one
player; every other role is a computer partner at the chosen level (sim.partners)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from sim.engine import Session
from sim.errors import Problem, ScenarioError, msg
from sim.log import FileLog, LogSink, MemoryLog
from sim.model import Scenario
from sim.partners import DEFAULT_LEVEL, LEVELS
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
    if not is_file and not path.exists():
        raise ScenarioError([_no_policy(scenario, name)])
    pol = load_policy(path, scenario)
    roles = tuple(pol.roles) if pol.roles is not None else playable
    return Policy(pol.policy if name not in BUILTIN else name, roles, file=pol)


def _no_policy(scenario: Scenario, name: str) -> Problem:
    """A scenario without its own expert policy: where it was looked for and how to make one (issue 20)."""
    from sim.policy import POLICY_DIR

    file = f"{scenario.meta.id}_{name}.yaml"
    here = Path(scenario.source_path).parent / "policies" / file if scenario.source_path else POLICY_DIR / file
    where = scenario.source_path or file
    return Problem.of(str(where), 1, 1, msg("no_policy", name=name, beside=str(here), shipped=str(POLICY_DIR / file)))


def steps(session: Session, policy: Policy, only: str | None = None) -> Iterator[tuple[float, str, Any]]:
    """The policy's decisions in time order, as (time, role, action or a function that picks one);
    with `only`, the decisions for that one role."""
    if policy.random:
        yield from random_steps(session, [only] if only else list(policy.roles))
    elif policy.file is not None:
        for step in policy.file.actions:
            if step.after_event is None and (only is None or step.role == only):
                yield step.at, step.role, step.action


def relative_steps(policy: Policy, only: str | None = None) -> list[Any]:
    """The policy's steps placed after a world event (`after_event`), in file order."""
    if policy.file is None:
        return []
    return [st for st in policy.file.actions if st.after_event is not None and (only is None or st.role == only)]


def _take(session: Session, t: float, who: str, action: Any, refused: list[dict]) -> None:
    chosen = action() if callable(action) else action
    result = session.act(who, chosen)
    if not result.ok:
        refused.append({"t": t, "role": who, "action": chosen if isinstance(chosen, dict) else chosen.params(),
                        "reason": result.reason.model_dump() if result.reason else None})


def _relative_until(session: Session, pending: list[Any], until: float, refused: list[dict]) -> None:
    """Walk the world up to `until` one happening at a time, taking each step placed after an event
    once that event has happened and the step's delay has passed (steps after an event that never
    happens are never taken)."""
    while pending and not session.finished:
        happened = session.world.happened
        due = sorted(((happened[st.after_event] + st.at, i) for i, st in enumerate(pending)
                      if st.after_event in happened), key=lambda x: x[0])
        nxt = session.next_event_time()
        if due and due[0][0] <= until and (nxt is None or due[0][0] <= nxt):
            t, i = due[0]
            step = pending.pop(i)
            session.advance(max(t, session.now))
            if session.finished or t > session.end:
                return
            _take(session, session.now, step.role, step.action, refused)
        elif nxt is not None and nxt <= until:
            session.advance(nxt)
        else:
            return


def check_solo(scenario: Scenario, role: str | None, partners: str | None) -> str | None:
    """The one-line problem with `--role` / `--partners` (None when usable)."""
    if role is None:
        return "--partners needs --role: name the role the policy plays alone" if partners else None
    if role not in scenario.role_by_id:
        playable = ", ".join(r.id for r in scenario.roles if r.playable)
        return f'--role {role}: scenario "{scenario.meta.id}" has no such role (playable: {playable})'
    if not scenario.role_by_id[role].playable:
        return f'--role {role}: this role is always played by the computer'
    if partners is not None and partners not in LEVELS:
        return f"--partners {partners}: use one of {', '.join(LEVELS)}"
    return None


def play(scenario: Scenario, policy: Policy, seed: int, log: LogSink | None = None, role: str | None = None,
         partners: str | None = None, wall: Callable[[], float] | None = None,
         names: dict[str, Any] | None = None) -> tuple[Session, list[dict]]:
    """Play the whole scenario; returns the finished session and the refused steps (with reasons).

    With `role` (solo judging), the policy's steps for that role are played by the only player and every
    other role is a computer partner at level `partners` (default competent); the header says both.
    `wall` (a real clock) and `names` ({role: name}) make the log look like people played it (tests of
    the xAPI export, demos); a headless run has neither."""
    extra = {"policy": policy.name, **({"names": names} if names else {})}
    if role is None:
        session = Session(scenario, seed, players=policy.roles, log=log or MemoryLog(), header=extra, wall=wall)
    else:
        session = Session(scenario, seed, players=[role], log=log or MemoryLog(), wall=wall,
                          header={**extra, "partners": partners or DEFAULT_LEVEL})
    refused = play_until(session, policy, session.end, only=role)
    session.finish()
    return session, refused


def play_until(session: Session, policy: Policy, until: float, only: str | None = None) -> list[dict]:
    """Take the policy's steps (of role `only`, or all) up to `until` — fixed-time steps at their moment,
    steps placed after an event once it happened and their delay passed — and walk the world there.
    Returns the refused steps with their reasons. The headless run and the window's `--from`/`--until`
    share this one walk, so a policy plays the same in both."""
    refused: list[dict] = []
    pending = relative_steps(policy, only=only)
    for t, who, action in steps(session, policy, only=only):
        if t > until:
            break
        _relative_until(session, pending, t, refused)
        session.advance(t)
        if session.finished or t > session.end:
            break
        _take(session, t, who, action, refused)
    _relative_until(session, pending, min(until, session.end), refused)
    return refused


def run_summary(session: Session, policy_name: str) -> dict[str, Any]:
    """The `run --json` object (design.md): scenario, seed, policy, events, outcome; in solo play also
    `player` (the one role played from the policy) and `partners` (the computer partners' level)."""
    summary = {
        "scenario": session.scenario.meta.id,
        "seed": session.seed,
        "policy": policy_name,
        "events": len(session.records) - 1,
        "outcome": session.outcome,
    }
    if session.partners is not None:
        summary["player"] = next(iter(sorted(session.players)), None)
        summary["partners"] = session.partners
    return summary


def open_log(path: str | Path | None, overwrite: bool = False) -> LogSink:
    """A new file log at `path` (an existing file is refused unless `overwrite`), or an in-memory log."""
    return FileLog(path, overwrite=overwrite) if path else MemoryLog()
