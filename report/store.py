"""The results store: finished sessions in a local SQLite database (issue 8).

Kept per session: its stable id, scenario, seed, who played (roles, and only the player names a trainer
typed), the outcome, key moments and — when scoring exists — the scores, plus the log itself (compressed)
so cohort reports can be made from the store alone. No file paths, no machine or user names.

Opening, checking and error messages live in report.storedb (issue 13): only `results add` opens the
store for writing; a damaged row is reported as damaged, never guessed at."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from report.facts import SessionFacts, day
from report.session import ReportError, SessionData, load_session, session_from_contents
from report.storedb import StoreConnection, StoreError, connect_store, guarded
from sim.log import LogContents, dumps
from sim.userdata import user_data_path

__all__ = [
    "StoreError",
    "add_session",
    "default_db_path",
    "open_store",
    "parse_filter",
    "results_command",
    "select",
    "session_of_row",
    "sessions_from_store",
]

FILTER_KEYS = ("scenario", "policy", "seed", "since", "until", "id", "team")
#: What a damaged row cannot be read as: a decoding, JSON, zlib or type problem.
ROW_DAMAGE = (zlib.error, ValueError, TypeError, KeyError, IndexError, UnicodeDecodeError, AttributeError)


def default_db_path() -> Path:
    """`results.sqlite` in the user's own folder (sim.userdata: KETENSPEL_DATA_DIR, else platformdirs;
    owner-only)."""
    return user_data_path() / "results.sqlite"


def open_store(path: str | Path | None = None, write: bool = True) -> StoreConnection:
    """Open the results database after checking it (report.storedb); `write=True` creates it if needed.

    A damaged, foreign or non-SQLite file is refused with a StoreError and left as it is."""
    return connect_store(Path(path) if path else default_db_path(), write)


def _pseudonym_salt(con: StoreConnection) -> str:
    """The store's secret salt for pseudonyms, made once (two processes racing agree on one)."""
    row = con.execute("SELECT value FROM meta WHERE key='salt'").fetchone()
    if row:
        return row["value"]
    writer = open_store(con.path, write=True) if con.read_only else con
    try:
        with guarded(con.path):
            writer.execute("INSERT OR IGNORE INTO meta VALUES ('salt', ?)", (secrets.token_hex(16),))
            return writer.execute("SELECT value FROM meta WHERE key='salt'").fetchone()["value"]
    finally:
        if writer is not con:
            writer.close()


def add_session(con: StoreConnection, session: SessionData, added: str | None = None) -> tuple[str, bool]:
    """Record one session; returns (id, True) when new, (id, False) when it was already there.

    Safe when several processes add the same session at once: the id is the primary key and the row
    goes in with INSERT OR IGNORE in one statement, so exactly one of them adds it."""
    if con.execute("SELECT 1 FROM sessions WHERE id=?", (session.session_id,)).fetchone():
        return session.session_id, False
    f = SessionFacts(session, with_expert=False)
    out = session.outcome or {}
    score = (f.scored or {}).get("score") or {}
    log = "\n".join(dumps(r) for r in [session.header, *session.records]) + "\n"
    cur = con.execute("INSERT OR IGNORE INTO sessions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
        session.session_id, added or dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        session.scenario.meta.id, session.header.get("hash", ""), session.seed, session.policy,
        json.dumps(session.players), json.dumps(session.player_names, ensure_ascii=False, sort_keys=True),
        int(session.outcome is not None), int(bool(out.get("incident"))) if out else None, f.incident_at,
        json.dumps({c: r.get("status") for c, r in (out.get("children") or {}).items()}, sort_keys=True),
        f.knowledge.team_at, f.first_report_at, f.loops_closed, len(f.loops), f.player_actions,
        score.get("total"), score.get("timeliness"), score.get("privacy"), score.get("feedback"),
        json.dumps(f.scored.get("findings"), ensure_ascii=False) if f.scored else None,
        zlib.compress(log.encode("utf-8"), 6)))
    if con.in_transaction:  # a connection opened by hand with implicit transactions
        con.commit()
    return session.session_id, cur.rowcount == 1


def _check_value(key: str, value: str) -> None:
    if key == "seed":
        try:
            int(value)
        except ValueError:
            raise StoreError(f'filter "seed={value}": a seed is a whole number (e.g. seed=7)') from None
    elif key in ("since", "until"):
        try:
            dt.date.fromisoformat(value[:10])
        except ValueError:
            raise StoreError(f'filter "{key}={value}": write a date as YYYY-MM-DD (e.g. {key}=2026-11-01)') from None


def parse_filter(text: str | None) -> list[tuple[str, str]]:
    """`scenario=pietersdam,policy=expert,since=2026-11-01` → pairs; `all` or empty = every session."""
    if not text or text.strip().lower() == "all":
        return []
    pairs = []
    for part in text.split(","):
        key, sep, value = part.partition("=")
        key = key.strip()
        if not sep or key not in FILTER_KEYS:
            raise StoreError(f'filter "{part.strip()}" is not understood; write key=value with keys '
                             f"{', '.join(FILTER_KEYS)} (e.g. scenario=pietersdam,since=2026-11-01), or all")
        _check_value(key, value.strip())
        pairs.append((key, value.strip()))
    return pairs


def team_names(row: sqlite3.Row) -> set[str]:
    """Who a session was, for `team=`: the team's name in its log header and its players' names
    (casefolded); a damaged row is a StoreError."""
    try:
        names = {" ".join(str(n).split()).casefold() for n in json.loads(row["names"]).values()}
        first = zlib.decompressobj().decompress(row["log"], 1 << 20).split(b"\n", 1)[0]
        team = json.loads(first.decode("utf-8")).get("team")
    except ROW_DAMAGE:
        raise _damaged(row) from None
    names |= {part.strip() for n in list(names) for part in n.split(",")}
    return names | ({" ".join(team.split()).casefold()} if isinstance(team, str) else set())


def select(con: sqlite3.Connection, filt: str | None = None) -> list[sqlite3.Row]:
    """Sessions matching a filter, oldest first (then by id, so the order is stable). `team=NAME`
    matches the team's name (`host --team`) or the name of one of its players."""
    where, args, teams = [], [], []
    for key, value in parse_filter(filt):
        if key == "team":
            teams.append(" ".join(value.split()).casefold())
            continue
        if key == "since":
            where.append("added >= ?")
        elif key == "until":
            where.append("added < ?")
        elif key == "id":
            where.append("id LIKE ?")
            value = value + "%"
        elif key == "seed":
            where.append("seed = ?")
            value = int(value)
        else:
            where.append(f"{key} = ?")
        args.append(value)
    sql = "SELECT * FROM sessions" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY added, id"
    rows = con.execute(sql, args).fetchall()
    return [r for r in rows if all(t in team_names(r) for t in teams)] if teams else rows


def _damaged(row: sqlite3.Row, what: str = "") -> StoreError:
    try:
        ident = str(row["id"])
    except ROW_DAMAGE:
        ident = "?"
    return StoreError(f'session "{ident}" in the results store is damaged{what}; it is left as it is '
                      f"(leave it out with a filter, e.g. id=…, or restore a backup)")


def session_of_row(row: sqlite3.Row) -> SessionData:
    """Rebuild the session from the log kept in the store; a damaged row is a StoreError."""
    try:
        lines = zlib.decompress(row["log"]).decode("utf-8").splitlines()
        records = [json.loads(line) for line in lines if line]
        if not records or not all(isinstance(r, dict) for r in records):
            raise ValueError("no records")
        contents = LogContents(records[0], records[1:])
    except ROW_DAMAGE:
        raise _damaged(row, " (its log cannot be read)") from None
    session = session_from_contents(f"results:{row['id']}", contents)
    if session.session_id != row["id"]:
        raise _damaged(row, " (its log does not match its id)")
    return session


def sessions_from_store(db: str | Path | None, filt: str | None,
                        progress: Callable[[list], Iterable] = iter) -> list[SessionData]:
    """The sessions matching `filt` in the store at `db` (read-only; nothing is created or changed);
    `progress` wraps the rows (a progress bar)."""
    path = Path(db) if db else default_db_path()
    con = open_store(path, write=False)
    try:
        with guarded(path):
            return [session_of_row(r) for r in progress(select(con, filt))]
    finally:
        con.close()


def _find(con: sqlite3.Connection, ident: str) -> sqlite3.Row:
    if not ident:
        raise StoreError("results show: give an ID (see `results list`)")
    rows = con.execute("SELECT * FROM sessions WHERE id LIKE ?", (ident.replace("%", "").replace("_", "") + "%",)
                       ).fetchall()
    if not rows:
        raise StoreError(f'no session with id "{ident}" in the results store (see `results list`)')
    if len(rows) > 1:
        raise StoreError(f'"{ident}" matches {len(rows)} sessions; give more of the id')
    return rows[0]


def _days(t: float | None) -> str:
    return "" if t is None else str(day(t))


def _list_line(r: sqlite3.Row, wide: int = 12) -> str:
    try:
        inc = "-" if r["incident"] is None else ("day " + _days(r["incident_at"]) if r["incident"] else "no")
        score = "" if r["score_total"] is None else f"{r['score_total']:g}"
        return (f"{r['id']:<12} {r['added']:<26} {r['scenario']:<{wide}} {int(r['seed']):>5} {r['policy'] or '':<10} "
                f"{inc:<9} {score}")
    except ROW_DAMAGE:
        raise _damaged(r) from None


def _add(path: Path, logs: list[str], keep_days: int | None = None) -> int:
    """Add the logs one by one; the store is opened (and made) only once the first log has been read,
    so a bad first argument creates and changes nothing. Each add is complete or absent. With
    `keep_days` (`--retain-days`), sessions added longer ago are deleted afterwards."""
    from report.storeprune import prune

    if not logs:
        raise StoreError("results add: name one or more LOG files")
    con = None
    try:
        for log in logs:
            session = load_session(log)
            if session.outcome is None:
                raise ReportError(f"{log}: this session has not ended; only finished sessions are recorded")
            con = con or open_store(path, write=True)
            with guarded(path):
                ident, new = add_session(con, session)
            print(f"{ident}  {'added' if new else 'already in the store'}  ({log})")
        if con is not None and keep_days is not None:
            gone = prune(con, path, keep_days)
            if gone:
                print(f"deleted {gone} session(s) added more than {keep_days} days ago")
    finally:
        if con is not None:
            con.close()
    return 0


def _delete(path: Path, args: Any) -> int:
    """`results delete FILTER` (id=…, team=…, since=…, until=…, scenario=…) or `results prune
    --retain-days N`: the sessions go for good."""
    from report.storeprune import delete_ids, prune, retain_days

    if args.action == "prune":
        days = retain_days(getattr(args, "retain_days", None))
        if days is None:
            raise StoreError("results prune: give --retain-days N (sessions added more than N days ago are deleted)")
    else:
        filt = " ".join(args.ident).strip()
        if not filt:
            raise StoreError("results delete: give a filter, e.g. id=S1a2b3c, team=Rood, until=2026-09-01 "
                             "(until is exclusive), or all to empty the store")
        parse_filter(filt)
    if not path.exists():
        print("0 session(s) deleted (the results store is empty)")
        return 0
    con = open_store(path, write=True)
    try:
        if args.action == "prune":
            gone = prune(con, path, days)
        else:
            with guarded(path):
                ids = [r["id"] for r in select(con, filt)]
            gone = delete_ids(con, path, ids)
    finally:
        con.close()
    print(f"{gone} session(s) deleted")
    return 0


def _show(con: StoreConnection, idents: list[str]) -> int:
    from report.storecsv import CSV_COLUMNS, csv_rows

    if len(idents) != 1:
        raise StoreError("results show: give one ID (see `results list`)")
    row = _find(con, idents[0])
    values = dict(zip(CSV_COLUMNS, csv_rows(con, [row], False)[0]))
    try:
        findings = json.loads(row["findings"]) if row["findings"] else []
        lines = [f"finding          {f.get('rule')} ({f.get('dimension')}): {(f.get('message') or {}).get('nl', '')}"
                 for f in findings]
    except ROW_DAMAGE:
        raise _damaged(row) from None
    for key, value in values.items():
        print(f"{key:<17} {value}")
    for line in lines:
        print(line)
    return 0


def _export(con: StoreConnection, args: Any) -> int:
    from report.outfile import check_out_path
    from report.storecsv import export_csv

    if not args.out:
        raise StoreError("results export: give --out FILE.csv")
    check_out_path(args.out)
    n = export_csv(con, select(con, args.ident[0] if args.ident else None), args.out, args.pseudonymise)
    print(f"wrote {n} session(s) to {args.out}")
    return 0


def results_command(args: Any) -> int:
    """The `results` sub-command: only `add` writes to the store (the others open it read-only)."""
    path = Path(args.db) if args.db else default_db_path()
    if args.action not in ("add", "list", "show", "export", "delete", "prune"):
        raise StoreError(f"unknown action {args.action}")
    if args.action == "add":
        from report.storeprune import retain_days

        return _add(path, args.ident, retain_days(getattr(args, "retain_days", None)))
    if args.action in ("delete", "prune"):
        return _delete(path, args)
    con = open_store(path, write=False)
    try:
        with guarded(path):
            if args.action == "show":
                return _show(con, args.ident)
            if args.action == "export":
                return _export(con, args)
            rows = select(con, args.ident[0] if args.ident else None)
            wide = max([12] + [len(str(r["scenario"])) for r in rows])  # a long scenario id keeps the columns
            lines = [_list_line(r, wide) for r in rows]
            print(f"{'ID':<12} {'ADDED':<26} {'SCENARIO':<{wide}} {'SEED':>5} {'POLICY':<10} {'INCIDENT':<9} SCORE")
            for line in lines:
                print(line)
            print(f"{len(rows)} session(s)", file=sys.stderr)
            return 0
    finally:
        con.close()
