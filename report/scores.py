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
    result = score_log(session.scenario, session.records)
    return result.as_json() if hasattr(result, "as_json") else dict(result)


def scoring_available() -> bool:
    """Whether the scoring package offers `score_log` yet."""
    try:
        import scoring
    except ImportError:
        return False
    return hasattr(scoring, "score_log")
