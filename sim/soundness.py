"""What would break a run although every id exists: checks on a scenario's plain data (after pydantic)
and on the validated model, each yielding (path, message) like sim.references, so every problem keeps
its FILE:LINE:COL.

- at least one role must be playable (every driver picks a player role);
- numbers must be finite: `.nan`, `.inf` (and "nan"/"inf" texts that pydantic reads as floats) would
  poison the risk level, the clock and the scores;
- events and interventions must not wait for each other in a circle (`when: {event: other}` where the
  other waits, directly or through others, for this one): such triggers can never happen.
  Circles that pass through `any:` or `not:` can still fire and are left to `lint` (a warning).
"""

from __future__ import annotations

import math
from typing import Any, Iterator

from pydantic import BaseModel

from sim.errors import Msg, msg

Found = tuple[tuple[Any, ...], Msg]


def no_playable_role(scenario: Any) -> Iterator[Found]:
    """A scenario needs at least one role a person (or a policy) can play (checked on the validated
    model, so `playable: "no"` counts as the model reads it)."""
    if scenario.roles and not any(r.playable for r in scenario.roles):
        yield ("roles",), msg("no_playable_role")


def nonfinite_in_data(data: Any, path: tuple[Any, ...] = ()) -> Iterator[Found]:
    """Every float in the plain data that is NaN or infinite (e.g. `risk: .nan`, `at: .inf`)."""
    if isinstance(data, float):
        if not math.isfinite(data):
            yield path, msg("not_finite", name=_name(path), got=_show(data))
    elif isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, _DATA_WITH_FLOATS):  # texts and whole numbers hold none: not visited
                yield from nonfinite_in_data(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            if isinstance(value, _DATA_WITH_FLOATS):
                yield from nonfinite_in_data(value, path + (i,))


_DATA_WITH_FLOATS = (float, dict, list)
_MODEL_WITH_FLOATS = (float, BaseModel, list, tuple, dict)
_FIELD_KEYS: dict[type, list[tuple[str, str]]] = {}


def _field_keys(model: type[BaseModel]) -> list[tuple[str, str]]:
    """A model class's (field name, YAML key) pairs, looked up once per class."""
    keys = _FIELD_KEYS.get(model)
    if keys is None:
        keys = _FIELD_KEYS[model] = [(name, info.alias or name) for name, info in model.model_fields.items()]
    return keys


def nonfinite_in_model(model: Any, path: tuple[Any, ...] = ()) -> Iterator[Found]:
    """Every float field of a validated model that is NaN or infinite, with the path of its YAML key
    (catches texts such as "nan" or "1e999h" that became floats only in validation)."""
    if isinstance(model, float):
        if not math.isfinite(model):
            yield path, msg("not_finite", name=_name(path), got=_show(model))
        return
    if isinstance(model, BaseModel):
        items: Any = ((key, getattr(model, name)) for name, key in _field_keys(type(model)))
    elif isinstance(model, (list, tuple)):
        items = enumerate(model)
    elif isinstance(model, dict):
        items = model.items()
    else:
        return
    for key, value in items:
        if isinstance(value, _MODEL_WITH_FLOATS):  # texts, numbers and flags hold no float: not visited
            yield from nonfinite_in_model(value, path + (key,))


def _name(path: tuple[Any, ...]) -> str:
    return next((str(p) for p in reversed(path) if isinstance(p, str)), "value")


def _show(value: float) -> str:
    return ".nan" if math.isnan(value) else (".inf" if value > 0 else "-.inf")


def condition_events(cond: Any, path: tuple[Any, ...], required: bool = True) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(path, id) of the `event:` references in a condition: with `required`, only those it cannot
    hold without (through `all:` only); otherwise every one (also under `any:` and `not:`)."""
    if not isinstance(cond, dict) or len(cond) != 1:
        return
    (key, value), = cond.items()
    if key == "event" and isinstance(value, str):
        yield path + ("event",), value
    elif (key == "all" or (key == "any" and not required)) and isinstance(value, list):
        for i, c in enumerate(value):
            yield from condition_events(c, path + (key, i), required)
    elif key == "not" and not required:
        yield from condition_events(value, path + ("not",), required)


def trigger_graph(d: dict[str, Any], required: bool = True) -> dict[str, list[tuple[tuple[Any, ...], str]]]:
    """For each event and intervention id: the (path, id) of the triggers its `when` waits for."""
    graph: dict[str, list[tuple[tuple[Any, ...], str]]] = {}
    for section in ("events", "interventions"):
        for i, item in enumerate(d.get(section) or []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                graph.setdefault(item["id"], []).extend(condition_events(item.get("when"), (section, i, "when"), required))
    return graph


def find_cycles(graph: dict[str, list[tuple[tuple[Any, ...], str]]]) -> Iterator[tuple[tuple[Any, ...], str, list[str]]]:
    """(path of the reference that closes it, id, the circle's ids) for each circle, reported once."""
    reported: set[frozenset[str]] = set()
    for start in graph:
        stack: list[tuple[str, list[str], tuple[Any, ...]]] = [(start, [start], ())]
        seen: set[str] = set()
        while stack:
            node, trail, _ = stack.pop()
            for ref_path, target in graph.get(node, []):
                if target == start:
                    members = frozenset(trail)
                    if members not in reported:
                        reported.add(members)
                        yield ref_path, node, trail
                elif target in graph and target not in seen:
                    seen.add(target)
                    stack.append((target, trail + [target], ref_path))


def trigger_cycles(d: dict[str, Any]) -> Iterator[Found]:
    """Events or interventions that (must) wait for each other, or for themselves: they never happen."""
    for ref_path, node, trail in find_cycles(trigger_graph(d, required=True)):
        if len(trail) == 1:
            yield ref_path, msg("trigger_self", id=node)
        else:  # `node` waits for trail[0], which waits for trail[1], … which waits for `node`
            yield ref_path, msg("trigger_cycle", id=node, chain=" -> ".join(f'"{t}"' for t in trail))


def scenario_soundness(d: dict[str, Any]) -> Iterator[Found]:
    """Every check of this module on a scenario's plain data."""
    yield from trigger_cycles(d)


def model_soundness(scenario: Any) -> Iterator[Found]:
    """Every check of this module on a validated Scenario."""
    yield from no_playable_role(scenario)
    yield from duration_in_bounds(scenario)


MAX_DURATION_HOURS = 104 * 7 * 24.0
"""A scenario runs at most two years of simulated time (the engine ticks daily until the end)."""


def duration_in_bounds(scenario: Any) -> Iterator[Found]:
    """`meta.duration` more than 0 and at most two years: the run ticks daily up to the end."""
    hours = scenario.meta.duration
    if math.isfinite(hours) and not 0 < hours <= MAX_DURATION_HOURS:
        yield ("meta", "duration"), msg("duration_bounds", got=f"{hours:g}h")
