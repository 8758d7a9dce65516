"""Duties per role (issue 14, item 1): every expectation is someone's duty; a missed duty counts against
each owner that knew enough to act on it, never against a role that could not know; inaction is scored;
per-role scores count only the role's own duties. Rule ids: T-expectation, T-expectation-unknown,
T-inaction, F-inaction."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from scoring_records import PIET, D, act, end, findings, header, learn

from scoring import score_log

ROOT = Path(__file__).resolve().parent.parent


def _vir_kevin(recs):
    return [f for f in findings(recs, "T-expectation") if "Kevin in the Verwijs" in f["message"]["en"]]


def test_another_roles_missed_vir_registration_is_not_the_teachers_failure():
    # the leerkracht registered Kevin herself: the smw's and wijkagent's share of the duty is met
    recs = [learn(0, "smw", "kevin_stil"), learn(0, "leerkracht", "kevin_stil"),
            act(5 * D, "leerkracht", do="vir_register", child="kevin"), end()]
    assert [(f["role"], f["severity"]) for f in _vir_kevin(recs)] == [("leerkracht", "praise")]
    # nobody registered Henk: that is not the leerkracht's duty, so it is not listed as hers
    henk = [f for f in findings(recs, "T-expectation") if "Henk in the Verwijs" in f["message"]["en"]]
    assert all(f["role"] != "leerkracht" for f in henk)


def test_a_missed_duty_counts_against_each_owner_that_knew():
    recs = [learn(0, "smw", "kevin_stil"), learn(0, "leerkracht", "kevin_stil"), end()]
    assert sorted(f["role"] for f in _vir_kevin(recs)) == ["leerkracht", "smw"]
    assert all(f["severity"] == "violation" for f in _vir_kevin(recs))


def test_an_owner_that_could_not_know_is_not_blamed_and_the_finding_says_so():
    recs = [learn(0, "smw", "kevin_stil"), end()]
    assert [f["role"] for f in _vir_kevin(recs)] == ["smw"]  # the wijkagent and leerkracht knew nothing
    nobody = [f for f in findings([end()], "T-expectation-unknown") if "Kevin in the Verwijs" in f["message"]["en"]]
    assert nobody and nobody[0]["role"] is None
    assert "het signaal kwam daar niet aan" in nobody[0]["message"]["nl"]


def test_a_missed_step_finding_names_whose_it_was_by_display_name():
    f = _vir_kevin([learn(0, "smw", "kevin_stil"), end()])[0]
    assert "de schoolmaatschappelijk werker" in f["message"]["nl"] and "smw" not in f["message"]["nl"]


def test_a_passive_role_that_knew_the_signals_scores_low():
    recs = [header(), learn(0, "leerkracht", "kevin_schrikachtig"), end()]
    mine = score_log(PIET, recs).score["per_role"]["leerkracht"]
    assert mine["total"] <= 40
    assert mine["timeliness"] == 0 and mine["feedback"] == 0  # not only privacy


def test_an_owner_who_left_a_known_worry_alone_loses_timeliness_and_feedback():
    # seed 003 VIR: Lars's IB'er "laat het erbij zitten" — no safety signal, but his own duties missed
    recs = [learn(0, "smw", "kevin_stil"), end()]
    assert [f["role"] for f in findings(recs, "T-inaction")] == ["smw"]
    assert [f["role"] for f in findings(recs, "F-inaction")] == ["smw"]


def test_inaction_costs_timeliness_and_feedback_too():
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"), end(10 + 30 * D)]
    for rid in ("T-inaction", "F-inaction", "P-meldcode-silence"):
        assert [f["severity"] != "praise" for f in findings(recs, rid)] == [True], rid


def test_a_step_in_time_after_the_signals_is_praised_in_all_three():
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"), act(20, "leerkracht", do="consult_colleague", child="kevin"),
            end(10 + 30 * D)]
    for rid in ("T-inaction", "F-inaction", "P-meldcode-silence"):
        assert [f["severity"] for f in findings(recs, rid)] == ["praise"], rid


def test_a_role_is_judged_only_in_the_dimensions_where_it_had_duties():
    recs = [header(), learn(0, "smw", "kevin_stil"), end()]  # a worry, no safety signal: no privacy duty
    mine = score_log(PIET, recs).score["per_role"]["smw"]
    assert mine["judged"] == ["timeliness", "feedback"]
    assert mine["privacy"] is None and mine["total"] == 0  # no silent 100 for a dimension without duty


def test_a_role_with_nothing_it_could_know_has_no_score_of_its_own():
    res = score_log(PIET, [header(), end()])
    assert res.score["per_role"]["coordinator"]["judged"] == []
    assert res.score["per_role"]["coordinator"]["total"] is None


def test_a_duty_missed_by_several_owners_counts_once_for_the_team():
    recs = [header(), learn(0, "smw", "kevin_stil"), learn(0, "leerkracht", "kevin_stil"), end()]
    res = score_log(PIET, recs)
    vir = [f for f in res.findings if f.rule == "T-expectation" and "Kevin in the Verwijs" in f.message["en"]]
    assert sum(f.team_share for f in vir) == pytest.approx(1.0)


@pytest.mark.parametrize("family", ["peter", "pietersdam", "lisanne_lars"])
def test_passive_roles_with_duties_score_low_and_expert_roles_high(family):
    def run(policy):
        out = subprocess.run([sys.executable, "main.py", "run", family, "--policy", policy, "--json"], cwd=ROOT,
                             capture_output=True, text=True, check=True)
        return json.loads(out.stdout)["score"]
    passive, expert = run("passive"), run("expert")
    judged = {role: s for role, s in passive["per_role"].items() if s["judged"]}
    assert len(judged) >= 3, "the roles that knew of the worries are judged"
    for role, s in judged.items():
        assert s["total"] <= 40, (role, s)
    for role, s in passive["per_role"].items():
        assert s["judged"] or s["total"] is None, (role, s)  # nothing to judge: no score, never a free one
    for role, s in expert["per_role"].items():
        assert s["total"] is None or s["total"] >= 85, (role, s)
    assert expert["total"] >= 85


def test_reporting_back_is_the_recipients_duty_not_the_givers():
    recs = [act(10, "leerkracht", do="share", to="smw", facts=["kevin_schrikachtig"], child="kevin",
                basis="meldcode"), end()]
    assert [(f["role"], f["severity"]) for f in findings(recs, "F-signal-givers")] == [("smw", "warning")]


def test_a_computer_played_partners_missed_duty_is_not_the_players():
    solo = [header(["leerkracht"]), learn(0, "leerkracht", "kevin_stil"),
            act(5 * D, "smw", by="npc", do="vir_register", child="kevin"),
            act(6 * D, "leerkracht", do="share", to="smw", facts=["kevin_schrikachtig"], child="kevin",
                basis="meldcode"), end()]
    res = score_log(PIET, solo).as_json()
    assert not [f for f in res["findings"] if f["rule"] == "T-expectation" and "Kevin in the Verwijs" in
                f["message"]["en"]]  # the smw (a partner) registered Kevin: discharged, nobody's fault
    assert not [f for f in res["findings"] if f["rule"] == "F-signal-givers"]  # the smw's duty, a partner


def test_a_role_with_nothing_to_judge_gets_no_score_not_the_teams():
    """A role that learned nothing that asked for its step has no score of its own: not the team's, and
    no free 100 for doing nothing (issue 14: a score is the truth about one's own conduct)."""
    from cli.scorejson import add_score
    from sim import load_scenario, resolve_scenario
    from sim.model import Scenario
    from sim.runner import play, resolve_policy, run_summary

    # the writing guide's family with one more role that never hears of the family (Pietersdam's roles
    # all have a part in the chain now: seed 004 §3)
    base = load_scenario(resolve_scenario("docs/examples/familie_vos.yaml"))
    data = base.model_dump(by_alias=True, exclude_none=True)
    data["roles"].append({"id": "leerplicht", "kind": "leerplicht",
                          "organisation": {"nl": "Leerplicht", "en": "Attendance"},
                          "briefing": {"nl": "U bent leerplichtambtenaar.", "en": "You are the attendance officer."}})
    sc = Scenario.model_validate(data)
    session, _ = play(sc, resolve_policy(sc, "passive"), 1, role="leerplicht", partners="competent")
    own = add_score(run_summary(session, "passive"), sc, session.records)["score"]["per_role"]["leerplicht"]
    assert own["judged"] == [] and own["total"] is None
