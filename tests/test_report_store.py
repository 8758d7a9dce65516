"""The results store: finished sessions in SQLite, listed, shown, exported — names only as typed, and
pseudonymised on request."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from report_golden.frozen import frozen_log

from cli import main


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    d = tmp_path_factory.mktemp("logs")
    out = {name: frozen_log(d / f"{name}.jsonl", name, 7) for name in ("expert", "passive")}
    # A session whose header carries the player names a trainer typed.
    named = tmp_path_factory.mktemp("logs") / "named.jsonl"
    lines = Path(out["passive"]).read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["names"] = {"smw": "Anouk de Vries", "wijkagent": "Jeroen Bakker"}
    named.write_text("\n".join([json.dumps(header, sort_keys=True, separators=(",", ":"))] + lines[1:]) + "\n",
                     encoding="utf-8")
    out["named"] = str(named)
    return out


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data" / "results.sqlite"


def test_results_add_list_show(logs, db, capsys):
    assert main(["results", "add", logs["expert"], logs["passive"]]) == 0
    assert db.exists()
    out = capsys.readouterr().out
    ident = out.split()[0]
    assert main(["results", "add", logs["expert"]]) == 0
    assert "already in the store" in capsys.readouterr().out
    assert main(["results", "list"]) == 0
    listing = capsys.readouterr().out
    assert ident in listing and "day 52" in listing
    assert main(["results", "show", ident[:6]]) == 0
    shown = capsys.readouterr().out
    assert "picture_day       26" in shown and "outcome           henk=safe_supported; kevin=safe_supported" in shown


def test_unknown_id_is_a_clear_error(db, capsys):
    assert main(["results", "show", "Snope"]) == 2
    assert 'no session with id "Snope"' in capsys.readouterr().err


def test_the_store_keeps_no_paths_or_machine_names(logs, db, capsys):
    main(["results", "add", logs["expert"]])
    con = sqlite3.connect(db)
    text = " ".join(str(v) for row in con.execute("SELECT * FROM sessions") for v in row if not isinstance(v, bytes))
    assert logs["expert"] not in text and "expert.jsonl" not in text


def test_export_csv_pseudonymises_typed_names(logs, db, tmp_path, capsys):
    main(["results", "add", logs["named"], "--db", str(db)])
    plain, pseudo = tmp_path / "plain.csv", tmp_path / "pseudo.csv"
    assert main(["results", "export", "--out", str(plain), "--db", str(db)]) == 0
    assert main(["results", "export", "--out", str(pseudo), "--pseudonymise", "--db", str(db)]) == 0
    assert "Anouk de Vries" in plain.read_text(encoding="utf-8")
    rows = list(csv.DictReader(pseudo.open(encoding="utf-8")))
    assert "Anouk" not in pseudo.read_text(encoding="utf-8")
    assert rows[0]["names"].startswith("smw=speler-")
    again = tmp_path / "again.csv"
    main(["results", "export", "--out", str(again), "--pseudonymise", "--db", str(db)])
    assert again.read_text(encoding="utf-8") == pseudo.read_text(encoding="utf-8")  # stable pseudonyms


def test_an_unfinished_session_is_not_recorded(logs, db, tmp_path, capsys):
    lines = Path(logs["expert"]).read_text(encoding="utf-8").splitlines()
    half = tmp_path / "half.jsonl"
    half.write_text("\n".join(lines[:40]) + "\n", encoding="utf-8")
    assert main(["results", "add", str(half)]) == 2
    assert "has not ended" in capsys.readouterr().err


def test_a_filter_with_an_unknown_key_is_explained(db, capsys):
    assert main(["results", "list", "colour=blue"]) == 2
    assert "scenario=pietersdam" in capsys.readouterr().err
