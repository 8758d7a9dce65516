"""Optional expectations give credit, never a penalty (issue 16, item 4: Veilig Thuis advice is optional
on the VIR route of seed 003); a scenario's own additions are cited as such, never as a seed (item 6)."""

from __future__ import annotations

from scoring import score_log
from scoring.rules import cite_for
from sim import Session
from sim.model import Expectation

ADVICE = Expectation.model_validate({
    "id": "advies", "text": {"nl": "Advies vragen bij Veilig Thuis", "en": "Ask Veilig Thuis for advice"},
    "roles": ["ib"], "do": "advice_veilig_thuis", "window": {"ideal": "1w", "latest": "3w"}, "optional": True,
    "source": "seed 003 VIR"})


def _findings(sc, steps):
    s = Session(sc, seed=3)
    for t, role, action in steps:
        s.advance(t)
        assert s.act(role, action).ok
    s.finish()
    return [f for f in score_log(sc, s.records).findings if f.message["nl"].find("Advies vragen") >= 0
            or "Advies vragen" in str(f.message)]


def test_skipping_an_optional_step_costs_nothing(mini):
    sc = mini.model_copy(update={"expectations": [ADVICE]})
    assert _findings(sc, []) == []


def test_an_optional_step_taken_in_time_is_praised(mini):
    sc = mini.model_copy(update={"expectations": [ADVICE]})
    found = _findings(sc, [(24.0, "ib", {"do": "advice_veilig_thuis", "facts": ["anna_moe"]})])
    assert [f.severity for f in found] == ["praise"] and found[0].role == "ib"


def test_an_optional_step_taken_late_is_simply_not_credited(mini):
    sc = mini.model_copy(update={"expectations": [ADVICE]})
    assert _findings(sc, [(24.0 * 25, "ib", {"do": "advice_veilig_thuis", "facts": ["anna_moe"]})]) == []


def test_an_own_addition_is_cited_as_the_scenarios_own_not_as_a_seed():
    cite = cite_for("eigen toevoeging: een signaal vóór de escalatie, om te oefenen")
    assert "toevoeging van dit scenario" in cite["nl"] and "own didactic addition" in cite["en"]
    assert "seed" not in cite["nl"]
