"""Every action of the vocabulary: refused with a reason when invalid (changing nothing), and its
effect on knowledge and world state when valid (issue 3, item 4)."""

from __future__ import annotations

import pytest

from sim import Session
from sim.actions import ACTION_IDS


def _snapshot(s: Session):
    return (len(s.records), len(s.world.done), {r: dict(k) for r, k in s.world.knowledge.items()})


@pytest.mark.parametrize("action,why", [
    ({"do": "share", "to": "wijkteam", "facts": ["ruzie"]}, "you can only pass on what you know"),
    ({"do": "share", "to": "nobody", "facts": ["anna_moe"]}, "not a role"),
    ({"do": "share", "to": "ib", "facts": ["anna_moe"]}, "yourself"),
    ({"do": "share", "to": "wijkteam", "facts": []}, "choose at least one fact"),
    ({"do": "vir_register", "child": "mam"}, "not a child"),
    ({"do": "accept_handover", "child": "anna"}, "nobody has offered"),
    ({"do": "fly", "child": "anna"}, "not an action in the game"),
    ({"do": "case_meeting", "kind": "tea", "child": "anna"}, "is not an option for the kind of meeting"),
])
def test_an_invalid_action_is_refused_with_a_reason_and_changes_nothing(session, action, why):
    before = _snapshot(session)
    result = session.act("ib", action)
    assert not result.ok
    assert why in result.reason.en.lower()
    assert result.reason.nl
    assert _snapshot(session) == before


def test_a_role_played_by_the_computer_cannot_be_driven_by_a_player(mini):
    s = Session(mini, seed=1, players={"ib"})
    result = s.act("wijkagent", {"do": "wait"})
    assert not result.ok and "computer" in result.reason.en


def test_registering_twice_is_refused(session):
    assert session.act("ib", {"do": "vir_register", "child": "anna"}).ok
    assert not session.act("ib", {"do": "vir_register", "child": "anna"}).ok


def test_vir_registration_holds_no_content_and_a_match_names_only_the_other_professional(session):
    session.act("ib", {"do": "vir_register", "child": "anna"})
    session.act("wijkagent", {"do": "vir_register", "child": "anna"})
    vir = [r for r in session.records if r.get("type") == "vir"]
    assert vir[-1]["kind"] == "match" and set(vir[-1]["roles"]) == {"ib", "wijkagent"}
    assert vir[-1]["regisseur"] == "wijkteam"
    match_msgs = [m for m in session.view("ib").inbox if m["kind"] == "vir_match"]
    assert match_msgs and match_msgs[0]["facts"] == []
    assert not session.view("ib").knows("ruzie"), "a match tells who is involved, not what they know"


def test_siblings_are_linked_in_the_vir(session):
    session.act("ib", {"do": "vir_register", "child": "anna"})
    session.act("wijkagent", {"do": "vir_register", "child": "bram"})
    assert any(r.get("kind") == "family_link" for r in session.records if r.get("type") == "vir")


def test_consent_follows_the_persons_own_rule(mini):
    s = Session(mini, seed=1)
    s.act("ib", {"do": "talk_parents", "child": "anna", "purpose": "consent"})
    assert s.world.consent["anna"]["mam"] is False
    s.advance(24 * 15)
    s.act("ib", {"do": "talk_parents", "child": "anna", "purpose": "consent"})
    assert s.world.consent["anna"]["mam"] is True


def test_ggz_refuses_a_request_without_consent_and_answers_with_it(mini):
    s = Session(mini, seed=1, players={"wijkteam", "ib"})
    s.act("wijkteam", {"do": "request_info", "from": "ggz", "child": "anna", "basis": "consent"})
    s.advance(s.now + 72)
    assert not s.view("wijkteam").knows("mam_ggz")
    assert any(m["kind"] == "request_refused" for m in s.view("wijkteam").inbox)
    s.advance(24 * 15)
    # consent for this request and this holder (issue 15: consent per purpose and recipient)
    s.act("wijkteam", {"do": "talk_parents", "child": "anna", "purpose": "consent", "about": "request",
                       "share_with": ["ggz"]})
    s.act("wijkteam", {"do": "request_info", "from": "ggz", "child": "anna", "basis": "consent"})
    s.advance(s.now + 72)
    assert s.view("wijkteam").knows("mam_ggz")


def test_a_report_to_veilig_thuis_is_triaged_later_and_fed_back(mini):
    s = Session(mini, seed=1)
    s.advance(24 * 8)
    assert s.act("ib", {"do": "report_veilig_thuis", "child": "anna", "facts": ["anna_bang"],
                        "parents_informed": True}).ok
    assert s.world.knows("veilig_thuis", "anna_bang")
    kinds = lambda: [r["type"] for r in s.records[1:]]
    assert "vt_triage" not in kinds(), "triage takes days, not minutes"
    s.advance(s.now + 24 * 3)
    assert "vt_triage" in kinds()
    s.advance(s.now + 24 * 4)  # feedback comes on a working day (sim.world_events.at_work)
    assert any(m["kind"] == "vt_feedback" for m in s.view("ib").inbox)


def test_an_anonymous_advice_call_gets_advice_but_no_follow_up(mini):
    s = Session(mini, seed=1)
    assert s.act("ib", {"do": "advice_veilig_thuis", "anonymous": True, "facts": ["anna_moe"]}).ok
    s.advance(s.now + 24 * 10)
    kinds = [m["kind"] for m in s.view("ib").inbox]
    assert kinds.count("vt_advice") == 1 and "vt_feedback" not in kinds


def test_a_case_meeting_must_be_planned_and_takes_place_days_later(session):
    session.act("wijkteam", {"do": "case_meeting", "kind": "mdo", "child": "anna", "invite": ["ib"],
                             "regisseur": "wijkteam"})
    assert not any(r["type"] == "meeting" for r in session.records[1:])
    session.advance(session.now + 24 * 7)  # five days' planning, and a meeting is held on a weekday
    meeting = next(r for r in session.records[1:] if r["type"] == "meeting")
    assert meeting["present"] == ["wijkteam", "ib"] and meeting["said"]["ib"] == ["anna_moe"]
    assert session.world.regisseur["anna"] == "wijkteam"


def test_a_handover_to_a_player_waits_for_explicit_acceptance(session):
    session.act("ib", {"do": "handover", "to": "wijkteam", "child": "anna"})
    assert session.view("wijkteam").pending_handovers == [{"child": "anna", "from": "ib"}]
    assert session.act("wijkteam", {"do": "accept_handover", "child": "anna"}).ok
    assert any(m["kind"] == "handover_accepted" for m in session.view("ib").inbox)


def test_a_handover_to_the_computer_is_accepted_after_a_day(mini):
    s = Session(mini, seed=1, players={"ib"})
    s.act("ib", {"do": "handover", "to": "wijkteam", "child": "anna"})
    s.advance(s.now + 25)
    assert any(r.get("type") == "action" and r["action"]["do"] == "accept_handover" and r["by"] == "npc"
               for r in s.records[1:])


def test_escalating_to_the_raad_for_an_ots_gets_the_seed_004_correction(session):
    session.act("ib", {"do": "escalate", "to": "raad", "child": "anna", "request": "ots"})
    assert any(m["kind"] == "raad" for m in session.view("ib").inbox)


def test_npc_rules_act_for_roles_nobody_plays_and_not_for_played_roles(mini):
    npc = Session(mini, seed=1, players={"ib"})
    npc.advance(48)
    assert "anna" in npc.world.vir and "wijkagent" in npc.world.vir["anna"]
    played = Session(mini, seed=1, players={"ib", "wijkagent"})
    played.advance(48)
    assert "anna" not in played.world.vir


def test_a_reporting_intervention_lowers_the_risk_and_prevents_the_incident(mini):
    s = Session(mini, seed=1)
    s.advance(24 * 8)
    s.act("ib", {"do": "report_veilig_thuis", "child": "anna", "facts": ["anna_bang"], "parents_informed": True})
    assert s.finish()["incident"] is False
    assert Session(mini, seed=1).finish()["incident"] is True


def test_every_action_of_the_vocabulary_can_be_taken(mini):
    s = Session(mini, seed=2)
    s.act("ib", {"do": "talk_child", "child": "anna"})
    examples = {
        "observe": {"child": "anna"}, "talk_child": {"child": "bram", "purpose": "consent"},
        "talk_parents": {"child": "anna", "purpose": "inform"}, "consult_colleague": {"facts": ["anna_moe"]},
        "consult_anonymous": {"to": "wijkteam", "facts": ["anna_moe"]}, "advice_veilig_thuis": {"anonymous": False, "facts": ["anna_bang"]},
        "vir_register": {"child": "anna"}, "share": {"to": "wijkteam", "facts": ["anna_moe"], "basis": "consent"},
        "request_info": {"from": "wijkagent", "child": "anna"}, "case_meeting": {"kind": "zat", "child": "anna"},
        "report_veilig_thuis": {"child": "anna", "facts": ["anna_bang"]}, "escalate": {"to": "coordinator", "child": "anna"},
        "give_feedback": {"to": "wijkagent"}, "ask_feedback": {"to": "veilig_thuis", "child": "anna"},
        "take_regie": {"child": "anna"}, "handover": {"to": "wijkteam", "child": "bram"},
        "accept_handover": None, "make_plan": {"child": "anna"}, "close_case": {"child": "anna"}, "wait": {},
        "zorgmelding": None,  # the police's, after a call-out: tests/test_zorgmelding.py
        "converse": None,  # needs a conversation in the scenario: tests/test_conversations.py
    }
    assert set(examples) == set(ACTION_IDS)
    for do, params in examples.items():
        if params is None:
            continue
        result = s.act("ib", {"do": do, **params})
        assert result.ok, (do, result.reason)
    assert s.act("wijkteam", {"do": "accept_handover", "child": "bram"}).ok


def test_a_plan_made_without_the_parents_is_said_so_and_does_not_crash(session):
    assert session.act("wijkteam", {"do": "make_plan", "child": "anna", "with_parents": False}).ok
    assert session.world.inbox["wijkteam"][-1].text.nl.endswith("zonder de ouders.")


def test_a_meeting_planned_for_the_weekend_is_held_on_monday(session):
    import datetime as dt

    session.act("wijkteam", {"do": "case_meeting", "kind": "mdo", "child": "anna", "invite": ["ib"],
                             "regisseur": "wijkteam"})
    session.advance(session.now + 24 * 10)
    meeting = next(r for r in session.records[1:] if r["type"] == "meeting")
    held = session.scenario.meta.moment(meeting["t"])
    assert held.weekday() < 5 and dt.time(8, 30) <= held.time() <= dt.time(17, 0)


def test_computer_partners_and_institutions_act_on_working_days():
    """Review of issue 17: the wijkteam's feedback arrived on a Sunday at 09:30. In a solo game every
    step a computer-played colleague or institution takes falls on a weekday in office hours; only the
    police works at any hour."""
    import datetime as dt

    from sim import load_scenario, resolve_scenario
    from sim.runner import play, resolve_policy

    sc = load_scenario(resolve_scenario("pietersdam"))
    session, _ = play(sc, resolve_policy(sc, "expert"), 1, role="leerkracht")
    for r in session.records[1:]:
        if r.get("type") != "action" or r.get("by") != "npc" or sc.role_kind(r["role"]).org == "politie":
            continue
        when = sc.meta.moment(r["t"])
        assert when.weekday() < 5 and dt.time(8, 30) <= when.time() <= dt.time(17, 0), (r["role"], r["action"], when)
