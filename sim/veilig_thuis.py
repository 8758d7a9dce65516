"""Veilig Thuis as the computer plays it (seed 003, "9 vragen over samenwerken met Veilig Thuis").

- An advice call (adviesgesprek) may be anonymous: Veilig Thuis then does not know the family, keeps
  nothing about it and sends no feedback (vraag 2 and 4; tip 2: an adviser who recognises the family
  may do nothing with it). A named call is recorded under the caller's name.
- A report (melding) is always triaged: acute danger at once, the same day; an urgent report — marked
  urgent by the reporter, or urgent because the family's risk is at the level where Veilig Thuis acts
  urgently — within 24 hours; others within days (vraag 1, vraag 3).
- After triage Veilig Thuis investigates or hands the concern to the care already involved, and tells
  the reporter — sometimes late, so the reporter should ask (vraag 4).
- During an investigation Veilig Thuis first tells the parents about the report and whom it will ask,
  then asks the professionals around the family (the GP, the police, the teachers). A professional
  may answer — also under professional secrecy — after discussing it with the parents and with a
  child of 12 or older (vraag 6). A computer-played professional does exactly that.
- Veilig Thuis never takes over care (vraag 8; sim.effects) but joins a case meeting it is invited to.
A role played by a person never acts here; it only receives messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim.advice import advice_text
from sim.anonymity import is_traceable
from sim.fields import Text
from sim.messages import LANGS, child_phrase, message, people_phrase, role_phrase
from sim.world_events import at_work

if TYPE_CHECKING:
    from sim.engine import Session

ASKED_KINDS = ("huisarts", "ggz", "jgz", "leerkracht", "ib", "zorgcoordinator", "wijkagent")
"""The professionals Veilig Thuis asks during an investigation when they are involved with the family
(seed 003, 9 vragen, vraag 3: "de huisarts, de wijkagent, leerkrachten"; vraag 6: the GP of a parent —
in a scenario the GGZ of a parent is the same case)."""
CHILD_SAYS_AT = 12
"""From this age the child itself is part of the talk before a professional answers Veilig Thuis (vraag 6)."""


def veilig_thuis_role(s: "Session") -> str | None:
    """The role id of Veilig Thuis in this scenario, if it takes part."""
    return next((r.id for r in s.scenario.roles if r.kind == "veilig_thuis"), None)


def _npc(s: "Session", role: str | None) -> bool:
    return role is not None and role not in s.players


def _computer_played(s: "Session", role: str) -> bool:
    """A professional the computer answers for: not played by a person (solo partners included)."""
    return role not in s.players


def _child(s: "Session", child: str | None) -> Text:
    """The child a message is about; "het gezin" when none is named."""
    return child_phrase(s.scenario, child)


# -- advice (vraag 2, 4; tip 2) -------------------------------------------------------------------
def advice(s: "Session", role: str, a: Any) -> None:
    """Advice call: registered under the caller's name. Named, Veilig Thuis knows what was said;
    anonymous, it knows nothing of the family — a computer-played adviser uses nothing it might
    recognise, and no feedback ever follows. A person playing Veilig Thuis sees what a traceable call
    gives away (the caller's fault, judged as such), and may do nothing with it either."""
    vt = veilig_thuis_role(s)
    assert vt is not None
    if not a.anonymous:
        for fact in a.facts:
            s.learn(vt, fact, "advice", role)
    s.world.note_contact(role, vt)
    if not _npc(s, vt):
        shown = a.facts if (not a.anonymous or is_traceable(s.scenario, a.facts, vt, s.world.knowledge.get(vt, {}))) else ()
        s.tell(vt, "advice_request", role, message("consult_anonymous", sender=role_phrase(s.scenario, role)), shown)
        return
    anon = message("vt_advice_anon" if a.anonymous else "vt_advice_named")
    # The advice depends on what the caller told (sim.advice); an anonymous caller's child has no age.
    said = advice_text(s.scenario, s.world.done, role, None if a.anonymous else a.child, a.facts, "veilig_thuis")
    text = Text(**{lang: f"{getattr(said, lang)} {getattr(anon, lang)}" for lang in LANGS})
    s.later(at_work(s, vt, s.scenario.npc.veilig_thuis.advice_reply), lambda: s.tell(role, "vt_advice", vt, text))


# -- report, triage, feedback (vraag 1, 3, 4) -------------------------------------------------------
def acute(s: "Session") -> bool:
    """Acute danger: the scenario's foreseeable incident (the escalation at home) has happened. Veilig
    Thuis checks the police and earlier reports (vraag 3, vraag 7: radar function), so it knows."""
    return s.scenario.incident.id in s.world.happened


def report(s: "Session", role: str, a: Any) -> None:
    """A report (melding): Veilig Thuis learns the facts and triages — acute danger the same day, an
    urgent report within 24 h, others within days — then investigates or hands the concern over, and
    gives the reporter feedback, sometimes late (seed 003 q1, q3, q4)."""
    vt = veilig_thuis_role(s)
    assert vt is not None
    behaviour = s.scenario.npc.veilig_thuis
    for fact in a.facts:
        s.learn(vt, fact, "report", role)
    s.world.note_contact(role, vt)
    is_acute = acute(s)
    claimed = bool(getattr(a, "urgent", False))
    urgent = claimed or is_acute or s.world.level >= s.scenario.risk.urgent_at
    late = s.rng.random() < behaviour.feedback_late_chance
    rep = {"reporter": role, "child": a.child, "urgent": urgent, "late": late, "triaged": False,
           "decision": None, "fed_back": False}
    s.world.vt_reports[(role, a.child)] = rep
    extra = {**({"claimed_urgent": True} if claimed else {}), **({"acute": True} if is_acute else {}),
             **({"via": "zorgmelding"} if a.do == "zorgmelding" else {})}
    s.emit("vt_report", child=a.child, reporter=role, urgent=urgent, parents_informed=a.parents_informed, **extra)
    if not _npc(s, vt):
        s.tell(vt, "report", role, message("share", sender=role_phrase(s.scenario, role), child=_child(s, a.child)))
        return
    key = "vt_report_acute" if is_acute else "vt_report_urgent" if urgent else "vt_report"
    s.tell(role, "vt_report", vt, message(key, child=_child(s, a.child)))

    def triage() -> None:
        safety = any(s.scenario.fact_by_id[f].safety for f in a.facts)
        rep["decision"] = "investigate" if (safety or urgent) else "handover"
        rep["triaged"] = True
        s.emit("vt_triage", child=a.child, reporter=role, urgent=urgent, decision=rep["decision"])
        if not late:
            s.later(at_work(s, vt, behaviour.feedback), lambda: feedback(s, role, rep))
        if rep["decision"] == "investigate":
            investigate(s, rep)

    delay = behaviour.triage_acute if is_acute else behaviour.triage_urgent if urgent else behaviour.triage
    s.later(delay, triage)


def feedback(s: "Session", reporter: str, rep: dict[str, Any]) -> None:
    """Veilig Thuis tells the reporter what became of the report (once), or that it is still pending."""
    vt = veilig_thuis_role(s)
    child = _child(s, rep["child"])
    if not rep["triaged"]:
        s.tell(reporter, "vt_feedback", vt or "veilig_thuis", message("vt_pending", child=child))
        return
    if rep["fed_back"]:
        return
    rep["fed_back"] = True
    decision = message("decision_" + rep["decision"])
    s.emit("feedback", sender=vt, to=reporter, child=rep["child"], about="report")
    s.tell(reporter, "vt_feedback", vt or "veilig_thuis", message("vt_feedback", child=child, decision=decision))


def answer_feedback_question(s: "Session", role: str, child: str | None) -> None:
    """A professional asks Veilig Thuis how things stand (vraag 4). Only a report of theirs — about
    this child, or any when no child is named — gets an answer about a child; after an anonymous
    advice call there is nothing to tell and Veilig Thuis says so, naming no one (tip 2)."""
    reports = s.world.vt_reports
    rep = reports.get((role, child or "")) if child else next(
        (r for (rep_role, _c), r in reports.items() if rep_role == role), None)
    vt = veilig_thuis_role(s) or "veilig_thuis"
    if rep is None:
        s.later(1.0, lambda: s.tell(role, "vt_feedback", vt, message("vt_no_report")))
        return
    s.later(1.0, lambda: feedback(s, role, rep))


# -- investigation (vraag 3, 6) ----------------------------------------------------------------------
def consulted_people(s: "Session", child: str) -> list[str]:
    """Whom a professional talks with before answering Veilig Thuis about `child`: the parents with
    gezag, and the child itself from 12 (seed 003, 9 vragen, vraag 6)."""
    person = s.scenario.person_by_id[child]
    return list(person.gezag) + ([child] if (person.age or 0) >= CHILD_SAYS_AT else [])


def involved(s: "Session", child: str, exclude: set[str]) -> list[str]:
    """The professionals around the family an investigation asks (ASKED_KINDS): those with the child
    or one of its parents as client, or who know something about the child."""
    sc = s.scenario
    family = {child, *sc.person_by_id[child].gezag}
    out = []
    for r in sc.roles:
        if r.id in exclude or r.kind not in ASKED_KINDS:
            continue
        knows = any(child in sc.fact_by_id[f].about for f in s.world.knowledge.get(r.id, {}))
        if family & set(r.clients) or knows:
            out.append(r.id)
    return out


def investigate(s: "Session", rep: dict[str, Any]) -> None:
    """Veilig Thuis investigates: it first tells the parents of the report and whom it will ask, then
    asks those professionals for what the investigation needs (vraag 6: "pas nadat we de ouders
    geïnformeerd hebben … en verteld hebben wie we gaan benaderen")."""
    vt = veilig_thuis_role(s)
    assert vt is not None
    child = rep["child"]
    asks = involved(s, child, {vt, rep["reporter"]})
    parents = list(s.scenario.person_by_id[child].gezag)
    s.emit("vt_investigation", child=child, reporter=rep["reporter"], parents_informed=parents, asks=asks)
    if asks:
        s.later(at_work(s, vt, s.scenario.npc.veilig_thuis.ask_professionals), lambda: ask_professionals(s, child, asks))


def ask_professionals(s: "Session", child: str, asks: list[str]) -> None:
    """Each asked professional gets the request; a person answers (or not) by their own choice, a
    computer-played one answers after talking with the parents (and the child from 12)."""
    vt = veilig_thuis_role(s)
    assert vt is not None
    people = consulted_people(s, child)
    who = people_phrase(s.scenario, people)
    for role in asks:
        s.world.note_contact(vt, role)
        s.emit("vt_request", child=child, role=role, consult=people)
        s.tell(role, "vt_request", vt, message("vt_request", child=_child(s, child), who=who))
        if _computer_played(s, role):
            s.later(at_work(s, role, s.scenario.npc.answer_delay), lambda role=role: answer_after_talk(s, role, child))


def answer_after_talk(s: "Session", role: str, child: str) -> None:
    """A computer-played professional answers Veilig Thuis as vraag 6 says: it tells the parents (and
    the child from 12) what it will pass on, then gives only what Veilig Thuis needs about this child
    or its household, on the Meldcode's basis (the right to inform Veilig Thuis)."""
    vt = veilig_thuis_role(s)
    assert vt is not None
    sc = s.scenario
    known = s.world.knowledge.get(role, {})
    facts = [f.id for f in sc.facts if f.id in known and vt in f.needed_by and not s.world.knows(vt, f.id)
             and f.sensitivity != "identity" and _about_this_child(s, f.id, child)]
    if not facts:
        return
    s.act(role, {"do": "talk_parents", "child": child, "purpose": "inform"}, by="npc")
    if child in consulted_people(s, child):
        s.act(role, {"do": "talk_child", "child": child, "purpose": "inform"}, by="npc")
    s.act(role, {"do": "share", "to": vt, "facts": facts, "basis": "meldcode", "child": child}, by="npc")


def _about_this_child(s: "Session", fact: str, child: str) -> bool:
    about = s.scenario.fact_by_id[fact].about
    kids = [p for p in about if s.scenario.person_by_id[p].is_child]
    return not kids or child in kids


# -- meetings (vraag 8) --------------------------------------------------------------------------------
def joins_meeting(s: "Session", convener: str, a: Any) -> None:
    """Invited to a case meeting, a computer-played Veilig Thuis says it will join and think along — it
    does not take the care over (vraag 8: "aansluiten bij een zorgoverleg")."""
    from sim.npc import MEETING_NAMES

    vt = veilig_thuis_role(s)
    if vt is None or vt not in a.invite or not _npc(s, vt):
        return
    s.tell(convener, "vt_meeting", vt, message("vt_joins_meeting", meeting=MEETING_NAMES[a.kind],
                                               child=_child(s, a.child)))
