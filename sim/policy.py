"""Policy files: a scripted player (design.md). A list of timed actions for roles, used for tests,
dry-runs, balance checks and trainers' demos. Built-in policies: expert (the scenario's own file),
passive (nobody acts) and random (plausible actions at plausible times, from the seed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, model_validator

from sim.actions import Action
from sim.errors import Msg, ScenarioError, hint, msg
from sim.fields import Frozen, Hours, Id
from sim.loader import SCENARIO_DIR
from sim.model import Scenario
from sim.references import action_refs, check_refs, id_sets
from sim.yamlsource import Source, YamlProblem, parse_yaml_bytes, read_bytes, read_yaml

POLICY_DIR = SCENARIO_DIR / "policies"


class PolicyStep(Frozen):
    """One scripted decision: at simulated time `at`, role `role` does `action`. With `after_event` the
    step is placed relative to a world event, the incident or an intervention: `at` after it happened
    (issue 20, item 5: "1d na het nachtelijk incident"), so an expert policy holds when events move with
    their jitter; the step is not taken when the event never happens."""

    at: Hours
    role: Id
    action: Action
    after_event: Id | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _inline_action(cls, data: Any) -> Any:
        if isinstance(data, dict) and "action" not in data:
            own = {"at", "role", "note", "after_event"}
            data = {k: v for k, v in data.items() if k in own} | {
                "action": {k: v for k, v in data.items() if k not in own}}
        return data


class PolicyFile(Frozen):
    """A whole policy file: its name, the roles it plays (default: every playable role) and its steps."""

    policy: str = Field(min_length=1)
    scenario: Id | None = None
    roles: list[Id] | None = None
    actions: list[PolicyStep] = Field(default_factory=list)


def load_policy(path: str | Path, scenario: Scenario) -> PolicyFile:
    """Read a policy file (once, bounded) and check it against the scenario (ids exist, steps in time order)."""
    try:
        src = read_yaml(path)
    except YamlProblem as exc:
        raise ScenarioError([exc.problem]) from None
    return policy_from_source(src, scenario)


def _policy_shape(src: Source) -> PolicyFile:
    from sim.loader import validate_finite

    return validate_finite(src, PolicyFile, "not_a_policy")


def policy_from_source(src: Source, scenario: Scenario) -> PolicyFile:
    """Check an already parsed policy file against the scenario (ids exist, steps in time order)."""
    pol = _policy_shape(src)
    ids = {
        "role": [r.id for r in scenario.roles],
        "person": [p.id for p in scenario.family.persons],
        "child": [p.id for p in scenario.children],
        "fact": [f.id for f in scenario.facts],
        "event": [e.id for e in scenario.events] + [scenario.incident.id] + [iv.id for iv in scenario.interventions],
        "conversation": [c.id for c in scenario.conversations],
    }
    problems = []
    for i, step in enumerate(src.data.get("actions", [])):
        base = ("actions", i, "action") if "action" in step else ("actions", i)
        problems += [src.problem(p, m) for p, m in check_refs(action_refs(step.get("action", step), base), ids)]
        problems += [src.problem(("actions", i, "role"), m) for _, m in
                     check_refs(iter([(("role",), "role", step["role"])]), ids)]
        if step.get("after_event") is not None:
            problems += [src.problem(("actions", i, "after_event"), m) for _, m in
                         check_refs(iter([((), "event", step["after_event"])]), ids)]
    for i, r in enumerate(src.data.get("roles") or []):
        problems += [src.problem(("roles", i), m) for _, m in check_refs(iter([((), "role", r)]), ids)]
    if pol.scenario and pol.scenario != scenario.meta.id:
        problems.append(src.problem(("scenario",), msg("policy_other_scenario", theirs=pol.scenario,
                                                       ours=scenario.meta.id)))
    last: dict[str | None, float] = {}  # steps in time order: the absolute ones, and those after each event
    for i, step in enumerate(pol.actions):
        if step.at < last.get(step.after_event, float("-inf")):
            problems.append(src.problem(("actions", i, "at"), msg("policy_order")))
        last[step.after_event] = step.at
    if problems:
        raise ScenarioError(problems)
    return pol


def policy_path(scenario: Scenario | str, name: str) -> Path:
    """Where the policy `name` of a scenario lives: policies/<id>_<name>.yaml beside the scenario file
    (trainers' own families), else the shipped scenarios/policies/<id>_<name>.yaml."""
    if isinstance(scenario, str):
        return POLICY_DIR / f"{scenario}_{name}.yaml"
    if scenario.source_path:
        beside = Path(scenario.source_path).parent / "policies" / f"{scenario.meta.id}_{name}.yaml"
        if beside.exists():
            return beside
    return POLICY_DIR / f"{scenario.meta.id}_{name}.yaml"


__all__ = ["PolicyStep", "PolicyFile", "load_policy", "load_scenario_or_policy", "policy_from_source", "policy_path",
           "id_sets"]


def is_policy_bytes(raw: bytes) -> bool:
    """Do these file bytes look like a policy file (a top-level `policy:` key) rather than a scenario?"""
    head = raw[:4000].decode("utf-8", errors="replace")
    return any(line.startswith("policy:") for line in head.splitlines())


def is_policy_file(path: str | Path) -> bool:
    """Does this file look like a policy file (a top-level `policy:` key) rather than a scenario?

    The file is read bounded (a FIFO or device is not read at all: False). To check a file whatever it
    is, reading it only once, use `load_scenario_or_policy`."""
    try:
        raw = read_bytes(path)
    except YamlProblem:
        return False
    return is_policy_bytes(raw)


def load_policy_for_itself(path: str | Path, raw: bytes | None = None) -> PolicyFile:
    """Check a policy file against the scenario it names in `scenario:` (a shipped id, or a file
    beside it: ../<id>.yaml or <id>.yaml). `raw`: the file's bytes when already read."""
    from sim.loader import load_scenario, resolve_scenario

    try:
        src = parse_yaml_bytes(read_bytes(path) if raw is None else raw, str(path))
    except YamlProblem as exc:
        raise ScenarioError([exc.problem]) from None
    pol = _policy_shape(src)
    if not pol.scenario:
        raise ScenarioError([src.problem(("policy",), msg("policy_needs_scenario"))])
    here = Path(path).resolve().parent
    for candidate in (here.parent / f"{pol.scenario}.yaml", here / f"{pol.scenario}.yaml"):
        if candidate.exists():
            return policy_from_source(src, load_scenario(candidate))
    try:
        shipped = resolve_scenario(pol.scenario)
    except ScenarioError as exc:  # an unknown id: say so at the policy's own `scenario:` line
        beside = sorted({c.stem for d in (here.parent, here) for c in d.glob("*.yaml")} - {Path(path).stem})
        if beside:  # a trainer's own family next to its policies/ folder: name the files looked at
            raise ScenarioError([src.problem(("scenario",), msg(
                "policy_scenario_unknown", name=pol.scenario, hint=hint(pol.scenario, beside),
                looked=str(here.parent / f"{pol.scenario}.yaml")))]) from None
        raise ScenarioError([src.problem(("scenario",), Msg(en=p.message, nl=p.message_nl or p.message))
                             for p in exc.problems]) from None
    return policy_from_source(src, load_scenario(shipped))


def load_scenario_or_policy(path: str | Path) -> Scenario | PolicyFile:
    """What `validate` checks: the file read once (bounded), then loaded as a policy (checked against
    its own scenario) when it has a top-level `policy:` key, else as a scenario. ScenarioError otherwise."""
    from sim.loader import scenario_from_source

    try:
        raw = read_bytes(path)
    except YamlProblem as exc:
        raise ScenarioError([exc.problem]) from None
    if is_policy_bytes(raw):
        return load_policy_for_itself(path, raw)
    try:
        src = parse_yaml_bytes(raw, str(path))
    except YamlProblem as exc:
        raise ScenarioError([exc.problem]) from None
    return scenario_from_source(src)
