"""The results store loses nothing and never crashes (issue 13): concurrent adds of one log keep one
row; a read-only, damaged, foreign or non-SQLite database is refused with one line and left byte for
byte as it was; a full disk is a clear message. Real processes, real files, real corrupted bytes."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from store_faults import digest, filled, logs, one_clean_line, rows  # noqa: F401 (fixtures)

from cli import main
from report import store
from report.session import load_session

ROOT = Path(__file__).resolve().parent.parent




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
    log.chmod(0o644)                    # (logs are created owner-only, issue 18)
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
    log.chmod(0o644)                    # the child may read it (logs are created owner-only, issue 18)
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
