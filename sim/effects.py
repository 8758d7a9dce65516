"""What each action checks and what it does to the world: knowledge, messages, consent, VIR,
meetings, reports, handovers. Rules about *whether it was right* live in scoring/, not here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from pydantic import ValidationError

from sim import npc, veilig_thuis
from sim.actions import VIR_IDENTITY_ONLY
from sim.advice import advice_text
from sim.anonymity import is_traceable
from sim.claims import talk_people
from sim.client_talks import held_as_conversation
from sim.fields import Text
from sim.looks import looks
from sim.messages import message, people_phrase
from sim.npc import _child, _name
from sim.refusals import setting_names

if TYPE_CHECKING:
    from sim.engine import Session

FACT_ACTIONS = {"share", "consult_anonymous", "consult_colleague", "advice_veilig_thuis", "report_veilig_thuis",
                "zorgmelding", "case_meeting"}
NEEDS_VT = {"advice_veilig_thuis", "report_veilig_thuis", "zorgmelding"}
POLICE_ORG = "politie"
"""The organisation whose officers make a zorgmelding (seed 000: most reports to Veilig Thuis come from
the police; seed 004 §7.4: "via een zorgmelding van de politie")."""
CALL_OUTS = {"call_out", "incident"}
"""Inbox kinds that put an officer at the family's door: a call-out, the escalation itself."""


def _t(nl: str, en: str) -> Text:
    return Text(nl=nl, en=en)


def check(s: "Session", role: str, a: Any) -> Text | None:
    """Why the action cannot be taken now (a Text), or None when it can."""
    sc = s.scenario
    p = a.params()
    if p["do"] == "converse":
        from sim import conversations

        return conversations.refusal(s, role, a)
    for key in ("to", "from"):
        other = p.get(key)
        if other is None or (key == "to" and p["do"] == "escalate"):
            continue
        if other not in sc.role_by_id:
            return _t(f'"{other}" is geen rol in dit scenario.', f'"{other}" is not a role in this scenario.')
        if other == role:
            return _t("U kunt dit niet met uzelf doen.", "You cannot do this with yourself.")
    for other in [*p.get("invite", []), *p.get("share_with", [])]:
        if other not in sc.role_by_id:
            return _t(f'"{other}" is geen rol in dit scenario.', f'"{other}" is not a role in this scenario.')
    child = p.get("child")
    if child is not None and (child not in sc.person_by_id or not sc.person_by_id[child].is_child):
        return _t(f'"{child}" is geen kind in dit gezin.', f'"{child}" is not a child of this family.')
    person = p.get("person")
    if person is not None and (person not in sc.person_by_id or person == child):
        return _t(f'"{person}" is geen ouder of gezinslid van dit kind.', f'"{person}" is not a parent or family member of this child.')
    for fact in p.get("facts", []):
        if fact not in sc.fact_by_id:
            return _t(f'Onbekend feit "{fact}".', f'Unknown fact "{fact}".')
        if not s.world.knows(role, fact) and p["do"] in FACT_ACTIONS:
            return _t("U kunt alleen delen wat u zelf weet.", "You can only pass on what you know yourself.")
    if p["do"] in ("consult_colleague", "consult_anonymous", "advice_veilig_thuis") and not p.get("child") \
            and not p.get("facts"):
        return _t("Zeg waarover u wilt overleggen: kies het kind of de feiten die u bespreekt.",
                  "Say what you want to consult about: choose the child or the facts you discuss.")
    if p.get("unsafe_to_inform") and not (p.get("reason") or "").strip():
        # Not informing the family first is allowed only when that would endanger the child, and the
        # professional must say why (seed 003, 9 vragen, vraag 2; Meldcode stap 3).
        return _t("Schrijf op waarom het gezin vooraf informeren het kind in gevaar zou brengen "
                  "(of informeer het gezin eerst).",
                  "Write down why informing the family first would put the child in danger "
                  "(or inform the family first).")
    if p["do"] in NEEDS_VT and npc.veilig_thuis_role(s) is None:
        return _t("Veilig Thuis speelt niet mee in dit scenario.", "Veilig Thuis is not part of this scenario.")
    if p["do"] == "zorgmelding":
        refusal = _zorgmelding_refusal(s, role)
        if refusal is not None:
            return refusal
    if p["do"] == "vir_register" and role in s.world.vir.get(child, []):
        return _t("U hebt dit kind al geregistreerd in de Verwijsindex.", "You already registered this child in the Verwijsindex.")
    if p["do"] == "accept_handover" and (child, role) not in s.world.handovers:
        return _t("Niemand heeft u deze zaak aangeboden.", "Nobody has offered you this case.")
    if p["do"] == "accept_handover" and not takes_over_care(s, role):
        return _t("Veilig Thuis neemt de hulp aan een gezin niet over; het kan wel aansluiten bij een overleg "
                  "(9 vragen over samenwerken met Veilig Thuis, vraag 8).",
                  "Veilig Thuis does not take over a family's care; it can join a meeting "
                  "(9 questions on working with Veilig Thuis, question 8).")
    return None


def _zorgmelding_refusal(s: "Session", role: str) -> Text | None:
    """A zorgmelding is the police's, after a call-out to the family (seed 000; seed 004 §7.4)."""
    if s.scenario.role_kind(role).org != POLICE_ORG:
        return message("zorgmelding_police_only")
    if not any(m.kind in CALL_OUTS for m in s.world.inbox.get(role, [])):
        return message("zorgmelding_after_call_out")
    return None


def rule_refusal(exc: ValidationError) -> Text | None:
    """An action that does not parse because it breaks a rule of the domain, refused with that rule in
    the player's words rather than the parser's: a Verwijsindex registration carrying content (seed 003,
    VIR: "Er staat geen inhoudelijke informatie in de VIR"). None: an ordinary parse error."""
    for err in exc.errors(include_url=False):
        if err["type"] == VIR_IDENTITY_ONLY:
            keys = str((err.get("ctx") or {}).get("keys", "")).split(", ")
            return message("vir_identity_only", keys=setting_names(k for k in keys if k))
    return None


def apply(s: "Session", role: str, a: Any) -> None:
    """Carry out an accepted action."""
    _HANDLERS[a.do](s, role, a)


def _reveal(s: "Session", role: str, action: str, child: str) -> int:
    found = 0
    for fact in s.scenario.facts:
        for rv in fact.revealed_by:
            if rv.action == action and role in rv.roles and rv.child in (None, child) \
                    and (rv.when is None or rv.when.holds(s.world)):
                found += s.learn(role, fact.id, "told" if action != "observe" else "observed",
                                 child if action == "talk_child" else None)
    return found


def _observe(s: "Session", role: str, a: Any) -> None:
    """What the role notices: the facts an observation reveals now, else how the child looks compared
    with the last time (sim.looks), or plainly nothing new when no child is named."""
    if _reveal(s, role, "observe", a.child):
        return
    if a.child and a.child in s.scenario.person_by_id and s.scenario.person_by_id[a.child].is_child:
        key = (role, a.child)
        s.world.looks[key], text = looks(s.scenario, role, a.child, s.world.level, s.world.looks.get(key))
        s.tell(role, "observe", role, text)
    else:
        s.tell(role, "observe", role, message("nothing_new"))


def _talk(s: "Session", role: str, a: Any, who: list[str], action: str) -> None:
    names = people_phrase(s.scenario, who)  # "Moeder Pietersdam en Vader Pietersdam"
    if a.purpose == "consent":
        for person in who:
            npc.ask_consent(s, role, a.child, person, a.share_with, a.about)
    elif a.purpose == "concern" and (conv := held_as_conversation(s, role, a.params(), s.now)) is not None:
        # the talk about the worry with this person is the scenario's conversation with choices: say so,
        # rather than "you discussed your concern" (issue 17 review, item 1; sim.client_talks)
        s.tell(role, action, role, message("talk_concern_in_conversation", who=names, title=conv.title))
    else:
        s.tell(role, action, role, message("talk_inform" if a.purpose == "inform" else "talk_concern", who=names))
    if a.purpose == "concern":
        _reveal(s, role, action, a.child)


def _talk_child(s: "Session", role: str, a: Any) -> None:
    _talk(s, role, a, [a.child], "talk_child")


def _talk_parents(s: "Session", role: str, a: Any) -> None:
    _talk(s, role, a, talk_people(a.params(), s.scenario.person_by_id[a.child]), "talk_parents")


def _consult_colleague(s: "Session", role: str, a: Any) -> None:
    """A colleague in one's own organisation gives advice on what one told (sim.advice; Meldcode stap 2)."""
    s.tell(role, "consult_colleague", role, advice_text(s.scenario, s.world.done, role, a.child, a.facts, "colleague"))


def _consult_anonymous(s: "Session", role: str, a: Any) -> None:
    traceable = is_traceable(s.scenario, a.facts, a.to, s.world.knowledge.get(a.to, {}))
    s.tell(a.to, "consult_anonymous", role, message("consult_anonymous", sender=_name(s, role)),
           a.facts if traceable else ())
    s.world.note_contact(role, a.to)


def _advice_veilig_thuis(s: "Session", role: str, a: Any) -> None:
    veilig_thuis.advice(s, role, a)


def _vir_register(s: "Session", role: str, a: Any) -> None:
    npc.vir_register(s, role, a.child)


def _share(s: "Session", role: str, a: Any) -> None:
    s.tell(a.to, "share", role, message("share", sender=_name(s, role), child=_child(s, a.child or _about(s, a.facts))),
           a.facts)
    s.world.note_contact(role, a.to)


def _about(s: "Session", facts: list[str]) -> str | None:
    for f in facts:
        for person in s.scenario.fact_by_id[f].about:
            if s.scenario.person_by_id[person].is_child:
                return person
    return None


def _request_info(s: "Session", role: str, a: Any) -> None:
    s.world.note_contact(role, a.from_)
    if a.from_ in s.players:
        s.tell(a.from_, "request_info", role, message("request_info", sender=_name(s, role), child=_child(s, a.child)))
    else:
        npc.answer_request(s, role, a)


def _case_meeting(s: "Session", role: str, a: Any) -> None:
    npc.plan_meeting(s, role, a)


def _report_veilig_thuis(s: "Session", role: str, a: Any) -> None:
    veilig_thuis.report(s, role, a)


def _escalate(s: "Session", role: str, a: Any) -> None:
    npc.escalate(s, role, a)


def _give_feedback(s: "Session", role: str, a: Any) -> None:
    s.tell(a.to, "feedback", role, message("feedback", sender=_name(s, role), child=_child(s, a.child)))
    s.world.note_contact(role, a.to)


def _ask_feedback(s: "Session", role: str, a: Any) -> None:
    npc.ask_feedback(s, role, a)


def _take_regie(s: "Session", role: str, a: Any) -> None:
    s.world.regisseur[a.child] = role
    s.emit("regisseur", child=a.child, role=role)
    for other in sorted(s.world.involved.get(role, set())):
        s.tell(other, "regie", role, message("took_regie", sender=_name(s, role), child=_child(s, a.child)))


def takes_over_care(s: "Session", role: str) -> bool:
    """Can this role take a family's case over? Not Veilig Thuis (seed 003, 9 vragen, vraag 8)."""
    return s.scenario.role_kind(role).takes_over_care


def _handover(s: "Session", role: str, a: Any) -> None:
    s.world.handovers[(a.child, a.to)] = role
    s.world.note_contact(role, a.to)
    s.tell(a.to, "handover", role, message("handover_offered", sender=_name(s, role), child=_child(s, a.child)))
    if a.to not in s.players and takes_over_care(s, a.to):
        npc.accept_handover_later(s, a.to, a.child)
    elif a.to not in s.players:  # Veilig Thuis says no: the case stays with whoever offered it
        s.tell(role, "handover_declined", a.to, message("handover_declined_vt", child=_child(s, a.child)))


def _accept_handover(s: "Session", role: str, a: Any) -> None:
    offered_by = s.world.handovers.pop((a.child, role))
    s.tell(offered_by, "handover_accepted", role,
           message("handover_accepted", sender=_name(s, role), child=_child(s, a.child)))
    if s.world.regisseur.get(a.child) == offered_by:
        s.world.regisseur[a.child] = role
        s.emit("regisseur", child=a.child, role=role)


def _make_plan(s: "Session", role: str, a: Any) -> None:
    extra = message("plan_with_parents" if a.with_parents else "plan_without_parents")
    text = message("plan_made", sender=_name(s, role), child=_child(s, a.child), with_parents=extra)
    for other in sorted(s.world.involved.get(role, set()) | {role}):
        s.tell(other, "plan", role, text)


def _close_case(s: "Session", role: str, a: Any) -> None:
    for other in sorted(s.world.involved.get(role, set())):
        s.tell(other, "close_case", role, message("case_closed", sender=_name(s, role), child=_child(s, a.child)))


def _wait(s: "Session", role: str, a: Any) -> None:
    pass


def _converse(s: "Session", role: str, a: Any) -> None:
    from sim import conversations

    conversations.choose(s, role, a)


_HANDLERS: dict[str, Callable[["Session", str, Any], None]] = {
    "observe": _observe, "talk_child": _talk_child, "talk_parents": _talk_parents,
    "consult_colleague": _consult_colleague, "consult_anonymous": _consult_anonymous,
    "advice_veilig_thuis": _advice_veilig_thuis, "vir_register": _vir_register, "share": _share,
    "request_info": _request_info, "case_meeting": _case_meeting, "report_veilig_thuis": _report_veilig_thuis,
    "zorgmelding": _report_veilig_thuis,
    "escalate": _escalate, "give_feedback": _give_feedback, "ask_feedback": _ask_feedback,
    "take_regie": _take_regie, "handover": _handover, "accept_handover": _accept_handover,
    "make_plan": _make_plan, "close_case": _close_case, "wait": _wait, "converse": _converse,
}
