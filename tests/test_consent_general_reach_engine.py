"""A consent reaches only the professionals it names, and a secret needs consent that lifts it (seed 003,
7 tips, tip 3: the family must know with whom and for what; domain.md §6: explicit consent is the
starting point for breaking professional secrecy). A computer-played GGZ brings the mother's treatment
to a table only when the consent lifts its secrecy towards everyone sitting there (issue 16 review: the
same rule as for a share)."""

from __future__ import annotations

from sim import MemoryLog, Session

D = 24.0


def _meeting_said(mini, invite, naming=()):
    s = Session(mini, 1, players={"wijkteam"}, log=MemoryLog())
    s.advance(15 * D)  # Mam consents after two weeks (scenario data)
    ask = {"about": "meeting", "share_with": list(naming)} if naming else {}
    assert s.act("wijkteam", {"do": "talk_parents", "child": "anna", "purpose": "consent", **ask}).ok
    assert s.act("wijkteam", {"do": "case_meeting", "kind": "mdo", "child": "anna", "invite": invite,
                              "basis": "consent"}).ok
    s.advance(s.now + 10 * D)
    meeting = next(r for r in s.records if r.get("type") == "meeting")
    return meeting["said"].get("ggz", [])


def test_a_general_consent_does_not_lift_the_ggzs_secrecy_at_a_table(mini):
    assert "mam_ggz" not in _meeting_said(mini, ["ggz"])


def test_consent_for_this_meeting_with_the_ggz_lets_the_ggz_speak(mini):
    assert "mam_ggz" in _meeting_said(mini, ["ggz"], naming=["ggz"])


def test_that_consent_does_not_reach_the_police_at_the_table(mini):
    assert "mam_ggz" not in _meeting_said(mini, ["ggz", "wijkagent"], naming=["ggz"])
