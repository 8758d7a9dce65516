"""Rules on the purpose-made mini scenario (tests/fixtures/mini.yaml: a small town, Anna 11, Bram 14,
Mam with gezag), with records written by the real engine."""

from __future__ import annotations

from scoring import LiveScorer, score_log
from sim import Session

D = 24.0


def _play(mini, steps, players=("ib", "wijkteam")):
    session = Session(mini, seed=1, players=set(players))
    for t, role, action in steps:
        session.advance(t)
        assert session.act(role, action).ok, action
    session.finish()
    return session, score_log(mini, session.records)


def _rule(result, rule):
    return [f.severity == "praise" for f in result.findings if f.rule == rule]


def test_anonymous_consult_naming_anna_is_traceable(mini):
    session = Session(mini, seed=1, players={"ib", "wijkteam"})
    session.learn("ib", "anna_naam", "start")  # the IB'er knows Anna's name and class
    session.advance(D)
    assert session.act("ib", {"do": "consult_anonymous", "to": "wijkteam", "facts": ["anna_moe", "anna_naam"]}).ok
    session.finish()
    assert _rule(score_log(mini, session.records), "P-anonymous") == [False]


def test_14_year_old_bram_must_consent_too_in_the_engine_log(mini):
    steps = [(3 * 7 * D, "ib", {"do": "talk_parents", "child": "bram", "purpose": "consent"}),
             (3 * 7 * D + 1, "ib", {"do": "share", "to": "wijkteam", "facts": ["anna_moe"], "child": "bram",
                                    "basis": "consent", "informed": True})]
    _, res = _play(mini, steps)
    assert _rule(res, "P-consent-age") == [False]
    steps.insert(1, (3 * 7 * D, "ib", {"do": "talk_child", "child": "bram", "purpose": "consent"}))
    _, res = _play(mini, steps)
    assert _rule(res, "P-consent-age") == [True]


def test_npc_vir_registration_is_the_computers_not_the_teams(mini):
    session, res = _play(mini, [])
    assert any(r.get("type") == "action" and r.get("by") == "npc" for r in session.records)
    assert "wijkagent" not in res.score["per_role"]
    assert not [f for f in res.findings if f.role == "wijkagent"]


def test_live_equals_batch_on_the_mini_scenario(mini):
    session, res = _play(mini, [(D, "ib", {"do": "vir_register", "child": "anna"})])
    live = LiveScorer(mini)
    for record in session.records:
        live.feed(record)
    assert live.result().as_json() == res.as_json()
