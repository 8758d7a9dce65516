"""Cross-reference checks of a scenario: every id it mentions must exist (with "did you mean").

Works on the plain data (already shape-checked by pydantic) so every problem keeps its position."""

from __future__ import annotations

from typing import Any, Iterator

from sim.actions import ACTION_IDS
from sim.catalogue import role_kinds
from sim.errors import Msg, hint, known_list, msg

Ref = tuple[tuple[Any, ...], str, str]  # (path, kind of id, the id)


def _ids(items: list[dict[str, Any]]) -> list[str]:
    return [i["id"] for i in items if isinstance(i, dict) and "id" in i]


def condition_refs(cond: Any, path: tuple[Any, ...]) -> Iterator[Ref]:
    """The ids a condition refers to, with their paths."""
    if not isinstance(cond, dict) or len(cond) != 1:
        return
    (key, value), = cond.items()
    p = path + (key,)
    if key in ("all", "any"):
        for i, c in enumerate(value):
            yield from condition_refs(c, p + (i,))
    elif key == "not":
        yield from condition_refs(value, p)
    elif key == "done":
        flt = {"action": value} if isinstance(value, str) else value
        yield (p if isinstance(value, str) else p + ("action",)), "action", flt["action"]
        for k, kind in (("by", "role"), ("to", "role"), ("child", "person"), ("fact", "fact")):
            if flt.get(k) is not None and not (k == "to" and flt["action"] == "escalate"):
                yield p + (k,), kind, flt[k]
    elif key == "known_by":
        if value.get("role") is not None:
            yield p + ("role",), "role", value["role"]
        yield p + ("fact",), "fact", value["fact"]
    elif key == "event":
        yield p, "event", value
    elif key == "consented":
        yield p + ("child",), "child", value["child"]
        if value.get("person") is not None:
            yield p + ("person",), "person", value["person"]
    elif key == "vir_match":
        yield p + ("child",), "child", value["child"]
    elif key == "meeting_held":
        if value.get("child") is not None:
            yield p + ("child",), "child", value["child"]
        if value.get("present") is not None:
            yield p + ("present",), "role", value["present"]
        if value.get("kind") is not None:
            yield p + ("kind",), "meeting", value["kind"]


def action_refs(action: dict[str, Any], path: tuple[Any, ...]) -> Iterator[Ref]:
    """The ids an action (policy step or NPC rule) refers to."""
    for k in ("to", "from"):
        if k in action and not (k == "to" and action.get("do") == "escalate"):
            yield path + (k,), "role", action[k]
    if action.get("regisseur"):
        yield path + ("regisseur",), "role", action["regisseur"]
    for i, r in enumerate(action.get("invite", [])):
        yield path + ("invite", i), "role", r
    if "child" in action:
        yield path + ("child",), "child", action["child"]
    for i, f in enumerate(action.get("facts", [])):
        yield path + ("facts", i), "fact", f
    if action.get("do") == "converse" and "conversation" in action:
        yield path + ("conversation",), "conversation", action["conversation"]


def _list(path: tuple[Any, ...], kind: str, items: list[Any]) -> Iterator[Ref]:
    for i, v in enumerate(items or []):
        yield path + (i,), kind, v


def scenario_refs(d: dict[str, Any]) -> Iterator[Ref]:
    """Every id reference in a scenario's plain data."""
    for i, p in enumerate(d["family"]["persons"]):
        yield from _list(("family", "persons", i, "gezag"), "person", p.get("gezag", []))
        if isinstance(p.get("consents"), dict):
            yield from condition_refs(p["consents"], ("family", "persons", i, "consents"))
    for i, r in enumerate(d["roles"]):
        yield ("roles", i, "kind"), "kind", r["kind"]
        yield from _list(("roles", i, "clients"), "person", r.get("clients", []))
        yield from _list(("roles", i, "knows_at_start"), "fact", r.get("knows_at_start", []))
    for i, f in enumerate(d["facts"]):
        yield from _list(("facts", i, "about"), "person", f["about"])
        if f.get("secrecy_of"):
            yield ("facts", i, "secrecy_of"), "role", f["secrecy_of"]
        yield from _list(("facts", i, "needed_by"), "role", f.get("needed_by", []))
        for j, rv in enumerate(f.get("revealed_by", [])):
            yield from _list(("facts", i, "revealed_by", j, "roles"), "role", rv["roles"])
            if rv.get("child"):
                yield ("facts", i, "revealed_by", j, "child"), "child", rv["child"]
            if rv.get("when"):
                yield from condition_refs(rv["when"], ("facts", i, "revealed_by", j, "when"))
    for i, e in enumerate(d.get("events", [])):
        yield from _list(("events", i, "observed_by"), "role", e.get("observed_by", []))
        yield from _list(("events", i, "facts"), "fact", e.get("facts", []))
        if e.get("when"):
            yield from condition_refs(e["when"], ("events", i, "when"))
        if e.get("after_event"):
            yield ("events", i, "after_event"), "event", e["after_event"]
    inc = d["incident"]
    yield from _list(("incident", "observed_by"), "role", inc.get("observed_by", []))
    yield from _list(("incident", "facts"), "fact", inc.get("facts", []))
    if inc.get("softened_by"):
        yield from condition_refs(inc["softened_by"], ("incident", "softened_by"))
    for j, o in enumerate(inc["outcomes"]):
        yield ("incident", "outcomes", j, "child"), "child", o["child"]
        yield from condition_refs(o["supported_when"], ("incident", "outcomes", j, "supported_when"))
    for i, iv in enumerate(d.get("interventions", [])):
        yield from condition_refs(iv["when"], ("interventions", i, "when"))
        yield from _list(("interventions", i, "tell"), "role", iv.get("tell", []))
        yield from _list(("interventions", i, "facts"), "fact", iv.get("facts", []))
    npc = d.get("npc", {})
    yield from _list(("npc", "refuses_without_consent"), "role", npc.get("refuses_without_consent", []))
    for k in npc.get("meeting_delay", {}) or {}:
        yield ("npc", "meeting_delay", k), "meeting", k
    for i, rule in enumerate(npc.get("rules", [])):
        yield ("npc", "rules", i, "role"), "role", rule["role"]
        yield from condition_refs(rule["when"], ("npc", "rules", i, "when"))
        act = rule.get("action") or {k: v for k, v in rule.items() if k not in ("id", "role", "when", "delay", "jitter")}
        base = ("npc", "rules", i, "action") if "action" in rule else ("npc", "rules", i)
        yield from action_refs(act, base)
    for i, ex in enumerate(d.get("expectations", [])):
        yield from _list(("expectations", i, "roles"), "role", ex["roles"])
        if ex.get("after_event"):
            yield ("expectations", i, "after_event"), "event", ex["after_event"]
        m = ex.get("match", {})
        for k, kind in (("to", "role"), ("from", "role"), ("child", "child"), ("fact", "fact")):
            if k in m and not (k == "to" and ex["do"] == "escalate"):
                yield ("expectations", i, "match", k), kind, m[k]
    vir = d.get("vir", {})
    for i, reg in enumerate(vir.get("registered", [])):
        yield ("vir", "registered", i, "role"), "role", reg["role"]
        yield ("vir", "registered", i, "child"), "child", reg["child"]
    if vir.get("regisseur"):
        yield ("vir", "regisseur"), "role", vir["regisseur"]
    yield from conversation_refs(d.get("conversations") or [])


def _but_speaker(refs: Iterator[Ref]) -> Iterator[Ref]:
    """A conversation's conditions may name the role holding the talk as `speaker` (sim.conversations)."""
    return (r for r in refs if not (r[1] == "role" and r[2] == "speaker"))


def conversation_refs(conversations: list[Any]) -> Iterator[Ref]:
    """The ids the scenario's conversations (sim.conversation_model) refer to outside themselves: the
    child, the roles, facts learned or told, conditions (where `speaker` is the role holding the talk),
    the roles a counted talk names."""
    for i, c in enumerate(conversations):
        if not isinstance(c, dict):
            continue
        base = ("conversations", i)
        if c.get("child") is not None:
            yield base + ("child",), "child", c["child"]
        if c.get("person") is not None:
            yield base + ("person",), "person", c["person"]
        yield from _list(base + ("roles",), "role", c.get("roles", []))
        if c.get("when"):
            yield from _but_speaker(condition_refs(c["when"], base + ("when",)))
        for j, node in enumerate(c.get("nodes") or []):
            for k, ch in enumerate(node.get("choices") or []):
                p = base + ("nodes", j, "choices", k)
                if ch.get("when"):
                    yield from _but_speaker(condition_refs(ch["when"], p + ("when",)))
                for n, rep in enumerate(ch.get("replies") or []):
                    if rep.get("when"):
                        yield from _but_speaker(condition_refs(rep["when"], p + ("replies", n, "when")))
                    yield from _list(p + ("replies", n, "facts"), "fact", rep.get("facts", []))
                counts = ch.get("counts_as") or {}
                yield from _list(p + ("counts_as", "share_with"), "role", counts.get("share_with", []))
                yield from _list(p + ("counts_as", "facts"), "fact", counts.get("facts", []))


def conversation_problems(d: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], Msg]]:
    """(path, message) for ids inside one conversation: a node or choice id used twice, and a `start`,
    `again_start` or `next` that names no node of that conversation (with "did you mean")."""
    for i, c in enumerate(d.get("conversations") or []):
        if not isinstance(c, dict):
            continue
        base = ("conversations", i)
        nodes = c.get("nodes") or []
        yield from duplicate_ids({"nodes": nodes}, [("nodes",)], base)
        ids = {"node": _ids(nodes)}
        refs: list[Ref] = []
        for key in ("start", "again_start"):
            if c.get(key) is not None:
                refs.append((base + (key,), "node", c[key]))
        for j, node in enumerate(nodes):
            choices = node.get("choices") or []
            yield from duplicate_ids({"choices": choices}, [("choices",)], base + ("nodes", j))
            for k, ch in enumerate(choices):
                p = base + ("nodes", j, "choices", k)
                if ch.get("next") is not None:
                    refs.append((p + ("next",), "node", ch["next"]))
                for n, rep in enumerate(ch.get("replies") or []):
                    if rep.get("next") is not None:
                        refs.append((p + ("replies", n, "next"), "node", rep["next"]))
        yield from check_refs(iter(refs), ids)
        yield from _conversation_shape(c, base, refs)


def _conversation_shape(c: dict[str, Any], base: tuple[Any, ...],
                        refs: list[Ref]) -> Iterator[tuple[tuple[Any, ...], Msg]]:
    """A node nothing leads to (unreachable), and a node where every choice has a `when` (stuck)."""
    nodes = [n for n in c.get("nodes") or [] if isinstance(n, dict)]
    if not nodes:
        return
    reached = {value for path, _kind, value in refs if path[-1] in ("next", "again_start")} | \
        {c.get("start") or nodes[0].get("id")}
    for j, node in enumerate(nodes):
        if node.get("id") not in reached:
            yield base + ("nodes", j, "id"), msg("conv_unreachable", id=node.get("id"))
        choices = [ch for ch in node.get("choices") or [] if isinstance(ch, dict)]
        if choices and all(ch.get("when") for ch in choices):
            yield base + ("nodes", j, "choices"), msg("conv_stuck", id=node.get("id"))


def _minor(age: Any) -> bool:
    """Under 18, for an age as written ("12" and 12.0 count as 12, like the model reads them)."""
    try:
        return float(age) < 18
    except (TypeError, ValueError):
        return False


def id_sets(d: dict[str, Any]) -> dict[str, list[str]]:
    """The ids a scenario defines, by kind."""
    persons = d["family"]["persons"]
    return {
        "person": _ids(persons),
        "child": [p["id"] for p in persons if isinstance(p, dict) and "id" in p and _minor(p.get("age", 99))],
        "role": _ids(d["roles"]),
        "fact": _ids(d["facts"]),
        "event": _ids(d.get("events", [])) + [d["incident"]["id"]] + _ids(d.get("interventions", [])),
        "kind": list(role_kinds()) + [k for k in (d.get("kinds") or {}) if isinstance(k, str)],
        "action": list(ACTION_IDS),
        "meeting": ["zat", "mdo", "wijkteam", "hco", "jco", "family"],
        "conversation": _ids(d.get("conversations") or []),
    }


def duplicate_ids(d: dict[str, Any], lists: list[tuple[str, ...]] | None = None,
                  prefix: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Msg]]:
    """(path, message) for every id used a second time in one list (pointing at the second one).
    Ids must be unique within each list (by default the scenario's top-level lists; `prefix` is put
    before the paths when `d` is a part of the scenario)."""
    lists = lists or [("family", "persons"), ("roles",), ("facts",), ("events",), ("interventions",),
                      ("expectations",), ("npc", "rules"), ("conversations",)]
    for base in lists:
        node: Any = d
        for part in base:
            node = node.get(part, []) if isinstance(node, dict) else []
        seen: set[str] = set()
        for i, item in enumerate(node or []):
            ident = item.get("id") if isinstance(item, dict) else None
            if not isinstance(ident, str):
                continue
            if ident in seen:
                yield prefix + base + (i, "id"), msg("dup_in_list", id=ident)
            seen.add(ident)


def check_refs(refs: Iterator[Ref], ids: dict[str, list[str]]) -> Iterator[tuple[tuple[Any, ...], Msg]]:
    """(path, message) for every reference to an id that does not exist."""
    for path, kind, value in refs:
        if value in ids[kind]:
            continue
        if kind == "child" and value in ids.get("person", []):
            yield path, msg("not_a_child", value=value)
            continue
        where = msg("where_catalogue" if kind == "kind" else "where_scenario")
        yield path, msg("unknown_ref", kind=msg("kind_" + kind), value=value, hint=hint(value, ids[kind]),
                        where=where, known=known_list(ids[kind]))
