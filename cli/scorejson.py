"""Adds `score` and `findings` to the `run --json` / `replay --json` object (issue 4)."""

from __future__ import annotations

from typing import Any

from scoring import score_log


def add_score(summary: dict[str, Any], scenario: Any, records: list[dict[str, Any]]) -> dict[str, Any]:
    """A copy of `summary` with the session's `score` and `findings` (header may be included)."""
    return {**summary, **score_log(scenario, records).as_json()}
