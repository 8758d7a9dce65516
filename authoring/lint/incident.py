"""Checks on risk and the incident: it must be possible both to prevent it (interventions lower the
risk below the threshold in time) and for it to happen (the risk can reach the threshold)."""

from __future__ import annotations

from collections.abc import Iterator

from authoring.lint.base import ERROR, WARNING, Finding, LintInput


def _clamp(x: float) -> float:
    return max(0.0, min(10.0, x))


def highest_risk(d: LintInput) -> float:
    """The risk at the incident if every event that can raise it does and nothing lowers it."""
    sc = d.scenario
    raise_ = sum(ev.risk for ev in sc.events if ev.risk > 0 and ev.at <= sc.incident.at + sc.incident.jitter)
    raise_ += sum(iv.risk for iv in sc.interventions if iv.risk > 0)
    return _clamp(sc.risk.start + raise_)


def lowest_risk(d: LintInput) -> float:
    """The risk at the incident if only the certain raisers happen (no condition, no chance, not
    injected) and every lowering event and intervention does."""
    sc = d.scenario
    sure = sum(ev.risk for ev in sc.events if ev.risk > 0 and ev.when is None and ev.chance >= 1
               and not ev.inject and ev.at + ev.jitter <= sc.incident.at - sc.incident.jitter)
    lower = sum(ev.risk for ev in sc.events if ev.risk < 0 and ev.at <= sc.incident.at)
    lower += sum(iv.risk for iv in sc.interventions if iv.risk < 0)
    return _clamp(sc.risk.start + sure + lower)


def incident_reachable(d: LintInput) -> Iterator[Finding]:
    """The incident happens only when the risk is at or above the threshold; if it can never get
    there, the scenario has no stakes."""
    top = highest_risk(d)
    if top < d.scenario.incident.threshold:
        yield d.finding(ERROR, "incident_never", ("incident", "threshold"),
                        top=f"{top:g}", threshold=f"{d.scenario.incident.threshold:g}")


def incident_preventable(d: LintInput) -> Iterator[Finding]:
    """Good cooperation must be able to prevent the incident: the interventions together must bring
    the risk below the threshold."""
    low = lowest_risk(d)
    if low >= d.scenario.incident.threshold:
        yield d.finding(WARNING, "incident_unpreventable", ("incident", "threshold"),
                        low=f"{low:g}", threshold=f"{d.scenario.incident.threshold:g}")


RULES = (incident_reachable, incident_preventable)
