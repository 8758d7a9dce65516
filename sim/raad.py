"""The Raad voor de Kinderbescherming as the computer plays it (seed 004 §7.5; seed 003, 9 vragen, vraag 5).

Professionals ask the Raad for an investigation into whether a supervision order (OTS) is feasible; only
the Raad asks the juvenile judge for an OTS (or an out-of-home placement), and the judge decides. So:

- `escalate(to: raad, request: onderzoek)` is accepted after the Raad's reply time: the Raad tells the
  parents, asks the professionals around the family for information, and after its investigation
  concludes — a request to the judge for an OTS when the family's risk is still at the level where
  Veilig Thuis acts urgently (`risk.urgent_at`), otherwise voluntary help. Its involvement changes the
  family's risk by `npc.raad.risk` (scenario data; like an intervention).
- `escalate(to: raad, request: ots)` is answered with the correction and not taken up ("Meestal gebeurt
  het eerste waarna veel teleurstellingen volgen en men de Raad verwijt 'niks te doen'"). The judge
  scores the request (scoring.units.raad).

A scenario need not declare a `raad` role: the Raad is an institution outside the family's own network
and answers as "raad" (like the Verwijsindex answers as "vir"). When a scenario declares one and a person
plays it, the person answers instead."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sim.messages import message
from sim.world_events import at_work

if TYPE_CHECKING:
    from sim.engine import Session

RAAD = "raad"
"""The sender of the Raad's messages when the scenario has no role of kind `raad`."""
NOT_ASKED = ("veilig_thuis", "raad", "veiligheidshuis", "coordinator")
"""Role kinds the Raad does not ask for information about a family: institutions, not professionals
who know the child (seed 003, 9 vragen, vraag 3: it is the professionals around the family who know)."""


def raad_role(s: "Session") -> str:
    """The Raad's id in this session: the scenario's role of kind `raad`, else "raad"."""
    return next((r.id for r in s.scenario.roles if r.kind == "raad"), RAAD)


def answer(s: "Session", requester: str, a: Any) -> None:
    """The computer-played Raad answers an escalation: an investigation is taken up, a request for an
    OTS is corrected, other requests are not the Raad's (no answer)."""
    sender = raad_role(s)
    child = a.child
    if a.request == "ots":
        s.emit("raad", kind="correction", child=child, requester=requester)
        s.tell(requester, "raad", sender, message("escalate_raad_ots"))
        return
    if a.request != "onderzoek" or not s.fire_once(f"raad:{child}"):
        return  # one investigation per child; regie or a meeting is not asked of the Raad
    behaviour = s.scenario.npc.raad
    s.later(at_work(s, sender, behaviour.reply), lambda: _accept(s, requester, child))


def _accept(s: "Session", requester: str, child: str) -> None:
    sender = raad_role(s)
    behaviour = s.scenario.npc.raad
    name = s.scenario.person_name(child)
    asks = involved(s, child, {requester})
    s.emit("raad", kind="investigation", child=child, requester=requester,
           parents_informed=list(s.scenario.person_by_id[child].gezag), asks=asks)
    s.tell(requester, "raad", sender, message("raad_accepts", child=name))
    for role in asks:
        if sender in s.scenario.role_by_id:
            s.world.note_contact(role, sender)
        s.tell(role, "raad_request", sender, message("raad_request", child=name))
    s.later(at_work(s, sender, behaviour.investigation), lambda: _conclude(s, requester, child))


def _conclude(s: "Session", requester: str, child: str) -> None:
    sender = raad_role(s)
    measure = "ots" if s.world.level >= s.scenario.risk.urgent_at else "voluntary"
    s.emit("raad", kind="concluded", child=child, requester=requester, measure=measure)
    s.tell(requester, "raad", sender, message(f"raad_conclusion_{measure}", child=s.scenario.person_name(child)))
    s.change_risk(s.scenario.npc.raad.risk, "raad_onderzoek")


def involved(s: "Session", child: str, exclude: set[str]) -> list[str]:
    """The professionals the Raad asks: those with the child or a parent as client, or who know
    something about the child — not institutions (NOT_ASKED) and not the requester."""
    sc = s.scenario
    family = {child, *sc.person_by_id[child].gezag}
    out = []
    for r in sc.roles:
        if r.id in exclude or r.kind in NOT_ASKED:
            continue
        knows = any(child in sc.fact_by_id[f].about for f in s.world.knowledge.get(r.id, {}))
        if family & set(r.clients) or knows:
            out.append(r.id)
    return out
