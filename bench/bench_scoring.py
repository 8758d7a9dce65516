"""Benchmark: scoring a full pietersdam expert log (target <= 10 ms), as a ratio to the engine run."""

from __future__ import annotations

import time

from scoring import score_log
from sim import load_scenario, resolve_scenario
from sim.runner import play, resolve_policy

TARGET_MS = 10.0


def main() -> dict:
    scenario = load_scenario(resolve_scenario("pietersdam"))
    policy = resolve_policy(scenario, "expert")
    t0 = time.perf_counter()
    session, _ = play(scenario, policy, 7)
    engine_ms = (time.perf_counter() - t0) * 1000
    score_log(scenario, session.records)  # warm-up
    runs = 20
    t0 = time.perf_counter()
    for _ in range(runs):
        score_log(scenario, session.records)
    value = (time.perf_counter() - t0) * 1000 / runs
    result = {"name": "scoring_pietersdam_expert", "value": round(value, 3), "unit": "ms",
              "target": TARGET_MS, "ratio": round(value / engine_ms, 3)}
    print(f"scoring pietersdam expert log: {value:.2f} ms (target <= {TARGET_MS:g} ms); "
          f"engine run {engine_ms:.1f} ms; ratio {result['ratio']}")
    return result


if __name__ == "__main__":
    main()
