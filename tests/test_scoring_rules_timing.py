"""Every timeliness and feedback rule of docs/regels.md, both sides, plus live == batch, on small
hand-made logs over the Pietersdam scenario."""

from __future__ import annotations

from scoring import LiveScorer, score_log  # noqa: F401
from scoring.rules import RULES
from sim.model import Scenario  # noqa: F401
from scoring_records import (D, PIET, PLAYERS, SHARE, act, consent, end, findings, header, learn,  # noqa: F401
                             verdicts, with_age, GGZ_TO_POLICE, REPORT, _meeting)

# T-expectation -------------------------------------------------------------------------------------
def _vir_kevin(recs):
    return [f for f in findings(recs, "T-expectation") if "Verwijsindex" in f["message"]["en"]
            and "Kevin" in f["message"]["en"]]


def test_vir_registration_within_the_ideal_window_earns_full_points():
    res = score_log(PIET, [header(), act(5 * D, "smw", do="vir_register", child="kevin"), end()])
    assert [f.earned for f in res.findings if f.rule == "T-expectation" and "Kevin in the Verwijs" in f.message["en"]] == [1.0]


def test_late_vir_registration_earns_decayed_points():
    res = score_log(PIET, [header(), act(4 * 7 * D, "smw", do="vir_register", child="kevin"), end()])
    earned = [f.earned for f in res.findings if f.rule == "T-expectation" and "Kevin in the Verwijs" in f.message["en"]]
    assert 0 < earned[0] < 1


def test_missing_expectation_is_a_finding():
    # issue 14: a missed duty nobody who owned it knew of is a team item; one an owner knew is theirs
    missed = [f for f in findings([end()], "T-expectation-unknown") if "Register Kevin in the Verwijs" in f["message"]["en"]]
    assert [(f["severity"], f["role"]) for f in missed] == [("violation", None)]
    known = _vir_kevin([learn(0, "smw", "kevin_stil"), end()])
    assert [(f["severity"], f["role"]) for f in known] == [("violation", "smw")]


def test_after_event_shifts_the_window_to_the_event():
    uitruk = {"type": "event", "t": 600.0, "event": "politie_uitruk", "kind": "call_out", "observed_by": [],
              "facts": [], "injected": False}
    # the wijkagent's zorgmelding after the call-out (seed 000; seed 004 bijlage 1)
    zorgmelding = dict(REPORT, do="zorgmelding")
    rep = act(650.0, "wijkagent", **zorgmelding)
    res = score_log(PIET, [header(), uitruk, rep, end()])
    melding = [f for f in res.findings if f.rule == "T-expectation" and "police report" in f.message["en"]]
    assert melding[0].earned == 2.0
    early = score_log(PIET, [header(), act(100.0, "wijkagent", **zorgmelding), uitruk, end()])
    assert [f.earned for f in early.findings if f.rule.startswith("T-expectation")
            and "police report" in f.message["en"]] == [0.0]  # too early is not met (nobody knew: a team item)


# T-meldcode-order ----------------------------------------------------------------------------------
def test_report_without_consulting_first_skips_meldcode_steps():
    assert verdicts([act(10, "smw", **REPORT)], "T-meldcode-order") == [False]


def test_report_after_consult_and_talk_follows_the_meldcode():
    recs = [act(5, "smw", do="consult_colleague", child="kevin"),
            act(6, "smw", do="talk_parents", child="kevin", purpose="concern"), act(10, "smw", **REPORT)]
    assert verdicts(recs, "T-meldcode-order") == [True]


# T-incident ----------------------------------------------------------------------------------------
def _incident(happened):
    return {"type": "incident", "t": 1200.0, "incident": "x", "happened": happened, "softened": False, "level": 5}


def test_the_foreseeable_incident_happening_is_a_finding():
    assert verdicts([_incident(True)], "T-incident") == [False]


def test_acting_before_the_incident_is_praised():
    assert verdicts([_incident(False)], "T-incident") == [True]


# F-signal-givers -----------------------------------------------------------------------------------
def test_signal_giver_who_never_hears_back_is_a_finding():
    assert verdicts([act(10, "leerkracht", **SHARE, basis="meldcode"), end()], "F-signal-givers") == [False]


def test_signal_giver_who_hears_back_is_praised():
    recs = [act(10, "leerkracht", **SHARE, basis="meldcode"),
            act(50, "wijkteam", do="give_feedback", to="leerkracht", child="kevin"), end()]
    assert verdicts(recs, "F-signal-givers") == [True]


# F-handover ----------------------------------------------------------------------------------------
def test_closing_before_handover_confirmed_is_a_finding():
    recs = [act(10, "smw", do="handover", to="wijkteam", child="kevin"), act(11, "smw", do="close_case", child="kevin")]
    assert verdicts(recs, "F-handover") == [False]


def test_offered_but_never_accepted_handover_is_a_finding():
    assert verdicts([act(10, "smw", do="handover", to="wijkteam", child="kevin"), end()], "F-handover") == [False]


def test_closing_after_explicit_takeover_is_praised():
    recs = [act(10, "smw", do="handover", to="wijkteam", child="kevin"),
            act(20, "wijkteam", do="accept_handover", child="kevin"),
            act(30, "smw", do="close_case", child="kevin")]
    assert verdicts(recs, "F-handover") == [True]


# F-vt-chase ----------------------------------------------------------------------------------------
def _vt_report(t=10.0):
    return {"type": "vt_report", "t": t, "child": "kevin", "reporter": "smw", "urgent": False, "parents_informed": True}


def test_missing_veilig_thuis_feedback_not_chased_is_a_finding():
    assert verdicts([_vt_report(), end()], "F-vt-chase") == [False]


def test_chasing_late_veilig_thuis_feedback_is_praised():
    recs = [_vt_report(), act(400, "smw", do="ask_feedback", to="veilig_thuis", child="kevin"), end()]
    assert verdicts(recs, "F-vt-chase") == [True]


def test_veilig_thuis_feedback_in_time_asks_nothing_of_the_reporter():
    """Veilig Thuis reporting back by itself is not the reporter's merit: no finding either way."""
    fb = {"type": "feedback", "t": 100, "sender": "veilig_thuis", "to": "smw", "child": "kevin", "about": "report"}
    assert verdicts([_vt_report(), fb, end()], "F-vt-chase") == []


def test_late_veilig_thuis_feedback_the_reporter_never_asked_for_is_a_finding():
    """If feedback is late, the reporter should ask (seed 003, 9 vragen, vraag 4)."""
    fb = {"type": "feedback", "t": 1000, "sender": "veilig_thuis", "to": "smw", "child": "kevin", "about": "report"}
    assert verdicts([_vt_report(), fb, end()], "F-vt-chase") == [False]


# F-bystander ---------------------------------------------------------------------------------------
def test_several_roles_know_and_nobody_acts_is_the_bystander_effect():
    """Each role that knew and left it is a bystander: a finding for each (issue 15, item 5)."""
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"), learn(12, "wijkagent", "burenmelding_geschreeuw"),
            end(12 + 20 * D)]
    fs = findings(recs, "F-bystander")
    assert sorted((f["role"], f["severity"]) for f in fs) == [("leerkracht", "violation"), ("wijkagent", "violation")]
    assert "bystander" in fs[0]["message"]["en"]


def test_several_roles_know_and_one_acts_is_praised():
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"), learn(12, "wijkagent", "burenmelding_geschreeuw"),
            act(50, "wijkagent", do="vir_register", child="kevin"), end(12 + 20 * D)]
    assert verdicts(recs, "F-bystander") == [True]


# general -------------------------------------------------------------------------------------------
def test_npc_actions_are_not_the_teams():
    recs = [act(10, "wijkteam", by="npc", **GGZ_TO_POLICE)]
    assert findings(recs, "P-basis") == []


def test_without_header_every_acting_role_counts():
    res = score_log(PIET, [act(10, "smw", **GGZ_TO_POLICE)]).as_json()
    assert any(f["rule"] == "P-secrecy" for f in res["findings"])
    assert "smw" in res["score"]["per_role"]


def test_every_catalogued_rule_has_tests_here():
    import pathlib
    here = pathlib.Path(__file__).parent
    names = ["test_scoring_rules.py", "test_scoring_rules_timing.py", "test_scoring_duties.py",
             "test_scoring_claims.py", "test_scoring_partial.py"]
    # rules written as units (scoring.units) have rule-named test modules of their own (issue 14, Shape)
    names += sorted(p.name for p in here.glob("test_*.py") if p.name not in names)
    text = "".join((here / name).read_text(encoding="utf-8") for name in names)
    for rid in RULES:
        assert f'"{rid}"' in text, rid


def test_live_feeding_equals_batch_scoring():
    recs = [header(), act(10, "leerkracht", **SHARE, basis="meldcode"), learn(20, "smw", "rob_gevangenis"), end()]
    live = LiveScorer(PIET)
    for r in recs:
        live.feed(r)
    assert live.result().as_json() == score_log(PIET, recs).as_json()


# refinements grounded in the rulebook --------------------------------------------------------------
def test_internal_school_meeting_is_consulting_colleagues_and_needs_no_basis():
    rec = {"type": "meeting", "t": 100, "kind": "zat", "child": "kevin", "convener": "leerkracht",
           "present": ["leerkracht", "zorgcoordinator"], "with_parents": False, "basis": "none",
           "said": {"leerkracht": ["kevin_stil"]}}
    assert findings([rec], "P-basis") == []


def test_convening_a_case_meeting_is_a_meldcode_step():
    recs = [learn(10, "wijkteam", "kevin_schrikachtig"), _meeting({"smw": ["kevin_schrikachtig"]}),
            end(10 + 30 * D)]
    assert verdicts(recs, "P-meldcode-silence") == [True]


def test_being_a_guest_at_a_partners_meeting_is_not_ones_own_step():
    # issue 14: a passive guest is not rescued by a partner's meeting, even when the engine has it
    # tell the table what it knows
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"), _meeting({"leerkracht": ["kevin_schrikachtig"]}),
            end(10 + 30 * D)]
    assert verdicts(recs, "P-meldcode-silence") == [False]


def test_a_vir_signal_given_before_the_scenario_is_a_step_already_taken():
    data = PIET.model_dump(mode="json", by_alias=True)
    data["vir"]["registered"] = [{"role": "ggz", "child": "kevin", "at": -500}]
    sc = Scenario.model_validate(data)
    recs = [learn(0, "ggz", "moeder_medicijnverslaving"), end(30 * D)]
    assert False not in verdicts(recs, "P-meldcode-silence", sc)
    assert verdicts(recs, "P-meldcode-silence") == [False]


# P-subsidiarity ------------------------------------------------------------------------------------
def test_asking_others_before_asking_the_family_is_a_finding():
    rec = act(10, "smw", do="request_info", **{"from": "wijkagent"}, child="kevin", basis="meldcode")
    assert verdicts([rec], "P-subsidiarity") == [False]


def test_asking_the_family_first_is_praised():
    recs = [act(5, "smw", do="talk_parents", child="kevin", purpose="concern"),
            act(10, "smw", do="request_info", **{"from": "wijkagent"}, child="kevin", basis="meldcode")]
    assert verdicts(recs, "P-subsidiarity") == [True]


# T-escalation --------------------------------------------------------------------------------------
def test_a_stuck_case_nobody_escalates_is_a_finding():
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"), act(20, "leerkracht", do="observe", child="kevin"),
            end(10 + 40 * D)]
    assert verdicts(recs, "T-escalation") == [False]


def test_escalating_a_stuck_case_is_praised():
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"),
            act(20 * D, "leerkracht", do="escalate", to="coordinator", child="kevin"), end(10 + 40 * D)]
    assert verdicts(recs, "T-escalation") == [True]


def test_agreeing_who_acts_means_the_case_is_not_stuck():
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"),
            {"type": "regisseur", "t": 100, "child": "kevin", "role": "wijkteam", "via": "vir"}, end(10 + 40 * D)]
    assert verdicts(recs, "T-escalation") == [True]


def test_acting_after_the_silence_deadline_is_still_silence():
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"),
            act(10 + 22 * D, "leerkracht", do="consult_colleague", child="kevin"), end(10 + 30 * D)]
    assert verdicts(recs, "P-meldcode-silence") == [False]
