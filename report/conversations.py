"""The conversations with choices in a debrief (issue 17, item 6): per conversation what the professional
said and what the other side answered, in order, with what the judge found about it (a promise of secrecy,
a 14-year-old asked nothing, the opening). A conversation held again is shown as the separate talks it was,
each under its own heading with its date (issue 17 review, item 8). Read from the log's `conversation`
records and the scores."""

from __future__ import annotations

from typing import Any

from report.document import Cell, Para, Table
from report.facts import day
from report.labels import role_name
from report.texts import Words
from scoring.units.conversation import Conversations
from sim.timefmt import calendar_moment

CONVERSATION_RULES = frozenset(Conversations.rules)
TONE_OF = {"violation": "bad", "warning": "warn", "praise": "good"}


def conversations_held(records: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(role, conversation) -> its `conversation` records, in the order they were held."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for rec in records:
        if rec.get("type") == "conversation":
            out.setdefault((rec["role"], rec["conversation"]), []).append(rec)
    return out


def talks_held(steps: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """A conversation's records as the separate talks they were (issue 17 review, item 8): a talk held
    again after `again_after` begins after the record that ended the previous one."""
    talks: list[list[dict[str, Any]]] = []
    for rec in steps:
        if not talks or talks[-1][-1].get("ended"):
            talks.append([])
        talks[-1].append(rec)
    return talks


def findings_about(steps: list[dict[str, Any]], role: str, findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The judge's findings on one conversation: a conversation rule, the same role, and quoting something
    that was said in it (each of these findings quotes what the professional said)."""
    said = {text for s in steps for text in (s.get("say") or {}).values()}
    return [f for f in findings if f.get("rule") in CONVERSATION_RULES and f.get("role") == role
            and any(text in str(m) for text in said for m in (f.get("message") or {}).values())]


def conversation_blocks(session: Any, scored: dict[str, Any] | None, w: Words) -> list:
    """Blocks for the report's section on conversations (empty when none was held)."""
    sc = session.scenario
    findings = (scored or {}).get("findings", [])
    blocks: list = []
    for (role, cid), steps in conversations_held(session.records).items():
        conv = sc.conversation_by_id.get(cid)
        title = w.text(conv.title) if conv is not None else cid
        for talk in talks_held(steps):
            blocks.append(Para(w("conv_heading", role=role_name(sc, role, w), title=title,
                                 date=calendar_moment(sc.meta, talk[0]["t"], w.lang)), "h3"))
            rows = [[Cell(w("day", d=day(s["t"]))), Cell(w.text(s.get("say")), bold=True),
                     Cell(w.text(s.get("answer")))] for s in talk]
            blocks.append(Table([w("col_time"), w("conv_said"), w("conv_answer")], rows, [0.9, 3.2, 3.6]))
        for f in findings_about(steps, role, findings):
            blocks.append(Para(w.text(f.get("message")), TONE_OF.get(f.get("severity"))))
    return blocks
