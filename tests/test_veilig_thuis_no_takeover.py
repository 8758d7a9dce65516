"""Veilig Thuis does not take over the care of a family (seed 003, 9 vragen, vraag 8: "We zullen de hulp
aan gezinnen dus niet overnemen"): a handover to it is declined, the case stays with the professional who
offered it, and the judge does not praise it as a confirmed handover."""

from __future__ import annotations

from scoring import score_log
from sim import Session


def test_veilig_thuis_declines_a_handover_and_the_case_stays(pietersdam):
    session = Session(pietersdam, seed=1, players=["smw"])
    session.advance(24.0)
    assert session.act("smw", {"do": "handover", "to": "veilig_thuis", "child": "kevin"}).ok
    session.advance(10 * 24.0)
    assert not [r for r in session.records if r.get("type") == "action" and r["action"]["do"] == "accept_handover"]
    declined = [m for m in session.view("smw").inbox if "niet over" in m["text"]["nl"]]
    assert declined, "the smw hears that Veilig Thuis does not take the case"
    session.finish()
    findings = [f for f in score_log(pietersdam, session.records).findings if f.rule == "F-handover"]
    assert findings and not any(f.severity == "praise" for f in findings)


def test_a_player_in_the_veilig_thuis_role_cannot_accept_a_case(pietersdam):
    session = Session(pietersdam, seed=1, players=["smw", "veilig_thuis"])
    session.advance(24.0)
    assert session.act("smw", {"do": "handover", "to": "veilig_thuis", "child": "kevin"}).ok
    refused = session.act("veilig_thuis", {"do": "accept_handover", "child": "kevin"})
    assert not refused.ok and "niet over" in refused.reason.nl


def test_veilig_thuis_declines_with_the_offer_to_join_a_meeting_or_prepare_a_talk(pietersdam):
    """The decline says what Veilig Thuis does offer (vraag 8: "helpen om een lastig gesprek … voor te
    bereiden … Of aansluiten bij een zorgoverleg")."""
    session = Session(pietersdam, seed=1, players=["smw"])
    assert session.act("smw", {"do": "handover", "to": "veilig_thuis", "child": "kevin"}).ok
    declined = [m["text"] for m in session.view("smw").inbox if m["kind"] == "handover_declined"]
    assert declined
    assert "aansluiten bij een overleg" in declined[0]["nl"] and "gesprek voor te bereiden" in declined[0]["nl"]
    assert "join a meeting" in declined[0]["en"] and "prepare a difficult conversation" in declined[0]["en"]


def test_veilig_thuis_joins_a_case_meeting_it_is_invited_to(pietersdam):
    """Invited to the MDO about Kevin, Veilig Thuis says it joins, and it is at the table when the meeting
    is held — thinking along, the care staying with the professionals."""
    session = Session(pietersdam, seed=1, players=["smw", "wijkteam"])
    session.advance(24.0)
    assert session.act("wijkteam", {"do": "case_meeting", "kind": "mdo", "child": "kevin",
                                    "invite": ["smw", "veilig_thuis"]}).ok
    joins = [m for m in session.view("wijkteam").inbox if m["kind"] == "vt_meeting"]
    assert joins and "sluit aan" in joins[0]["text"]["nl"] and "blijft bij" in joins[0]["text"]["nl"]
    session.advance(10 * 24.0)
    meeting = next(r for r in session.records if r.get("type") == "meeting")
    assert "veilig_thuis" in meeting["present"]
