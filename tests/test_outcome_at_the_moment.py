"""Whether the incident is softened is decided when it happens, from what the world had in place
then (issue 14, item 7): help that arrives afterwards never shows up as help that was there."""

from __future__ import annotations

from sim import Session


WEEK = 7 * 24.0


def _incident_record(session: Session) -> dict:
    return next(r for r in session.records if r.get("type") == "incident")


def _wijkteam_gets_the_whole_picture(session: Session) -> None:
    """The neighbourhood team learns what makes it visit the family (its intervention follows in 3 days)."""
    for fact in ("rob_gevangenis", "rob_agressief_drank"):
        session.learn("wijkteam", fact, "share", "wijkagent")


def test_a_home_visit_after_the_incident_does_not_soften_it(pietersdam):
    # every role played by someone who does nothing: no computer colleague reports before the escalation
    session = Session(pietersdam, seed=7, players=[r.id for r in pietersdam.roles if r.playable])
    session.advance(9 * WEEK)  # past the escalation at 8 weeks
    assert _incident_record(session)["happened"] is True
    _wijkteam_gets_the_whole_picture(session)
    session.advance(10 * WEEK)
    assert "wijkteam_huisbezoek" in session.world.happened
    outcome = session.finish()
    assert outcome["incident"] is True and outcome["softened"] is False
    assert all(child["status"] == "harmed" for child in outcome["children"].values())


def test_a_home_visit_before_the_incident_softens_it_when_the_risk_stays_high(pietersdam):
    session = Session(pietersdam, seed=7, players=[])
    session.advance(6 * WEEK)
    _wijkteam_gets_the_whole_picture(session)
    session.advance(7 * WEEK)
    assert "wijkteam_huisbezoek" in session.world.happened
    session.change_risk(+3.0, "Rob loses his job")  # the visit lowered the risk; this family escalates anyway
    outcome = session.finish()
    assert outcome["incident"] is True
    assert outcome["softened"] is True and _incident_record(session)["softened"] is True
