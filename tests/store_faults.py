"""Shared pieces of the results-store fault tests: two frozen session logs, a filled store, and
checks that a message is one clean line and that a file did not change."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from report_golden.frozen import frozen_log

from cli import main


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    d = tmp_path_factory.mktemp("faultlogs")
    return {name: frozen_log(d / f"{name}.jsonl", name, 7) for name in ("expert", "passive")}


@pytest.fixture(scope="module")
def filled(logs, tmp_path_factory):
    """A store holding both sessions (copied per test, never changed here)."""
    db = tmp_path_factory.mktemp("filled") / "results.sqlite"
    assert main(["results", "add", logs["expert"], logs["passive"], "--db", str(db)]) == 0
    return db


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_clean_line(err: str) -> str:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


def rows(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM sessions").fetchone()[0]
    finally:
        con.close()
