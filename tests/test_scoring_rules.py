"""Every privacy rule of docs/regels.md, both sides, on small hand-made logs over the Pietersdam
scenario. The scorer reads only the scenario and log records, so each test writes the few records
that matter."""

from __future__ import annotations

from scoring import LiveScorer, score_log  # noqa: F401
from sim.model import Scenario  # noqa: F401
from scoring_records import (D, PIET, PLAYERS, SHARE, act, consent, end, findings, header, learn,  # noqa: F401
                             verdicts, with_age, GGZ_TO_POLICE, REPORT, _meeting)

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


def test_ggz_diagnosis_to_police_without_basis_is_a_violation():
    fs = findings([act(10, "smw", **GGZ_TO_POLICE)], "P-secrecy")
    assert [f["severity"] for f in fs] == ["violation"]
    assert "seed 003" in fs[0]["source"]


def test_ggz_fact_shared_under_the_meldcode_respects_secrecy_only_towards_veilig_thuis():
    """The Meldcode lifts secrecy for the report to Veilig Thuis, not for the police (issue 15: a basis
    must fit the recipient; seed 003, 7 tips, beroepsgeheim)."""
    assert verdicts([act(10, "smw", **GGZ_TO_POLICE, basis="meldcode")], "P-secrecy") == [False]
    to_vt = {**GGZ_TO_POLICE, "to": "veilig_thuis"}
    assert verdicts([act(10, "smw", **to_vt, basis="meldcode")], "P-secrecy") == [True]


def test_ggz_fact_on_incomplete_consent_breaks_secrecy():
    recs = [consent(5, "kevin", "vader"), act(10, "smw", **GGZ_TO_POLICE, basis="consent")]
    assert verdicts(recs, "P-secrecy") == [False]


# P-minimisation ------------------------------------------------------------------------------------
def test_facts_the_recipient_does_not_need_are_too_much():
    assert verdicts([act(10, "smw", **GGZ_TO_POLICE, basis="meldcode")], "P-minimisation") == [False]


def test_facts_the_recipient_needs_are_minimal():
    assert verdicts([act(10, "leerkracht", **SHARE, basis="meldcode")], "P-minimisation") == [True]




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
    # issue 14: a ticked "informed" is not believed; the talk before the share is what counts
    earlier = [act(5, "leerkracht", do="talk_parents", child="kevin", purpose="inform"),
               act(10, "leerkracht", **SHARE, basis="meldcode")]
    assert verdicts(earlier, "P-informed") == [True]


def test_sharing_without_consent_undocumented_is_a_finding():
    assert verdicts([act(10, "leerkracht", **SHARE, basis="meldcode")], "P-documented") == [False]


def test_documented_considerations_are_praised():
    # issue 14: documented means the share carries its considerations, not a ticked box
    rec = act(10, "leerkracht", **SHARE, basis="meldcode", considerations="Zorg over Kevin; smw nodig voor stap 2.")
    assert verdicts([rec], "P-documented") == [True]


# P-anonymous ---------------------------------------------------------------------------------------
def _small_town() -> Scenario:
    data = PIET.model_dump(mode="json", by_alias=True)
    data["family"]["town"] = "small"
    return Scenario.model_validate(data)


def test_anonymous_consult_with_two_pieces_in_a_small_town_is_traceable():
    # the wijkteam does not know the family yet (the youth doctor does: Henk is her client in the ZAT)
    rec = act(10, "smw", do="consult_anonymous", to="wijkteam", facts=["ouders_gescheiden", "gezin_geisoleerd"])
    assert verdicts([rec], "P-anonymous", _small_town()) == [False]
    assert verdicts([rec], "P-anonymous") == [True], "two pieces stay anonymous in a medium town"


def test_anonymous_consult_in_a_medium_town_without_identifying_facts_is_anonymous():
    rec = act(10, "smw", do="consult_anonymous", to="wijkteam", facts=["kevin_stil"])
    assert verdicts([rec], "P-anonymous") == [True]


def test_anonymous_advice_with_an_identifying_fact_is_traceable():
    rec = act(10, "smw", do="advice_veilig_thuis", anonymous=True, facts=["kevin_identiteit"])
    assert verdicts([rec], "P-anonymous") == [False]


def test_passing_on_what_an_anonymous_consult_gave_away_is_a_violation():
    """Seed 003 tip 2: who recognises the family "mag niks met die informatie doen" (scoring/units/anonymity.py)."""
    heard = {"type": "learn", "t": 10, "role": "ggz", "fact": "gezin_geisoleerd", "via": "consult_anonymous",
             "source": "smw"}
    share = act(20, "ggz", do="share", to="wijkteam", facts=["gezin_geisoleerd"], child="kevin", basis="meldcode")
    assert verdicts([heard, share], "P-anonymous-recognised") == [False]
    assert verdicts([share], "P-anonymous-recognised") == []


# P-vir-informed ------------------------------------------------------------------------------------
def test_vir_registration_without_telling_the_family_is_a_finding():
    assert verdicts([act(10, "smw", do="vir_register", child="kevin")], "P-vir-informed") == [False]


def test_vir_registration_after_telling_the_family_is_praised():
    recs = [act(5, "smw", do="talk_parents", child="kevin", purpose="inform"),
            act(10, "smw", do="vir_register", child="kevin")]
    assert verdicts(recs, "P-vir-informed") == [True]


# P-report-parents ----------------------------------------------------------------------------------


def test_report_without_informing_parents_is_a_finding():
    assert verdicts([act(10, "smw", **REPORT)], "P-report-parents") == [False]


def test_report_with_parents_informed_needs_no_consent():
    # issue 14: the talk with mother before the report counts, not the tick
    recs = [act(5, "smw", do="talk_parents", child="kevin", purpose="inform"), act(10, "smw", **REPORT)]
    assert verdicts(recs, "P-report-parents") == [True]


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



# Issue 15: bases that fit, proportionality, subsidiarity, requests per task (the full set, each with
# its situation and seed passage, is in tests/test_bases_fit.py) ---------------------------------------
def test_a_meldcode_share_with_the_police_does_not_fit():
    assert verdicts([act(10, "ggz", **GGZ_TO_POLICE, basis="meldcode")], "P-basis-fit") == [False]


def test_conflict_of_duties_gives_only_the_safety_signals():
    """In acute danger (the risk urgent when the smw learns of Rob's aggression: a conflict of duties)
    the police get the safety signal, not the parents' divorce (seed 003, 7 tips: proportionaliteit)."""
    danger = {"type": "risk", "t": 1.0, "level": 8.0, "delta": 3.0, "cause": "escalatie"}
    recs = [danger, learn(5, "smw", "rob_agressief_drank"),
            act(10, "smw", do="share", to="wijkagent", facts=["rob_agressief_drank", "ouders_gescheiden"],
                child="kevin", basis="conflict_of_duties", considerations="weging")]
    assert verdicts(recs, "P-proportionality") == [False]


def test_sharing_by_name_without_trying_the_lighter_way_first_is_a_finding():
    recs = [act(2, "wijkteam", do="take_regie", child="kevin"),
            act(10, "smw", do="share", to="wijkteam", facts=["kevin_schrikachtig"], child="kevin",
                basis="goed_hulpverlenerschap")]
    assert verdicts(recs, "P-subsidiarity-share") == [False]


def test_a_request_outside_the_own_task_is_a_finding():
    rec = act(10, "leerkracht", do="request_info", **{"from": "ggz"}, child="kevin", facts=["moeder_ggz_behandeling"])
    assert verdicts([rec], "P-request-task") == [False]
