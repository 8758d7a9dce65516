"""How the window names things: roles, family members, senders of messages and actions, in the player's
language (a mixin of ui.app.App; a local game's scenario or a network window's public card alike)."""

from __future__ import annotations

from typing import Any


class Naming:
    """Readable names for the window (uses the App's `game` and `tr`)."""

    game: Any
    tr: Any

    def sender_name(self, who: str | None, kind: str | None = None) -> str:
        """A role, person or facilitator id as a readable name; a world event as the kind of message."""
        if not who:
            return ""
        sc = self.game.scenario if self.game else None
        if sc is not None and who in sc.role_by_id:
            return self.tr.text(sc.role_name(who).model_dump())
        if sc is not None and who in sc.person_by_id:
            return self._person(sc.person_by_id[who])
        said = self._world_sender(sc, who) if sc is not None and hasattr(sc, "event_by_id") else None
        if said:
            return said
        if self.tr.has(f"sender.{who}"):
            return self.tr(f"sender.{who}")
        return self.tr.opt(f"kind.{kind}", "") if kind else ""

    def _world_sender(self, sc: Any, who: str) -> str | None:
        """Who a world event, the incident or an intervention comes from, as the scenario writes it
        ("Meldkamer politie", "Buurvrouw")."""
        item = sc.event_by_id.get(who)
        if item is None and sc.incident.id == who:
            item = sc.incident
        if item is None:
            item = next((iv for iv in sc.interventions if iv.id == who), None)
        sender = getattr(item, "sender", None)
        return self.tr.text(sender.model_dump()) if sender is not None else None

    def person_name(self, pid: str) -> str:
        """A family member's name."""
        sc = self.game.scenario if self.game else None
        return self._person(sc.person_by_id[pid]) if sc is not None and pid in sc.person_by_id else pid

    def _person(self, person: Any) -> str:
        """A person's name in the player's language (a scenario's Person, or a network window's card whose
        name is a plain name or {nl, en})."""
        return person.name_in(self.tr.lang) if hasattr(person, "name_in") else self.tr.text(person.name)

    def describe(self, action: dict[str, Any]) -> str:
        """One line for an action: 'Informatie delen › Wijkagent, over Kevin'."""
        tr = self.tr
        text = tr(f"action.{action['do']}")
        target = action.get("to") or action.get("from")
        if target:
            text += f" › {self.sender_name(target) if self.game and target in self.game.scenario.role_by_id else tr.opt('opt.to.' + target, target)}"
        if action.get("child"):
            text += tr("describe.about", child=self.person_name(action["child"]))
        convs = getattr(self.game.scenario, "conversation_by_id", {}) if self.game else {}  # none in a network window
        conv = convs.get(action.get("conversation", ""))
        if conv is not None:
            text += f" › {tr.text(conv.title.model_dump())}"
        return text
