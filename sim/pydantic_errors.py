"""Turning pydantic validation errors into plain-language Problems with file positions."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sim.errors import Msg, Problem, hint, known_list, msg
from sim.yamlsource import Source

M = TypeVar("M", bound=BaseModel)


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


_TYPE_TAGS = {"bool", "int", "float", "str", "dict", "list", "none", "date", "time"}


def _is_type_tag(part: str) -> bool:
    """pydantic puts union members in error locations ('bool', 'function-after[…]', 'AllOf'): not field names."""
    return part in _TYPE_TAGS or "[" in part or part[:1].isupper()


CUSTOM = {"condition_shape", "condition_key", "condition_many", "level_format", "bad_time", "window_order",
          "vir_identity_only"}


def _describe(err: dict[str, Any], src: Source, root: type[BaseModel]) -> tuple[Msg, bool]:
    kind = err["type"]
    loc = tuple(err["loc"])
    ctx = err.get("ctx", {}) or {}
    name = next((str(p) for p in reversed(loc) if isinstance(p, str) and not _is_type_tag(p)), "value")
    got = err.get("input")
    if kind in CUSTOM:
        params = dict(ctx)
        if kind == "condition_key":
            params["hint"] = hint(params["key"], params["keys"].split(", "))
        return msg(kind, **params), False
    if kind == "missing":
        return msg("missing", name=name), False
    if got is None and kind in ("string_type", "int_type", "float_type", "bool_type", "list_type", "dict_type",
                                "model_type", "model_attributes_type"):
        return msg("empty_value", name=name), False  # `nl:` with nothing after it: not the Python word None
    if kind == "extra_forbidden":
        allowed = _allowed_keys(_model_at(root, loc))
        if " " in str(name).strip() and set(allowed) <= {"nl", "en"}:
            # a text in {nl: …, en: …} split at a comma: the rest reads as a key (sim.yamltraps)
            return msg("yt_comma", name=str(name).strip()), True
        return msg("unknown_key", name=name, hint=hint(name, allowed), allowed=known_list(allowed, 20)), True
    if kind in ("literal_error", "enum"):
        expected = ctx.get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        return msg("not_allowed", got=got, name=name, hint=hint(got, choices), choices=", ".join(choices)), False
    if kind == "string_pattern_mismatch":
        if name in ("source", "sources"):
            return msg("not_seed_ref", got=got), False
        return msg("bad_id", got=got, name=name), False
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return msg("want_int", name=name, got=got), False
    if kind in ("float_parsing", "float_type", "finite_number"):
        return msg("want_number", name=name, got=got), False
    if kind in ("bool_parsing", "bool_type"):
        return msg("want_bool", name=name, got=got), False
    if kind in ("string_type",):
        return msg("want_text", name=name, got=got), False
    if kind in ("list_type",):
        return msg("want_list", name=name, got=got), False
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return msg("want_mapping", name=name, got=got), False
    if kind in ("too_short", "string_too_short"):
        return msg("too_short", name=name, min=ctx.get("min_length", 1)), False
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        limit = {"greater_than_equal": ">= {}", "less_than_equal": "<= {}", "greater_than": "> {}",
                 "less_than": "< {}"}[kind].format(next(iter(ctx.values()), "?"))
        return msg("out_of_range", name=name, limit=limit), False
    if kind.startswith("date_"):
        return msg("want_date", name=name, got=got), False
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        from sim.actions import ACTION_IDS

        tag = ctx.get("tag", "?")
        return msg("unknown_action", got=tag, hint=hint(tag, ACTION_IDS), choices=", ".join(ACTION_IDS)), False
    text = err["msg"]
    if text.startswith("Value error, "):
        text = text[len("Value error, "):]
    return msg("other", msg=text), False


def problems_from_validation(exc: ValidationError, src: Source, root: type[BaseModel]) -> list[Problem]:
    """Every pydantic error of `exc` as a Problem at the right line and column of `src`."""
    out = []
    errors = exc.errors(include_url=False)
    for err in errors:
        if err["type"] == "condition_shape" and _bool_or_condition(err, errors):
            continue  # `consents: ja`: "true or false" says it; the shape of a condition only confuses
        message, at_key = _describe(err, src, root)
        if err["type"] in ("bool_parsing", "bool_type") and any(
                e["type"] == "condition_shape" and _bool_or_condition(e, errors) for e in errors):
            name = next((str(p) for p in reversed(err["loc"]) if isinstance(p, str) and not _is_type_tag(p)), "value")
            message = msg("want_bool_or_condition", name=name, got=err.get("input"))
        out.append(src.problem(tuple(err["loc"]), message, key=at_key))
    return out


def _bool_or_condition(err: dict[str, Any], errors: list[dict[str, Any]]) -> bool:
    """Is `err` the condition half of a field that is true, false or a condition (like `consents`), whose
    value was a plain word — so the other half already says "true or false"?"""
    base = tuple(p for p in err["loc"] if not (isinstance(p, str) and _is_type_tag(p)))
    return isinstance(err.get("input"), str) and any(
        e["type"] in ("bool_parsing", "bool_type") and
        tuple(p for p in e["loc"] if not (isinstance(p, str) and _is_type_tag(p))) == base for e in errors)


def validate_mapping(src: Source, model: type[M], not_mapping: str) -> M:
    """Validate a parsed file into `model`, or raise ScenarioError with every problem positioned.
    `not_mapping` is the message code used when the file is not a mapping at all."""
    from sim.errors import ScenarioError

    if not isinstance(src.data, dict):
        raise ScenarioError([Problem.of(src.file, 1, 1, msg(not_mapping))])
    try:
        return model.model_validate(src.data)
    except ValidationError as exc:
        raise ScenarioError(problems_from_validation(exc, src, model)) from None
