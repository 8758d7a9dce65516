"""Checks on conditions that can never be true: `before: 0`, `after` past the end, a risk level test
outside 0–10, `known_by` a fact the role can never learn."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from typing import Any

from authoring.lint.base import ERROR, Finding, LintInput
from sim.timefmt import DurationError, format_hours, parse_duration

_LEVEL = re.compile(r"^\s*(>=|<=|>|<|==)\s*(-?\d+(?:\.\d+)?)\s*$")
_OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "==": operator.eq}
_RANGE = [x / 10 for x in range(101)]  # the risk level stays within 0–10


def condition_places(data: Any) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every (path, condition) in the plain scenario data, nested ones included."""
    def tops() -> Iterator[tuple[tuple[Any, ...], Any]]:
        for i, p in enumerate(_list(_get(data, "family", "persons"))):
            if isinstance(p, dict) and isinstance(p.get("consents"), dict):
                yield ("family", "persons", i, "consents"), p["consents"]
        for i, f in enumerate(_list(data.get("facts"))):
            for j, rev in enumerate(_list(f.get("revealed_by") if isinstance(f, dict) else None)):
                if isinstance(rev, dict) and "when" in rev:
                    yield ("facts", i, "revealed_by", j, "when"), rev["when"]
        for section in ("events", "interventions"):
            for i, item in enumerate(_list(data.get(section))):
                if isinstance(item, dict) and "when" in item:
                    yield (section, i, "when"), item["when"]
        for i, rule in enumerate(_list(_get(data, "npc", "rules"))):
            if isinstance(rule, dict) and "when" in rule:
                yield ("npc", "rules", i, "when"), rule["when"]
        inc = data.get("incident") if isinstance(data.get("incident"), dict) else {}
        if "softened_by" in inc:
            yield ("incident", "softened_by"), inc["softened_by"]
        for i, out in enumerate(_list(inc.get("outcomes"))):
            if isinstance(out, dict) and "supported_when" in out:
                yield ("incident", "outcomes", i, "supported_when"), out["supported_when"]

    def nested(path: tuple[Any, ...], cond: Any) -> Iterator[tuple[tuple[Any, ...], Any]]:
        yield path, cond
        if isinstance(cond, dict):
            for key in ("all", "any"):
                for i, sub in enumerate(_list(cond.get(key))):
                    yield from nested(path + (key, i), sub)
            if "not" in cond:
                yield from nested(path + ("not",), cond["not"])

    if isinstance(data, dict):
        for path, cond in tops():
            yield from nested(path, cond)


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def never_true(d: LintInput) -> Iterator[Finding]:
    """A condition that can never hold: the event, rule or intervention behind it never happens."""
    end = d.duration
    for path, cond in condition_places(d.source.data):
        if not isinstance(cond, dict):
            continue
        if "before" in cond and _hours(cond["before"]) is not None and _hours(cond["before"]) <= 0:
            yield d.finding(ERROR, "before_zero", path + ("before",))
        if "after" in cond and _hours(cond["after"]) is not None and _hours(cond["after"]) > end:
            yield d.finding(ERROR, "after_end", path + ("after",), at=cond["after"], end=format_hours(end))
        if "level" in cond and isinstance(cond["level"], str):
            m = _LEVEL.match(cond["level"])
            if m and not any(_OPS[m.group(1)](x, float(m.group(2))) for x in _RANGE):
                yield d.finding(ERROR, "level_impossible", path + ("level",), test=cond["level"].strip())
        kb = cond.get("known_by")
        # Any role can be told a fact by a colleague who knows it (share, meetings), so a role can
        # never know a fact only when nobody can ever learn it first-hand.
        if isinstance(kb, dict) and isinstance(kb.get("fact"), str) and not d.learnable.get(kb["fact"]):
            yield d.finding(ERROR, "known_unlearnable", path + ("known_by", "fact"), fact=kb["fact"])


def _hours(value: Any) -> float | None:
    try:
        return parse_duration(value)
    except (DurationError, TypeError, ValueError):
        return None


RULES = (never_true,)
