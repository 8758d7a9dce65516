"""Opening the results database so that nothing is lost and nothing crashes (issue 13).

A database is only ever written when it is a healthy Ketenspel results store: a file that is not
SQLite, a damaged (bit-flipped) database, or another program's SQLite database is refused with one
clear line and left exactly as it was — never "repaired" by overwriting. Every SQLite problem later on
(a full disk, a read-only file or folder, a busy database) becomes a `StoreError` with one line.
Several processes may add to one store at the same time: writers wait for each other (busy timeout)
and adding the same session twice keeps one row (its id is the primary key; INSERT OR IGNORE)."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

SQLITE_MAGIC = b"SQLite format 3\x00"
#: Seconds a writer waits for another process that is writing the same store.
BUSY_TIMEOUT = 30.0
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, added TEXT NOT NULL, scenario TEXT NOT NULL, scenario_hash TEXT NOT NULL,
    seed INTEGER NOT NULL, policy TEXT, roles TEXT NOT NULL, names TEXT NOT NULL, finished INTEGER NOT NULL,
    incident INTEGER, incident_at REAL, outcome TEXT NOT NULL, picture_at REAL, first_report_at REAL,
    loops_closed INTEGER NOT NULL, loops_total INTEGER NOT NULL, player_actions INTEGER NOT NULL,
    score_total REAL, timeliness REAL, privacy REAL, feedback REAL, findings TEXT, log BLOB NOT NULL
)""",
)
TABLES = {
    "meta": ("key", "value"),
    "sessions": ("id", "added", "scenario", "scenario_hash", "seed", "policy", "roles", "names", "finished",
                 "incident", "incident_at", "outcome", "picture_at", "first_report_at", "loops_closed",
                 "loops_total", "player_actions", "score_total", "timeliness", "privacy", "feedback",
                 "findings", "log"),
}
LEFT_ALONE = "it is left as it is; give another --db or restore a backup"


class StoreError(Exception):
    """A problem with the results store (unreadable database, unknown id, bad filter); one line for the user."""


class StoreConnection(sqlite3.Connection):
    """A connection that knows which file it is (for messages)."""

    path: str = ""
    read_only: bool = False


def describe(path: str | Path, exc: sqlite3.Error) -> str:
    """One line saying what an SQLite error means for the person at the keyboard."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = " ".join(str(exc).split())
    if text.startswith("Could not decode to UTF-8"):  # a damaged text value; the message quotes all of it
        column = text.split("'")[1] if text.count("'") >= 2 else "?"
        return f"{path}: a text in the results database is damaged (column {column}); {LEFT_ALONE}"
    if len(text) > 160:
        text = text[:157] + "..."
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        why = "the disk is full; nothing was changed — free some space and try again"
    elif name.startswith("SQLITE_READONLY") or "readonly" in text:
        why = "the database cannot be written (a read-only file, folder or disk); nothing was changed"
    elif name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text:
        why = f"the results database is damaged; {LEFT_ALONE}"
    elif name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        why = f"the database stayed busy for {BUSY_TIMEOUT:g} s (another Ketenspel is writing it); try again"
    elif name.startswith("SQLITE_CANTOPEN"):
        why = "cannot open the results database; check that the file and its folder can be read and written"
    elif name.startswith("SQLITE_IOERR"):
        why = f"a read or write error on the disk ({text}); nothing was changed"
    else:
        why = f"the results database could not be used: {text}"
    return f"{path}: {why}"


@contextmanager
def guarded(path: str | Path) -> Iterator[None]:
    """Turn any SQLite error inside the block into a one-line StoreError about `path`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StoreError(describe(path, exc)) from None


def _check_file(db: Path) -> int:
    """The size of an existing store file (-1: none); refuse folders, devices and non-SQLite files unread."""
    try:
        info = os.stat(db)
    except FileNotFoundError:
        return -1
    except OSError as exc:
        raise StoreError(f"{db}: cannot use the results database: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{db}: this is a folder; give the results database file (e.g. results.sqlite)")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{db}: not a regular file (a device, pipe or socket); give the results database file")
    if info.st_size:
        try:
            with open(db, "rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise StoreError(f"{db}: cannot read the results database: {exc.strerror or exc}") from None
        if head != SQLITE_MAGIC:
            raise StoreError(f"{db}: not an SQLite database (damaged, or another kind of file); {LEFT_ALONE}")
    return info.st_size


def _connect(db: Path, mode: str) -> StoreConnection:
    uri = f"file:{quote(str(db.resolve()))}?mode={mode}"
    con = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT, factory=StoreConnection,
                          isolation_level=None)  # autocommit: every write is one statement or explicit
    con.path = str(db)
    con.read_only = mode == "ro"
    con.row_factory = sqlite3.Row
    return con


def _tables(con: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                       "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")]
    return {n: tuple(r[1] for r in con.execute(f'PRAGMA table_info("{n}")')) for n in names}


def _verify(con: StoreConnection, db: Path) -> bool:
    """Check the store on open; True when it is a healthy Ketenspel store, False when it is empty."""
    problems = [r[0] for r in con.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise StoreError(f"{db}: the results database is damaged ({problems[0]}); {LEFT_ALONE}")
    tables = _tables(con)
    if not tables:
        return False
    if tables != TABLES:
        found = ", ".join(sorted(tables)) or "none"
        raise StoreError(f"{db}: not a Ketenspel results database (tables: {found}); {LEFT_ALONE}")
    return True


def _create(con: StoreConnection, db: Path) -> None:
    """Make the tables in an empty database (several processes may race here: one wins, all agree)."""
    con.execute("BEGIN IMMEDIATE")
    try:
        if not _tables(con):
            for statement in SCHEMA:
                con.execute(statement)
        con.execute("COMMIT")
    except BaseException:
        if con.in_transaction:
            con.execute("ROLLBACK")
        raise
    _verify(con, db)


def _empty_store() -> StoreConnection:
    con = sqlite3.connect(":memory:", factory=StoreConnection, isolation_level=None)
    con.row_factory = sqlite3.Row
    for statement in SCHEMA:
        con.execute(statement)
    return con


def _check_writable(db: Path, exists: bool) -> None:
    """A clear message up front when the file or its folder cannot be written (SQLite needs both)."""
    folder = db.parent if str(db.parent) else Path(".")
    if exists and not os.access(db, os.W_OK):
        raise StoreError(f"{db}: the results database is read-only; nothing was changed "
                         f"(make it writable, or give another --db)")
    if not os.access(folder, os.W_OK):
        raise StoreError(f"{folder}: the folder of the results database is read-only; nothing was changed "
                         f"(SQLite needs to write its journal there)")


def _hot_journal(db: Path) -> bool:
    journal = Path(f"{db}-journal")
    try:
        return journal.stat().st_size > 0 and os.access(db, os.W_OK) and os.access(db.parent, os.W_OK)
    except OSError:
        return False


def connect_store(db: Path, write: bool = True) -> StoreConnection:
    """Open the store at `db` after checking it; `write=False` opens read-only and never creates a file
    (a missing or empty store then reads as an empty one)."""
    size = _check_file(db)
    if not write and size <= 0:
        return _empty_store()
    if write:
        try:
            db.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{db.parent}: cannot make the folder of the results database: "
                             f"{exc.strerror or exc}") from None
        _check_writable(db, size >= 0)
        if size < 0:                  # a new store holds every trainee's scores: owner-only (issue 18)
            try:
                os.close(os.open(db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except OSError:
                pass                  # SQLite says what is wrong, in one line, just below
    mode = "rwc" if write else "ro"
    if not write and _hot_journal(db):
        mode = "rw"  # a writer crashed mid-transaction: let SQLite roll its journal back, as it must
    with guarded(db):
        con = _connect(db, mode)
        try:
            healthy = _verify(con, db)
            if not healthy:
                if write:
                    _create(con, db)
                else:
                    con.close()
                    return _empty_store()
        except BaseException:
            con.close()
            raise
    return con
