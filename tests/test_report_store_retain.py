"""The results store keeps scores only as long as the training needs them (issue 19, item 4): sessions
are deleted by id, team or date, or by age (`--retain-days`); the CSV has each role's score and the
findings counted; the database, queue, logs and reports are owner-only (0600)."""

from __future__ import annotations

import csv
import json
import os
import stat
import time
from pathlib import Path

import pytest
from report_golden.frozen import frozen_log

from cli import main
from report.scores import score_session
from report.session import load_session
from report.store import add_session, open_store


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    d = tmp_path_factory.mktemp("logs")
    out = {name: frozen_log(d / f"{name}.jsonl", name, 7) for name in ("expert", "passive")}
    out["rood"] = frozen_log(d / "rood.jsonl", "random", 7, names={"smw": "Anouk de Vries", "ggz": "Jeroen Bakker"})
    return out


@pytest.fixture
def db(tmp_path):
    return tmp_path / "data" / "results.sqlite"


def _fill(db: Path, logs: dict[str, str]) -> dict[str, str]:
    """expert added in January 2025, passive in June 2026, the named team today: {name: id}."""
    con = open_store(db)
    try:
        ids = {}
        for name, added in (("expert", "2025-01-15T10:00:00+00:00"), ("passive", "2026-06-01T10:00:00+00:00"),
                            ("rood", None)):
            ids[name], _ = add_session(con, load_session(logs[name]), added)
        return ids
    finally:
        con.close()


def _ids(db: Path) -> set[str]:
    con = open_store(db, write=False)
    try:
        return {r["id"] for r in con.execute("SELECT id FROM sessions")}
    finally:
        con.close()


def test_delete_one_session_by_its_id(logs, db, capsys):
    ids = _fill(db, logs)
    assert main(["results", "delete", f"id={ids['passive'][:7]}", "--db", str(db)]) == 0
    assert "1 session(s) deleted" in capsys.readouterr().out
    assert _ids(db) == {ids["expert"], ids["rood"]}


def test_delete_a_team_by_the_name_of_one_of_its_players_leaves_nothing_of_it_in_the_file(logs, db, capsys):
    ids = _fill(db, logs)
    assert b"Anouk de Vries" in db.read_bytes()
    assert main(["results", "delete", "team=anouk de vries", "--db", str(db)]) == 0
    assert _ids(db) == {ids["expert"], ids["passive"]}
    assert b"Anouk" not in db.read_bytes(), "a deleted learner's name does not linger in free pages"


def test_delete_by_date_range(logs, db, capsys):
    ids = _fill(db, logs)
    assert main(["results", "delete", "since=2026-01-01,until=2026-12-01", "--db", str(db)]) == 0
    assert _ids(db) == {ids["expert"], ids["rood"]}


def test_delete_without_a_filter_deletes_nothing_and_says_how(logs, db, capsys):
    ids = _fill(db, logs)
    assert main(["results", "delete", "--db", str(db)]) == 2
    assert "give a filter" in capsys.readouterr().err
    assert _ids(db) == set(ids.values())
    assert main(["results", "delete", "all", "--db", str(db)]) == 0
    assert _ids(db) == set()


def test_retain_days_on_add_deletes_what_is_older(logs, db, capsys):
    ids = _fill(db, logs)
    days = (time.time() - time.mktime(time.strptime("2026-06-01", "%Y-%m-%d"))) // 86400
    assert main(["results", "add", logs["rood"], "--retain-days", str(int(days) + 30), "--db", str(db)]) == 0
    assert "deleted 1 session(s)" in capsys.readouterr().out
    assert _ids(db) == {ids["passive"], ids["rood"]}
    assert main(["results", "prune", "--retain-days", "1", "--db", str(db)]) == 0
    assert _ids(db) == {ids["rood"]}
    assert main(["results", "prune", "--db", str(db)]) == 2
    assert main(["results", "prune", "--retain-days", "0", "--db", str(db)]) == 2


def test_the_csv_has_each_roles_score_and_the_findings_counted(logs, db, tmp_path, capsys):
    ids = _fill(db, logs)
    out = tmp_path / "results.csv"
    assert main(["results", "export", "--out", str(out), "--db", str(db)]) == 0
    rows = {r["id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    scored = score_session(load_session(logs["rood"]))
    row = rows[ids["rood"]]
    for role in json.loads(Path(logs["rood"]).read_text().splitlines()[0])["players"]:
        expected = scored["score"]["per_role"][role]["total"]
        assert row[f"score_{role}"] == ("" if expected is None else f"{float(expected):g}")
    findings = scored["findings"]
    assert int(row["findings_violation"]) == sum(f["severity"] == "violation" for f in findings)
    assert int(row["findings_warning"]) == sum(f["severity"] == "warning" for f in findings)
    per_rule = dict(part.split("=") for part in row["findings_per_rule"].split("; ") if part)
    assert sum(map(int, per_rule.values())) == int(row["findings_violation"]) + int(row["findings_warning"])
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_the_database_queue_logs_and_reports_are_owner_only(logs, db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("KETENSPEL_XAPI_SALT")
    old = os.umask(0o022)  # the usual umask: nothing relies on a strict one
    try:
        assert main(["results", "add", logs["expert"]]) == 0
        log = tmp_path / "new.jsonl"
        assert main(["run", "pietersdam", "--policy", "passive", "--log", str(log)]) == 0
        report = tmp_path / "r.html"
        assert main(["report", logs["expert"], "--out", str(report)]) == 0
        queue = tmp_path / "data" / "xapi-queue.jsonl"
        assert main(["export-xapi", logs["expert"], "--lrs", "http://127.0.0.1:9/xAPI"]) == 3
    finally:
        os.umask(old)
    capsys.readouterr()
    for path in (db, log, report, queue, tmp_path / "data" / "xapi-salt"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
