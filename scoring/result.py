"""Scores from findings: privacy loses 10 points per weight of each fault; timeliness and feedback
are earned / possible. Per role over that role's findings; the team over all (issue 4)."""

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
    weight: float = 1.0
    earned: float = 0.0

    def sort_key(self) -> tuple:
        return (self.t, self.rule, self.role or "", self.message["en"])

    def public(self) -> dict[str, Any]:
        d = asdict(self)
        del d["weight"], d["earned"]
        return d


def _dimension(findings: list[Finding], dim: str) -> float:
    mine = [f for f in findings if f.dimension == dim]
    if dim == "privacy":
        lost = sum(f.weight - f.earned for f in mine)
        return round(max(0.0, 100.0 - PRIVACY_POINTS * lost), 1)
    possible = sum(f.weight for f in mine)
    return round(100.0 * sum(f.earned for f in mine) / possible, 1) if possible else 100.0


def _scores(findings: list[Finding]) -> dict[str, float]:
    s = {d: _dimension(findings, d) for d in DIMENSIONS}
    s["total"] = round(sum(TOTAL_WEIGHTS[d] * s[d] for d in DIMENSIONS), 1)
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
    score: dict[str, Any] = _scores(ordered)
    names = roles if roles is not None else sorted({f.role for f in ordered if f.role})
    score["per_role"] = {r: _scores([f for f in ordered if f.role == r]) for r in names}
    return ScoreResult(findings=ordered, score=score)
