"""Scoring: timeliness, privacy compliance and feedback, as a function of the session log (issue 4).

`score_log(scenario, records)` scores a whole log; `LiveScorer(scenario).feed(record)` scores while
playing — the same code. Only the header's `players` count for the team (NPC actions are the computer's)."""

from scoring.judge import LiveScorer, score_log
from scoring.result import Finding, ScoreResult

__all__ = ["Finding", "LiveScorer", "ScoreResult", "score_log"]
