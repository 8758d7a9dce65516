"""Scores and findings for a session, from the `scoring` package when it is there (issue 4).

The report never invents numbers: without `scoring.score_log` the score sections are left out and the
report says so."""

from __future__ import annotations

from typing import Any

from report.session import SessionData

DIMENSIONS = ("timeliness", "privacy", "feedback")


def score_session(session: SessionData) -> dict[str, Any] | None:
    """`{"score": {...}, "findings": [...]}` for the session, or None when scoring is not available."""
    try:
        import scoring
    except ImportError:
        return None
    score_log = getattr(scoring, "score_log", None)
    if score_log is None:
        return None
    result = score_log(session.scenario, [session.header, *session.records])  # header: who played
    return result.as_json() if hasattr(result, "as_json") else dict(result)


SEVERITY_ORDER = {"violation": 0, "warning": 1}


def faults(scored: dict[str, Any] | None, dimensions: tuple[str, ...] = DIMENSIONS) -> list[dict[str, Any]]:
    """The findings that point at something to improve (violations, then warnings; no praise), by time."""
    found = [f for f in (scored or {}).get("findings", [])
             if f.get("severity") in SEVERITY_ORDER and f.get("dimension") in dimensions]
    return sorted(found, key=lambda f: (SEVERITY_ORDER[f["severity"]], f.get("t") or 0.0, f.get("rule", "")))


def scoring_available() -> bool:
    """Whether the scoring package offers `score_log` yet."""
    try:
        import scoring
    except ImportError:
        return False
    return hasattr(scoring, "score_log")
