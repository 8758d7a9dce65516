"""Scoring: timeliness, privacy compliance and feedback, as a function of the session log (issue 4).

`score_log(scenario, records)` scores a whole log; `LiveScorer(scenario).feed(record)` scores while
playing — the same code. Only the header's `players` count for the team (NPC actions are the computer's).
Every record goes into one ledger (scoring.ledger); rules per concern read it: privacy of a share
(scoring.privacy), claims (scoring.claims), duties and inaction (scoring.duties), deadlines
(scoring.deadlines); texts, weights and cites in scoring/rules.yaml."""

from scoring.judge import LiveScorer, score_log
from scoring.result import Finding, ScoreResult

__all__ = ["Finding", "LiveScorer", "ScoreResult", "score_log"]
