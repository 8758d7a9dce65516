"""Policy steps placed after a world event (issue 20, item 5): "1d na het incident" holds wherever the
event falls with its jitter, for a scripted team and for the computer partners in solo play; a step
after an event that never happens is never taken."""

from __future__ import annotations

import pytest

from sim.errors import ScenarioError
from sim.policy import load_policy
from sim.runner import Policy, play

STEPS = """policy: relatief
actions:
  - {at: 1d, role: ib, do: vir_register, child: anna}
  - {after_event: escalatie, at: 1d, role: ib, do: talk_parents, child: anna, purpose: inform, about: report}
  - {after_event: escalatie, at: 1d1h, role: ib, do: report_veilig_thuis, child: anna, facts: [anna_moe]}
  - {after_event: extra, at: 0h, role: ib, do: make_plan, child: anna}
  - {at: 2d, role: ib, do: consult_colleague, child: anna}
"""


def _policy(mini, tmp_path, text=STEPS):
    path = tmp_path / "relatief.yaml"
    path.write_text(text, encoding="utf-8")
    return load_policy(path, mini)


def _actions(session, role="ib"):
    return [(r["t"], r["action"]["do"]) for r in session.records if r.get("type") == "action" and r["role"] == role]


def test_a_step_after_the_incident_is_taken_a_day_after_it_whenever_it_falls(mini, tmp_path):
    pol = Policy("relatief", ("ib",), file=_policy(mini, tmp_path))
    for jitter in (0.0, 30.0, 70.0):
        sc = mini.model_copy(update={"incident": mini.incident.model_copy(update={"jitter": jitter})})
        for seed in (1, 2, 3):
            session, refused = play(sc, pol, seed)
            incident = session.world.happened["escalatie"]
            done = _actions(session)
            assert (incident + 24.0, "talk_parents") in done and (incident + 25.0, "report_veilig_thuis") in done
            assert not refused


def test_a_step_after_an_event_that_never_happens_is_never_taken(mini, tmp_path):
    session, _ = play(mini, Policy("relatief", ("ib",), file=_policy(mini, tmp_path)), 1)
    assert "make_plan" not in [do for _t, do in _actions(session)]


def test_absolute_steps_keep_their_time_order_and_relative_ones_theirs(mini, tmp_path):
    bad = STEPS.replace("at: 1d1h, role: ib, do: report_veilig_thuis", "at: 12h, role: ib, do: report_veilig_thuis")
    with pytest.raises(ScenarioError) as err:
        _policy(mini, tmp_path, bad)
    assert ":5:" in str(err.value)


def test_a_step_after_an_unknown_event_points_at_its_line(mini, tmp_path):
    with pytest.raises(ScenarioError) as err:
        _policy(mini, tmp_path, STEPS.replace("after_event: extra", "after_event: extraa"))
    assert ":6:" in str(err.value) and "extra" in str(err.value)


def test_walking_the_world_one_happening_at_a_time_changes_nothing(mini, tmp_path):
    """A step waiting for an event makes the runner walk the agenda one happening at a time; the world
    must come out the same as when it jumps from step to step."""
    plain = "\n".join(line for line in STEPS.splitlines() if "after_event" not in line) + "\n"
    waiting = plain + "  - {after_event: extra, at: 0h, role: ib, do: make_plan, child: anna}\n"
    a, _ = play(mini, Policy("p", ("ib",), file=_policy(mini, tmp_path, plain)), 5)
    b, _ = play(mini, Policy("p", ("ib",), file=_policy(mini, tmp_path, waiting)), 5)
    assert a.records == b.records


def test_computer_partners_take_the_experts_step_after_the_event_too(mini, tmp_path, monkeypatch):
    from sim import partners

    steps = tuple((st.at, st.role, st.action, st.after_event) for st in _policy(mini, tmp_path).actions)
    monkeypatch.setattr(partners, "expert_steps", lambda scenario: steps)
    session, _ = play(mini, Policy("passive", ("wijkagent",)), 2, role="wijkagent", partners="competent")
    incident = session.world.happened["escalatie"]
    done = [(r["t"], r["action"]["do"]) for r in session.records if r.get("type") == "action" and r["role"] == "ib"]
    assert (incident + 25.0, "report_veilig_thuis") in done


def test_the_window_from_a_moment_takes_steps_placed_after_an_event_too(tmp_path):
    """`play --from/--until --policy` walks the policy as `run` does (sim.runner.play_until): the
    debt counsellor's report the day after the home visit is taken (found writing familie Yilmaz)."""
    from pathlib import Path

    from ui import game as games

    root = Path(__file__).resolve().parent.parent / "docs" / "examples"
    sc = games.load(str(root / "familie_yilmaz.yaml"))
    game = games.start_game(sc, "schuldhulp", 1, save=False)
    games.apply_policy(game, str(root / "policies" / "familie_yilmaz_expert.yaml"), 4 * 168)
    visit = game.session.world.happened["huisbezoek"]
    done = [(r["t"], r["action"]["do"]) for r in game.session.records
            if r.get("type") == "action" and r["role"] == "schuldhulp"]
    assert any(do == "report_veilig_thuis" and t >= visit for t, do in done)
