"""Scoring whole Pietersdam sessions played by policies (issue 4, done-when), replay and the JSON output."""

from __future__ import annotations

import statistics

import pytest
from ruamel.yaml import YAML

from cli.scorejson import add_score
from scoring import LiveScorer, score_log
from sim import FileLog, load_scenario, resolve_scenario
from sim.policy import policy_path
from sim.replay import replay
from sim.runner import play, resolve_policy, run_summary

PIET = load_scenario(resolve_scenario("pietersdam"))


def _score(policy, seed=7):
    session, _ = play(PIET, policy, seed)
    return score_log(PIET, session.records)


@pytest.fixture(scope="module")
def expert():
    return _score(resolve_policy(PIET, "expert"))


def test_expert_team_scores_at_least_85(expert):
    assert expert.score["total"] >= 85


def test_passive_team_scores_at_most_40():
    res = _score(resolve_policy(PIET, "passive"))
    assert res.score["total"] <= 40
    assert any(f.rule == "F-bystander" and f.severity != "praise" for f in res.findings)


def test_random_team_scores_between_passive_and_expert_on_average(expert):
    passive = _score(resolve_policy(PIET, "passive")).score["total"]
    pol = resolve_policy(PIET, "random")
    mean = statistics.mean(_score(pol, seed).score["total"] for seed in range(50))
    assert passive < mean < expert.score["total"]


def _ggz_to_police_policy(tmp_path):
    yaml = YAML()
    data = yaml.load(policy_path("pietersdam", "expert").read_text(encoding="utf-8"))
    data["policy"] = "ggz_to_police"
    data["actions"].insert(0, {"at": "1d", "role": "ggz", "do": "share", "to": "wijkagent",
                               "facts": ["moeder_ggz_behandeling"], "child": "kevin"})
    path = tmp_path / "pietersdam_ggz_to_police.yaml"
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return resolve_policy(PIET, str(path))


def test_ggz_treatment_to_the_wijkagent_without_basis_costs_privacy(tmp_path, expert):
    res = _score(_ggz_to_police_policy(tmp_path))
    bad = [f for f in res.findings if f.dimension == "privacy" and f.severity != "praise" and f.role == "ggz"
           and PIET.fact_by_id["moeder_ggz_behandeling"].text.en in f.message["en"]]
    assert bad and all("seed 003" in f.source for f in bad)
    assert res.score["privacy"] <= expert.score["privacy"] - 20


def test_scores_are_deterministic(expert):
    assert _score(resolve_policy(PIET, "expert")).as_json() == expert.as_json()


def test_live_batch_and_replay_scores_are_identical(tmp_path):
    path = tmp_path / "s.jsonl"
    log = FileLog(path)
    session, _ = play(PIET, resolve_policy(PIET, "expert"), 3, log)
    log.close()
    live = LiveScorer(PIET)
    for record in session.records:
        live.feed(record)
    batch = score_log(PIET, session.records)
    replayed, _ = replay(path)
    again = score_log(replayed.scenario, replayed.records)
    assert live.result().as_json() == batch.as_json() == again.as_json()


def test_live_score_is_available_mid_session():
    session, _ = play(PIET, resolve_policy(PIET, "expert"), 3)
    live = LiveScorer(PIET)
    for record in session.records[: len(session.records) // 2]:
        live.feed(record)
    mid = live.result().as_json()
    assert set(mid["score"]) >= {"total", "timeliness", "privacy", "feedback", "per_role"}


def test_add_score_extends_the_run_json():
    session, _ = play(PIET, resolve_policy(PIET, "expert"), 7)
    out = add_score(run_summary(session, "expert"), PIET, session.records)
    assert out["outcome"] == session.outcome
    assert set(out["score"]["per_role"]) == set(session.records[0]["players"])
    f = out["findings"][0]
    assert set(f) == {"rule", "dimension", "severity", "t", "role", "message", "source", "cite"}
    assert set(f["message"]) == {"nl", "en"}
    ts = [(x["t"], x["rule"]) for x in out["findings"]]
    assert ts == sorted(ts)


def test_praise_appears_for_the_expert(expert):
    assert any(f.severity == "praise" and f.rule == "F-handover" for f in expert.findings)
