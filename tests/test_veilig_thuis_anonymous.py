"""After an anonymous advice call Veilig Thuis knows nothing of the family and sends no feedback (seed 003,
9 vragen, vraag 4: "Heb je gebeld voor een adviesgesprek, dan hoor je uiteraard niks meer, want dat was
anoniem"; 7 tips, tip 2: an adviser who thinks they recognise the family "mag niks met die informatie
doen")."""

from __future__ import annotations

from sim import Session

D = 24.0


def _anonymous_advice(session, facts):
    assert session.act("smw", {"do": "advice_veilig_thuis", "anonymous": True, "facts": facts}).ok


def test_veilig_thuis_keeps_nothing_of_an_anonymous_call(pietersdam):
    """Even when the smw gives away a traceable detail (Kevin's name and school), the computer-played
    adviser does not act on what it might recognise: it learns none of it."""
    session = Session(pietersdam, seed=1, players=["smw"])
    session.advance(D)
    _anonymous_advice(session, ["kevin_stil", "kevin_identiteit"])
    session.advance(3 * D)
    assert not session.world.knowledge.get("veilig_thuis")


def test_no_feedback_about_kevin_after_anonymous_advice(pietersdam):
    """The smw only called anonymously, then asks Veilig Thuis how it goes with Kevin: Veilig Thuis gives
    no feedback about a child it was never told of — it says there is no report and none will follow."""
    session = Session(pietersdam, seed=1, players=["smw"])
    session.advance(D)
    _anonymous_advice(session, ["kevin_stil"])
    session.advance(2 * D)
    assert session.act("smw", {"do": "ask_feedback", "to": "veilig_thuis", "child": "kevin"}).ok
    session.advance(6 * D)
    assert not [r for r in session.records if r.get("type") == "feedback"]
    assert not [r for r in session.records if r.get("type") == "action" and r["role"] == "veilig_thuis"]
    from_vt = [m["text"]["nl"] for m in session.view("smw").inbox if m["sender"] == "veilig_thuis"]
    assert not any(text.startswith("Terugkoppeling") for text in from_vt)
    assert not any("Kevin" in text for text in from_vt)
    assert any("geen terugkoppeling" in text for text in from_vt)


def test_a_reporter_hears_back_about_their_own_report_only(pietersdam):
    """Feedback is about one's own report: the smw who reported Kevin hears about Kevin; asking about
    Henk, of whom she made no report, gets no feedback about Henk or Kevin."""
    session = Session(pietersdam, seed=1, players=["smw"])
    session.advance(D)
    assert session.act("smw", {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_stil"]}).ok
    session.advance(10 * D)
    assert session.act("smw", {"do": "ask_feedback", "to": "veilig_thuis", "child": "henk"}).ok
    session.advance(12 * D)
    fed = [r for r in session.records if r.get("type") == "feedback"]
    assert all(r["child"] == "kevin" for r in fed)
    assert not any("Henk" in m["text"]["nl"] for m in session.view("smw").inbox if m["sender"] == "veilig_thuis")
