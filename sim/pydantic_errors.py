"""Turning pydantic validation errors into plain-language Problems with file positions."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from sim.errors import Problem, did_you_mean, known_list
from sim.yamlsource import Source


def _allowed_keys(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items() if not f.exclude]


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model that owns the last step of `loc` (best effort, for 'did you mean')."""
    model: Any = root
    for part in loc[:-1]:
        if isinstance(part, int) or model is None:
            continue
        fields = getattr(model, "model_fields", None)
        if not fields:
            continue
        field = fields.get(part) or next((f for f in fields.values() if f.alias == part), None)
        if field is None:
            continue
        model = _inner_model(field.annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    args = getattr(annotation, "__args__", ())
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in args:
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _describe(err: dict[str, Any], src: Source, root: type[BaseModel]) -> tuple[str, bool]:
    kind = err["type"]
    loc = tuple(err["loc"])
    name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    got = err.get("input")
    if kind == "missing":
        return f'"{name}" is missing here; add it', False
    if kind == "extra_forbidden":
        allowed = _allowed_keys(_model_at(root, loc))
        hint = did_you_mean(name, allowed)
        return f'unknown key "{name}"{hint}; allowed here: {known_list(allowed, 20)}', True
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        return f'"{got}" is not allowed for "{name}"{did_you_mean(str(got), choices)}; use one of {", ".join(choices)}', False
    if kind == "string_pattern_mismatch":
        if name in ("source", "sources") or (loc and loc[-2:-1] == ("sources",)):
            return f'"{got}" is not a seed reference; write e.g. "seed 004 §1"', False
        return (f'"{got}" is not a valid id for "{name}"; ids use lower-case letters, digits and _ '
                f'and start with a letter (e.g. "moeder_ggz")'), False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f'"{name}" must be a whole number, not "{got}"', False
    if kind in ("float_parsing", "float_type"):
        return f'"{name}" must be a number, not "{got}"', False
    if kind in ("bool_parsing", "bool_type"):
        return f'"{name}" must be true or false, not "{got}"', False
    if kind in ("string_type",):
        return f'"{name}" must be a text, not {type(got).__name__} "{got}"', False
    if kind in ("list_type",):
        return f'"{name}" must be a list (lines starting with "- "), not "{got}"', False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f'"{name}" must be a mapping of keys and values, not "{got}"', False
    if kind == "too_short":
        return f'"{name}" needs at least {err.get("ctx", {}).get("min_length", 1)} item(s) or character(s)', False
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return f'"{name}" is out of range: {err["msg"].lower()}', False
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return f'"{name}" must be a date like 2026-09-07, not "{got}"', False
    if kind == "union_tag_invalid":
        return f'"{got}" is not a known action; use one of the action ids of the vocabulary', False
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return msg, False


def problems_from_validation(exc: ValidationError, src: Source, root: type[BaseModel]) -> list[Problem]:
    """Every pydantic error of `exc` as a Problem at the right line and column of `src`."""
    out = []
    for err in exc.errors(include_url=False):
        message, at_key = _describe(err, src, root)
        out.append(src.problem(tuple(err["loc"]), message, key=at_key))
    return out
