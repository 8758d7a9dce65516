"""The police's zorgmelding (issue 16, item 2): after a call-out to a family with children, the police
report to Veilig Thuis (seed 000: "veruit de meeste van die meldingen [komen] bij de politie vandaan";
seed 004 §7.4: "via een zorgmelding van de politie"). Only the police make one, only after a call-out,
and it is judged as the report to Veilig Thuis it is."""

from __future__ import annotations

import pytest

from scoring import score_log
from sim import Session
from sim.actions import offered_to

CALL_OUT = {"id": "uitruk", "at": 24.0, "kind": "call_out", "sender": {"nl": "Meldkamer", "en": "Control room"},
            "message": {"nl": "Uitruk: ruzie thuis, de kinderen waren thuis.", "en": "Call-out: row at home, the children were in."},
            "observed_by": ["wijkagent"], "facts": ["ruzie"], "source": "seed 004 §1"}


@pytest.fixture
def with_call_out(mini):
    return mini.model_copy(update={"events": [*mini.events, type(mini.events[0]).model_validate(CALL_OUT)]})


def _after_call_out(sc, players=None):
    s = Session(sc, seed=3, players=players)
    s.advance(30.0)
    return s


def test_only_the_police_make_a_zorgmelding(with_call_out):
    s = _after_call_out(with_call_out)
    s.act("ib", {"do": "talk_child", "child": "anna"})  # the ib knows a safety signal now
    result = s.act("ib", {"do": "zorgmelding", "child": "anna", "facts": ["anna_moe"]})
    assert not result.ok
    assert "politie" in result.reason.nl and "Melden bij Veilig Thuis" in result.reason.nl


def test_a_zorgmelding_follows_a_call_out(mini):
    s = Session(mini, seed=3)
    result = s.act("wijkagent", {"do": "zorgmelding", "child": "anna", "facts": ["ruzie"]})
    assert not result.ok and "uitruk" in result.reason.nl


def test_after_a_call_out_the_police_report_and_veilig_thuis_triages(with_call_out):
    s = _after_call_out(with_call_out)
    result = s.act("wijkagent", {"do": "zorgmelding", "child": "anna", "facts": ["ruzie"]})
    assert result.ok, result.reason
    reports = [r for r in s.records if r.get("type") == "vt_report"]
    assert reports and reports[0]["reporter"] == "wijkagent" and reports[0]["via"] == "zorgmelding"
    s.advance(s.now + 24 * 7)
    assert any(r.get("type") == "vt_triage" and r["reporter"] == "wijkagent" for r in s.records)
    assert "vt_afspraken" in s.world.happened  # an intervention on `done: report_veilig_thuis` follows it too


def test_a_zorgmelding_without_telling_the_family_is_judged_as_a_report(with_call_out):
    s = _after_call_out(with_call_out)
    s.act("wijkagent", {"do": "zorgmelding", "child": "anna", "facts": ["ruzie"]})
    s.finish()
    rules = {(f.rule, f.severity == "praise") for f in score_log(with_call_out, s.records).findings if f.role == "wijkagent"}
    assert ("P-report-parents", False) in rules


def test_telling_the_family_first_makes_it_a_clean_report(with_call_out):
    s = _after_call_out(with_call_out)
    s.act("wijkagent", {"do": "talk_parents", "child": "anna", "purpose": "inform", "about": "report"})
    s.act("wijkagent", {"do": "zorgmelding", "child": "anna", "facts": ["ruzie"]})
    s.finish()
    rules = {(f.rule, f.severity == "praise") for f in score_log(with_call_out, s.records).findings if f.role == "wijkagent"}
    assert ("P-report-parents", True) in rules


def test_only_the_police_see_the_zorgmelding_in_their_menu():
    assert "zorgmelding" in offered_to("politie")
    assert "zorgmelding" not in offered_to("school")
    assert "report_veilig_thuis" in offered_to("school") and "report_veilig_thuis" in offered_to("politie")
