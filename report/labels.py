"""Player actions as short sentences for the report and xAPI ("Wijkagent: meldt Kevin bij Veilig Thuis")."""

from __future__ import annotations

from typing import Any

from report.texts import Words, texts
from sim.model import Scenario


def role_name(sc: Scenario, role: str, w: Words) -> str:
    """A role's display name in this language (the id when the scenario does not know it).

    An English name that is the Dutch name with a gloss ("Veilig Thuis (domestic abuse and child abuse
    centre)") reads as the name alone: the gloss is said once, in the scenario's own text, not in every
    table row and chart label (issue 19, item 5)."""
    if role not in sc.role_by_id:
        return role
    name = sc.role_name(role)
    text = w.text(name)
    dutch = getattr(name, "nl", "")
    if w.lang != "nl" and dutch and text.startswith(dutch + " (") and text.endswith(")"):
        return dutch
    return text


def action_sentence(sc: Scenario, action: dict[str, Any], w: Words) -> str:
    """What an action did, e.g. "registreert Kevin in de Verwijsindex" (the id for unknown actions)."""
    do = str(action.get("do", ""))
    key = f"act_{do}"
    if key not in texts():
        return do
    child = action.get("child")
    values = {
        "child": sc.person_by_id[child].name_in(w.lang) if child in sc.person_by_id else w("the_child"),
        "to": role_name(sc, str(action.get("to", "")), w),
        "from": role_name(sc, str(action.get("from", "")), w),
        "n": len(action.get("facts") or []),
        "facts": w.plural("n_facts", len(action.get("facts") or [])),
        "kind": str(action.get("kind", "")).upper(),
        "purpose": w.label("purpose", action.get("purpose")),
    }
    return w(key, **values)
