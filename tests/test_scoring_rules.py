"""Every rule of docs/regels.md, both sides, on small hand-made logs over the Pietersdam scenario.

The scorer reads only the scenario and log records, so each test writes the few records that matter."""

from __future__ import annotations

from scoring import LiveScorer, score_log
from scoring.rules import RULES
from sim import load_scenario, resolve_scenario
from sim.model import Scenario

PIET = load_scenario(resolve_scenario("pietersdam"))
PLAYERS = ["coordinator", "ggz", "jongerenwerk", "leerkracht", "leerplicht", "smw", "wijkagent", "wijkteam",
           "zorgcoordinator"]
D = 24.0


def header(players=PLAYERS):
    return {"format": "ketenspel-log/1", "scenario": "pietersdam", "seed": 1, "players": list(players)}


def act(t, role, by="player", **action):
    return {"type": "action", "t": t, "role": role, "by": by, "action": action}


def learn(t, role, fact):
    return {"type": "learn", "t": t, "role": role, "fact": fact, "via": "observation", "source": None}


def consent(t, child, person, given=True):
    return {"type": "consent", "t": t, "child": child, "person": person, "given": given, "asked_by": "smw"}


def end(t=1680.0):
    return {"type": "end", "t": t, "outcome": {}}


def findings(records, rule, sc=PIET):
    return [f for f in score_log(sc, [header(), *records]).as_json()["findings"] if f["rule"] == rule]


def verdicts(records, rule, sc=PIET):
    return [f["severity"] == "praise" for f in findings(records, rule, sc)]


def with_age(child: str, age: int) -> Scenario:
    data = PIET.model_dump(mode="json", by_alias=True)
    for p in data["family"]["persons"]:
        if p["id"] == child:
            p["age"] = age
    return Scenario.model_validate(data)


SHARE = {"do": "share", "to": "smw", "facts": ["kevin_schrikachtig"], "child": "kevin"}


# P-basis -------------------------------------------------------------------------------------------
def test_sharing_without_basis_is_a_violation():
    assert verdicts([act(10, "leerkracht", **SHARE, basis="none")], "P-basis") == [False]


def test_sharing_under_the_meldcode_has_a_basis():
    assert verdicts([act(10, "leerkracht", **SHARE, basis="meldcode")], "P-basis") == [True]


def test_request_info_without_basis_is_a_violation():
    assert verdicts([act(10, "smw", do="request_info", **{"from": "ggz"}, child="kevin")], "P-basis") == [False]


# P-consent-age -------------------------------------------------------------------------------------
def _share_about_henk_on_consent(age, consenters):
    sc = with_age("henk", age)
    recs = [consent(5, "henk", p) for p in consenters]
    recs.append(act(10, "zorgcoordinator", do="share", to="jongerenwerk", facts=["henk_hasj"], child="henk",
                    basis="consent", informed=True))
    return verdicts(recs, "P-consent-age", sc)


def test_11_year_old_parents_consent_is_enough():
    assert _share_about_henk_on_consent(11, ["moeder", "vader"]) == [True]


def test_12_year_old_must_consent_too():
    assert _share_about_henk_on_consent(12, ["moeder", "vader"]) == [False]
    assert _share_about_henk_on_consent(12, ["moeder", "vader", "henk"]) == [True]


def test_14_year_old_must_consent_too():
    assert _share_about_henk_on_consent(14, ["moeder", "vader"]) == [False]


def test_15_year_old_needs_parents_and_child():
    assert _share_about_henk_on_consent(15, ["henk"]) == [False]
    assert _share_about_henk_on_consent(15, ["moeder", "vader", "henk"]) == [True]


def test_16_year_old_consents_alone():
    assert _share_about_henk_on_consent(16, ["henk"]) == [True]
    assert _share_about_henk_on_consent(16, ["moeder", "vader"]) == [False]


def test_a_refused_consent_does_not_count():
    assert _share_about_henk_on_consent(11, ["vader"]) == [False]


# P-secrecy -----------------------------------------------------------------------------------------
GGZ_TO_POLICE = {"do": "share", "to": "wijkagent", "facts": ["moeder_ggz_behandeling"], "child": "kevin"}


def test_ggz_diagnosis_to_police_without_basis_is_a_violation():
    fs = findings([act(10, "smw", **GGZ_TO_POLICE)], "P-secrecy")
    assert [f["severity"] for f in fs] == ["violation"]
    assert "seed 003" in fs[0]["source"]


def test_ggz_fact_shared_under_the_meldcode_respects_secrecy():
    assert verdicts([act(10, "smw", **GGZ_TO_POLICE, basis="meldcode")], "P-secrecy") == [True]


def test_ggz_fact_on_incomplete_consent_breaks_secrecy():
    recs = [consent(5, "kevin", "vader"), act(10, "smw", **GGZ_TO_POLICE, basis="consent")]
    assert verdicts(recs, "P-secrecy") == [False]


# P-minimisation ------------------------------------------------------------------------------------
def test_facts_the_recipient_does_not_need_are_too_much():
    assert verdicts([act(10, "smw", **GGZ_TO_POLICE, basis="meldcode")], "P-minimisation") == [False]


def test_facts_the_recipient_needs_are_minimal():
    assert verdicts([act(10, "leerkracht", **SHARE, basis="meldcode")], "P-minimisation") == [True]


def _meeting(said):
    return {"type": "meeting", "t": 100, "kind": "mdo", "child": "kevin", "convener": "wijkteam",
            "present": ["wijkteam", "smw", "leerkracht"], "with_parents": False, "basis": "meldcode", "said": said}


def test_meeting_fact_nobody_at_the_table_needs_is_too_much():
    assert verdicts([_meeting({"smw": ["henk_vernieling_politie"]})], "P-minimisation") == [False]


def test_meeting_fact_someone_at_the_table_needs_is_fine():
    assert verdicts([_meeting({"smw": ["kevin_schrikachtig"]})], "P-minimisation") == [True]


def test_meeting_without_basis_is_a_violation():
    rec = _meeting({"smw": ["kevin_schrikachtig"]}) | {"basis": "none"}
    assert verdicts([rec], "P-basis") == [False]


# P-informed / P-documented -------------------------------------------------------------------------
def test_sharing_without_informing_the_client_is_a_finding():
    assert verdicts([act(10, "leerkracht", **SHARE, basis="meldcode")], "P-informed") == [False]


def test_informing_the_client_beforehand_is_praised():
    assert verdicts([act(10, "leerkracht", **SHARE, basis="meldcode", informed=True)], "P-informed") == [True]
    earlier = [act(5, "leerkracht", do="talk_parents", child="kevin", purpose="inform"),
               act(10, "leerkracht", **SHARE, basis="meldcode")]
    assert verdicts(earlier, "P-informed") == [True]


def test_sharing_without_consent_undocumented_is_a_finding():
    assert verdicts([act(10, "leerkracht", **SHARE, basis="meldcode")], "P-documented") == [False]


def test_documented_considerations_are_praised():
    assert verdicts([act(10, "leerkracht", **SHARE, basis="meldcode", documented=True)], "P-documented") == [True]


# P-anonymous ---------------------------------------------------------------------------------------
def _small_town() -> Scenario:
    data = PIET.model_dump(mode="json", by_alias=True)
    data["family"]["town"] = "small"
    return Scenario.model_validate(data)


def test_anonymous_consult_naming_the_school_in_a_small_town_is_traceable():
    rec = act(10, "smw", do="consult_anonymous", to="jgz", facts=["kevin_stil"])
    assert verdicts([rec], "P-anonymous", _small_town()) == [False]


def test_anonymous_consult_in_a_medium_town_without_identifying_facts_is_anonymous():
    rec = act(10, "smw", do="consult_anonymous", to="jgz", facts=["kevin_stil"])
    assert verdicts([rec], "P-anonymous") == [True]


def test_anonymous_advice_with_an_identifying_fact_is_traceable():
    rec = act(10, "smw", do="advice_veilig_thuis", anonymous=True, facts=["kevin_identiteit"])
    assert verdicts([rec], "P-anonymous") == [False]


# P-vir-informed ------------------------------------------------------------------------------------
def test_vir_registration_without_telling_the_family_is_a_finding():
    assert verdicts([act(10, "smw", do="vir_register", child="kevin")], "P-vir-informed") == [False]


def test_vir_registration_after_telling_the_family_is_praised():
    recs = [act(5, "smw", do="talk_parents", child="kevin", purpose="inform"),
            act(10, "smw", do="vir_register", child="kevin")]
    assert verdicts(recs, "P-vir-informed") == [True]


# P-report-parents ----------------------------------------------------------------------------------
REPORT = {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_schrikachtig"]}


def test_report_without_informing_parents_is_a_finding():
    assert verdicts([act(10, "smw", **REPORT)], "P-report-parents") == [False]


def test_report_with_parents_informed_needs_no_consent():
    assert verdicts([act(10, "smw", **REPORT, parents_informed=True)], "P-report-parents") == [True]


# P-meldcode-silence --------------------------------------------------------------------------------
def test_knowing_safety_facts_and_staying_silent_is_under_sharing():
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"), end(10 + 30 * D)]
    assert verdicts(recs, "P-meldcode-silence") == [False]


def test_taking_a_meldcode_step_after_safety_signals_is_praised():
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"),
            act(20, "leerkracht", do="consult_colleague", child="kevin"), end(10 + 30 * D)]
    assert verdicts(recs, "P-meldcode-silence") == [True]


def test_npc_knowledge_is_not_the_teams_silence():
    recs = [learn(10, "veilig_thuis", "kevin_schrikachtig"), end(10 + 30 * D)]
    assert findings(recs, "P-meldcode-silence") == []


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
    assert [f["severity"] for f in _vir_kevin([end()])] == ["warning"]


def test_after_event_shifts_the_window_to_the_event():
    uitruk = {"type": "event", "t": 600.0, "event": "politie_uitruk", "kind": "call_out", "observed_by": [],
              "facts": [], "injected": False}
    rep = act(650.0, "smw", **REPORT, parents_informed=True)
    res = score_log(PIET, [header(), uitruk, rep, end()])
    melding = [f for f in res.findings if f.rule == "T-expectation" and "structural" in f.message["en"]]
    assert melding[0].earned == 2.0
    early = score_log(PIET, [header(), act(100.0, "smw", **REPORT), uitruk, end()])
    assert [f.earned for f in early.findings if f.rule == "T-expectation" and "structural" in f.message["en"]] == [0.0]


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


def test_veilig_thuis_feedback_that_arrives_closes_the_loop():
    fb = {"type": "feedback", "t": 100, "sender": "veilig_thuis", "to": "smw", "child": "kevin", "about": "report"}
    assert verdicts([_vt_report(), fb, end()], "F-vt-chase") == [True]


# F-bystander ---------------------------------------------------------------------------------------
def test_several_roles_know_and_nobody_acts_is_the_bystander_effect():
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"), learn(12, "wijkagent", "burenmelding_geschreeuw"),
            end(12 + 20 * D)]
    fs = findings(recs, "F-bystander")
    assert [f["severity"] for f in fs] == ["violation"]
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
    text = pathlib.Path(__file__).read_text(encoding="utf-8")
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


def test_sitting_at_a_case_meeting_is_a_meldcode_step():
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"), _meeting({"smw": ["kevin_schrikachtig"]}),
            end(10 + 30 * D)]
    assert verdicts(recs, "P-meldcode-silence") == [True]


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
