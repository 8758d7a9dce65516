"""Cohort reports: many sessions of one scenario — spreads per measure, the steps most often missed,
the most frequent findings, and a before/after comparison of two groups (issue 8)."""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm

from report.document import Cell, Chart, Document, Para, Section, Table
from report.facts import SessionFacts, day
from report.figures import bars, spread
from report.scores import DIMENSIONS, faults
from report.session import ReportError, SessionData, load_session
from report.texts import Words

PROGRESS_FROM = 20  # show a progress bar on stderr from this many sessions


def _progress(items: list, what: str) -> Any:
    return tqdm(items, desc=what, unit="log", file=sys.stderr, disable=len(items) < PROGRESS_FROM, leave=False)


def cohort_sessions(logs: list[str], from_db: str | None, db: str | None) -> list[SessionData]:
    """Sessions from LOG files and/or from the results store (a FILTER such as scenario=pietersdam)."""
    sessions = [load_session(p) for p in _progress(list(logs), "logs")]
    if from_db is not None:
        from report.store import sessions_from_store

        sessions += sessions_from_store(db, from_db, lambda rows: _progress(rows, "results"))
    if not sessions:
        raise ReportError("the cohort is empty: give LOG files or a --from-db FILTER that matches sessions")
    first = sessions[0].scenario.meta.id
    for s in sessions:
        if s.scenario.meta.id != first:
            raise ReportError(f'{s.path}: scenario "{s.scenario.meta.id}", not "{first}"; a cohort is one scenario')
    return sessions


@dataclass
class Measures:
    """The numbers a cohort compares, per session (None = did not happen)."""

    values: dict[str, list[float | None]]
    steps: dict[str, Counter]
    findings: Counter
    finding_text: dict[str, dict[str, str]]
    n: int


MEASURES = ("incident", "picture", "report", "loops", "actions")


def measure(sessions: list[SessionData]) -> Measures:
    """Compute every session's measures once (no expert replay: cohorts must stay fast)."""
    values: dict[str, list[float | None]] = {k: [] for k in MEASURES + ("total",) + DIMENSIONS}
    steps: dict[str, Counter] = {}
    findings: Counter = Counter()
    texts: dict[str, dict[str, str]] = {}
    for s in _progress(sessions, "sessions"):
        f = SessionFacts(s, with_expert=False)
        values["incident"].append(None if s.outcome is None else 100.0 * bool(f.incident_at is not None))
        values["picture"].append(day(f.knowledge.team_at) if f.knowledge.team_at is not None else None)
        values["report"].append(day(f.first_report_at) if f.first_report_at is not None else None)
        values["loops"].append(100.0 * f.loops_closed / len(f.loops) if f.loops else None)
        values["actions"].append(float(f.player_actions))
        score = (f.scored or {}).get("score") or {}
        for k in ("total",) + DIMENSIONS:
            values[k].append(score.get(k))
        for st in f.steps:
            status = "missed" if st.team is None else "late" if st.team > st.latest else "in_time"
            steps.setdefault(st.expectation.id, Counter())[status] += 1
        for finding in faults(f.scored):
            findings[finding.get("rule", "?")] += 1
            texts.setdefault(finding.get("rule", "?"), finding.get("message") or {})
    return Measures(values, steps, findings, texts, len(sessions))


RATES = ("incident",)  # yes/no measures: the share of sessions, not a median


def _stats(xs: list[float | None], rate: bool = False) -> tuple[int, float | None, float | None, float | None]:
    """Count, centre (median, or the mean for a yes/no rate), min and max of the known values."""
    got = [x for x in xs if x is not None]
    if not got:
        return 0, None, None, None
    if rate:
        return len(got), statistics.fmean(got), None, None
    return len(got), statistics.median(got), min(got), max(got)


def build_cohort_document(sessions: list[SessionData], lang: str, created: str,
                          after: list[SessionData] | None = None) -> Document:
    """The cohort report; with `after`, a before/after comparison of the two groups."""
    w = Words(lang)
    sc = sessions[0].scenario
    before = measure(sessions)
    m = measure(sessions + after) if after else before
    labels = {"incident": w("cohort_incident_rate"), "picture": w("cohort_picture"), "report": w("cohort_report"),
              "loops": w("cohort_loops"), "actions": w("cohort_actions"),
              **{k: w(f"dim_{k}") for k in ("total",) + DIMENSIONS}}
    doc = Document(w("cohort_title", title=w.text(sc.meta.title)),
                   w("cohort_sessions", n=len(sessions) + len(after or []), title=w.text(sc.meta.title)),
                   w("created", date=created), lang)
    keys = [k for k in labels if any(v is not None for v in m.values[k])]
    rows = []
    for k in keys:
        n, centre, lo, hi = _stats(m.values[k], k in RATES)
        rows.append([Cell(labels[k]), Cell(str(n)), Cell(w.num(centre)), Cell(w.num(lo)), Cell(w.num(hi))])
    dist = [Table([w("col_measure"), w("cohort_count"), w("cohort_median"), w("cohort_min"), w("cohort_max")],
                  rows, [4, 1, 1, 1, 1])]
    day_keys = [k for k in ("picture", "report") if any(v is not None for v in m.values[k])]
    if day_keys:
        dist.append(Chart("cohort_days", lambda: spread([labels[k] for k in day_keys],
                                                        [[v for v in m.values[k] if v is not None] for k in day_keys],
                                                        w("lane_axis"))))
    score_keys = [k for k in ("total",) + DIMENSIONS if any(v is not None for v in m.values[k])]
    if score_keys:
        dist.append(Chart("cohort_scores", lambda: spread([labels[k] for k in score_keys],
                                                          [[v for v in m.values[k] if v is not None]
                                                           for k in score_keys], "0–100")))
    doc.sections.append(Section(w("cohort_distributions"), dist))
    doc.sections.append(Section(w("cohort_steps"), [_steps_table(sc, m, w)]))
    doc.sections.append(Section(w("cohort_findings"), _findings(m, w)))
    if after:
        doc.sections.append(Section(w("cohort_groups"), _groups(before, measure(after), labels, keys, w)))
    return doc


def _steps_table(sc, m: Measures, w: Words) -> Table:
    rows = []
    for exp in sc.expectations:
        c = m.steps.get(exp.id, Counter())
        pct = {k: f"{100 * c[k] / m.n:.0f}%" for k in ("in_time", "late", "missed")}
        rows.append([Cell(w.text(exp.text)), Cell(pct["in_time"], tone="good"), Cell(pct["late"], tone="warn"),
                     Cell(pct["missed"], tone="bad")])
    return Table([w("col_expectation"), w("cohort_in_time"), w("cohort_late"), w("cohort_missed")], rows, [5, 1, 1, 1])


def _findings(m: Measures, w: Words) -> list:
    if not m.findings:
        return [Para(w("cohort_no_findings"), "muted")]
    rows = [[Cell(rule), Cell(w.text(m.finding_text.get(rule))), Cell(str(n))]
            for rule, n in sorted(m.findings.items(), key=lambda x: (-x[1], x[0]))[:10]]
    return [Table([w("col_rule"), w("col_finding"), w("cohort_count")], rows, [1.6, 5, 0.8])]


def _groups(a: Measures, b: Measures, labels: dict[str, str], keys: list[str], w: Words) -> list:
    rows = []
    series: dict[str, list[float]] = {w("cohort_group_a"): [], w("cohort_group_b"): []}
    chart_keys = []
    for k in keys:
        ma, mb = _stats(a.values[k], k in RATES)[1], _stats(b.values[k], k in RATES)[1]
        rows.append([Cell(labels[k]), Cell(w.num(ma)), Cell(w.num(mb))])
        if k in ("incident", "loops") + ("total",) + DIMENSIONS and ma is not None and mb is not None:
            chart_keys.append(labels[k])
            series[w("cohort_group_a")].append(ma)
            series[w("cohort_group_b")].append(mb)
    blocks: list = [Para(w("cohort_groups_hint", a=a.n, b=b.n), "muted"),
                    Table([w("cohort_group_measure"), w("cohort_group_a"),
                           w("cohort_group_b")], rows, [4, 1.5, 1.5])]
    if chart_keys:
        blocks.append(Chart("groups", lambda: bars(chart_keys, series, "%")))
    return blocks
