"""The results store loses nothing and never crashes (issue 13): concurrent adds of one log keep one
row; a read-only, damaged, foreign or non-SQLite database is refused with one line and left byte for
byte as it was; a full disk is a clear message. Real processes, real files, real corrupted bytes."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from report_golden.frozen import frozen_log

from cli import main
from report import store
from report.session import load_session
from report.storedb import StoreError

ROOT = Path(__file__).resolve().parent.parent


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


# --- many processes at once -------------------------------------------------------------------------

def _add_at_once(db: str, log: str, barrier, results) -> None:
    """A child process: read the log, wait for all the others, then open the store and add."""
    try:
        session = load_session(log)
        barrier.wait(timeout=30)
        con = store.open_store(db)
        _ident, new = store.add_session(con, session)
        con.close()
        results.put(("ok", new))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
        results.put(("error", repr(exc)))


def test_ten_processes_adding_the_same_log_to_a_new_store_keep_one_row(logs, tmp_path):
    db = tmp_path / "new" / "results.sqlite"
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(10), ctx.Queue()
    procs = [ctx.Process(target=_add_at_once, args=(str(db), logs["expert"], barrier, results)) for _ in range(10)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert [o for o in outcomes if o[0] == "error"] == []
    assert sorted(new for _, new in outcomes) == [False] * 9 + [True]
    assert rows(db) == 1


def test_two_processes_adding_the_same_log_keep_one_row(logs, tmp_path):
    db = tmp_path / "results.sqlite"
    cmd = [sys.executable, "main.py", "results", "add", logs["expert"], "--db", str(db)]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    done = [p.communicate(timeout=60) + (p.returncode,) for p in procs]
    assert [rc for _, _, rc in done] == [0, 0], done
    assert all("Traceback" not in err for _, err, _ in done)
    said = sorted("added" if "  added  " in out else "already" for out, _, _ in done)
    assert said == ["added", "already"]
    assert rows(db) == 1


def test_adding_the_same_log_again_in_one_call_keeps_one_row(logs, tmp_path, capsys):
    db = tmp_path / "results.sqlite"
    assert main(["results", "add", logs["expert"], logs["expert"], "--db", str(db)]) == 0
    assert "already in the store" in capsys.readouterr().out
    assert rows(db) == 1


# --- read-only --------------------------------------------------------------------------------------

def _as_nobody(fn, *args) -> tuple[int, str]:
    """Run fn(*args) in a forked child that has dropped root (uid/gid 65534), so that file permissions
    are really enforced by the kernel (root ignores them). Returns (exit code, what it printed)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        code = 70
        try:
            os.close(read)
            os.dup2(write, 2)
            os.dup2(write, 1)
            try:
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
            except PermissionError:
                code = 77  # this machine does not let root change user: skipped below
                raise
            code = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - any crash is the test's failure
            os.write(write, f"Traceback (child): {exc!r}\n".encode())
        finally:
            os._exit(code if isinstance(code, int) else 70)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) == 77:
        pytest.skip("root may not change user here (no CAP_SETUID)")
    return os.waitstatus_to_exitcode(status), b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def world_dir():
    """A folder outside pytest's root-only tmp folder, so that an unprivileged child can reach it."""
    if os.geteuid() != 0:
        pytest.skip("needs root to drop to another user (as a normal user, chmod works for real anyway)")
    d = Path(tempfile.mkdtemp(prefix="ketenspel-ro-"))
    d.chmod(0o755)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def _cli(*argv: str) -> int:
    import io

    err = io.StringIO()
    old, sys.stderr = sys.stderr, err
    try:
        code = main(list(argv))
    finally:
        sys.stderr = old
    os.write(2, err.getvalue().encode())
    return code


def test_read_only_database_is_left_alone_with_a_message(logs, filled, world_dir):
    db = world_dir / "results.sqlite"
    shutil.copy(filled, db)
    con = sqlite3.connect(db)
    con.execute("DELETE FROM sessions WHERE policy='passive'")  # room for an add that would change it
    con.commit()
    con.close()
    log = world_dir / "passive.jsonl"  # pytest's tmp folder is root's own: a copy the child can read
    shutil.copy(logs["passive"], log)
    db.chmod(0o444)
    before = digest(db)
    main(["results", "list", "--db", str(db)])  # import everything before the child drops root
    code, err = _as_nobody(_cli, "results", "add", str(log), "--db", str(db))
    assert code == 2, err
    assert "read-only" in one_clean_line(err)
    assert digest(db) == before and db.stat().st_mode & 0o777 == 0o444
    # Reading a read-only store still works: `list` opens it read-only.
    code, err = _as_nobody(_cli, "results", "list", "--db", str(db))
    assert code == 0, err
    assert "1 session(s)" in err
    assert digest(db) == before


def test_read_only_folder_is_a_message_and_nothing_is_made(logs, world_dir):
    folder = world_dir / "store"
    folder.mkdir()
    folder.chmod(0o555)
    log = world_dir / "expert.jsonl"
    shutil.copy(logs["expert"], log)
    code, err = _as_nobody(_cli, "results", "add", str(log), "--db", str(folder / "results.sqlite"))
    assert code == 2, err
    assert "read-only" in one_clean_line(err)
    assert list(folder.iterdir()) == []


def test_a_sqlite_readonly_error_while_adding_is_a_message(logs, filled, tmp_path, monkeypatch, capsys):
    """The same refusal when SQLite itself finds the file read-only (here: a query_only connection)."""
    db = tmp_path / "results.sqlite"
    shutil.copy(filled, db)
    con = sqlite3.connect(db)
    con.execute("DELETE FROM sessions")
    con.commit()
    con.close()
    before = digest(db)
    real = store.open_store

    def query_only(path=None, write=True):
        con = real(path, write)
        con.execute("PRAGMA query_only = ON")
        return con

    monkeypatch.setattr(store, "open_store", query_only)
    assert main(["results", "add", logs["expert"], "--db", str(db)]) == 2
    assert "cannot be written" in one_clean_line(capsys.readouterr().err)
    assert digest(db) == before


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
