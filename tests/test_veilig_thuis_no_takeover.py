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
