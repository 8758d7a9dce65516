"""Cohort reports: many sessions of one scenario, from log files or from the results store, with a
before/after comparison of two groups."""

from __future__ import annotations

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


def test_before_after_section_compares_group_medians(logs):
    sessions = [load_session(p) for p in logs["passive"]]
    after = [load_session(p) for p in logs["expert"]]
    doc = build_cohort_document(sessions, "nl", "2026-11-23", after)
    groups = next(s for s in doc.sections if s.title == "Voor en na: twee groepen")
    table = next(b for b in groups.blocks if hasattr(b, "rows"))
    incident_row = next(r for r in table.rows if r[0].text == "Sessies met incident (%)")
    assert [c.text for c in incident_row[1:]] == ["100", "0"]
    assert doc.subtitle.startswith("6 sessies")


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
