"""The parameter dialog's model: for each action of the vocabulary (sim.actions.ACTION_MODELS) the
fields the player fills in, with the options taken from the role's view (its partners, the family's
children, its own dossier) and from the action's declared types. No rule decides here what is
allowed — the engine does, when the action is submitted, and its reason is shown."""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from typing import Any

from sim.actions import ACTION_MODELS
from sim.view import RoleView

NONE = "__none__"
CLAIMS = frozenset({"informed", "parents_informed", "documented"})
"""Old free claims ("client informed", "parents informed", "recorded"): never offered — what the family
was told is shown from the talks that took place (issue 14, item 4). Old logs and policies still have them."""
TEXTS = {"reason": 500, "considerations": 1000}
"""Free-text parameters and their longest length (as sim.actions declares them)."""
NAMES_RECIPIENTS = frozenset({"share", "meeting", "request"})
"""Talk subjects (`about`) that concern named professionals (issue 15: informing and consent are for a
purpose and a recipient)."""


def asks_whom(values: dict[str, Any]) -> bool:
    """Does the talk dialog ask with which professionals: when asking consent, or when the talk is about
    sharing with, meeting or asking named professionals?"""
    return values.get("purpose") == "consent" or values.get("about") in NAMES_RECIPIENTS


@dataclass
class Field:
    """One parameter: its key in the action, its kind and its options (value ids)."""

    key: str
    kind: str  # "choice" | "bool" | "facts" | "roles" | "text"
    options: list[str] = field(default_factory=list)
    optional: bool = False


def _literal_values(annotation: Any) -> list[str] | None:
    if typing.get_origin(annotation) is typing.Literal:
        return [str(v) for v in typing.get_args(annotation)]
    return None


def action_fields(do: str, view: RoleView) -> list[Field]:
    """The fields of action `do` in the order the action declares them, with options from `view`."""
    model = ACTION_MODELS[do]
    children = [p["id"] for p in view.family if p.get("child")]
    partners = [p.id for p in view.partners]
    out: list[Field] = []
    for name, info in model.model_fields.items():
        if name == "do":
            continue
        key = info.alias or name
        if key in CLAIMS:
            continue
        if key in TEXTS:
            out.append(Field(key, "text", optional=True))
            continue
        ann = info.annotation
        args = [a for a in typing.get_args(ann) if a is not type(None)]
        optional = type(None) in typing.get_args(ann)
        literal = _literal_values(ann)
        if ann is bool:
            out.append(Field(key, "bool"))
        elif literal is not None:
            out.append(Field(key, "choice", literal))
        elif typing.get_origin(ann) is list:
            out.append(Field(key, "facts" if key == "facts" else "roles",
                             [f.id for f in view.dossier] if key == "facts" else partners))
        elif key == "child":
            out.append(Field(key, "choice", ([NONE] if optional else []) + children, optional))
        elif key == "person":  # one parent with gezag alone; none: the parents together
            parents = sorted({g for p in view.family if p.get("child") for g in p.get("gezag", [])})
            out.append(Field(key, "choice", [NONE] + parents, True))
        elif key in ("to", "from", "regisseur"):
            options = [view.role] + partners if key == "regisseur" else partners
            out.append(Field(key, "choice", ([NONE] if optional else []) + options, optional))
        elif args and _literal_values(args[0]) is not None:
            out.append(Field(key, "choice", [NONE] + _literal_values(args[0]), True))
        else:  # any other free id: offer the partners
            out.append(Field(key, "choice", ([NONE] if optional else []) + partners, optional))
    return out


def defaults(do: str, fields: list[Field]) -> dict[str, Any]:
    """Initial values: the action's own defaults, else the first option; lists start empty."""
    model = ACTION_MODELS[do]
    values: dict[str, Any] = {}
    for f in fields:
        name = next(n for n, i in model.model_fields.items() if (i.alias or n) == f.key)
        default = model.model_fields[name].default
        if f.kind in ("facts", "roles"):
            values[f.key] = []
        elif f.kind == "text":
            values[f.key] = ""
        elif f.kind == "bool":
            values[f.key] = bool(default) if isinstance(default, bool) else False
        elif isinstance(default, str):
            values[f.key] = default
        else:
            values[f.key] = f.options[0] if f.options else NONE
    return values


def to_action(do: str, values: dict[str, Any]) -> dict[str, Any]:
    """The action mapping to submit to the engine (unset optional fields are left out)."""
    action: dict[str, Any] = {"do": do}
    for key, value in values.items():
        if value == NONE or (key in TEXTS and not str(value).strip()):
            continue
        if key in ("unsafe_to_inform", "urgent") and not value:
            continue  # a mark not chosen is no claim (and old logs stay as they were)
        if key == "reason" and not values.get("unsafe_to_inform"):
            continue  # a reason belongs to the choice "informing would endanger the child"
        if key == "share_with" and (not asks_whom(values) or not value):
            continue  # whom the talk is about: only when asking consent or about named professionals
        if key in TEXTS:
            value = str(value).strip()
        action[key] = list(value) if isinstance(value, list) else value
    return action
