"""The results store as a CSV for a spreadsheet (`results export`, issues 8 and 19): one row per
session with the team's scores, each played role's score (`score_<role>`), and how many findings of
each severity and per rule — names pseudonymised on request. The file is written whole or not at all
and a new file is owner-only (sim.files)."""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from report.facts import day
from report.storedb import StoreConnection, StoreError
from sim.files import atomic_writer

SEVERITIES = ("violation", "warning", "praise")
SCORE_COLUMNS = ("score_total", "timeliness", "privacy", "feedback")
CSV_COLUMNS = ["id", "added", "scenario", "seed", "policy", "roles", "names", "finished", "incident",
               "incident_day", "outcome", "picture_day", "first_report_day", "loops_closed", "loops_total",
               "player_actions", "score_total", "timeliness", "privacy", "feedback"]
FINDING_COLUMNS = [f"findings_{s}" for s in SEVERITIES] + ["findings_per_rule"]


def pseudonym(name: str, salt: str) -> str:
    """A stable stand-in for a player's name within one store: speler-1a2b3c4d."""
    return "speler-" + hashlib.sha256((salt + name).encode("utf-8")).hexdigest()[:8]


def _days(t: float | None) -> str:
    return "" if t is None else str(day(t))


def _num(value: Any) -> str:
    return "" if value is None else f"{float(value):g}"


def _csv_row(r: sqlite3.Row, salt: str | None) -> list[Any]:
    names = json.loads(r["names"])
    if salt is not None:
        names = {role: pseudonym(n, salt) for role, n in names.items()}
    return [r["id"], r["added"], r["scenario"], int(r["seed"]), r["policy"] or "", " ".join(json.loads(r["roles"])),
            "; ".join(f"{k}={v}" for k, v in sorted(names.items())), r["finished"],
            "" if r["incident"] is None else r["incident"], _days(r["incident_at"]),
            "; ".join(f"{k}={v}" for k, v in json.loads(r["outcome"]).items()), _days(r["picture_at"]),
            _days(r["first_report_at"]), r["loops_closed"], r["loops_total"], r["player_actions"],
            *(_num(r[k]) for k in SCORE_COLUMNS)]


def csv_rows(con: StoreConnection, rows: Iterable[sqlite3.Row], pseudonymise: bool) -> list[list[Any]]:
    """The export rows (the base columns); with `pseudonymise`, player names become stable pseudonyms."""
    from report.store import _damaged, _pseudonym_salt

    rows = list(rows)
    salt = _pseudonym_salt(con) if pseudonymise and rows else None
    out = []
    for r in rows:
        try:
            out.append(_csv_row(r, salt))
        except (ValueError, TypeError, KeyError, AttributeError):
            raise _damaged(r) from None
    return out


def finding_counts(r: sqlite3.Row) -> list[str]:
    """How many findings of each severity, and per rule ("P-consent=2; T-report=1")."""
    findings = json.loads(r["findings"]) if r["findings"] else []
    severity = Counter(f.get("severity") for f in findings)
    rules = Counter(f.get("rule") for f in findings if f.get("severity") != "praise")
    if r["findings"] is None:
        return [""] * len(FINDING_COLUMNS)
    return [str(severity.get(s, 0)) for s in SEVERITIES] + ["; ".join(f"{k}={n}" for k, n in sorted(rules.items()))]


def role_scores(r: sqlite3.Row) -> dict[str, float | None]:
    """Each played role's total score (0–100), scored again from the log kept in the store."""
    from report.scores import score_session
    from report.store import session_of_row

    scored = score_session(session_of_row(r))
    per_role = ((scored or {}).get("score") or {}).get("per_role") or {}
    return {role: (per_role.get(role) or {}).get("total") for role in json.loads(r["roles"])}


def export_csv(con: StoreConnection, rows: list[sqlite3.Row], out: str, pseudonymise: bool) -> int:
    """Write the CSV of these sessions to `out`; returns the number of sessions."""
    from report.store import _damaged

    base = csv_rows(con, rows, pseudonymise)
    extra = []
    for r in rows:
        try:
            extra.append((role_scores(r), finding_counts(r)))
        except (ValueError, TypeError, KeyError, AttributeError):
            raise _damaged(r) from None
    roles = sorted({role for scores, _ in extra for role in scores})
    header = CSV_COLUMNS + [f"score_{role}" for role in roles] + FINDING_COLUMNS
    try:
        with atomic_writer(out, "w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            for row, (scores, counts) in zip(base, extra):
                writer.writerow(row + [_num(scores.get(role)) for role in roles] + counts)
    except OSError as exc:
        raise StoreError(f"{out}: cannot write: {exc.strerror or exc}; nothing was written") from None
    return len(rows)
