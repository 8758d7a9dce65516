"""The swimlane timeline: what each role saw and did over simulated time (roles × time)."""

from __future__ import annotations

from dataclasses import dataclass

from report.session import SessionData

REPORT_ACTIONS = {"report_veilig_thuis", "zorgmelding", "advice_veilig_thuis"}
SHARE_ACTIONS = {"share", "consult_anonymous", "give_feedback"}
KINDS = ("observation", "action", "share", "meeting", "report", "incident")


@dataclass(frozen=True)
class LaneItem:
    """One mark in a role's lane: at time `t` (hours), of a kind, with the roles it reached (`to`)."""

    t: float
    role: str
    kind: str
    what: str
    to: tuple[str, ...] = ()


def lane_items(session: SessionData) -> list[LaneItem]:
    """Observations, actions, shares, meetings, reports and the incident, in log order."""
    items: list[LaneItem] = []
    for rec in session.records:
        typ = rec.get("type")
        if typ == "event":
            for role in rec.get("observed_by", []):
                items.append(LaneItem(rec["t"], role, "observation", rec["event"]))
        elif typ == "action":
            act = rec["action"]
            do = act.get("do", "")
            if do == "case_meeting":
                continue  # drawn when the meeting takes place (`meeting` record)
            kind = "report" if do in REPORT_ACTIONS else "share" if do in SHARE_ACTIONS else "action"
            to = act.get("to") or ("veilig_thuis" if kind == "report" else None)
            items.append(LaneItem(rec["t"], rec["role"], kind, do, (to,) if isinstance(to, str) else ()))
        elif typ == "meeting":
            present = tuple(rec.get("present", []))
            items.append(LaneItem(rec["t"], rec["convener"], "meeting", rec.get("kind", ""),
                                  tuple(r for r in present if r != rec["convener"])))
        elif typ == "feedback":
            items.append(LaneItem(rec["t"], rec["sender"], "share", "feedback", (rec["to"],)))
        elif typ == "incident" and rec.get("happened"):
            items.append(LaneItem(rec["t"], "", "incident", rec["incident"]))
    return items


def lane_roles(session: SessionData, items: list[LaneItem]) -> list[str]:
    """The roles that appear on the timeline, in the scenario's order."""
    used = {i.role for i in items} | {r for i in items for r in i.to}
    return [r.id for r in session.scenario.roles if r.id in used]
