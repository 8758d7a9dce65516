"""Balance benchmark (issue 5): 1,000 scored playthroughs on 2 processes, target ≤ 20 s, printed next to
a single run's time (engine + scoring) measured in the same process."""

from __future__ import annotations

import statistics
import time

from cli.balance import _one, run_balance
from sim import resolve_scenario

RUNS_PER_POLICY = 334  # × 3 policies ≈ 1,000 playthroughs


def main() -> list[dict]:
    path = str(resolve_scenario("pietersdam"))
    singles = []
    for seed in range(20):
        start = time.perf_counter()
        _one((path, "expert", seed))
        singles.append(time.perf_counter() - start)
    single = statistics.median(singles)
    start = time.perf_counter()
    run_balance(path, ["expert", "passive", "random"], RUNS_PER_POLICY, jobs=2, progress=False)
    total = time.perf_counter() - start
    runs = RUNS_PER_POLICY * 3
    rows = [
        {"name": "single scored playthrough (median, expert)", "value": single * 1000, "unit": "ms",
         "target": "—", "note": "engine + scoring, one process"},
        {"name": f"balance: {runs} scored playthroughs on 2 processes", "value": total, "unit": "s",
         "target": "≤ 20 s", "met": total <= 20.0, "ratio": total / (single * runs),
         "ratio_to": "of the single-process time for the same runs"},
    ]
    for r in rows:
        print(f"{r['name']}: {r['value']:.2f} {r['unit']} (target {r['target']})")
    return rows


if __name__ == "__main__":
    main()
