"""The results store refuses damage and never crashes (issue 13): a bit-flipped, foreign or non-SQLite
database, a damaged log inside it, a full disk, a busy writer, a writer killed mid-transaction — each a
message of one line, and the file left byte for byte as it was. Real files, real corrupted bytes."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from store_faults import digest, filled, logs, one_clean_line, rows  # noqa: F401 (fixtures)

from cli import main
from report import store
from report.storedb import StoreError

# --- damaged, foreign and non-SQLite files ----------------------------------------------------------

READERS = (["results", "list"], ["results", "show", "S"], ["results", "export", "--out", "{tmp}/x.csv"],
           ["report", "--cohort", "--from-db", "all", "--out", "{tmp}/c.html"])


def run_all(db: Path, tmp: Path, capsys, with_add: str | None = None) -> list[tuple[int, str]]:
    """Every command that opens the store, in-process (an exception would fail the test)."""
    out = []
    commands = [list(c) for c in READERS] + ([["results", "add", with_add]] if with_add else [])
    for argv in commands:
        code = main([a.format(tmp=tmp) for a in argv] + ["--db", str(db)])
        out.append((code, capsys.readouterr().err))
    return out


def test_bit_flipped_database_is_left_alone_with_a_message(filled, logs, tmp_path, capsys):
    db = tmp_path / "results.sqlite"
    data = bytearray(filled.read_bytes())
    page = 4096
    con = sqlite3.connect(filled)
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name='sessions'").fetchone()[0]
    con.close()
    data[(root - 1) * page] ^= 0x40  # the b-tree page type of the sessions table: 0x0d becomes 0x4d
    db.write_bytes(bytes(data))
    before = digest(db)
    for code, err in run_all(db, tmp_path, capsys, with_add=logs["expert"]):
        assert code == 2
        assert "damaged" in one_clean_line(err) and "left as it is" in err
    assert digest(db) == before
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "c.html").exists()


def test_bit_flips_anywhere_in_the_database_never_crash_and_change_nothing(filled, tmp_path, capsys):
    data = filled.read_bytes()
    db = tmp_path / "results.sqlite"
    for n in range(24):
        pos = (n * 7919 + 13) % len(data)
        flipped = bytearray(data)
        flipped[pos] ^= 1 << (n % 8)
        db.write_bytes(bytes(flipped))
        before = digest(db)
        for code, err in run_all(db, tmp_path, capsys):
            assert code in (0, 2), (pos, err)
            if code == 2:
                one_clean_line(err)
        assert digest(db) == before, pos


def test_a_damaged_log_kept_in_the_store_is_a_message(filled, tmp_path, capsys):
    db = tmp_path / "results.sqlite"
    data = bytearray(filled.read_bytes())
    start = data.find(b"\x78\x9c")  # the first zlib stream (a compressed log)
    assert start > 0
    data[start + 200] ^= 0x10
    db.write_bytes(bytes(data))
    assert main(["report", "--cohort", "--from-db", "all", "--out", str(tmp_path / "c.html"), "--db", str(db)]) == 2
    line = one_clean_line(capsys.readouterr().err)
    assert "in the results store is damaged" in line
    assert not (tmp_path / "c.html").exists()


def test_foreign_sqlite_database_is_left_alone_with_a_message(logs, tmp_path, capsys):
    db = tmp_path / "other.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, user TEXT)")
    con.execute("INSERT INTO sessions (user) VALUES ('someone else')")
    con.commit()
    con.close()
    before = digest(db)
    for code, err in run_all(db, tmp_path, capsys, with_add=logs["expert"]):
        assert code == 2
        assert "not a Ketenspel results database" in one_clean_line(err)
    assert digest(db) == before
    con = sqlite3.connect(db)
    assert [r[0] for r in con.execute("SELECT name FROM sqlite_master")] == ["sessions"]  # no table added
    con.close()


@pytest.mark.parametrize("content", [b"id,added\nS1,2026\n", b"SQLite format 2\x00" + b"\x00" * 200, b"\x00" * 4096])
def test_a_file_that_is_not_sqlite_is_left_alone_with_a_message(content, logs, tmp_path, capsys):
    db = tmp_path / "results.sqlite"
    db.write_bytes(content)
    for code, err in run_all(db, tmp_path, capsys, with_add=logs["expert"]):
        assert code == 2
        assert "not an SQLite database" in one_clean_line(err)
    assert db.read_bytes() == content


def test_a_folder_or_a_device_as_database_is_a_message(logs, tmp_path, capsys):
    for db in (tmp_path, Path("/dev/zero")):
        for code, err in run_all(db, tmp_path, capsys, with_add=logs["expert"]):
            assert code == 2
            assert ("folder" if db == tmp_path else "not a regular file") in one_clean_line(err)


def test_reading_a_missing_store_creates_nothing(tmp_path, capsys):
    db = tmp_path / "nowhere" / "results.sqlite"
    assert main(["results", "list", "--db", str(db)]) == 0
    assert "0 session(s)" in capsys.readouterr().err
    assert not db.parent.exists()


# --- full disk, busy database ----------------------------------------------------------------------

def test_full_disk_while_adding_is_a_message_and_the_store_is_unchanged(filled, logs, tmp_path, monkeypatch, capsys):
    """A real SQLITE_FULL: the database may not grow by a single page (as on a full disk)."""
    db = tmp_path / "results.sqlite"
    shutil.copy(filled, db)
    con = sqlite3.connect(db)
    con.execute("DELETE FROM sessions WHERE policy='expert'")
    con.commit()
    con.execute("VACUUM")  # no free pages left: the new row needs the file to grow
    con.close()
    real = store.open_store

    def no_room(path=None, write=True):
        con = real(path, write)
        con.execute(f"PRAGMA max_page_count = {con.execute('PRAGMA page_count').fetchone()[0]}")
        return con

    monkeypatch.setattr(store, "open_store", no_room)
    assert main(["results", "add", logs["expert"], "--db", str(db)]) == 2
    assert "the disk is full" in one_clean_line(capsys.readouterr().err)
    assert rows(db) == 1
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_a_database_kept_busy_by_another_writer_is_a_message(filled, logs, tmp_path, monkeypatch, capsys):
    from report import storedb

    db = tmp_path / "results.sqlite"
    shutil.copy(filled, db)
    monkeypatch.setattr(storedb, "BUSY_TIMEOUT", 0.2)
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert main(["results", "add", logs["expert"], "--db", str(db)]) == 2
        assert "busy" in one_clean_line(capsys.readouterr().err)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert rows(db) == 2


def test_the_store_is_checked_on_open(filled, tmp_path):
    db = tmp_path / "results.sqlite"
    shutil.copy(filled, db)
    con = store.open_store(db, write=False)
    con.close()
    data = bytearray(db.read_bytes())
    data[4096 * 3 + 5] ^= 0xFF  # a b-tree page's cell content offset
    db.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged"):
        store.open_store(db, write=False)


def test_a_writer_killed_mid_transaction_loses_nothing_that_was_there(filled, tmp_path, capsys):
    """A child writes 200 rows without committing (pages spill into the file) and dies; reading the
    store afterwards rolls the hot journal back and shows exactly the two sessions."""
    db = tmp_path / "results.sqlite"
    shutil.copy(filled, db)
    pid = os.fork()
    if pid == 0:
        try:
            con = sqlite3.connect(db, isolation_level=None)
            con.execute("PRAGMA cache_size = 1")
            con.execute("BEGIN")
            row = con.execute("SELECT * FROM sessions LIMIT 1").fetchone()
            for i in range(200):
                con.execute(f"INSERT INTO sessions VALUES ({','.join('?' * len(row))})", (f"X{i:09d}", *row[1:]))
        finally:
            os._exit(0)  # no commit, no rollback: as if killed
    os.waitpid(pid, 0)
    assert Path(f"{db}-journal").stat().st_size > 0
    assert main(["results", "list", "--db", str(db)]) == 0
    assert "2 session(s)" in capsys.readouterr().err
    assert rows(db) == 2
