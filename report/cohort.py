"""Cohort reports: many sessions of one scenario — spreads per measure, the steps most often missed,
the most frequent findings, and a before/after comparison of two groups (issue 8)."""

from __future__ import annotations

import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tqdm import tqdm

from report.cohort_charts import heatmap, paired
from report.document import Cell, Chart, Document, Para, Section, Table
from report.facts import SessionFacts, day
from report.figures import spread
from report.labels import role_name
from report.scores import DIMENSIONS, faults
from report.session import ReportError, SessionData, load_session
from report.teampage import team_name
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
    """The numbers a cohort compares, per session (None = did not happen) — every count is of teams:
    one session is one team, and a rule broken five times by one team counts once."""

    values: dict[str, list[float | None]]
    steps: dict[str, Counter]
    findings: Counter
    """rule id -> how many teams had at least one finding of it"""
    n: int
    names: list[str] = field(default_factory=list)
    roles: list[dict[str, float | None]] = field(default_factory=list)
    """per team: role -> the role's total score (None: not judged)"""
    ids: list[str] = field(default_factory=list)


MEASURES = ("incident", "picture", "report", "loops", "actions")
LOWER_IS_BETTER = {"incident", "picture", "report"}
"""measures where a smaller number is the better result (fewer incidents, an earlier day)"""
DAY_MEASURES = ("picture", "report")


def measure(sessions: list[SessionData], lang: str = "nl", first: int = 0) -> Measures:
    """Compute every session's measures once (no expert replay: cohorts must stay fast). `first`: the
    number of the first team (group B's teams go on counting after group A's)."""
    w = Words(lang)
    values: dict[str, list[float | None]] = {k: [] for k in MEASURES + ("total",) + DIMENSIONS}
    steps: dict[str, Counter] = {}
    findings: Counter = Counter()
    names, roles, ids = [], [], []
    for i, s in enumerate(_progress(sessions, "sessions")):
        f = SessionFacts(s, with_expert=False)
        names.append(team_name(first + i, s, w))
        ids.append(s.session_id)
        values["incident"].append(None if s.outcome is None else 100.0 * bool(f.incident_at is not None))
        values["picture"].append(day(f.knowledge.team_at) if f.knowledge.team_at is not None else None)
        values["report"].append(day(f.first_report_at) if f.first_report_at is not None else None)
        values["loops"].append(100.0 * f.loops_closed / len(f.loops) if f.loops else None)
        values["actions"].append(float(f.player_actions))
        score = (f.scored or {}).get("score") or {}
        for k in ("total",) + DIMENSIONS:
            values[k].append(score.get(k))
        roles.append({r: (v.get("total") if isinstance(v, dict) else v)
                      for r, v in (score.get("per_role") or {}).items()})
        for st in f.steps:
            status = "missed" if st.team is None else "late" if st.team > st.latest else "in_time"
            steps.setdefault(st.expectation.id, Counter())[status] += 1
        for rule in {x.get("rule", "?") for x in faults(f.scored)}:
            findings[rule] += 1
    return Measures(values, steps, findings, len(sessions), names, roles, ids)


RATES = ("incident",)  # yes/no measures: how many teams, not a median


def _stats(xs: list[float | None], rate: bool = False) -> tuple[int, float | None, float | None, float | None]:
    """Count, centre (median, or the mean for a yes/no rate), min and max of the known values."""
    got = [x for x in xs if x is not None]
    if not got:
        return 0, None, None, None
    if rate:
        return len(got), statistics.fmean(got), None, None
    return len(got), statistics.median(got), min(got), max(got)


def rule_title(rule: str, w: Words, limit: int = 120) -> str:
    """A rule's own title: the first sentence of what it checks (scoring/rules.yaml), not the text of
    one finding it happened to produce."""
    from scoring.rules import RULES

    spec = RULES.get(rule)
    if spec is None:
        return rule
    text = w.text(spec.checks).replace("{days}", str(spec.days or "—"))
    text = text.split(". ")[0].rstrip(".")
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def build_cohort_document(sessions: list[SessionData], lang: str, created: str,
                          after: list[SessionData] | None = None,
                          links: dict[str, str] | None = None) -> Document:
    """The cohort report; with `after`, a before/after comparison of the two groups. `links`: session
    id -> the relative path of that team's own report (HTML)."""
    w = Words(lang)
    sc = sessions[0].scenario
    before = measure(sessions, lang)
    later = measure(after, lang, first=len(sessions)) if after else None
    m = _join(before, later) if later else before
    labels = {"incident": w("cohort_incident_teams"), "picture": w("cohort_picture"), "report": w("cohort_report"),
              "loops": w("cohort_loops"), "actions": w("cohort_actions"),
              **{k: w(f"dim_{k}") for k in ("total",) + DIMENSIONS}}
    doc = Document(w("cohort_title", title=w.text(sc.meta.title)),
                   w("cohort_sessions", sessions=w.plural("n_teams", m.n), title=w.text(sc.meta.title)),
                   w("created", date=created), lang)
    keys = [k for k in labels if k in DAY_MEASURES or any(v is not None for v in m.values[k])]  # "never" shows
    doc.sections.append(Section(w("cohort_distributions"), _distributions(m, labels, keys, w)))
    doc.sections.append(Section(w("cohort_steps"), [Para(w("cohort_teams_hint", n=m.n), "muted"),
                                                    _steps_table(sc, m, w)]))
    doc.sections.append(Section(w("cohort_findings"), _findings(m, w)))
    heat = _heatmap(sc, m, w)
    if heat:
        doc.sections.append(Section(w("cohort_heatmap"), heat))
    if later:
        doc.sections.append(Section(w("cohort_groups"), _groups(before, later, labels, keys, w)))
    doc.sections.append(Section(w("cohort_team_list"), _team_list(m, links or {}, w)))
    return doc


def _join(a: Measures, b: Measures) -> Measures:
    steps = {k: a.steps.get(k, Counter()) + b.steps.get(k, Counter()) for k in {*a.steps, *b.steps}}
    return Measures({k: a.values[k] + b.values[k] for k in a.values}, steps, a.findings + b.findings,
                    a.n + b.n, a.names + b.names, a.roles + b.roles, a.ids + b.ids)


def _distributions(m: Measures, labels: dict[str, str], keys: list[str], w: Words) -> list:
    """Per measure: on how many teams it rests, its median and range, and how many teams never got there."""
    rows = []
    for k in keys:
        n, centre, lo, hi = _stats(m.values[k], k in RATES)
        known = w("x_of_n", x=n, n=m.n)
        if k in RATES:
            hits = sum(1 for v in m.values[k] if v)
            rows.append([Cell(labels[k]), Cell(known), Cell(w("x_of_n_teams", x=hits, n=n)), Cell("—"), Cell("—"),
                         Cell("—")])
            continue
        never = m.n - n
        show = (lambda v: "—" if v is None else w("day", d=w.num(v))) if k in DAY_MEASURES else w.num
        rows.append([Cell(labels[k]), Cell(known), Cell(show(centre)), Cell(show(lo)), Cell(show(hi)),
                     Cell(w("x_of_n", x=never, n=m.n) if k in DAY_MEASURES or k == "loops" else "—",
                          tone="bad" if never and k in DAY_MEASURES else None)])
    blocks: list = [Para(w("cohort_distribution_hint"), "muted"),
                    Table([w("col_measure"), w("cohort_count"), w("cohort_median"), w("cohort_min"), w("cohort_max"),
                           w("cohort_never")], rows, [4, 1.2, 1.2, 1, 1, 1.2])]
    score_keys = [k for k in ("total",) + DIMENSIONS if any(v is not None for v in m.values[k])]
    if score_keys:
        counts = {k: sum(v is not None for v in m.values[k]) for k in score_keys}
        blocks.append(Chart("cohort_scores", lambda: spread([f"{labels[k]}\n(n = {counts[k]})" for k in score_keys],
                                                          [[v for v in m.values[k] if v is not None]
                                                           for k in score_keys], w("score_axis")),
                            w("cohort_scores_caption")))
    return blocks


def _steps_table(sc, m: Measures, w: Words) -> Table:
    """Per expected step: in how many teams it was taken in time, late, or not at all ("x van N teams")."""
    rows = []
    for exp in sc.expectations:
        c = m.steps.get(exp.id, Counter())
        cells = [Cell(w("x_of_n_teams", x=c[k], n=m.n), tone=tone if c[k] else "muted")
                 for k, tone in (("in_time", "good"), ("late", "warn"), ("missed", "bad"))]
        rows.append([Cell(w.text(exp.text) + (f" ({w('optional')})" if exp.optional else ""))] + cells)
    return Table([w("col_expectation"), w("cohort_in_time"), w("cohort_late"), w("cohort_missed")], rows,
                 [5, 1.3, 1.3, 1.3])


def _findings(m: Measures, w: Words) -> list:
    """The rules most teams broke, by the rule's own title, each "x van N teams"."""
    if not m.findings:
        return [Para(w("cohort_no_findings"), "muted")]
    rows = [[Cell(rule), Cell(rule_title(rule, w)), Cell(w("x_of_n_teams", x=n, n=m.n))]
            for rule, n in sorted(m.findings.items(), key=lambda x: (-x[1], x[0]))[:12]]
    return [Para(w("cohort_findings_hint"), "muted"),
            Table([w("col_rule"), w("cohort_rule_title"), w("cohort_teams")], rows, [1.6, 5, 1.3])]


def _heatmap(sc, m: Measures, w: Words) -> list:
    """Role × team: each role's total score in each team, so a weak role across the cohort shows as a row."""
    roles = [r.id for r in sc.roles if any(team.get(r.id) is not None for team in m.roles)]
    if not roles:
        return []
    names = [role_name(sc, r, w) for r in roles]
    short = [f"T{i + 1}" for i in range(m.n)] if m.n > 8 else m.names
    values = [[team.get(r) for team in m.roles] for r in roles]
    blocks: list = [Para(w("cohort_heatmap_hint"), "muted")]
    if m.n > 8:
        blocks.append(Para(w("cohort_heatmap_keys"), "muted"))
    blocks.append(Chart("cohort_heatmap", lambda: heatmap(names, short, values, w("score_axis"), "—")))
    return blocks


def _groups(a: Measures, b: Measures, labels: dict[str, str], keys: list[str], w: Words) -> list:
    """Before/after as pairs: per measure both groups' value, on how many teams each rests, which way is
    better, and whether group B did better, worse or the same."""
    rows, panels = [], []
    ga, gb = w("cohort_group_a"), w("cohort_group_b")
    for k in keys:
        if k == "actions":
            continue  # more actions is neither better nor worse
        na, ca, _, _ = _stats(a.values[k], k in RATES)
        nb, cb, _, _ = _stats(b.values[k], k in RATES)
        lower = k in LOWER_IS_BETTER
        ha = hb = 0
        if k in RATES:
            ha, hb = sum(1 for v in a.values[k] if v), sum(1 for v in b.values[k] if v)
            ta, tb = w("x_of_n_teams", x=ha, n=na), w("x_of_n_teams", x=hb, n=nb)
            sa, sb = w("n_eq", n=na), w("n_eq", n=nb)
            va, vb = (float(ha) if na else None), (float(hb) if nb else None)
            lo, hi = 0.0, float(max(na, nb, 1)) * 1.1
        else:
            show = (lambda v: w("day", d=w.num(v))) if k in DAY_MEASURES else w.num
            ta = f"{show(ca)} ({w('x_of_n', x=na, n=a.n)})" if ca is not None else w("never")
            tb = f"{show(cb)} ({w('x_of_n', x=nb, n=b.n)})" if cb is not None else w("never")
            sa, sb = w("n_eq", n=f"{na}/{a.n}"), w("n_eq", n=f"{nb}/{b.n}")
            va, vb = ca, cb
            lo, hi = (0.0, 100.0) if k not in DAY_MEASURES else (0.0, max([v for v in (ca, cb) if v] + [1]) * 1.25)
        verdict = _verdict(va, vb, lower, w)
        if k not in RATES and verdict.tone in ("good", "bad") and (2 * na < a.n or 2 * nb < b.n):
            verdict = Cell(w("cohort_few", verdict=verdict.text), tone="warn")  # a median of a few teams
        rows.append([Cell(labels[k]), Cell(w("lower_better") if lower else w("higher_better"), tone="muted"),
                     Cell(ta), Cell(tb), verdict])
        panels.append({"title": f"{labels[k]}\n({w('lower_better') if lower else w('higher_better')})",
                       "a": va, "b": vb, "na": sa, "nb": sb, "lo": lo, "hi": hi, "none": w("never"),
                       "a_text": str(ha) if k in RATES else ta.split(" (")[0],
                       "b_text": str(hb) if k in RATES else tb.split(" (")[0], "integer": k in RATES})
    blocks: list = [Para(w("cohort_groups_hint", a=w.plural("n_teams", a.n), b=w.plural("n_teams", b.n)), "muted"),
                    Table([w("cohort_group_measure"), w("cohort_direction"), ga, gb, w("cohort_verdict")], rows,
                          [3.2, 1.4, 1.8, 1.8, 1.2])]
    if panels:
        blocks.append(Chart("groups", lambda: paired(panels), w("cohort_groups_caption")))
    return blocks


def _verdict(va: float | None, vb: float | None, lower: bool, w: Words) -> Cell:
    if va is None or vb is None:
        return Cell("—", tone="muted")
    if va == vb:
        return Cell(w("cohort_same"), tone="muted")
    better = vb < va if lower else vb > va
    return Cell(w("cohort_better") if better else w("cohort_worse"), tone="good" if better else "bad")


def _team_list(m: Measures, links: dict[str, str], w: Words) -> list:
    """Every team with its key numbers and, when written, a link to its own report."""
    rows = []
    for i in range(m.n):
        href = links.get(m.ids[i])
        incident = m.values["incident"][i]
        rows.append([Cell(m.names[i], href=href), Cell(f"T{i + 1}"),
                     Cell(w("yes") if incident else w("no") if incident is not None else "?",
                          tone="bad" if incident else None),
                     Cell(w.num(m.values["total"][i])), Cell(m.ids[i], tone="muted")])
    hint = w("cohort_team_links") if links else w("cohort_team_no_links")
    return [Para(hint, "muted"),
            Table([w("col_team"), w("cohort_key"), w("moment_incident"), w("dim_total"), w("cohort_session")], rows,
                  [3, 0.8, 1.4, 1, 1.6])]


def write_team_reports(sessions: list[SessionData], out: str, lang: str, created) -> dict[str, str]:
    """Each team's own debrief as HTML in a folder beside the cohort report (`cohort.html` →
    `cohort_teams/S….html`); returns session id -> the link relative to the cohort report."""
    from pathlib import Path

    from report.build import build_document
    from report.render import created_label, write_document

    folder = Path(out).with_name(Path(out).stem + "_teams")
    w = Words(lang)
    links: dict[str, str] = {}
    for i, s in enumerate(_progress(sessions, "team reports")):
        doc = build_document([s], lang, created_label(created), names=[team_name(i, s, w)])
        write_document(doc, str(folder / f"{s.session_id}.html"), "html", created)
        links[s.session_id] = f"{folder.name}/{s.session_id}.html"
    return links
