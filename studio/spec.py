"""What each page shows: the fields of each part of a scenario (sim.model), how each is edited (text in
nl/en, a number, a time, a pick list of ids of a given kind, a condition) and the studio's texts."""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from typing import Any, get_args

from ruamel.yaml import YAML

from sim.actions import ACTION_IDS
from sim.model import Narrowing, Sensitivity
from studio.spec_parts import NESTED, RULE_FIELDS, STEP_FIELDS, param_values

EVENT_KINDS = ["observation", "disclosure", "message", "call_out", "complaint", "news"]
TOWNS = ["small", "medium", "large"]
DIMENSIONS = ["timeliness", "feedback", "privacy"]

# (key, label, editor). Editors: str, int, float, hours, date, text (nl/en), bool, consent, cond,
# "one:KIND" / "many:KIND" (pick lists of ids: person, child, role, fact, event, kind, action, narrows,
# sensitivity, event_kind, town, dimension, conversation, node, choice, mark …), "list:SECTION" (a list
# inside the item), "action" (the action `do` with its own parameters), "match" (an expectation's match).
Field = tuple[str, str, str]

SECTIONS: dict[str, dict[str, Any]] = {
    "persons": {"path": ("family", "persons"), "label": "person", "title": "name", "fields": [
        ("id", "id", "str"), ("name", "name", "name"), ("age", "age", "int"), ("relation", "relation", "text"),
        ("gezag", "gezag", "many:person"), ("consents", "consents", "consent")]},
    "roles": {"path": ("roles",), "label": "role", "title": "organisation", "fields": [
        ("id", "id", "str"), ("kind", "kind", "one:kind"), ("name", "role_name", "text"),
        ("organisation", "organisation", "text"), ("playable", "playable", "bool"), ("pivotal", "pivotal", "bool"),
        ("briefing", "briefing", "text"), ("clients", "clients", "many:person"),
        ("knows_at_start", "knows_at_start", "many:fact")]},
    "facts": {"path": ("facts",), "label": "fact", "title": "text", "fields": [
        ("id", "id", "str"), ("text", "text", "text"), ("about", "about", "many:person"),
        ("sensitivity", "sensitivity", "one:sensitivity"), ("secrecy_of", "secrecy_of", "one:role"),
        ("needed_by", "needed_by", "many:role"), ("identifying", "identifying", "bool"),
        ("narrows", "narrows", "many:narrows"), ("safety", "safety", "bool"), ("key", "key", "bool"),
        ("source", "source", "str"), ("revealed_by", "revealed_by", "list:reveals")]},
    "events": {"path": ("events",), "label": "event", "title": "message", "fields": [
        ("id", "id", "str"), ("at", "at", "hours"), ("after_event", "after_event", "one:event"),
        ("jitter", "jitter", "hours"), ("chance", "chance", "float"), ("when", "when", "cond"),
        ("kind", "event_kind", "one:event_kind"), ("sender", "sender", "text"), ("message", "message", "text"),
        ("observed_by", "observed_by", "many:role"), ("facts", "facts", "many:fact"),
        ("risk", "risk_change", "float"), ("inject", "inject", "bool"), ("source", "source", "str")]},
    "outcomes": {"path": ("incident", "outcomes"), "label": "outcome", "title": "child", "fields": [
        ("child", "child", "one:child"), ("harmed", "harmed", "text"), ("softened", "softened", "text"),
        ("safe", "safe", "text"), ("unsupported", "unsupported", "text"),
        ("supported_when", "supported_when", "cond")]},
    "interventions": {"path": ("interventions",), "label": "intervention", "title": "message", "fields": [
        ("id", "id", "str"), ("when", "when", "cond"), ("delay", "delay", "hours"), ("jitter", "jitter", "hours"),
        ("risk", "risk_change", "float"), ("sender", "sender", "text"), ("message", "message", "text"),
        ("tell", "tell", "many:role"), ("facts", "facts", "many:fact"), ("source", "source", "str")]},
    "expectations": {"path": ("expectations",), "label": "expectation", "title": "text", "fields": [
        ("id", "id", "str"), ("text", "text", "text"), ("roles", "exp_roles", "many:role"),
        ("do", "do", "one:action"), ("match", "match", "match"),
        ("window.earliest", "earliest", "hours"), ("window.ideal", "ideal", "hours"),
        ("window.latest", "latest", "hours"), ("after_event", "after_event", "one:event"),
        ("dimension", "dimension", "one:dimension"), ("weight", "weight", "float"),
        ("optional", "optional", "bool"), ("source", "source", "str")]},
    "rules": {"path": ("npc", "rules"), "label": "rule", "title": "do", "fields": RULE_FIELDS},
    "steps": {"path": ("actions",), "label": "step", "title": "do", "fields": STEP_FIELDS},
}
SECTIONS.update(NESTED)

META_FIELDS: list[tuple[tuple[Any, ...], str, str]] = [
    (("meta", "id"), "id", "str"), (("meta", "title"), "title", "text"), (("meta", "summary"), "summary", "text"),
    (("meta", "intro"), "intro", "text"),
    (("meta", "duration"), "duration", "hours"), (("meta", "start_date"), "start_date", "date"),
    (("meta", "start_time"), "start_time", "str"), (("meta", "version"), "version", "int"),
    (("meta", "sources"), "sources", "strs"), (("family", "name"), "family_name", "text"),
    (("family", "town"), "town", "one:town")]

RISK_FIELDS: list[tuple[tuple[Any, ...], str, str]] = [
    (("risk", "start"), "risk_start", "float"), (("risk", "urgent_at"), "urgent_at", "float"),
    (("incident", "id"), "id", "str"), (("incident", "at"), "at", "hours"), (("incident", "jitter"), "jitter", "hours"),
    (("incident", "threshold"), "threshold", "float"), (("incident", "sender"), "sender", "text"),
    (("incident", "message"), "message", "text"), (("incident", "observed_by"), "observed_by", "many:role"),
    (("incident", "facts"), "facts", "many:fact"), (("incident", "softened_by"), "softened_by", "cond"),
    (("incident", "source"), "source", "str")]


def new_item(section: str, n: int) -> dict[str, Any]:
    """A fresh item for a list page: an unused id and empty texts for the trainer to fill."""
    empty = {"nl": "", "en": ""}
    return {
        "persons": {"id": f"persoon_{n}", "name": "", "age": 10, "relation": dict(empty)},
        "roles": {"id": f"rol_{n}", "kind": "", "organisation": dict(empty), "briefing": dict(empty)},
        "facts": {"id": f"feit_{n}", "text": dict(empty), "about": [], "source": ""},
        "events": {"id": f"gebeurtenis_{n}", "at": "1w", "sender": dict(empty), "message": dict(empty),
                   "observed_by": [], "facts": [], "source": ""},
        "outcomes": {"child": "", "harmed": dict(empty), "softened": dict(empty), "safe": dict(empty),
                     "unsupported": dict(empty), "supported_when": {"after": "0h"}},
        "interventions": {"id": f"interventie_{n}", "when": {"after": "0h"}, "risk": -1, "sender": dict(empty),
                          "message": dict(empty), "source": ""},
        "expectations": {"id": f"verwachting_{n}", "text": dict(empty), "roles": [], "do": "talk_parents",
                         "window": {"earliest": "0d", "ideal": "1w", "latest": "3w"}, "source": ""},
        "rules": {"id": f"regel_{n}", "role": "", "when": {"after": "1w"}, "delay": "1d", "do": "observe"},
        "steps": {"at": "1w", "role": "", "do": "observe"},
    }[section]


def empty_scenario(sid: str = "nieuw_gezin") -> dict[str, Any]:
    """The start of 'Nieuw gezin': every part a scenario needs, with nothing filled in yet."""
    empty = {"nl": "", "en": ""}
    return {
        "meta": {"id": sid, "title": dict(empty), "summary": dict(empty), "sources": [], "duration": "8w",
                 "start_date": dt.date(2026, 9, 7)},
        "family": {"name": dict(empty), "town": "medium", "persons": []},
        "roles": [], "facts": [], "events": [],
        "risk": {"start": 5, "urgent_at": 7},
        "incident": {"id": "incident", "at": "5w", "jitter": "2d", "threshold": 6, "sender": dict(empty),
                     "message": dict(empty), "observed_by": [], "facts": [], "outcomes": [], "source": ""},
        "interventions": [], "npc": {"rules": []}, "expectations": [],
    }


@cache
def labels() -> dict[str, dict[str, str]]:
    """The studio's texts (studio/data/labels.yaml), nl and en."""
    text = resources.files("studio").joinpath("data/labels.yaml").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)


def t(key: str, lang: str = "nl", **params: Any) -> str:
    """One text in the language asked for, with {params} filled in."""
    entry = labels().get(key, {"nl": key, "en": key})
    return entry.get(lang, entry["nl"]).format(**params)


def options(kind: str, data: Any, lang: str = "nl") -> dict[str, str]:
    """The pick list for ids of `kind` in the scenario being edited: {id: what the trainer reads}."""
    def items(path: tuple[str, ...]) -> list[Any]:
        node = data
        for p in path:
            node = node.get(p, {}) if isinstance(node, dict) else {}
        return node if isinstance(node, list) else []

    def txt(v: Any) -> str:
        return (v.get(lang) or v.get("nl") or "") if isinstance(v, dict) else str(v or "")

    persons = [p for p in items(("family", "persons")) if isinstance(p, dict) and p.get("id")]
    if kind == "person":
        return {p["id"]: f"{txt(p.get('name')) or p['id']} ({p.get('age', '?')})" for p in persons}
    if kind == "child":
        return {p["id"]: f"{txt(p.get('name')) or p['id']} ({p.get('age', '?')})" for p in persons
                if isinstance(p.get("age"), int) and p["age"] < 18}
    if kind == "role":
        return {r["id"]: f"{r['id']} — {txt(r.get('organisation'))}"[:60] for r in items(("roles",))
                if isinstance(r, dict) and r.get("id")}
    if kind == "fact":
        return {f["id"]: f"{f['id']} — {txt(f.get('text'))}"[:80] for f in items(("facts",))
                if isinstance(f, dict) and f.get("id")}
    if kind == "event":  # world events, the incident and interventions (as sim.references.id_sets)
        out = {e["id"]: f"{e['id']} ({e.get('at', '')})" for e in items(("events",))
               if isinstance(e, dict) and e.get("id")}
        inc = data.get("incident") if isinstance(data, dict) else None
        if isinstance(inc, dict) and inc.get("id"):
            out[str(inc["id"])] = f"{inc['id']} (incident)"
        out |= {iv["id"]: f"{iv['id']} (interventie)" if lang == "nl" else f"{iv['id']} (intervention)"
                for iv in items(("interventions",)) if isinstance(iv, dict) and iv.get("id")}
        return out
    if kind == "kind":
        from sim.catalogue import role_kinds

        own = data.get("kinds") or {} if isinstance(data, dict) else {}
        known = {k: v.name.get(lang) for k, v in role_kinds().items()}
        mine = " (eigen soort)" if lang == "nl" else " (own kind)"
        return known | {k: f"{txt((own.get(k) or {}).get('name')) or k}{mine}" for k in own}
    if kind == "action":
        names = action_names(lang)
        return {a: f"{names.get(a, a)} ({a})" for a in ACTION_IDS}
    more = _more_options(kind, data, lang, items, txt)
    if more is not None:
        return more
    simple = {"narrows": list(get_args(Narrowing)), "sensitivity": list(get_args(Sensitivity)),
              "event_kind": EVENT_KINDS, "town": TOWNS, "dimension": DIMENSIONS}
    return {v: value_name(kind, v, lang) for v in simple[kind]}


def _more_options(kind: str, data: Any, lang: str, items: Any, txt: Any) -> dict[str, str] | None:
    """Pick lists of the further pages (studio.spec_parts): conversations and their nodes and choices,
    the kinds' organisations and articles, the fixed values of an action's parameters."""
    from sim.catalogue import role_kinds

    convs = [c for c in items(("conversations",)) if isinstance(c, dict) and c.get("id")]
    if kind == "conversation":
        return {c["id"]: f"{c['id']} — {txt(c.get('title'))}"[:70] for c in convs}
    if kind.startswith(("node@", "choice@")):  # the nodes (or choices) of one conversation (index or id)
        what, _, which = kind.partition("@")
        conv = next((c for i, c in enumerate(items(("conversations",))) if str(i) == which
                     or (isinstance(c, dict) and c.get("id") == which)), None)
        nodes = [n for n in (conv or {}).get("nodes") or [] if isinstance(n, dict) and n.get("id")]
        if what == "node":
            return {n["id"]: f"{n['id']} — {txt(n.get('text'))}"[:70] for n in nodes}
        return {ch["id"]: f"{n['id']} → {ch['id']} — {txt(ch.get('say'))}"[:80] for n in nodes
                for ch in n.get("choices") or [] if isinstance(ch, dict) and ch.get("id")}
    if kind in ("node", "choice"):
        return {}
    if kind == "org":  # left empty, an own kind is its own organisation
        return {o: o for o in sorted({k.org for k in role_kinds().values() if k.org})}
    if kind.startswith("param:"):
        _, do, key = kind.split(":", 2)
        return {v: value_name(key, v, lang) for v in param_values(do, key)}
    fixed = {"reveal_action": ["observe", "talk_child", "talk_parents"],
             "counts_do": ["talk_parents", "talk_child", "consult_colleague", "advice_veilig_thuis"]}
    if kind in fixed:
        names = action_names(lang)
        return {a: f"{names.get(a, a)} ({a})" for a in fixed[kind]}
    if kind in ("with", "mark"):
        from sim.conversation_model import Mark, With

        return {v: value_name(kind, v, lang) for v in get_args(With if kind == "with" else Mark)}
    return None


def value_name(kind: str, value: str, lang: str = "nl") -> str:
    """How a fixed value reads on the page ('domestic_violence' → 'huiselijk geweld')."""
    entry = labels().get("values", {}).get(kind, {}).get(value)
    return entry.get(lang, entry["nl"]) if entry else value


@cache
def action_names(lang: str) -> dict[str, str]:
    """The actions' names as the game shows them (assets/i18n: action.ID)."""
    import json

    from ui.assets import ASSETS

    path = ASSETS / "i18n" / f"{lang}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        return {}
    return {k.split(".", 1)[1]: v for k, v in data.items() if k.startswith("action.") and k.count(".") == 1}
