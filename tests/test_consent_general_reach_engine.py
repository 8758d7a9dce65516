"""A consent in general reaches the child's care partners, not the police — in the engine too (seed 003,
7 tips, tip 3: the family must know with whom and for what). A computer-played GGZ brings the mother's
treatment to a table only when the consent reaches everyone sitting there."""

from __future__ import annotations

from sim import MemoryLog, Session

D = 24.0


def _meeting_said(mini, invite):
    s = Session(mini, 1, players={"wijkteam"}, log=MemoryLog())
    s.advance(15 * D)  # Mam consents after two weeks (scenario data)
    assert s.act("wijkteam", {"do": "talk_parents", "child": "anna", "purpose": "consent"}).ok
    assert s.act("wijkteam", {"do": "case_meeting", "kind": "mdo", "child": "anna", "invite": invite,
                              "basis": "consent"}).ok
    s.advance(s.now + 10 * D)
    meeting = next(r for r in s.records if r.get("type") == "meeting")
    return meeting["said"].get("ggz", [])


def test_a_general_consent_lets_the_ggz_speak_among_care_partners(mini):
    assert "mam_ggz" in _meeting_said(mini, ["ggz"])


def test_a_general_consent_does_not_reach_the_police_at_the_table(mini):
    assert "mam_ggz" not in _meeting_said(mini, ["ggz", "wijkagent"])
