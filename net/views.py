"""What the server shows beyond one role's own desk: the facilitator's team timeline, the projector
dashboard (never facts a role has not shared) and the debrief ("who knew what when")."""

from __future__ import annotations

from typing import Any

from sim import Session

# Parts of an action the room may see on the projector: who did what kind of thing, with whom, about
# which child — never which facts were shared or what was said (that is revealed in the debrief).
PUBLIC_ACTION_KEYS = ("do", "to", "child", "kind", "from", "purpose")
TIMELINE_TYPES = ("action", "event", "incident", "intervention", "vt_report", "meeting", "regisseur", "input")


def card(scenario) -> dict[str, Any]:
    """What every window needs to draw a desk for this scenario and nothing more: its title, calendar
    start and length, the roles at the table and the family members' names — all public at the start
    (every role's view shows the family and the partners). Never facts, events or rules, and not the
    scenario's summary either: it tells the case, including things only one role knows. Per role also
    what its kind of professional does and whether it has professional secrecy — the public catalogue
    (sim/data/roles.yaml) a window's briefing shows (issue 18, item 4)."""
    meta = scenario.meta
    return {"meta": {"id": meta.id, "title": meta.title.model_dump(), "duration": meta.duration,
                     "start_date": meta.start_date.isoformat(), "start_time": meta.start_time.isoformat()},
            "roles": [{"id": r.id, "kind": r.kind, "name": scenario.role_name(r.id).model_dump(),
                       "playable": r.playable, **_kind_card(scenario, r.id)} for r in scenario.roles],
            "persons": [{"id": p.id, "name": p.names.model_dump() if p.name_en else p.name}
                        for p in scenario.family.persons]}


def _kind_card(scenario, role: str) -> dict[str, Any]:
    kind = scenario.role_kind(role)
    if kind is None:
        return {}
    return {"task": kind.task.model_dump() if kind.task else None, "secrecy": kind.secrecy}


def expert_paths(scenario) -> dict[str, list[dict[str, Any]]]:
    """Per role, what the scenario's expert policy does (time and action), for the debrief's
    "you and the expert" timeline; empty when the scenario has no expert policy."""
    from sim import ScenarioError
    from sim.runner import resolve_policy

    try:
        policy = resolve_policy(scenario, "expert")
    except ScenarioError:
        return {}
    out: dict[str, list[dict[str, Any]]] = {}
    if policy.file is not None:
        for step in policy.file.actions:
            out.setdefault(step.role, []).append({"t": step.at, "action": step.action.params()})
    return out


def timeline(records: list[dict[str, Any]], start: int = 0, scenario=None) -> list[dict[str, Any]]:
    """The team timeline for the facilitator: actions (people and NPCs), world events (with what
    happened, when `scenario` is given), the incident, and the facilitator's own injects and messages,
    from record `start` on."""
    out = []
    for rec in records[max(start, 1):]:
        kind = rec.get("type")
        if kind not in TIMELINE_TYPES:
            continue
        if kind == "input" and rec.get("role") != "facilitator":
            continue            # a player's input is followed by its `action` record
        entry = {k: v for k, v in rec.items() if k not in ("said",)}
        if kind == "event" and scenario is not None and rec.get("event") in scenario.event_by_id:
            entry["message"] = scenario.event_by_id[rec["event"]].message.model_dump()
        out.append(entry)
    return out


def dashboard(session: Session, revealed: bool = False) -> dict[str, Any]:
    """The projector's picture of the room (issue 7 §4): simulated time, the family as everyone knows
    it at the start, the partners, and actions as they happen without their content. After the
    debrief (`revealed`) it adds who knew which fact when."""
    sc = session.scenario
    actions = [{"t": r["t"], "role": r["role"], "by": r["by"],
                **{k: r["action"][k] for k in PUBLIC_ACTION_KEYS if k in r["action"]}}
               for r in session.records if r.get("type") == "action"]
    out = {"type": "dashboard", "now": session.now, "end": session.end, "finished": session.finished,
           "family": [{"id": p.id, "name": p.names.model_dump() if p.name_en else p.name, "age": p.age, "relation": p.relation.model_dump()}
                      for p in sc.family.persons],
           "partners": [{"id": r.id, "kind": r.kind, "name": sc.role_name(r.id).model_dump(),
                         "played_by": "people" if r.id in session.players else "computer"} for r in sc.roles],
           "actions": actions}
    if revealed:
        out["who_knew"] = who_knew(session)
        out["facts"] = {f.id: f.text.model_dump() for f in sc.facts}
        out["outcome"] = session.outcome
    return out


def who_knew(session: Session) -> dict[str, list[dict[str, Any]]]:
    """Per fact: which role learned it, when and how — the heart of the debrief."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in session.records:
        if r.get("type") == "learn":
            out.setdefault(r["fact"], []).append({"role": r["role"], "t": r["t"], "via": r["via"]})
    return out


def debrief(session: Session) -> dict[str, Any]:
    """What every client receives when the facilitator ends the game: the outcome, who knew what when,
    and the team's score with its findings (scoring/, the same as `run --json` and the report)."""
    from scoring import score_log

    facts = {f.id: f.text.model_dump() for f in session.scenario.facts}
    scored = score_log(session.scenario, session.records).as_json()
    return {"type": "debrief", "outcome": session.outcome, "who_knew": who_knew(session), "facts": facts,
            "score": scored["score"], "findings": scored["findings"], "records": len(session.records) - 1,
            "expert": expert_paths(session.scenario)}
