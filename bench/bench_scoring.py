"""Scoring benchmark: scoring a full pietersdam expert log (`scoring.score_log`, the same path as live
scoring) takes ≤ 10 ms, median of warm runs (a median, so one garbage-collection pause does not decide
it), and as a ratio to the engine run that wrote the log (median of its runs), measured in the same run."""

from __future__ import annotations

import statistics
import time

from scoring import score_log
from sim import load_scenario, resolve_scenario
from sim.runner import play, resolve_policy

TARGET_MS = 10.0
RUNS = 40
ENGINE_RUNS = 7
SEED = 7


def main() -> dict:
    scenario = load_scenario(resolve_scenario("pietersdam"))
    policy = resolve_policy(scenario, "expert")
    engine = []
    for _ in range(ENGINE_RUNS):
        start = time.perf_counter()
        session, _ = play(scenario, policy, SEED)
        engine.append(time.perf_counter() - start)
    records = session.records
    score_log(scenario, records)  # warm-up: imports, the rule texts, the scenario's fact index
    runs = []
    for _ in range(RUNS):
        start = time.perf_counter()
        score_log(scenario, records)
        runs.append(time.perf_counter() - start)
    value, engine_ms = statistics.median(runs) * 1000, statistics.median(engine) * 1000
    result = {"name": f"scoring a pietersdam expert log ({len(records)} records), median of {RUNS}",
              "value": round(value, 3), "unit": "ms", "target": f"≤ {TARGET_MS:g} ms", "met": value <= TARGET_MS,
              "ratio": round(value / engine_ms, 3),
              "ratio_to": f"the engine run that wrote the log (median of {ENGINE_RUNS}, {engine_ms:.1f} ms)",
              "note": f"fastest {min(runs) * 1000:.2f} ms, slowest {max(runs) * 1000:.2f} ms"}
    print(f"{result['name']}: {value:.2f} ms ({'met' if result['met'] else 'NOT met'}: target {result['target']}); "
          f"{result['ratio']}× {result['ratio_to']}; {result['note']}")
    return result


if __name__ == "__main__":
    main()
