"""Scores from findings: privacy loses 10 points per weight of each fault; timeliness and feedback
are earned / possible (issue 4). Per role over that role's own findings only (issue 14): a dimension
in which the role had no duty is not judged — it is null, and it neither lifts nor lowers the role's
total, which is the weighted mean over the dimensions that were judged (`judged` lists them). A role with nothing to judge at all — nobody could have asked anything of it that
it knew — shares the team's score. The team counts every finding once: a missed duty blamed on
several owners counts for the team as one."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

DIMENSIONS = ("timeliness", "privacy", "feedback")
TOTAL_WEIGHTS = {"timeliness": 0.4, "privacy": 0.35, "feedback": 0.25}
PRIVACY_POINTS = 10.0


@dataclass(frozen=True)
class Finding:
    """One explained verdict: rule, dimension, severity (praise/warning/violation), time, role, texts, seed."""

    rule: str
    dimension: str
    severity: str
    t: float
    role: str | None
    message: dict[str, str]
    source: str
    cite: dict[str, str] = field(default_factory=dict)
    weight: float = 1.0
    earned: float = 0.0
    team_share: float = 1.0

    def sort_key(self) -> tuple:
        return (self.t, self.rule, self.role or "", self.message["en"])

    def public(self) -> dict[str, Any]:
        d = asdict(self)
        del d["weight"], d["earned"], d["team_share"]
        return d


def _dimension(findings: list[Finding], dim: str, team: bool = False) -> float | None:
    """0–100 for one dimension, or None when there is nothing to judge in it."""
    mine = [f for f in findings if f.dimension == dim]
    if not mine:
        return None
    share = (lambda f: f.team_share) if team else (lambda f: 1.0)
    if dim == "privacy":
        lost = sum((f.weight - f.earned) * share(f) for f in mine)
        return round(max(0.0, 100.0 - PRIVACY_POINTS * lost), 1)
    possible = sum(f.weight * share(f) for f in mine)
    return round(100.0 * sum(f.earned * share(f) for f in mine) / possible, 1) if possible else 100.0


def _scores(findings: list[Finding], team: bool = False) -> dict[str, Any]:
    dims = {d: _dimension(findings, d, team) for d in DIMENSIONS}
    judged = [d for d in DIMENSIONS if dims[d] is not None]
    if team:  # the team: a dimension without findings had nothing go wrong
        s: dict[str, Any] = {d: 100.0 if v is None else v for d, v in dims.items()}
        s["total"] = round(sum(TOTAL_WEIGHTS[d] * s[d] for d in DIMENSIONS), 1)
        return s
    if not judged:
        return {}
    weight = sum(TOTAL_WEIGHTS[d] for d in judged)
    total = round(sum(TOTAL_WEIGHTS[d] * dims[d] for d in judged) / weight, 1)
    s = dict(dims)
    s["total"] = total
    s["judged"] = judged
    return s


@dataclass
class ScoreResult:
    """The team's scores, per-role scores and the sorted findings."""

    findings: list[Finding]
    score: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        """{"score": {total, timeliness, privacy, feedback, per_role}, "findings": [...]}"""
        return {"score": self.score, "findings": [f.public() for f in self.findings]}


def compute(findings: list[Finding], roles: list[str] | None) -> ScoreResult:
    """Team and per-role scores; per_role covers the header's players (or every role with findings)."""
    ordered = sorted(findings, key=Finding.sort_key)
    score: dict[str, Any] = _scores(ordered, team=True)
    names = roles if roles is not None else sorted({f.role for f in ordered if f.role})
    score["per_role"] = {}
    for r in names:
        own = _scores([f for f in ordered if f.role == r])
        # nothing judged: the role had no duty it could know of (or a colleague did it) — no score,
        # rather than the team's or a free 100 (issue 14: a score is the truth about one's own conduct)
        score["per_role"][r] = own or {**{k: None for k in ("total", *DIMENSIONS)}, "judged": []}
    return ScoreResult(findings=ordered, score=score)
