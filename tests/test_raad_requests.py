"""The Raad voor de Kinderbescherming, computer-played (seed 004 §7.5: "niet aan de Raad voor de
Kinderbescherming verzoeken om een onder-toezicht-stelling (OTS) aan te vragen, maar aan de Raad vragen
een onderzoek te doen naar de haalbaarheid van een OTS"; seed 003, 9 vragen, vraag 5: only the Raad
asks the court). A request for an investigation is taken up; a request "for an OTS" is corrected and
scored as a finding. The Raad answers also in a scenario without a `raad` role."""

from __future__ import annotations

from scoring import score_log
from sim import Session

D = 24.0


def _without_raad(scenario):
    """The scenario without a `raad` role (Pietersdam seats the Raad at the HCO table, seed 004 bijlage 1):
    the Raad then answers as an institution from outside."""
    from sim.model import Scenario

    data = scenario.model_dump(by_alias=True, exclude_none=True)
    data["roles"] = [r for r in data["roles"] if r["kind"] != "raad"]
    for rule in data["npc"]["rules"]:
        if "invite" in rule.get("action", {}):
            rule["action"]["invite"] = [r for r in rule["action"]["invite"] if r != "raad"]
    for iv in data["interventions"]:
        iv["tell"] = [r for r in iv.get("tell", []) if r != "raad"]
    return Scenario.model_validate(data)


def _escalated(pietersdam, request, players=("smw", "leerkracht")):
    pietersdam = _without_raad(pietersdam)
    assert not [r for r in pietersdam.roles if r.kind == "raad"], "the Raad has no role here"
    session = Session(pietersdam, seed=1, players=list(players))
    session.advance(D)
    assert session.act("smw", {"do": "escalate", "to": "raad", "child": "kevin", "request": request}).ok
    return session


def _raad(session, kind):
    return [r for r in session.records if r.get("type") == "raad" and r["kind"] == kind]


def test_the_raad_takes_up_a_request_for_an_investigation(pietersdam):
    """It answers, asks the professionals around Kevin, concludes, and its work changes the family's risk."""
    session = _escalated(pietersdam, "onderzoek")
    session.advance(40 * D)
    investigation = _raad(session, "investigation")
    assert investigation and investigation[0]["parents_informed"] == ["moeder", "vader"]
    assert "leerkracht" in investigation[0]["asks"]
    assert any(m["kind"] == "raad_request" for m in session.view("leerkracht").inbox)
    assert any("starten een onderzoek" in m["text"]["nl"] for m in session.view("smw").inbox)
    concluded = _raad(session, "concluded")
    assert concluded and concluded[0]["measure"] in ("ots", "voluntary")
    assert any(r.get("type") == "risk" and r["cause"] == "raad_onderzoek" for r in session.records)


def test_the_raad_answers_a_request_for_an_ots_with_the_correction(pietersdam):
    """Asked "for an OTS", the Raad says only it asks the court, and does not start anything."""
    session = _escalated(pietersdam, "ots")
    session.advance(40 * D)
    said = [m["text"] for m in session.view("smw").inbox if m["sender"] == "raad"]
    assert said and "alleen de Raad kan de kinderrechter" in said[0]["nl"] and "onderzoek" in said[0]["nl"]
    assert _raad(session, "correction") and not _raad(session, "investigation")


def test_asking_the_raad_for_an_ots_is_a_finding_and_for_an_investigation_praise(pietersdam):
    for request, severity in (("ots", "warning"), ("onderzoek", "praise")):
        session = _escalated(pietersdam, request)
        session.finish()
        found = [f for f in score_log(_without_raad(pietersdam), session.records).findings
                 if f.rule == "T-raad-onderzoek"]
        assert [f.severity for f in found] == [severity], request
        assert found[0].role == "smw" and "Kevin" in found[0].message["nl"]


def test_a_raad_played_by_a_person_answers_for_itself(pietersdam):
    """When a scenario declares a Raad and a person plays it, the computer does not answer for it."""
    from sim.model import Scenario

    data = _without_raad(pietersdam).model_dump(by_alias=True, exclude_none=True)
    data["roles"].append({"id": "raad", "kind": "raad", "organisation": {"nl": "Raad", "en": "Board"},
                          "briefing": {"nl": "De Raad.", "en": "The Board."}})
    with_raad = Scenario.model_validate(data)
    session = Session(with_raad, seed=1, players=["smw", "raad"])
    session.advance(D)
    assert session.act("smw", {"do": "escalate", "to": "raad", "child": "kevin", "request": "onderzoek"}).ok
    session.advance(40 * D)
    assert any(m["kind"] == "escalation" for m in session.view("raad").inbox)
    assert not [r for r in session.records if r.get("type") == "raad"]
