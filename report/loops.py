"""Feedback loops (terugkoppeling) and the shares of information, read from a session log.

Seed 002 step 5 (oppakken en terugkoppelen): whoever signals hears back. Seed 003 q4: a reporter to
Veilig Thuis hears whether the case is taken up. Seed 004 §7.5: never let go of a case before another
professional has explicitly taken it over."""

from __future__ import annotations

from dataclasses import dataclass

from report.session import SessionData


@dataclass(frozen=True)
class Loop:
    """A loop that opened at `opened` (hours) and closed at `closed` (None: still open at the end)."""

    kind: str  # report | signal | handover
    role: str
    to: str
    child: str | None
    opened: float
    closed: float | None


@dataclass(frozen=True)
class Share:
    """Information passed on: by whom, to whom, which facts, on which basis, client informed or not."""

    t: float
    role: str
    to: tuple[str, ...]
    facts: tuple[str, ...]
    basis: str | None
    informed: bool | None
    how: str  # share | meeting | report | consult_anonymous | advice_veilig_thuis


def _feedback_to(session: SessionData) -> dict[str, list[tuple[float, str | None]]]:
    """For each role: the times (and child) it heard back (feedback messages and Veilig Thuis feedback)."""
    heard: dict[str, list[tuple[float, str | None]]] = {}
    for rec in session.records:
        if rec.get("type") == "feedback":
            heard.setdefault(rec["to"], []).append((rec["t"], rec.get("child")))
        elif rec.get("type") == "message" and rec.get("kind") == "feedback":
            heard.setdefault(rec["to"], []).append((rec["t"], None))
    return heard


def feedback_loops(session: SessionData) -> list[Loop]:
    """Reports to Veilig Thuis, signals passed on (one loop per giver and recipient) and handovers."""
    heard = _feedback_to(session)
    loops: list[Loop] = []
    seen_signals: set[tuple[str, str]] = set()
    for rec in session.records:
        typ = rec.get("type")
        if typ == "vt_report":
            reporter, child, t = rec["reporter"], rec.get("child"), rec["t"]
            closed = min((r["t"] for r in session.of_type("feedback") if r["sender"] == "veilig_thuis"
                          and r["to"] == reporter and r.get("child") == child and r["t"] >= t), default=None)
            loops.append(Loop("report", reporter, "veilig_thuis", child, t, closed))
        elif typ == "action" and rec["action"].get("do") == "share":
            role, to, t = rec["role"], rec["action"]["to"], rec["t"]
            if (role, to) in seen_signals:
                continue
            seen_signals.add((role, to))
            closed = min((ft for ft, _ in heard.get(role, []) if ft >= t), default=None)
            loops.append(Loop("signal", role, to, rec["action"].get("child"), t, closed))
        elif typ == "action" and rec["action"].get("do") == "handover":
            role, to, child, t = rec["role"], rec["action"]["to"], rec["action"].get("child"), rec["t"]
            closed = min((r["t"] for r in session.of_type("action") if r["role"] == to and r["t"] >= t
                          and r["action"].get("do") == "accept_handover" and r["action"].get("child") == child),
                         default=None)
            loops.append(Loop("handover", role, to, child, t, closed))
    return loops


def shares(session: SessionData) -> list[Share]:
    """Every passing on of case facts: shares, case meetings, reports and (anonymous) consultations."""
    out: list[Share] = []
    for rec in session.records:
        typ = rec.get("type")
        if typ == "action":
            act = rec["action"]
            do = act.get("do")
            if do == "share":
                out.append(Share(rec["t"], rec["role"], (act["to"],), tuple(act.get("facts", [])), act.get("basis"),
                                 act.get("informed"), "share"))
            elif do in ("report_veilig_thuis", "zorgmelding"):
                out.append(Share(rec["t"], rec["role"], ("veilig_thuis",), tuple(act.get("facts", [])), "meldcode",
                                 act.get("parents_informed"), "report"))
            elif do in ("consult_anonymous", "advice_veilig_thuis"):
                to = act.get("to") or "veilig_thuis"
                out.append(Share(rec["t"], rec["role"], (to,), tuple(act.get("facts", [])), None, None, do))
        elif typ == "meeting":
            for role, said in sorted(rec.get("said", {}).items()):
                if said:
                    others = tuple(r for r in rec.get("present", []) if r != role)
                    out.append(Share(rec["t"], role, others, tuple(said), rec.get("basis"), None, "meeting"))
    return out
