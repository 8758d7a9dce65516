"""A role's view: exactly what one professional knows and sees — the only thing a player, a client
window or a network client ever receives. Built from the world state; never includes facts the role
has not learned (issue 3: knowledge is per role)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from sim.actions import offered_to
from sim.claims import (
    INFORMS_OF_REPORT,
    INFORMS_OF_SHARING,
    Talk,
    informed_before,
    talk_from_action,
    who_has_a_say,
)
from sim.client_talks import client_talks, talk_steps
from sim.conversations import role_conversations
from sim.meldcode_steps import weigh_steps

if TYPE_CHECKING:
    from sim.engine import Session


@dataclass(frozen=True)
class KnownFact:
    """A fact in the role's dossier, with where and when it was learned."""

    id: str
    text: dict[str, str]
    about: list[str]
    sensitivity: str
    learned_at: float
    via: str
    source: str | None
    safety: bool = False
    """The scenario counts this fact as a signal of unsafety (Meldcode; the Meldcode tracker maps it)."""


@dataclass(frozen=True)
class Partner:
    """Another role at the table, as this role sees it on the network map."""

    id: str
    kind: str
    name: dict[str, str]
    in_contact: bool
    informed_by_me: bool
    informed_me: bool


@dataclass(frozen=True)
class RoleView:
    """Everything one role may see now (JSON-ready through `as_dict`)."""

    role: str
    kind: str
    name: dict[str, str]
    briefing: dict[str, str]
    now: float
    end: float
    level_hidden: bool
    family: list[dict[str, Any]]
    dossier: list[KnownFact]
    inbox: list[dict[str, Any]]
    partners: list[Partner]
    my_actions: list[dict[str, Any]]
    vir: list[str]
    regisseur: dict[str, str]
    pending_handovers: list[dict[str, str]] = field(default_factory=list)
    family_talks: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Per child: this role's own talks with the family about that child, oldest first —
    `{"t", "with": [person ids], "purpose": inform | concern | consent, "counts_for": ["share",
    "report"]}` plus, when the talk named them, `"about"` (its subject) and `"share_with"` (role ids) (sim.claims: which steps such a talk
    informs the family of; issue 15: a talk about a subject counts only for that subject). What a share or
    report dialog shows instead of a free "informed" checkbox (issue 14, item 4)."""
    not_yet_informed: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Per child, per kind of step (`share`, `report`): who with a say this role has not told yet in
    a talk that counts for that step (sim.claims.informed_before, now) — empty when all were told."""
    actions: list[str] = field(default_factory=list)
    """The actions this role has in its menu (sim.actions.offered_to: the zorgmelding is the police's)."""
    conversations: list[dict[str, Any]] = field(default_factory=list)
    """The conversations with choices this role can hold now or has held (sim.conversations): id, title,
    with whom, the node reached (`node`: its text, or None when `over`), the `choices` on offer and the
    `history` of what was said and answered (issue 17, item 6)."""
    who_has_a_say: dict[str, list[str]] = field(default_factory=dict)
    """Per child: the people to be told before professionals share about the child, by its age
    (seed 003, 7 tips: under 12 the parents with gezag, 12–15 the parents and the child, 16+ the child)."""
    client_talks: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Per child: this role's talks with the client about the child (Meldcode stap 3: the parents, and
    the child where age allows), oldest first, as `client_talks` describes them — what a tracker needs
    to tell a talk in which the worry was discussed from one that ended before that."""
    talk_steps: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per child: Meldcode stap 3 for this role — `done` (the worry discussed with each side that has a
    say), `begun` and what is `left` (sim.client_talks.talk_step)."""
    weigh_steps: dict[str, float | None] = field(default_factory=dict)
    """Per child: when this role first weighed its worry (Meldcode stap 4) — a case meeting, Veilig
    Thuis's advice or a written weighing about the child, once the role knew a safety signal about it
    (sim.meldcode_steps.weigh_steps) — or None. What the tracker's step 4 reads (issue 17 review, item 6)."""

    def as_dict(self) -> dict[str, Any]:
        """Plain data for the network protocol and tests."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RoleView":
        """The view again from its plain data (what a network client receives from the server)."""
        fields = dict(data)
        fields["dossier"] = [KnownFact(**f) for f in data["dossier"]]
        fields["partners"] = [Partner(**p) for p in data["partners"]]
        return cls(**fields)

    def knows(self, fact: str) -> bool:
        """Is `fact` in this role's dossier?"""
        return any(f.id == fact for f in self.dossier)


def role_view(s: "Session", role: str) -> RoleView:
    """Build the view of `role` from the session's world state."""
    sc = s.scenario
    me = sc.role_by_id[role]
    w = s.world
    known = w.knowledge.get(role, {})
    dossier = [KnownFact(f.id, f.text.model_dump(), list(f.about), f.sensitivity, known[f.id].t,
                         known[f.id].via, known[f.id].source, f.safety)
               for f in sc.facts if f.id in known]
    dossier.sort(key=lambda k: (k.learned_at, k.id))
    inbox = [{"t": m.t, "kind": m.kind, "sender": m.sender, "text": m.text.model_dump(), "facts": list(m.facts)}
             for m in w.inbox.get(role, [])]
    mine = [{"t": d.t, **d.params} for d in w.done if d.role == role]
    told_to = {d.params.get("to") for d in w.done if d.role == role and d.params.get("do") == "share"}
    told_me = {d.role for d in w.done if d.params.get("do") == "share" and d.params.get("to") == role}
    partners = [Partner(r.id, r.kind, sc.role_name(r.id).model_dump(), r.id in w.involved.get(role, set()),
                        r.id in told_to, r.id in told_me) for r in sc.roles if r.id != role]
    family = [{"id": p.id, "name": p.names.model_dump() if p.name_en else p.name, "age": p.age, "relation": p.relation.model_dump(),
               "gezag": list(p.gezag), "child": p.is_child} for p in sc.family.persons]
    pending = [{"child": c, "from": by} for (c, to), by in sorted(w.handovers.items()) if to == role]
    children = [p for p in sc.family.persons if p.is_child]
    held: list[Talk] = [k for d in w.done if d.role == role for c in children
                        if (k := talk_from_action(d.t, role, d.params, c)) is not None]
    talks: dict[str, list[dict[str, Any]]] = {}
    for k in held:
        talks.setdefault(k.child, []).append({
            "t": k.t, "with": sorted(k.with_), "purpose": k.purpose, "counts_for": k.counts_for(),
            **({"about": k.about} if k.about else {}), **({"share_with": sorted(k.recipients)} if k.recipients else {})})
    missing = {c.id: {step: list(informed_before(held, role, c, s.now, purposes, step=step).missing)
                      for step, purposes in (("share", INFORMS_OF_SHARING), ("report", INFORMS_OF_REPORT))}
               for c in children}
    talks_with_client = client_talks(s, role)
    say = {c.id: sorted(who_has_a_say(c)) for c in children}
    return RoleView(
        role=role, kind=me.kind, name=sc.role_name(role).model_dump(), briefing=me.briefing.model_dump(),
        now=s.now, end=s.end, level_hidden=True, family=family, dossier=dossier, inbox=inbox,
        partners=partners, my_actions=mine,
        vir=sorted(c for c, roles in w.vir.items() if role in roles),
        regisseur={c: r for c, r in sorted(w.regisseur.items()) if role in w.vir.get(c, []) or r == role
                   or role in w.involved.get(r, set())},
        pending_handovers=pending,
        family_talks=talks,
        not_yet_informed=missing,
        who_has_a_say=say,
        actions=list(offered_to(sc.role_kind(role).org)),
        conversations=role_conversations(s, role),
        client_talks=talks_with_client,
        talk_steps=talk_steps(s, role, talks_with_client, say),
        weigh_steps=weigh_steps(s, role),
    )

