"""The scoring's short cuts answer what the long way answers (bench/bench_scoring.py: a log in ≤ 10 ms).

The machines move their models as their specs say; the fact index is the scenario's own and
is made per scenario object; the ledger's kept summaries equal the questions asked the long way; and a
log whose records come out of order is judged by looking every time, as before the short cuts."""

from __future__ import annotations

import gc

from scoring import LiveScorer, score_log
from scoring.ledger import Ledger
from scoring.machines import MACHINES, SPECS, fire, new_model, release
from scoring.signals import _BY_SCENARIO, signals_of
from sim import load_scenario, resolve_scenario
from sim.runner import play, resolve_policy
from tests.scoring_records import PIET, D, end, findings, learn


def _session(policy: str = "expert", seed: int = 7) -> list[dict]:
    session, _ = play(PIET, resolve_policy(PIET, policy), seed)
    return session.records


def test_a_machine_model_moves_through_its_shared_machine_exactly_as_the_spec_says():
    for kind, spec in SPECS.items():
        triggers = {t for t, *_ in spec["transitions"]}
        dest = {(t, s): d for t, ss, d, _r in spec["transitions"] for s in ([ss] if isinstance(ss, str) else ss)}
        for state in spec["states"]:
            for trigger in sorted(triggers):
                model = new_model(kind, ("k",))
                assert model.state == spec["states"][0]
                MACHINES[kind].set_state(state, model)
                moved = fire(kind, model, trigger)
                assert moved == ((trigger, state) in dest), (kind, state, trigger)
                assert model.state == dest.get((trigger, state), state), (kind, state, trigger)
                release(kind, model)


def test_the_fact_index_belongs_to_one_scenario_object_and_goes_with_it():
    other = load_scenario(resolve_scenario("pietersdam"))
    assert signals_of(other) is not signals_of(PIET)
    assert signals_of(other) == signals_of(PIET)
    assert signals_of(PIET) is signals_of(PIET)
    # the same family with one signal no longer a safety signal: its own answer, not the first one's
    fact = next(f for f in PIET.facts if f.safety)
    edited = PIET.model_copy(update={"facts": [f.model_copy(update={"safety": False}) if f.id == fact.id else f
                                               for f in PIET.facts]})
    assert fact.id in signals_of(PIET).safety
    assert fact.id not in signals_of(edited).safety
    key = id(edited)
    del edited
    gc.collect()
    assert key not in _BY_SCENARIO or _BY_SCENARIO[key][0]() is not None


def test_the_ledgers_first_worry_is_the_earliest_worrying_fact_by_then():
    ledger = Ledger(PIET)
    moments = []
    for record in _session("random", 3):
        ledger.feed(record)
        if record.get("type") == "learn":
            moments.append(float(record["t"]))
    assert ledger.in_order and ledger.learned == sum(len(v) for v in ledger.knew.values())
    for role, known in ledger.knew.items():
        for before in [0.0, *moments[::7], max(moments) + 1]:
            long_way = [t for f, t in known.items() if t <= before and ledger.concerns(f, None)]
            assert ledger.knew_about(role, None, before) == (min(long_way) if long_way else None)


def test_a_record_out_of_order_makes_the_rules_look_every_time():
    """The smw learns of Rob's aggression at hour 60; the rising risk (hour 50) is logged after it. When the
    teacher notices something at hour 70 (no safety signal), the smw knows structural unsafety (learned while the risk stood
    high): the duty to report is the smw's, although the smw learned nothing since the risk was logged."""
    risk = {"type": "risk", "t": 50.0, "level": 8.0, "delta": 3.0, "cause": "escalatie"}
    records = [learn(60, "smw", "rob_agressief_drank"), risk, learn(70, "leerkracht", "kevin_stil"),
               end(70 + 30 * D)]
    ledger = Ledger(PIET)
    for record in records:
        ledger.feed(record)
    assert not ledger.in_order
    assert [f["role"] for f in findings(records, "T-meldcode-report")] == ["smw"]


def test_live_scoring_after_every_record_equals_scoring_the_log_so_far():
    records = _session("random", 5)
    live = LiveScorer(PIET)
    for i, record in enumerate(records):
        live.feed(record)
        if i % 40 == 0 or i == len(records) - 1:
            assert live.result().as_json() == score_log(PIET, records[:i + 1]).as_json()
