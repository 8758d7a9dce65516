"""Cohort reports: many sessions of one scenario, from log files or from the results store, with a
before/after comparison of two groups."""

from __future__ import annotations

import re

import pytest
from report_golden.frozen import frozen_log

from cli import main
from report.cohort import build_cohort_document, measure
from report.session import load_session


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    """Group A: three passive sessions; group B: three expert sessions (seeds 1–3)."""
    d = tmp_path_factory.mktemp("cohort")
    return {name: [frozen_log(d / f"{name}{seed}.jsonl", name, seed) for seed in (1, 2, 3)]
            for name in ("passive", "expert")}


def test_measures_count_incidents_and_the_steps_each_group_missed(logs):
    before = measure([load_session(p) for p in logs["passive"]])
    after = measure([load_session(p) for p in logs["expert"]])
    assert before.values["incident"] == [100.0, 100.0, 100.0]
    assert after.values["incident"] == [0.0, 0.0, 0.0]
    assert before.steps["vir_kevin"]["missed"] == 3
    assert after.steps["vir_kevin"]["in_time"] == 3


def test_before_after_section_compares_groups_in_teams_with_the_direction_said(logs):
    sessions = [load_session(p) for p in logs["passive"]]
    after = [load_session(p) for p in logs["expert"]]
    doc = build_cohort_document(sessions, "nl", "2026-11-23", after)
    groups = next(s for s in doc.sections if s.title == "Voor en na: twee groepen")
    table = next(b for b in groups.blocks if hasattr(b, "rows"))
    incident_row = next(r for r in table.rows if r[0].text == "Teams met een incident")
    assert [c.text for c in incident_row[1:]] == ["lager is beter", "3 van 3 teams", "0 van 3 teams", "beter"]
    total_row = next(r for r in table.rows if r[0].text == "Totaal")
    assert total_row[1].text == "hoger is beter"
    assert doc.subtitle.startswith("6 teams")


def test_every_step_and_rule_is_counted_in_teams_not_findings(logs):
    from scoring.rules import RULES

    sessions = [load_session(p) for p in logs["passive"] + logs["expert"]]
    doc = build_cohort_document(sessions, "nl", "2026-11-23")
    steps = next(s for s in doc.sections if s.title == "Verwachte stappen")
    table = next(b for b in steps.blocks if hasattr(b, "rows"))
    for row in table.rows:
        assert all(re.fullmatch(r"\d+ van 6 teams", c.text) for c in row[1:])
        assert sum(int(c.text.split()[0]) for c in row[1:]) == 6, "each team once per step"
    findings = next(s for s in doc.sections if s.title == "Meest voorkomende bevindingen")
    table = next(b for b in findings.blocks if hasattr(b, "rows"))
    for rule, title, count in ([c.text for c in row] for row in table.rows):
        assert re.fullmatch(r"\d+ van 6 teams", count) and int(count.split()[0]) <= 6
        assert title.rstrip("…")[:40] in RULES[rule].checks["nl"], "the rule's own title, not one finding's text"


def test_every_median_says_how_many_teams_it_rests_on(logs):
    sessions = [load_session(p) for p in logs["passive"]]
    doc = build_cohort_document(sessions, "nl", "2026-11-23")
    table = next(b for b in doc.sections[0].blocks if hasattr(b, "rows"))
    picture = next(r for r in table.rows if r[0].text.startswith("Volledige beeld"))
    assert picture[1].text == "0 van 3" and picture[5].text == "3 van 3", "never: all three teams"
    assert any(s.title == "Rollen × teams" for s in doc.sections)


def test_cohort_links_each_team_report(logs, tmp_path):
    out = tmp_path / "cohort.html"
    assert main(["report", "--cohort", *logs["passive"], "--team-reports", "--out", str(out),
                 "--created", "2026-11-23"]) == 0
    html = out.read_text(encoding="utf-8")
    links = re.findall(r'href="(cohort_teams/S[0-9a-f]+\.html)"', html)
    assert len(links) == 3 and all((tmp_path / link).exists() for link in links)


def test_cohort_from_the_results_store(logs, tmp_path, capsys):
    db = tmp_path / "r.sqlite"
    assert main(["results", "add", *logs["passive"], "--db", str(db)]) == 0
    out = tmp_path / "c.pdf"
    assert main(["report", "--cohort", "--from-db", "scenario=pietersdam_golden", "--db", str(db), "--after",
                 *logs["expert"], "--out", str(out), "--created", "2026-11-23"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_an_empty_cohort_is_a_clear_error(tmp_path, capsys):
    assert main(["report", "--cohort", "--from-db", "scenario=nergens", "--db", str(tmp_path / "r.sqlite"),
                 "--out", str(tmp_path / "c.html")]) == 2
    assert "cohort is empty" in capsys.readouterr().err


def test_a_better_median_of_few_teams_is_flagged_not_celebrated():
    from collections import Counter

    from report.cohort import Measures, _groups
    from report.texts import Words

    def group(picture):
        return Measures({"picture": picture}, {}, Counter(), len(picture))

    before = group([47.0, None, None, None, None, None])           # 1 of 6 teams ever got the full picture
    after = group([29.0, 30.0, 28.0, 31.0, None, None])            # 4 of 6 teams did
    blocks = _groups(before, after, {"picture": "Volledige beeld (dag)"}, ["picture"], Words("nl"))
    row = blocks[1].rows[0]
    assert [c.text for c in row[1:4]] == ["lager is beter", "dag 47 (1 van 6)", "dag 29,5 (4 van 6)"]
    assert row[4].text == "beter, maar op minder dan de helft van de teams" and row[4].tone == "warn"
