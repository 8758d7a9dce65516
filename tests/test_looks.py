"""An observation shows how the child is doing, better or worse, without naming hidden facts (issue 17,
item 7; sim/data/looks.yaml)."""

from importlib import resources

import pytest

from sim.engine import Session
from sim.loader import load_scenario
from sim.log import MemoryLog
from sim.looks import band

DAY = 24.0


@pytest.fixture(scope="module")
def pietersdam():
    return load_scenario(str(resources.files("scenarios") / "pietersdam.yaml"))


def _observe(s, role="leerkracht", child="kevin"):
    assert s.act(role, {"do": "observe", "child": child}).ok
    return s.world.inbox[role][-1].text


def test_the_band_follows_the_risk_and_the_scenarios_urgent_level(pietersdam):
    assert band(pietersdam, 2) == "calm" and band(pietersdam, 4.5) == "uneasy"
    assert band(pietersdam, 6) == "worse" and band(pietersdam, pietersdam.risk.urgent_at) == "alarming"


def test_a_teacher_sees_attendance_and_mood_in_class(pietersdam):
    s = Session(pietersdam, 1, players={"leerkracht"}, log=MemoryLog())
    s.advance(DAY)
    _observe(s)  # the first look may reveal what the scenario lets an observation reveal
    text = _observe(s)
    assert "Kevin" in text.nl and "klas" in text.nl and "class" in text.en


def test_a_worse_week_reads_worse_than_last_time(pietersdam):
    s = Session(pietersdam, 1, players={"leerkracht"}, log=MemoryLog())
    s.advance(DAY)
    _observe(s)
    _observe(s)
    s.change_risk(3.5, "test")
    assert "slechter dan de vorige keer" in _observe(s).nl


def test_what_the_child_looks_like_names_no_hidden_fact(pietersdam):
    s = Session(pietersdam, 1, players={"wijkagent"}, log=MemoryLog())
    s.advance(DAY)
    before = set(s.world.knowledge.get("wijkagent", {}))
    text = _observe(s, role="wijkagent")
    assert set(s.world.knowledge.get("wijkagent", {})) == before
    assert "Rob" not in text.nl and "GGZ" not in text.nl
