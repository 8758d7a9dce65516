"""Solo play with computer partners (issue 14, item 2): one role played from a policy, every other
role computer-played at a level — competent partners react to what they know, realistic ones act
later and not always (scenario data), passive ones only answer requests. Deterministic and replayable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli import main
from sim.engine import Session
from sim.loader import load_scenario, resolve_scenario
from sim.log import FileLog
from sim.replay import replay
from sim.runner import play, resolve_policy

SOLO = Path(__file__).parent / "fixtures" / "solo" / "solo_gezin.yaml"


def _solo(scenario_id_or_path, policy: str, role: str, partners: str = "competent", seed: int = 1, log=None):
    sc = load_scenario(resolve_scenario(str(scenario_id_or_path)))
    return play(sc, resolve_policy(sc, policy), seed, log=log, role=role, partners=partners)[0]


def _actions(session, by: str | None = None):
    return [r for r in session.records[1:] if r.get("type") == "action" and (by is None or r["by"] == by)]


def _learned_at(session, role: str, fact: str) -> float | None:
    return next((r["t"] for r in session.records[1:]
                 if r.get("type") == "learn" and r["role"] == role and r["fact"] == fact), None)


@pytest.mark.parametrize("family", ["pietersdam", "peter"])
def test_a_teacher_playing_like_the_expert_with_competent_partners_prevents_the_incident(family):
    for seed in range(4):
        session = _solo(family, "expert", "leerkracht", seed=seed)
        assert session.players == {"leerkracht"}
        assert session.outcome["incident"] is False, (family, seed)
        # the teacher's own steps are inputs; everyone else's are world records by the computer
        inputs = [r for r in session.records[1:] if r.get("type") == "input"]
        assert inputs and all(r["role"] == "leerkracht" for r in inputs)
        assert all(r["role"] != "leerkracht" for r in _actions(session, by="npc"))


def test_a_competent_partner_cannot_act_on_a_worry_nobody_passed_on():
    # Only the teacher sees the bruises; if she keeps them to herself the social worker never reports.
    quiet = _solo(SOLO, "passive", "leerkracht")
    assert not any(a["role"] == "smw" and a["action"]["do"] == "report_veilig_thuis" for a in _actions(quiet))
    assert _learned_at(quiet, "smw", "sem_blauwe_plekken") is None
    assert quiet.outcome["incident"] is True
    # once she passes it on, the competent social worker acts on it — not before she knows
    told = _solo(SOLO, "expert", "leerkracht")
    report = next(a for a in _actions(told, by="npc") if a["action"]["do"] == "report_veilig_thuis")
    assert report["role"] == "smw" and report["t"] >= _learned_at(told, "smw", "sem_blauwe_plekken")
    assert told.outcome["incident"] is False


def test_a_competent_partner_waits_until_it_knows_the_facts_of_its_step():
    # Pietersdam, a passive teacher: the smw learns of Kevin's fear only at a case meeting, and every
    # step of hers that passes it on comes after that moment (never at the expert's own time).
    session = _solo("pietersdam", "passive", "leerkracht")
    learned = _learned_at(session, "smw", "kevin_schrikachtig")
    for a in _actions(session, by="npc"):
        if a["role"] == "smw" and "kevin_schrikachtig" in (a["action"].get("facts") or []):
            assert learned is not None and a["t"] >= learned


def test_passive_partners_only_answer_requests():
    sc = load_scenario(resolve_scenario("pietersdam"))
    # the school social worker asks what its own task needs (issue 15: a holder gives nothing outside it)
    session = Session(sc, 1, players=["smw"], header={"partners": "passive"})
    session.advance(24.0)
    assert session.act("smw", {"do": "request_info", "from": "wijkagent", "child": "kevin",
                               "facts": ["rob_gevangenis"], "basis": "meldcode"}).ok
    session.finish()
    playable = {r.id for r in sc.roles if r.playable}
    by_partners = [a for a in _actions(session, by="npc") if a["role"] in playable]
    assert [(a["role"], a["action"]["do"], a["action"]["to"]) for a in by_partners] == [
        ("wijkagent", "share", "smw")]
    # and left alone, passive partners do nothing at all
    alone = _solo("pietersdam", "passive", "leerkracht", partners="passive")
    assert not [a for a in _actions(alone, by="npc") if a["role"] in playable]


def test_realistic_partners_leave_the_steps_of_their_skip_roles_undone_and_are_deterministic():
    first = _solo("lisanne_lars", "expert", "ib_lisanne", partners="realistic", seed=5)
    again = _solo("lisanne_lars", "expert", "ib_lisanne", partners="realistic", seed=5)
    assert first.records == again.records
    assert not [a for a in _actions(first, by="npc") if a["role"] == "ib_lars"]  # "laat het erbij zitten"
    competent = _solo("lisanne_lars", "expert", "ib_lisanne", partners="competent", seed=5)
    assert [a for a in _actions(competent, by="npc") if a["role"] == "ib_lars"]


@pytest.mark.parametrize("partners", ["competent", "realistic", "passive"])
def test_a_solo_log_replays_identically(tmp_path, partners):
    path = tmp_path / f"solo_{partners}.jsonl"
    session = _solo("pietersdam", "expert", "leerkracht", partners=partners, seed=3, log=FileLog(path))
    header = json.loads(path.read_text().splitlines()[0])
    assert header["partners"] == partners and header["players"] == ["leerkracht"]
    again, warnings = replay(path)
    assert not warnings
    assert again.records == session.records
    assert again.outcome == session.outcome


def test_run_json_names_player_and_partners(capsys):
    assert main(["run", "pietersdam", "--policy", "expert", "--role", "smw", "--partners", "realistic",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["player"] == "smw" and out["partners"] == "realistic"
    assert main(["run", "pietersdam", "--policy", "expert", "--role", "smw", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["partners"] == "competent"
    assert main(["run", "pietersdam", "--policy", "expert", "--json"]) == 0
    team = json.loads(capsys.readouterr().out)
    assert "player" not in team and "partners" not in team


@pytest.mark.parametrize("argv, says", [
    (["--partners", "passive", "--lang", "en"], "--partners needs --role"),
    (["--role", "veilig_thuis", "--lang", "en"], "always played by the computer"),
    (["--role", "nobody", "--lang", "en"], "no such role"),
    (["--partners", "passive"], "--partners hoort bij --role"),
    (["--role", "veilig_thuis"], "deze rol speelt altijd de computer"),
    (["--role", "nobody"], "deze rol is niet speelbaar in dit scenario"),
])
def test_a_solo_run_with_a_wrong_role_is_one_line_and_exit_2(capsys, argv, says):
    assert main(["run", "pietersdam", "--policy", "expert", *argv]) == 2
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
