"""Engine benchmarks (issue 3, item 9): scenario load + validate, and a full in-process pietersdam run,
each also as a ratio to a bare SimPy loop with the same number of scheduled events, measured in the
same run. Targets: load ≤ 50 ms; run p95 ≤ 50 ms."""

from __future__ import annotations

import statistics
import time

import simpy

from sim import load_scenario, resolve_scenario
from sim.runner import play, resolve_policy

RUNS = 60


def _bare_simpy(events: int) -> float:
    start = time.perf_counter()
    env = simpy.Environment()
    for i in range(events):
        env.timeout(float(i % 1680)).callbacks.append(lambda _e: None)
    env.run()
    return time.perf_counter() - start


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def main() -> list[dict]:
    path = resolve_scenario("pietersdam")
    loads = []
    for _ in range(20):
        start = time.perf_counter()
        scenario = load_scenario(path)
        loads.append(time.perf_counter() - start)
    policy = resolve_policy(scenario, "expert")
    runs, events = [], 0
    for seed in range(RUNS):
        start = time.perf_counter()
        session, _ = play(scenario, policy, seed)
        runs.append(time.perf_counter() - start)
        events = session.scheduled
    bare = statistics.median(_bare_simpy(events) for _ in range(20))
    load_med, run_p95 = statistics.median(loads), _p95(runs)
    rows = [
        {"name": "pietersdam load + validate (median)", "value": load_med * 1000, "unit": "ms",
         "target": "≤ 50 ms", "met": load_med <= 0.050, "ratio": load_med / bare,
         "ratio_to": f"bare SimPy loop of {events} events"},
        {"name": f"pietersdam expert run, p95 of {RUNS}", "value": run_p95 * 1000, "unit": "ms",
         "target": "p95 ≤ 50 ms", "met": run_p95 <= 0.050, "ratio": run_p95 / bare,
         "ratio_to": f"bare SimPy loop of {events} events"},
    ]
    for r in rows:
        print(f"{r['name']}: {r['value']:.2f} {r['unit']} (target {r['target']}; "
              f"{r['ratio']:.1f}× {r['ratio_to']})")
    return rows


if __name__ == "__main__":
    main()
