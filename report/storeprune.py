"""Deleting from the results store: by session, team or date (`results delete`) and by age
(`--retain-days`, `results prune`), issue 19 item 4.

A trainer keeps scores only as long as the training needs them (AVG: storage limitation). Deleted rows
are overwritten (SQLite `secure_delete`) and the file is rebuilt (VACUUM), so a deleted learner's name
and log do not linger in free pages of the database."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from report.storedb import StoreConnection, StoreError, guarded

ENV_RETAIN = "KETENSPEL_RESULTS_RETAIN_DAYS"
"""The default of `results add --retain-days` on a machine set up once (e.g. 365)."""


def retain_days(value: int | None) -> int | None:
    """`--retain-days N`, else KETENSPEL_RESULTS_RETAIN_DAYS, else None (keep everything)."""
    text = value if value is not None else os.environ.get(ENV_RETAIN)
    if text is None or text == "":
        return None
    try:
        days = int(text)
    except (TypeError, ValueError):
        days = -1
    if days < 1:
        raise StoreError(f'--retain-days "{text}": give a whole number of days, 1 or more (e.g. --retain-days 365)')
    return days


def delete_ids(con: StoreConnection, path: str | Path, ids: list[str]) -> int:
    """Delete these sessions for good (overwritten, then the file rebuilt); returns how many went."""
    if not ids:
        return 0
    with guarded(path):
        con.execute("PRAGMA secure_delete = ON")
        con.execute("BEGIN IMMEDIATE")
        try:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                con.execute(f"DELETE FROM sessions WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        con.execute("VACUUM")
    return len(ids)


def older_than(con: sqlite3.Connection, days: int, now: dt.datetime | None = None) -> list[str]:
    """The ids of sessions added more than `days` days ago."""
    limit = (now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=days)
    rows = con.execute("SELECT id, added FROM sessions ORDER BY added, id").fetchall()
    out = []
    for r in rows:
        try:
            added = dt.datetime.fromisoformat(str(r["added"]))
        except ValueError:
            continue                      # a damaged date is never a reason to delete
        if added.tzinfo is None:
            added = added.replace(tzinfo=dt.UTC)
        if added < limit:
            out.append(r["id"])
    return out


def prune(con: StoreConnection, path: str | Path, days: int) -> int:
    """Delete the sessions older than `days` days; returns how many went."""
    with guarded(path):
        ids = older_than(con, days)
    return delete_ids(con, path, ids)
