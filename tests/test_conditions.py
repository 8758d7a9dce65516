"""The condition vocabulary of scenarios (design.md), evaluated by our code, never `eval`."""

from __future__ import annotations

from pydantic import TypeAdapter

from sim import Session
from sim.conditions import Condition

COND = TypeAdapter(Condition)


def holds(session: Session, cond: dict) -> bool:
    return COND.validate_python(cond).holds(session.world)


def test_done_can_filter_on_the_purpose_of_a_talk(session):
    session.act("ib", {"do": "talk_parents", "child": "anna", "purpose": "inform"})
    assert holds(session, {"done": {"action": "talk_parents", "purpose": "inform"}})
    assert not holds(session, {"done": {"action": "talk_parents", "purpose": "concern"}})


def test_consented_means_everyone_who_must_for_the_childs_age(session):
    session.advance(24 * 15)
    session.act("ib", {"do": "talk_parents", "child": "bram", "purpose": "consent"})
    assert holds(session, {"consented": {"child": "bram", "person": "mam"}})
    assert not holds(session, {"consented": {"child": "bram"}}), "Bram is 14: he must consent too"
    session.act("ib", {"do": "talk_child", "child": "bram", "purpose": "consent"})
    assert holds(session, {"consented": {"child": "bram"}})


def test_vir_match_needs_two_registrations(session):
    session.act("ib", {"do": "vir_register", "child": "anna"})
    assert not holds(session, {"vir_match": {"child": "anna"}})
    session.act("wijkagent", {"do": "vir_register", "child": "anna"})
    assert holds(session, {"vir_match": {"child": "anna"}})


def test_a_planned_meeting_is_not_a_held_meeting(session):
    session.act("wijkteam", {"do": "case_meeting", "kind": "mdo", "child": "anna", "invite": ["ib"]})
    cond = {"meeting_held": {"kind": "mdo", "child": "anna", "present": "ib"}}
    assert holds(session, {"done": {"action": "case_meeting", "kind": "mdo"}}) and not holds(session, cond)
    session.advance(session.now + 24 * 7)  # five days of planning, held on a working day
    assert holds(session, cond)
    assert not holds(session, {"meeting_held": {"present": "ggz"}})


def test_combinations_and_time(session):
    assert holds(session, {"all": [{"before": "1w"}, {"not": {"after": "2d"}}, {"level": ">= 5"}]})
    assert holds(session, {"any": [{"event": "week1"}, {"level": "< 6"}]})
    session.advance(24 * 8)
    assert holds(session, {"event": "week1"}) and holds(session, {"known_by": {"role": "ib", "fact": "anna_bang"}})
    assert holds(session, {"known_by": {"fact": "ruzie"}}) and not holds(session, {"known_by": {"role": "ib", "fact": "ruzie"}})
