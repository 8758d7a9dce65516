"""The declarative condition vocabulary of scenarios (design.md): all/any/not, done, known_by,
before/after, level, event — parsed into small models and evaluated by our code, never `eval`."""

from __future__ import annotations

import operator
import re
from typing import Annotated, Any, Protocol, Union

from pydantic import BeforeValidator, Discriminator, Field, Tag
from pydantic_core import PydanticCustomError

from sim.errors import did_you_mean
from sim.fields import Frozen, Hours, Id

CONDITION_KEYS = ("all", "any", "not", "done", "known_by", "before", "after", "level", "event", "consented",
                  "vir_match", "meeting_held")
_LEVEL = re.compile(r"^\s*(>=|<=|>|<|==)\s*(-?\d+(?:\.\d+)?)\s*$")
_OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt, "==": operator.eq}


class World(Protocol):
    """What a condition may look at: the engine's world state (sim.world.WorldState)."""

    now: float
    level: float

    def knows(self, role: str, fact: str) -> bool: ...
    def anyone_knows(self, fact: str) -> bool: ...
    def done_matching(self, flt: "DoneFilter") -> bool: ...
    def event_happened(self, event_id: str) -> bool: ...
    def consent_given(self, child: str, person: str | None) -> bool: ...
    def vir_matched(self, child: str) -> bool: ...
    def meeting_took_place(self, flt: "MeetingFilter") -> bool: ...


class DoneFilter(Frozen):
    """Which earlier action counts: the action id plus optional filters on who and about what."""

    action: str
    by: Id | None = None
    to: Id | None = None
    child: Id | None = None
    kind: str | None = None
    fact: Id | None = None
    basis: str | None = None
    purpose: str | None = None
    request: str | None = None

    def matches(self, role: str, params: dict[str, Any]) -> bool:
        """Does an action by `role` with these parameters fit this filter? A report to Veilig Thuis is
        also made by the police's zorgmelding (sim.actions.is_a): `report_veilig_thuis` fits both."""
        from sim.actions import is_a

        if not is_a(params.get("do"), self.action):
            return False
        if self.by is not None and role != self.by:
            return False
        for key in ("to", "child", "kind", "basis", "purpose", "request"):
            want = getattr(self, key)
            if want is not None and params.get(key) != want and params.get("from") != want:
                return False
        if self.fact is not None and self.fact not in (params.get("facts") or []):
            return False
        return True


class ConsentFilter(Frozen):
    """Consent to share about `child` was given by `person` — or, without `person`, by everyone who
    must consent for the child's age (seed 003, 7 tips)."""

    child: Id
    person: Id | None = None


class ChildRef(Frozen):
    """A child of the family."""

    child: Id


class MeetingFilter(Frozen):
    """A case meeting that has actually taken place (not merely been planned)."""

    kind: str | None = None
    child: Id | None = None
    present: Id | None = Field(default=None, description="a role that was in the room")

    def matches(self, record: dict[str, Any]) -> bool:
        """Does a `meeting` log record fit this filter?"""
        return ((self.kind is None or record.get("kind") == self.kind)
                and (self.child is None or record.get("child") == self.child)
                and (self.present is None or self.present in record.get("present", [])))


class KnownBy(Frozen):
    """Role `role` (or anyone, when `role` is left out) knows fact `fact`."""

    role: Id | None = None
    fact: Id


def _check_condition_shape(value: Any) -> Any:
    if not isinstance(value, dict):
        raise PydanticCustomError(
            "condition_shape",
            "a condition is a mapping with one key: one of {keys}",
            {"keys": ", ".join(CONDITION_KEYS)},
        )
    keys = list(value)
    unknown = [k for k in keys if k not in CONDITION_KEYS]
    if unknown:
        raise PydanticCustomError(
            "condition_key",
            "unknown condition '{key}'{hint}; use one of {keys}",
            {"key": unknown[0], "hint": did_you_mean(unknown[0], CONDITION_KEYS), "keys": ", ".join(CONDITION_KEYS)},
        )
    if len(keys) != 1:
        raise PydanticCustomError(
            "condition_many",
            "a condition has exactly one key, found {found}; combine several with all: [...] or any: [...]",
            {"found": ", ".join(keys) or "none"},
        )
    return value


def _done_shorthand(value: Any) -> Any:
    return {"action": value} if isinstance(value, str) else value


def _level_shape(value: Any) -> Any:
    if not isinstance(value, str) or not _LEVEL.match(value):
        raise PydanticCustomError(
            "level_format", "write a risk level test as e.g. \">= 6\" (one of >=, <=, >, <, == and a number)"
        )
    return value


class AllOf(Frozen):
    """True when every listed condition is true."""

    all: list["Condition"] = Field(min_length=1)

    def holds(self, world: World) -> bool:
        return all(c.holds(world) for c in self.all)


class AnyOf(Frozen):
    """True when at least one listed condition is true."""

    any: list["Condition"] = Field(min_length=1)

    def holds(self, world: World) -> bool:
        return any(c.holds(world) for c in self.any)


class NotCond(Frozen):
    """True when the inner condition is false."""

    not_: "Condition" = Field(alias="not")

    def holds(self, world: World) -> bool:
        return not self.not_.holds(world)


class Done(Frozen):
    """True once some role (or the named one) has done the action: `done: share` or a filter."""

    done: Annotated[DoneFilter, BeforeValidator(_done_shorthand)]

    def holds(self, world: World) -> bool:
        return world.done_matching(self.done)


class Known(Frozen):
    """True once the role knows the fact (observed, told, shared, met, matched or reported)."""

    known_by: KnownBy

    def holds(self, world: World) -> bool:
        kb = self.known_by
        return world.anyone_knows(kb.fact) if kb.role is None else world.knows(kb.role, kb.fact)


class Before(Frozen):
    """True while the simulated clock is before this time since the start."""

    before: Hours

    def holds(self, world: World) -> bool:
        return world.now < self.before


class After(Frozen):
    """True from this simulated time since the start on."""

    after: Hours

    def holds(self, world: World) -> bool:
        return world.now >= self.after


class Level(Frozen):
    """A test on the family's current risk level, e.g. `level: ">= 6"`."""

    level: Annotated[str, BeforeValidator(_level_shape)]

    def holds(self, world: World) -> bool:
        op, num = _LEVEL.match(self.level).groups()  # type: ignore[union-attr]
        return _OPS[op](world.level, float(num))


class EventHappened(Frozen):
    """True once the world event (or incident) with this id has happened."""

    event: Id

    def holds(self, world: World) -> bool:
        return world.event_happened(self.event)


class Consented(Frozen):
    """True once the consent in question has been given (and not refused since)."""

    consented: ConsentFilter

    def holds(self, world: World) -> bool:
        return world.consent_given(self.consented.child, self.consented.person)


class VirMatch(Frozen):
    """True once the Verwijsindex has matched two professionals on this child (seed 003, VIR)."""

    vir_match: ChildRef

    def holds(self, world: World) -> bool:
        return world.vir_matched(self.vir_match.child)


class MeetingHeld(Frozen):
    """True once a case meeting fitting the filter has taken place (seed 004 §7.4)."""

    meeting_held: MeetingFilter

    def holds(self, world: World) -> bool:
        return world.meeting_took_place(self.meeting_held)


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        return next(iter(value), None)
    return _TAG_OF.get(type(value))


_TAG_OF = {AllOf: "all", AnyOf: "any", NotCond: "not", Done: "done", Known: "known_by",
           Before: "before", After: "after", Level: "level", EventHappened: "event", Consented: "consented",
           VirMatch: "vir_match", MeetingHeld: "meeting_held"}

Condition = Annotated[
    Union[tuple(Annotated[model, Tag(tag)] for model, tag in _TAG_OF.items())],  # type: ignore[misc]
    Discriminator(_condition_tag),
    BeforeValidator(_check_condition_shape),
]
for _model in (AllOf, AnyOf, NotCond):
    _model.model_rebuild()


def walk(cond: Any):
    """Every condition inside `cond`, itself first (for reference checks and lint)."""
    yield cond
    if isinstance(cond, AllOf):
        for c in cond.all:
            yield from walk(c)
    elif isinstance(cond, AnyOf):
        for c in cond.any:
            yield from walk(c)
    elif isinstance(cond, NotCond):
        yield from walk(cond.not_)
