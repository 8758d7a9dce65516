"""Claims are not believed (issue 14, item 4): the engine takes "informing the family first would endanger
the child" only with a reason (seed 003, 9 vragen, vraag 2; Meldcode stap 3), keeps the weighing written
into the file (seed 003, 7 tips: "afwegingen vastleggen"), shows each role its own talks with the family
(sim.claims), and old logs with the free `informed` / `parents_informed` / `documented` ticks still load
and replay."""

from __future__ import annotations

import json

from sim import FileLog, Session
from sim.actions import parse_action
from sim.replay import replay
from sim.view import RoleView


def _share(**extra):
    return {"do": "share", "to": "wijkteam", "facts": ["anna_moe"], "basis": "consent", "child": "anna", **extra}


def test_unsafe_to_inform_without_a_reason_is_refused_in_both_languages(session):
    for reason in (None, "", "   "):
        extra = {"unsafe_to_inform": True} | ({"reason": reason} if reason is not None else {})
        result = session.act("ib", _share(**extra))
        assert not result.ok
        assert "waarom" in result.reason.nl.lower() and "why" in result.reason.en.lower()
    report = {"do": "report_veilig_thuis", "child": "anna", "facts": ["anna_moe"], "unsafe_to_inform": True}
    assert not session.act("ib", report).ok
    assert not [r for r in session.records if r.get("type") == "action"], "a refused action changes nothing"


def test_unsafe_to_inform_with_a_reason_and_considerations_is_logged(session):
    reason = "Moeder wordt agressief als zij hoort dat er over het gezin gepraat wordt."
    weighing = "Anna's veiligheid weegt zwaarder; alleen wat het wijkteam nodig heeft."
    assert session.act("ib", _share(unsafe_to_inform=True, reason=reason, considerations=weighing)).ok
    action = [r for r in session.records if r.get("type") == "action"][-1]["action"]
    assert action["unsafe_to_inform"] is True and action["reason"] == reason and action["considerations"] == weighing


def test_reason_and_considerations_have_a_maximum_length(session):
    assert not session.act("ib", _share(unsafe_to_inform=True, reason="x" * 501)).ok
    assert not session.act("ib", _share(considerations="x" * 1001)).ok
    assert session.act("ib", _share(unsafe_to_inform=True, reason="x" * 500, considerations="y" * 1000)).ok


def test_a_share_without_the_new_claims_is_logged_as_before(session):
    assert session.act("ib", _share()).ok
    action = [r for r in session.records if r.get("type") == "action"][-1]["action"]
    assert "unsafe_to_inform" not in action and "reason" not in action and "considerations" not in action


def test_the_view_shows_the_roles_own_talks_with_the_family_per_child(session):
    session.advance(5)
    assert session.act("ib", {"do": "talk_parents", "child": "anna", "purpose": "inform"}).ok
    assert session.act("wijkagent", {"do": "talk_parents", "child": "bram", "purpose": "inform"}).ok
    view = session.view("ib")
    assert view.family_talks == {"anna": [{"t": 5.0, "with": ["mam"], "purpose": "inform",
                                           "counts_for": ["share", "report"]}]}
    assert view.not_yet_informed["anna"] == {"share": [], "report": []}
    assert view.not_yet_informed["bram"]["share"] == ["bram", "mam"], "a 14-year-old is told too"
    assert session.view("wijkagent").family_talks["bram"][0]["with"] == ["mam"]


def test_a_talk_about_a_concern_is_not_yet_telling_the_family_of_a_share(session):
    assert session.act("ib", {"do": "talk_parents", "child": "anna", "purpose": "concern"}).ok
    view = session.view("ib")
    assert view.family_talks["anna"][0]["counts_for"] == ["report"]
    assert view.not_yet_informed["anna"] == {"share": ["mam"], "report": []}


def test_the_view_with_the_talks_travels_as_json(session):
    assert session.act("ib", {"do": "talk_parents", "child": "anna", "purpose": "inform"}).ok
    view = session.view("ib")
    assert RoleView.from_dict(json.loads(json.dumps(view.as_dict()))) == view
    old = {k: v for k, v in view.as_dict().items() if k not in ("family_talks", "not_yet_informed", "who_has_a_say")}
    assert RoleView.from_dict(old).family_talks == {}, "a view from an older server still loads"


def test_old_logs_with_informed_true_still_replay(tmp_path, mini):
    log = tmp_path / "old.jsonl"
    s = Session(mini, seed=5, log=FileLog(log))
    s.advance(24)
    assert s.act("ib", _share(informed=True, documented=True)).ok
    assert s.act("ib", {"do": "report_veilig_thuis", "child": "anna", "facts": ["anna_moe"],
                        "parents_informed": True}).ok
    s.advance(72)
    s.log.close()
    inputs = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert any(r.get("action", {}).get("informed") is True for r in inputs)
    assert any(r.get("action", {}).get("parents_informed") is True for r in inputs)
    rebuilt, warnings = replay(log, scenario_path=mini.source_path)
    assert warnings == [] and rebuilt.records == s.records
    assert parse_action({"do": "share", "to": "wijkteam", "facts": ["anna_moe"], "informed": True,
                         "documented": True}).params()["informed"] is True


def test_consent_is_asked_for_the_professionals_named(pietersdam):
    """talk_parents with purpose consent and `share_with` logs whom the consent was for."""
    s = Session(pietersdam, seed=1, players=["smw"])
    assert s.act("smw", {"do": "talk_parents", "child": "kevin", "purpose": "consent", "share_with": ["wijkteam"]}).ok
    asked = [r for r in s.records if r.get("type") == "consent"]
    assert asked and all(r["share_with"] == ["wijkteam"] for r in asked)
    refused = s.act("smw", {"do": "talk_parents", "child": "kevin", "purpose": "consent", "share_with": ["astronaut"]})
    assert not refused.ok
