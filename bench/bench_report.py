"""Report benchmarks (issue 8, item 7): one session's debrief as HTML (≤ 0.5 s) and as PDF (≤ 2 s),
from the log file to the written report (expert replay and charts included, median of warm runs), and
a cohort report over 500 session logs (≤ 30 s)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from report.build import build_document
from report.cohort import build_cohort_document, cohort_sessions
from report.expert import _EXPERT_CACHE
from report.render import parse_created, write_document
from report.session import load_sessions
from sim import FileLog, load_scenario, resolve_scenario
from sim.runner import play, resolve_policy

COHORT = 500
CREATED = parse_created("2026-11-23")


def _one(log: str, out: Path, fmt: str) -> float:
    _EXPERT_CACHE.clear()  # each report replays the expert path, as a fresh `report` call would
    start = time.perf_counter()
    doc = build_document(load_sessions([log]), "nl", "2026-11-23")
    write_document(doc, str(out), fmt, CREATED)
    return time.perf_counter() - start


def main() -> list[dict]:
    scenario = load_scenario(resolve_scenario("pietersdam"))
    policies = [resolve_policy(scenario, p) for p in ("expert", "passive", "random")]
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        logs = []
        for i in range(COHORT):
            path = d / f"s{i}.jsonl"
            log = FileLog(path)
            play(scenario, policies[i % 3], i, log=log)
            log.close()
            logs.append(str(path))
        _one(logs[0], d / "warm.html", "html")  # imports, fonts and matplotlib caches
        html = statistics.median(_one(logs[0], d / "r.html", "html") for _ in range(5))
        pdf = statistics.median(_one(logs[0], d / "r.pdf", "pdf") for _ in range(3))
        start = time.perf_counter()
        sessions = cohort_sessions(logs, None, None)
        doc = build_cohort_document(sessions[:COHORT // 2], "nl", "2026-11-23", sessions[COHORT // 2:])
        write_document(doc, str(d / "cohort.html"), "html", CREATED)
        cohort = time.perf_counter() - start
    rows = [
        {"name": "one session's HTML report (median of 5)", "value": html, "unit": "s", "target": "≤ 0.5 s",
         "met": html <= 0.5},
        {"name": "one session's PDF report (median of 3)", "value": pdf, "unit": "s", "target": "≤ 2 s",
         "met": pdf <= 2.0},
        {"name": f"cohort report of {COHORT} sessions (HTML, two groups)", "value": cohort, "unit": "s",
         "target": "≤ 30 s", "met": cohort <= 30.0},
    ]
    for r in rows:
        print(f"{r['name']}: {r['value']:.3f} {r['unit']} (target {r['target']})")
    return rows


if __name__ == "__main__":
    main()
