"""What the further pages show (issue 21): the scenario's own kinds of professional (`kinds:`), how facts
are found out (`revealed_by`), the Verwijsindex (`vir:`), the judge's deadlines (`thresholds:`), the
institutions' habits (`npc:` beside its rules), the conversations with choices (`conversations:`) and the
parameters of each action (sim.actions.ACTION_MODELS) for rules, steps and expectations. Same shapes as
studio.spec: (key, label, editor)."""

from __future__ import annotations

from typing import Any, Literal, get_args, get_origin

from sim.timefmt import format_hours

# Lists inside an item ("list:SECTION" fields): their path is the item's path + the key.
NESTED: dict[str, dict[str, Any]] = {
    "reveals": {"path": ("revealed_by",), "label": "reveal", "title": "action", "fields": [
        ("action", "reveal_action", "one:reveal_action"), ("roles", "reveal_roles", "many:role"),
        ("child", "child", "one:child"), ("when", "when", "cond")]},
    "registered": {"path": ("vir", "registered"), "label": "registration", "title": "child", "fields": [
        ("role", "role", "one:role"), ("child", "child", "one:child"), ("at", "registered_at", "hours")]},
    "conversations": {"path": ("conversations",), "label": "conversation", "title": "title", "fields": [
        ("id", "id", "str"), ("title", "title", "text"), ("with", "with", "one:with"), ("child", "child", "one:child"),
        ("person", "talk_person", "one:person"), ("roles", "conv_roles", "many:role"), ("when", "when", "cond"),
        ("start", "start_node", "one:node"), ("again_after", "again_after", "hours"),
        ("again_start", "again_start", "one:node"), ("source", "source", "str"),
        ("nodes", "nodes", "list:nodes")]},
    "nodes": {"path": ("nodes",), "label": "node", "title": "text", "fields": [
        ("id", "id", "str"), ("text", "node_text", "text"), ("source", "source", "str"),
        ("choices", "choices", "list:choices")]},
    "choices": {"path": ("choices",), "label": "choice", "title": "say", "fields": [
        ("id", "id", "str"), ("say", "say", "text"), ("when", "offered_when", "cond"),
        ("marks", "marks", "many:mark"), ("good", "good", "bool"), ("counts_as", "counts_as", "counts_as"),
        ("next", "next_node", "one:node"), ("replies", "replies", "list:replies")]},
    "replies": {"path": ("replies",), "label": "reply", "title": "text", "fields": [
        ("when", "reply_when", "cond"), ("text", "reply_text", "text"), ("facts", "reply_facts", "many:fact"),
        ("next", "reply_next", "one:node"), ("end", "end", "bool")]},
}

KIND_FIELDS: list[tuple[str, str, str]] = [
    ("name", "kind_name", "text"), ("secrecy", "kind_secrecy", "bool"), ("care", "kind_care", "bool"),
    ("org", "kind_org", "one:org"), ("task", "kind_task", "text"), ("takes_over_care", "takes_over_care", "bool"),
    ("proper", "proper", "bool")]  # and the article (studio.pages_more: one pick writes `the: {nl, en}`)

VIR_FIELDS: list[tuple[tuple[Any, ...], str, str]] = [(("vir", "regisseur"), "regisseur", "one:role")]

THRESHOLD_FIELDS: list[tuple[tuple[Any, ...], str, str]] = [
    (("thresholds", k), k, "int") for k in
    ("report_days", "acute_report_days", "silence_days", "inaction_days", "bystander_days", "stuck_days")]

MEETING_KINDS = ["zat", "mdo", "wijkteam", "hco", "jco", "family"]

NPC_FIELDS: list[tuple[tuple[Any, ...], str, str]] = [
    (("npc", "refuses_without_consent"), "refuses_without_consent", "many:role"),
    (("npc", "answer_delay"), "answer_delay", "hours"),
    (("npc", "handover_accept_delay"), "handover_accept_delay", "hours")]

VT_FIELDS: list[tuple[tuple[Any, ...], str, str]] = [
    (("npc", "veilig_thuis", k), f"vt_{k}", "float" if k.endswith("chance") else "hours") for k in
    ("triage_acute", "triage_urgent", "triage", "feedback", "feedback_late_chance", "advice_reply",
     "ask_professionals")] + [
    (("npc", "raad", k), f"raad_{k}", "float" if k == "risk" else "hours") for k in ("reply", "investigation", "risk")]

PARTNER_FIELDS: list[tuple[str, str, str]] = [
    ("delay", "partner_delay", "hours"), ("jitter", "jitter", "hours"), ("skip_chance", "skip_chance", "float"),
    ("skip_roles", "skip_roles", "many:role"), ("skip_actions", "skip_actions", "many:action")]

RULE_FIELDS = [("id", "id", "str"), ("role", "rule_role", "one:role"), ("when", "when", "cond"),
               ("delay", "delay", "hours"), ("jitter", "jitter", "hours"), ("do", "do", "action")]
STEP_FIELDS = [("at", "at", "hours"), ("after_event", "after_event", "one:event"), ("role", "role", "one:role"),
               ("do", "do", "action"), ("note", "note", "str")]

# How an action's parameter (sim.actions) is picked, by its name in the file.
PARAM_KINDS = {"child": "child", "to": "role", "from": "role", "regisseur": "role", "invite": "role",
               "share_with": "role", "facts": "fact", "conversation": "conversation", "choice": "choice",
               "person": "person"}
TEXT_PARAMS = {"reason", "considerations"}


def new_nested(section: str, n: int) -> dict[str, Any]:
    """A fresh item of a list inside an item (a way a fact is found out, a node, a choice …)."""
    empty = {"nl": "", "en": ""}
    return {
        "reveals": {"action": "observe", "roles": []},
        "registered": {"role": "", "child": "", "at": "-4w"},
        "conversations": {"id": f"gesprek_{n}", "title": dict(empty), "with": "parents", "child": "", "roles": [],
                          "source": "", "nodes": [{"id": "opening", "text": dict(empty), "choices": [
                              {"id": "keuze_1", "say": dict(empty), "replies": [{"text": dict(empty)}]}]}]},
        "nodes": {"id": f"knooppunt_{n}", "text": dict(empty),
                  "choices": [{"id": "keuze_1", "say": dict(empty), "replies": [{"text": dict(empty)}]}]},
        "choices": {"id": f"keuze_{n}", "say": dict(empty), "replies": [{"text": dict(empty)}]},
        "replies": {"text": dict(empty)},
    }[section]


def new_kind() -> dict[str, Any]:
    """A fresh kind of professional of the scenario's own: a name to fill, no secrecy, gives care."""
    return {"name": {"nl": "", "en": ""}, "secrecy": False, "care": True}


def action_params(do: str) -> list[tuple[str, str, str, Any]]:
    """The parameters of action `do` as (key in the file, label, editor, default), from its pydantic
    model (sim.actions.ACTION_MODELS): so a rule, a step or an expectation shows exactly what that
    action takes — a case meeting its kind and invitees, a share its basis — and never a typed id."""
    from sim.actions import ACTION_MODELS

    model = ACTION_MODELS.get(do)
    if model is None:
        return []
    out = []
    for name, info in model.model_fields.items():
        if name == "do":
            continue
        key = info.alias or name
        ann = info.annotation
        args = [a for a in get_args(ann) if a is not type(None)]
        inner = args[0] if get_origin(ann) is not Literal and len(args) == 1 else ann
        default = None if info.is_required() else info.get_default(call_default_factory=True)
        if ann is bool or inner is bool:
            editor = "bool"
        elif get_origin(inner) is Literal or get_origin(ann) is Literal:
            editor = f"one:param:{do}:{key}"
        elif key in PARAM_KINDS:
            many = get_origin(ann) is list
            editor = f"{'many' if many else 'one'}:{PARAM_KINDS[key]}"
        elif key in TEXT_PARAMS:
            editor = "str"
        else:
            editor = "str"
        out.append((key, f"p_{key}", editor, default))
    return out


def param_values(do: str, key: str) -> list[str]:
    """The fixed values an action parameter takes (a Literal in sim.actions): purposes, bases, kinds."""
    from sim.actions import ACTION_MODELS

    model = ACTION_MODELS.get(do)
    if model is None:
        return []
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            ann = info.annotation
            lit = ann if get_origin(ann) is Literal else next(
                (a for a in get_args(ann) if get_origin(a) is Literal), None)
            return [str(v) for v in get_args(lit)] if lit is not None else []
    return []


def model_default(path: tuple[Any, ...]) -> Any:
    """What the engine uses when the file leaves `path` out (sim.model defaults), for the hint beside a
    field: 'standaard 2d'."""
    from pydantic import BaseModel

    from sim.model import Scenario

    info = Scenario.model_fields.get(str(path[0]))
    if info is None or info.is_required():
        return None
    value: Any = info.get_default(call_default_factory=True)
    for part in path[1:]:
        if isinstance(value, BaseModel):
            value = getattr(value, str(part), None)
        elif isinstance(value, dict):
            value = value.get(part)
        else:
            return None
    return value


def shown_default(value: Any, editor: str) -> str:
    """A default as the trainer would write it: 72.0 hours → '3d'; 0.3 stays 0.3; a list by its items."""
    if value is None:
        return ""
    if editor == "hours" and isinstance(value, (int, float)):
        return format_hours(float(value))
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
