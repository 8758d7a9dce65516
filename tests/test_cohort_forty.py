"""A cohort of 40 teams as a trainer builds it (issue 19, done-when): 40 finished sessions added to the
results store, the cohort report made from the store and from the log files. Every count reads
"x van 40 teams", and each count, median and N agrees with `results list` and with the SQLite
database read directly (not through report.store)."""

from __future__ import annotations

import html
import json
import re
import sqlite3
import statistics

import pytest
from report_golden.frozen import frozen_log

from cli import main
from report.cohort import build_cohort_document, cohort_sessions
from report.facts import day
from report.texts import Words

N = 40
POLICIES = ("random", "passive", "expert", "random")
LIST_LINE = re.compile(r"^(S[0-9a-f]+)\s+(\S+)\s+(\S+)\s+(\d+)\s+(\S+)\s+(day \d+|no|-)\s*(\S*)$")


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    """40 sessions (random, passive and expert teams, seeds 1–40) in a results store; the store's
    rows read with sqlite3 itself; `results list` as printed; the cohort report from the store."""
    d = tmp_path_factory.mktemp("forty")
    logs = [frozen_log(d / f"team{i:02d}.jsonl", POLICIES[i % 4], i + 1) for i in range(N)]
    db = d / "results.sqlite"
    assert main(["results", "add", *logs, "--db", str(db)]) == 0
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    rows = con.execute("SELECT * FROM sessions").fetchall()
    con.close()
    return {"logs": logs, "db": db, "rows": rows, "dir": d}


@pytest.fixture(scope="module")
def listed(cohort):
    """`results list` parsed: id -> (incident text, score text)."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["results", "list", "--db", str(cohort["db"])]) == 0
    lines = out.getvalue().splitlines()[1:]
    parsed = [LIST_LINE.match(line) for line in lines]
    assert all(parsed), [line for line, m in zip(lines, parsed) if not m]
    return {m[1]: (m[6], m[7]) for m in parsed}


@pytest.fixture(scope="module")
def doc(cohort):
    return build_cohort_document(cohort_sessions([], "all", str(cohort["db"])), "nl", "2026-11-23")


def _table(doc, title):
    section = next(s for s in doc.sections if s.title == title)
    return next(b for b in section.blocks if hasattr(b, "rows"))


def _row(table, label):
    return [c.text for c in next(r for r in table.rows if r[0].text.startswith(label))]


def test_the_store_and_the_list_hold_all_forty_teams(cohort, listed, doc):
    assert len(cohort["rows"]) == N and len(listed) == N
    assert {r["id"] for r in cohort["rows"]} == set(listed)
    assert doc.subtitle.startswith("40 teams van ")


def test_teams_with_an_incident_agree_with_the_list_and_the_database(cohort, listed, doc):
    in_db = sum(r["incident"] for r in cohort["rows"])
    in_list = sum(incident.startswith("day ") for incident, _ in listed.values())
    assert 0 < in_db < N, "a cohort worth a report has teams with and without the incident"
    assert in_list == in_db
    row = _row(_table(doc, "Verdelingen"), "Teams met een incident")
    assert row[1:3] == ["40 van 40", f"{in_db} van 40 teams"]
    for rid, (incident, _) in listed.items():  # each team's own day, as the database keeps it
        r = next(r for r in cohort["rows"] if r["id"] == rid)
        assert incident == (f"day {day(r['incident_at'])}" if r["incident"] else "no")


def test_the_median_score_and_its_n_agree_with_the_list_and_the_database(cohort, listed, doc):
    w = Words("nl")
    table = _table(doc, "Verdelingen")
    scores = [float(score) for _, score in listed.values() if score]
    assert len(scores) == N
    in_db = [r["score_total"] for r in cohort["rows"] if r["score_total"] is not None]
    assert statistics.median(scores) == pytest.approx(statistics.median(in_db), abs=0.05)
    row = _row(table, "Totaal")
    assert row[1:5] == [f"{len(in_db)} van 40", w.num(statistics.median(in_db)), w.num(min(in_db)), w.num(max(in_db))]
    for column, label in (("timeliness", "Tijdigheid"), ("privacy", "Privacy"), ("feedback", "Terugkoppeling")):
        got = [r[column] for r in cohort["rows"] if r[column] is not None]
        assert _row(table, label)[1:5] == [f"{len(got)} van 40", w.num(statistics.median(got)), w.num(min(got)),
                                           w.num(max(got))]


@pytest.mark.parametrize("column,label", [("picture_at", "Volledige beeld"), ("first_report_at", "Eerste melding")])
def test_a_day_median_says_on_how_many_teams_it_rests_and_how_many_never_got_there(cohort, doc, column, label):
    w = Words("nl")
    days = [day(r[column]) for r in cohort["rows"] if r[column] is not None]
    never = N - len(days)
    assert days and never, "both reached and never reached occur in this cohort"
    row = _row(_table(doc, "Verdelingen"), label)
    assert row[1:] == [f"{len(days)} van 40", f"dag {w.num(statistics.median(days))}", f"dag {min(days)}",
                       f"dag {max(days)}", f"{never} van 40"]


def test_closed_loops_and_actions_agree_with_the_database(cohort, doc):
    w = Words("nl")
    table = _table(doc, "Verdelingen")
    loops = [100.0 * r["loops_closed"] / r["loops_total"] for r in cohort["rows"] if r["loops_total"]]
    assert _row(table, "Gesloten terugkoppellussen")[1:] == [
        f"{len(loops)} van 40", w.num(statistics.median(loops)), w.num(min(loops)), w.num(max(loops)),
        f"{N - len(loops)} van 40"]
    actions = [r["player_actions"] for r in cohort["rows"]]
    assert _row(table, "Acties van spelers")[1:3] == ["40 van 40", w.num(statistics.median(actions))]


def test_each_rule_counts_the_teams_the_database_holds_a_fault_of(cohort, doc):
    teams_per_rule: dict[str, int] = {}
    for r in cohort["rows"]:
        rules = {f["rule"] for f in json.loads(r["findings"] or "[]") if f.get("severity") != "praise"}
        for rule in rules:
            teams_per_rule[rule] = teams_per_rule.get(rule, 0) + 1
    table = _table(doc, "Meest voorkomende bevindingen")
    assert len(table.rows) == min(12, len(teams_per_rule))
    for rule, _title, count in ([c.text for c in row] for row in table.rows):
        assert count == f"{teams_per_rule[rule]} van 40 teams"
    shown = [int(row[2].text.split()[0]) for row in table.rows]
    assert shown == sorted(shown, reverse=True)
    assert min(shown) >= sorted(teams_per_rule.values(), reverse=True)[len(shown) - 1], "the most frequent rules"


def test_every_count_in_the_report_reads_x_van_40_teams(doc):
    for title in ("Verwachte stappen", "Meest voorkomende bevindingen"):
        for row in _table(doc, title).rows:
            assert all(re.fullmatch(r"\d+ van 40 teams", c.text) for c in row[-1:]), row[-1].text
    for row in _table(doc, "Verwachte stappen").rows:
        assert sum(int(c.text.split()[0]) for c in row[1:]) == N, "each team once per expected step"
    for row in _table(doc, "Verdelingen").rows:
        assert re.fullmatch(r"\d+ van 40", row[1].text)


def test_the_team_list_shows_each_teams_score_as_results_list_does(cohort, listed, doc):
    w = Words("nl")
    table = _table(doc, "Teams")
    assert [r[4].text for r in table.rows] == sorted(listed, key=lambda i: next(
        (r["added"], r["id"]) for r in cohort["rows"] if r["id"] == i)), "in the store's order"
    for row in table.rows:
        _, score = listed[row[4].text]
        assert row[3].text == w.num(float(score)), "the same score, written the Dutch way"


def test_the_cohort_from_the_log_files_has_the_same_numbers_as_from_the_store(cohort, doc):
    from_files = build_cohort_document(cohort_sessions(cohort["logs"], None, None), "nl", "2026-11-23")
    for title in ("Verdelingen", "Verwachte stappen", "Meest voorkomende bevindingen"):
        assert [[c.text for c in r] for r in _table(from_files, title).rows] == \
               [[c.text for c in r] for r in _table(doc, title).rows]


def test_the_html_cohort_report_says_it_in_teams(cohort, doc):
    out = cohort["dir"] / "cohort.html"
    assert main(["report", "--cohort", "--from-db", "all", "--db", str(cohort["db"]), "--out", str(out),
                 "--created", "2026-11-23"]) == 0
    text = html.unescape(out.read_text(encoding="utf-8"))
    incident = _row(_table(doc, "Verdelingen"), "Teams met een incident")[2]
    assert incident in text and "40 teams van " in text
    assert len(re.findall(r"\d+ van 40 teams", text)) >= 3 * 9 + 12 + 1
