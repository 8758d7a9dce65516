"""The results store: finished sessions in a local SQLite database (issue 8).

Kept per session: its stable id, scenario, seed, who played (roles, and only the player names a trainer
typed), the outcome, key moments and — when scoring exists — the scores, plus the log itself (compressed)
so cohort reports can be made from the store alone. No file paths, no machine or user names."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import secrets
import sqlite3
import sys
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from report.facts import SessionFacts, day
from report.session import ReportError, SessionData, load_session, session_from_contents
from sim.log import LogContents, dumps

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY, added TEXT NOT NULL, scenario TEXT NOT NULL, scenario_hash TEXT NOT NULL,
    seed INTEGER NOT NULL, policy TEXT, roles TEXT NOT NULL, names TEXT NOT NULL, finished INTEGER NOT NULL,
    incident INTEGER, incident_at REAL, outcome TEXT NOT NULL, picture_at REAL, first_report_at REAL,
    loops_closed INTEGER NOT NULL, loops_total INTEGER NOT NULL, player_actions INTEGER NOT NULL,
    score_total REAL, timeliness REAL, privacy REAL, feedback REAL, findings TEXT, log BLOB NOT NULL
);
"""
SCORE_COLUMNS = ("score_total", "timeliness", "privacy", "feedback")
FILTER_KEYS = ("scenario", "policy", "seed", "since", "until", "id")


class StoreError(Exception):
    """A problem with the results store (unreadable database, unknown id, bad filter)."""


def default_db_path() -> Path:
    """`KETENSPEL_DATA_DIR/results.sqlite`, else the user's data directory (platformdirs)."""
    base = os.environ.get("KETENSPEL_DATA_DIR") or user_data_dir("ketenspel", appauthor=False)
    return Path(base) / "results.sqlite"


def open_store(path: str | Path | None = None) -> sqlite3.Connection:
    """Open (and create if needed) the results database."""
    db = Path(path) if path else default_db_path()
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        con = sqlite3.connect(db)
        con.row_factory = sqlite3.Row
        con.executescript(SCHEMA)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{db}: cannot open the results database: {exc}") from None
    return con


def _pseudonym_salt(con: sqlite3.Connection) -> str:
    row = con.execute("SELECT value FROM meta WHERE key='salt'").fetchone()
    if row:
        return row["value"]
    salt = secrets.token_hex(16)
    con.execute("INSERT INTO meta VALUES ('salt', ?)", (salt,))
    con.commit()
    return salt


def add_session(con: sqlite3.Connection, session: SessionData, added: str | None = None) -> tuple[str, bool]:
    """Record one session; returns (id, True) when new, (id, False) when it was already there."""
    if con.execute("SELECT 1 FROM sessions WHERE id=?", (session.session_id,)).fetchone():
        return session.session_id, False
    f = SessionFacts(session, with_expert=False)
    out = session.outcome or {}
    score = (f.scored or {}).get("score") or {}
    log = "\n".join(dumps(r) for r in [session.header, *session.records]) + "\n"
    con.execute("INSERT INTO sessions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
        session.session_id, added or dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        session.scenario.meta.id, session.header.get("hash", ""), session.seed, session.policy,
        json.dumps(session.players), json.dumps(session.player_names, ensure_ascii=False, sort_keys=True),
        int(session.outcome is not None), int(bool(out.get("incident"))) if out else None, f.incident_at,
        json.dumps({c: r.get("status") for c, r in (out.get("children") or {}).items()}, sort_keys=True),
        f.knowledge.team_at, f.first_report_at, f.loops_closed, len(f.loops), f.player_actions,
        score.get("total"), score.get("timeliness"), score.get("privacy"), score.get("feedback"),
        json.dumps(f.scored.get("findings"), ensure_ascii=False) if f.scored else None,
        zlib.compress(log.encode("utf-8"), 6)))
    con.commit()
    return session.session_id, True


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
        pairs.append((key, value.strip()))
    return pairs


def select(con: sqlite3.Connection, filt: str | None = None) -> list[sqlite3.Row]:
    """Sessions matching a filter, oldest first (then by id, so the order is stable)."""
    where, args = [], []
    for key, value in parse_filter(filt):
        if key == "since":
            where.append("added >= ?")
        elif key == "until":
            where.append("added < ?")
        elif key == "id":
            where.append("id LIKE ?")
            value = value + "%"
        else:
            where.append(f"{key} = ?")
        args.append(value)
    sql = "SELECT * FROM sessions" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY added, id"
    return con.execute(sql, args).fetchall()


def session_of_row(row: sqlite3.Row) -> SessionData:
    """Rebuild the session from the log kept in the store."""
    lines = zlib.decompress(row["log"]).decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines if line]
    return session_from_contents(f"results:{row['id']}", LogContents(records[0], records[1:]))


def _find(con: sqlite3.Connection, ident: str) -> sqlite3.Row:
    rows = con.execute("SELECT * FROM sessions WHERE id LIKE ?", (ident + "%",)).fetchall()
    if not rows:
        raise StoreError(f'no session with id "{ident}" in the results store (see `results list`)')
    if len(rows) > 1:
        raise StoreError(f'"{ident}" matches {len(rows)} sessions; give more of the id')
    return rows[0]


def _days(t: float | None) -> str:
    return "" if t is None else str(day(t))


def pseudonym(name: str, salt: str) -> str:
    """A stable stand-in for a player's name within one store: speler-1a2b3c4d."""
    return "speler-" + hashlib.sha256((salt + name).encode("utf-8")).hexdigest()[:8]


CSV_COLUMNS = ["id", "added", "scenario", "seed", "policy", "roles", "names", "finished", "incident",
               "incident_day", "outcome", "picture_day", "first_report_day", "loops_closed", "loops_total",
               "player_actions", "score_total", "timeliness", "privacy", "feedback"]


def csv_rows(con: sqlite3.Connection, rows: Iterable[sqlite3.Row], pseudonymise: bool) -> list[list[Any]]:
    """The export rows; with `pseudonymise`, player names become stable pseudonyms."""
    salt = _pseudonym_salt(con) if pseudonymise else ""
    out = []
    for r in rows:
        names = json.loads(r["names"])
        if pseudonymise:
            names = {role: pseudonym(n, salt) for role, n in names.items()}
        out.append([r["id"], r["added"], r["scenario"], r["seed"], r["policy"] or "", " ".join(json.loads(r["roles"])),
                    "; ".join(f"{k}={v}" for k, v in sorted(names.items())), r["finished"],
                    "" if r["incident"] is None else r["incident"], _days(r["incident_at"]),
                    "; ".join(f"{k}={v}" for k, v in json.loads(r["outcome"]).items()), _days(r["picture_at"]),
                    _days(r["first_report_at"]), r["loops_closed"], r["loops_total"], r["player_actions"],
                    *("" if r[k] is None else f"{r[k]:g}" for k in SCORE_COLUMNS)])
    return out


def results_command(args: Any) -> int:
    """The `results` sub-command."""
    con = open_store(args.db)
    if args.action == "add":
        if not args.ident:
            raise StoreError("results add: name one or more LOG files")
        for path in args.ident:
            session = load_session(path)
            if session.outcome is None:
                raise ReportError(f"{path}: this session has not ended; only finished sessions are recorded")
            ident, new = add_session(con, session)
            print(f"{ident}  {'added' if new else 'already in the store'}  ({path})")
        return 0
    if args.action == "list":
        rows = select(con, args.ident[0] if args.ident else None)
        print(f"{'ID':<12} {'ADDED':<26} {'SCENARIO':<12} {'SEED':>5} {'POLICY':<10} {'INCIDENT':<9} SCORE")
        for r in rows:
            inc = "-" if r["incident"] is None else ("day " + _days(r["incident_at"]) if r["incident"] else "no")
            score = "" if r["score_total"] is None else f"{r['score_total']:g}"
            print(f"{r['id']:<12} {r['added']:<26} {r['scenario']:<12} {r['seed']:>5} {r['policy'] or '':<10} "
                  f"{inc:<9} {score}")
        print(f"{len(rows)} session(s)", file=sys.stderr)
        return 0
    if args.action == "show":
        if len(args.ident) != 1:
            raise StoreError("results show: give one ID (see `results list`)")
        row = _find(con, args.ident[0])
        values = dict(zip(CSV_COLUMNS, csv_rows(con, [row], False)[0]))
        for key, value in values.items():
            print(f"{key:<17} {value}")
        if row["findings"]:
            for finding in json.loads(row["findings"]):
                print(f"finding          {finding.get('rule')} ({finding.get('dimension')}): "
                      f"{(finding.get('message') or {}).get('nl', '')}")
        return 0
    if args.action == "export":
        if not args.out:
            raise StoreError("results export: give --out FILE.csv")
        rows = csv_rows(con, select(con, args.ident[0] if args.ident else None), args.pseudonymise)
        try:
            with open(args.out, "w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh)
                writer.writerow(CSV_COLUMNS)
                writer.writerows(rows)
        except OSError as exc:
            raise StoreError(f"{args.out}: cannot write: {exc.strerror or exc}") from None
        print(f"wrote {len(rows)} session(s) to {args.out}")
        return 0
    raise StoreError(f"unknown action {args.action}")
