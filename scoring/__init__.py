"""Scoring: timeliness, privacy compliance and feedback, as a function of the session log (issue 4)."""
