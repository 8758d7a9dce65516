"""Computer-played partners and institutions: the VIR, colleagues who answer requests,
attend meetings and accept handovers, and the scenario's scripted NPC rules. Veilig Thuis lives in
sim.veilig_thuis, the Raad voor de Kinderbescherming in sim.raad. A role played by a person never acts
here; it only receives messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim import raad, veilig_thuis
from sim.consent import (
    ConsentAnswer,
    consent_complete,
    consented_for,
    general_reach,
    required_consenters,
    secret_missing,
    under_secrecy,
)
from sim.fields import Text
from sim.messages import (
    child_phrase,
    join_texts,
    message,
    people_phrase,
    role_phrase,
    self_phrase,
    sibling_phrase,
)
from sim.veilig_thuis import veilig_thuis_role
from sim.world_events import at_work

if TYPE_CHECKING:
    from sim.engine import Session

STRONG_BASES = ("meldcode", "conflict_of_duties", "ots", "goed_hulpverlenerschap", "legal_duty")

MEETING_NAMES = {
    "zat": Text(nl="ZAT-overleg", en="care and advice team meeting (ZAT)"),
    "mdo": Text(nl="multidisciplinair overleg (MDO)", en="multidisciplinary meeting (MDO)"),
    "wijkteam": Text(nl="wijkteamoverleg", en="neighbourhood team meeting"),
    "hco": Text(nl="Hulpverlening Casusoverleg (HCO)", en="care case meeting (HCO)"),
    "jco": Text(nl="Justitieel Casusoverleg (JCO)", en="justice case meeting (JCO)"),
    "family": Text(nl="gezinsgesprek", en="family meeting"),
}
REQUESTS = {
    "regie": Text(nl="verzoek om regie", en="request to take the lead"),
    "doorzettingsmacht": Text(nl="verzoek om doorzettingsmacht", en="request to break the deadlock"),
    "case_meeting": Text(nl="verzoek om casusoverleg", en="request for a case meeting"),
    "onderzoek": Text(nl="verzoek om onderzoek naar de haalbaarheid van een OTS", en="request to investigate whether a supervision order is feasible"),
    "ots": Text(nl="verzoek om een OTS", en="request for a supervision order"),
}


def _name(s: "Session", role: str) -> Text:
    """A role as it reads in an engine message: "de zorgcoördinator", "het sociaal wijkteam"."""
    return role_phrase(s.scenario, role)


def _child(s: "Session", child: str | None) -> Text:
    """The child a message is about; "het gezin" when the action names none."""
    return child_phrase(s.scenario, child)


def _role_of_kind(s: "Session", kind: str) -> str | None:
    return next((r.id for r in s.scenario.roles if r.kind == kind), None)


def _npc(s: "Session", role: str | None) -> bool:
    return role is not None and role not in s.players


# -- VIR (seed 003) ----------------------------------------------------------------------------
def preregister_vir(s: "Session") -> None:
    """Registrations that existed before the scenario starts (e.g. GGZ, police months ago)."""
    for reg in s.scenario.vir.registered:
        s.world.vir.setdefault(reg.child, []).append(reg.role)
        s.emit("vir", kind="register", child=reg.child, role=reg.role, registered_at=reg.at)


def vir_register(s: "Session", role: str, child: str) -> None:
    """Register a signal of involvement: identity only. Two registrations of one child make a match:
    each registrant hears the other is involved and a regisseur is assigned; siblings are linked."""
    sc = s.scenario
    earlier = list(s.world.vir.get(child, []))
    s.world.vir.setdefault(child, []).append(role)
    s.emit("vir", kind="register", child=child, role=role)
    s.tell(role, "vir", "vir", message("vir_registered", child=_child(s, child)))
    if earlier:
        regisseur = s.world.regisseur.get(child)
        if regisseur is None:
            wanted = sc.vir.regisseur
            regisseur = wanted if wanted in sc.role_by_id else earlier[0]
            s.world.regisseur[child] = regisseur
            s.emit("regisseur", child=child, role=regisseur, via="vir")
        s.emit("vir", kind="match", child=child, roles=earlier + [role], regisseur=regisseur)
        for other in earlier:
            s.world.note_contact(role, other)
            for a, b in ((role, other), (other, role)):
                s.tell(a, "vir_match", "vir", message("vir_match", child=_child(s, child), other=_name(s, b),
                                                      regisseur=_name(s, regisseur)))
    parents = set(sc.person_by_id[child].gezag)
    for sib in sc.children:
        if sib.id == child or not (parents & set(sib.gezag)):
            continue
        for other in s.world.vir.get(sib.id, []):
            if other != role:
                s.emit("vir", kind="family_link", child=child, sibling=sib.id, roles=[role, other])
                s.tell(role, "vir_family", "vir", message("vir_family", other=_name(s, other), sibling=sib.names,
                                                          relation=sibling_phrase(sc, sib.id, child),
                                                          child=_child(s, child)))
                s.tell(other, "vir_family", "vir", message("vir_family", other=_name(s, role), sibling=_child(s, child),
                                                           relation=sibling_phrase(sc, child, sib.id),
                                                           child=sib.names))


# -- consent (seed 003, 7 tips) ------------------------------------------------------------------
def _subject(s: "Session", about: str | None, share_with: list[str] | None, child: Text) -> Text:
    """What a consent was asked for, in words: "het delen van informatie over Kevin met de
    GGZ-behandelaar en het sociaal wijkteam"."""
    names = [_name(s, r) for r in sorted(share_with or ())]
    to = join_texts(names) if names else message("subject_anyone")
    return message(f"subject_{about or 'share'}", to=to, child=child)


def ask_consent(s: "Session", asker: str, child: str, person: str, share_with: list[str] | None = None,
                about: str | None = None) -> None:
    """Ask one person for consent about `child` for a purpose (`about`: share, meeting, request, …; None:
    in general) and recipients (`share_with`; none: the professionals involved); their answer is scenario
    data. The answer is kept with what it was for (issue 15: consent per purpose and recipient)."""
    p = s.scenario.person_by_id[person]
    will = p.consents if isinstance(p.consents, bool) else p.consents.holds(s.world)
    s.world.consent.setdefault(child, {})[person] = will
    s.world.consent_answers.append(ConsentAnswer(child, person, bool(will), s.now, asker, about,
                                                 frozenset(share_with or ())))
    scope = {"share_with": sorted(share_with)} if share_with else {}
    if about:
        scope["about"] = about
    s.emit("consent", child=child, person=person, given=will, asked_by=asker, **scope)
    about_whom = self_phrase(s.scenario, child) if person == child else _child(s, child)  # about itself
    if about or share_with:
        key = "consent_given_for" if will else "consent_refused_for"
        text = message(key, person=p.names, what=_subject(s, about, share_with, about_whom))
    else:
        text = message("consent_given" if will else "consent_refused", person=p.names, child=about_whom)
    s.tell(asker, "consent", person, text)


def has_consent(s: "Session", child: str | None, to: str | None = None, purpose: str | None = None,
                asker: str | None = None, explicit: bool = False) -> bool:
    """Has everyone who must consent for this child's age consented — to anything (no further
    arguments, as before issue 15), or for information going to `to` for `purpose`, asked by `asker`,
    `explicit`ly for them (sim.consent.covers)?"""
    if child is None:
        return False
    if to is None and purpose is None and asker is None and not explicit:
        return s.world.consent_given(child, None)
    # a consent that names nobody reaches only the child's care partners and school (tip 3; the judge's rule)
    reach = general_reach(s.scenario, to)
    return consent_complete(s.scenario.person_by_id[child],
                            consented_for(s.world.consent_answers, child, to, purpose, asker, explicit, reach))


# -- requests, meetings, handovers, feedback ----------------------------------------------------------
def answer_request(s: "Session", requester: str, a: Any) -> None:
    """An NPC answers a request for information after a while (seed 003, 7 tips, tip 6 and 7). It refuses
    without any consent when its scenario says so (e.g. GGZ, professional secrecy); it gives nothing the
    requester's own task does not need (facts' `needed_by`), and facts under its professional secrecy
    only with the consent of whom the secret is about (a parent for their own diagnosis) for this purpose
    and recipient: asked for this request by the requester naming the holder, or by the holder for a
    share with the requester (sim.consent.secret_missing). Consent asked for something else (a meeting,
    in general, or by the school for its own exchange) is not enough."""
    responder = a.from_

    def answer() -> None:
        child = a.child
        sc = s.scenario
        consenters = people_phrase(sc, sorted(required_consenters(sc.person_by_id[child])) if child else [])
        if responder in sc.npc.refuses_without_consent and not has_consent(s, child):
            s.tell(requester, "request_refused", responder,
                   message("request_refused", sender=_name(s, responder), child=_child(s, child), consenters=consenters))
            return
        known = s.world.knowledge.get(responder, {})
        task = [f.id for f in sc.facts if requester in f.needed_by]
        asked = list(a.facts) or task
        outside = [f for f in asked if f not in task and f in known]
        wanted = [f for f in asked if f in task and f in known and not s.world.knows(requester, f)]
        secret = [f for f in wanted if under_secrecy(sc, f, responder, requester)]
        # the secret's subject consented, asked by the requester naming the holder or by the holder itself
        # naming the requester (sim.consent.covers_secret): another's consent does not lift the secrecy
        explicit = bool(child) and any(not secret_missing(sc, s.world.consent_answers, child, wanted, responder,
                                                          requester, purpose) for purpose in ("request", "share"))
        facts = [f for f in wanted if f not in secret or explicit]
        if outside:
            s.tell(requester, "request_outside_task", responder,
                   message("request_outside_task", sender=_name(s, responder), child=_child(s, child)))
        if secret and not explicit:
            s.tell(requester, "request_refused", responder,
                   message("request_secret", sender=_name(s, responder), child=_child(s, child), consenters=consenters))
        if not facts:
            if not outside and not (secret and not explicit):
                s.tell(requester, "request_nothing", responder,
                       message("request_nothing", sender=_name(s, responder), child=_child(s, child)))
            return
        given = has_consent(s, child, requester, "share") or explicit
        basis = "consent" if given else a.basis
        s.act(responder, {"do": "share", "to": requester, "facts": facts, "basis": basis,
                          "informed": given, "child": child}, by="npc")

    s.later(at_work(s, responder, s.scenario.npc.answer_delay), answer)


def plan_meeting(s: "Session", convener: str, a: Any) -> None:
    """Plan a case meeting; it takes place after the scenario's planning delay for its kind."""
    delay = at_work(s, convener, s.scenario.npc.meeting_delay.get(a.kind, 120.0))
    when = s.now + delay
    day = int(when // 24) + 1
    for role in a.invite:
        s.world.note_contact(convener, role)
        s.tell(role, "meeting_invite", convener, message(
            "meeting_planned", sender=_name(s, convener), meeting=MEETING_NAMES[a.kind], child=_child(s, a.child),
            when=Text(nl=f"dag {day}", en=f"day {day}")))
    veilig_thuis.joins_meeting(s, convener, a)
    s.later(delay, lambda: hold_meeting(s, convener, a))


def _contribution(s: "Session", role: str, child: str, basis: str, present: list[str]) -> list[str]:
    """What a participant brings to the table (seed 003, 7 tips, tips 6 and 7): what it knows about the
    meeting's child or the adults around it — not facts only about a sibling — that someone else present
    needs for their task; facts under its own professional secrecy only with complete consent or a
    strong basis."""
    known = s.world.knowledge.get(role, {})
    others = [r for r in present if r != role]
    out = []
    for fact in s.scenario.facts:
        if fact.id not in known:
            continue
        about_children = [p for p in fact.about if s.scenario.person_by_id[p].is_child]
        if about_children and child not in about_children:
            continue
        if not any(r in fact.needed_by for r in others):
            continue
        if under_secrecy(s.scenario, fact.id, role) and basis not in STRONG_BASES and any(
                secret_missing(s.scenario, s.world.consent_answers, child, [fact.id], role, r, "meeting")
                for r in others):
            continue  # a secret goes to the table only with the consent that lifts it towards everyone there
        out.append(fact.id)
    return out


def hold_meeting(s: "Session", convener: str, a: Any) -> None:
    """The meeting takes place: everyone present hears what each participant brought."""
    present = [convener] + [r for r in a.invite if r != convener]
    said: dict[str, list[str]] = {}
    for role in present:
        facts = list(a.facts) if role == convener and a.facts else _contribution(s, role, a.child, a.basis, present)
        said[role] = facts
    record = s.emit("meeting", kind=a.kind, child=a.child, convener=convener, present=present,
                    with_parents=a.with_parents, basis=a.basis, said=said)
    s.world.meetings.append(record)
    for role in present:
        heard = [f for speaker, facts in said.items() if speaker != role for f in facts]
        with_whom = join_texts([message("yourself")] + [_name(s, r) for r in present if r != role])
        text = message("meeting_held", meeting=MEETING_NAMES[a.kind], child=_child(s, a.child), present=with_whom)
        s.tell(role, "meeting", convener, text, dict.fromkeys(heard))
        for other in present:
            if other != role:
                s.world.note_contact(role, other)
    if a.regisseur and a.regisseur in present:
        s.world.regisseur[a.child] = a.regisseur
        s.emit("regisseur", child=a.child, role=a.regisseur, via="meeting")


def accept_handover_later(s: "Session", to: str, child: str) -> None:
    """A computer-played partner explicitly accepts an offered case after a day or so."""
    def accept() -> None:
        if (child, to) in s.world.handovers:
            s.act(to, {"do": "accept_handover", "child": child}, by="npc")
    s.later(at_work(s, to, s.scenario.npc.handover_accept_delay), accept)


def ask_feedback(s: "Session", role: str, a: Any) -> None:
    """Chasing feedback: Veilig Thuis answers about a report; other NPCs give feedback next day."""
    s.tell(a.to, "feedback_asked", role, message("feedback_asked", sender=_name(s, role), child=_child(s, a.child)))
    s.world.note_contact(role, a.to)
    if not _npc(s, a.to):
        return
    if a.to == veilig_thuis_role(s):  # only about its own reports; nothing after anonymous advice (vraag 4)
        veilig_thuis.answer_feedback_question(s, role, a.child)
        return
    s.later(at_work(s, a.to, 24.0), lambda: s.act(a.to, {"do": "give_feedback", "to": role, **({"child": a.child} if a.child else {})},
                                by="npc"))


def escalate(s: "Session", role: str, a: Any) -> None:
    """Escalation reaches the coordinator, the Veiligheidshuis or the Raad (when they take part). The
    Raad voor de Kinderbescherming answers even when the scenario has no role for it (sim.raad)."""
    target = _role_of_kind(s, a.to)
    s.emit("escalation", to=a.to, role=target, child=a.child, request=a.request)
    if target is not None:
        s.world.note_contact(role, target)
        s.tell(target, "escalation", role, message("escalated", sender=_name(s, role), child=_child(s, a.child),
                                                   request=REQUESTS[a.request]))
    if a.to == "raad" and not (target is not None and target in s.players):
        raad.answer(s, role, a)


# -- scripted NPC rules --------------------------------------------------------------------------
def rule_applies(s: "Session", role: str) -> bool:
    """Do the scenario's NPC rules play this role? Not when a person plays it, and in solo play with
    computer partners (sim.partners) only for the institutions no player can take (e.g. the
    Veiligheidshuis): the playable partners then act at their level instead."""
    if role in s.players:
        return False
    return s.partners is None or not s.scenario.role_by_id[role].playable


def trigger_rules(s: "Session") -> None:
    """Start every NPC rule whose condition just became true, for roles no person plays."""
    for rule in s.scenario.npc.rules:
        if not rule_applies(s, rule.role) or not rule.when.holds(s.world):
            continue
        if s.fire_once("npc:" + rule.id):
            delay = at_work(s, rule.role, max(0.0, rule.delay + s.jitter(rule.jitter)))

            def run(rule: Any = rule) -> None:
                result = s.act(rule.role, rule.action, by="npc")
                if not result.ok:
                    s.emit("npc_skipped", rule=rule.id, reason=result.reason.model_dump() if result.reason else None)

            s.later(delay, run)
