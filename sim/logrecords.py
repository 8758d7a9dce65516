"""The shape of each record a session log may hold, checked when a log is read back.

A log is a person's file too: it may be cut off by a crash, edited by hand or damaged on disk. Every
field that replay, resume, scoring and the report rely on is checked here first, so a damaged log is
refused with its line number and what is wrong — never a traceback deeper down (issue 13)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from sim.partners import LEVELS as PARTNER_LEVELS


class RecordProblem(ValueError):
    """What is wrong with one record (the reader adds the file and line)."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_time(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0


def _text(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("nl"), str) and isinstance(value.get("en"), str)


def _check_wall(record: dict[str, Any]) -> None:
    """A record's real moment (`wall`, sim.log.wall_stamp), when the session had a real clock."""
    wall = record.get("wall")
    if wall is None and "wall" not in record:
        return
    try:
        if not isinstance(wall, str) or len(wall) != 20 or not wall.endswith("Z"):
            raise ValueError(wall)
        dt.datetime.strptime(wall, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise RecordProblem('"wall" must be a real moment in UTC, e.g. "2026-12-02T09:14:03Z"') from None


def check_header(header: dict[str, Any]) -> None:
    """The first line: which scenario (id and content hash), which seed, which roles people play."""
    _check_wall(header)
    if not isinstance(header.get("scenario"), str) or not header["scenario"]:
        raise RecordProblem('the header has no scenario id ("scenario")')
    if not isinstance(header.get("hash"), str):
        raise RecordProblem('the header has no content hash of the scenario ("hash")')
    if not _is_int(header.get("seed")):
        raise RecordProblem('the header has no whole-number seed ("seed")')
    players = header.get("players")
    if players is not None and not (isinstance(players, list) and all(isinstance(p, str) for p in players)):
        raise RecordProblem('"players" in the header must be a list of role ids')
    if "scenario_file" in header and not isinstance(header["scenario_file"], str):
        raise RecordProblem('"scenario_file" in the header must be a file name')
    if header.get("partners") not in (None, *PARTNER_LEVELS):
        raise RecordProblem(f'"partners" in the header must be one of {", ".join(PARTNER_LEVELS)}')


def check_record(record: dict[str, Any]) -> None:
    """Any later line: a type and a simulated time; an input also says who did what."""
    if not isinstance(record.get("type"), str):
        raise RecordProblem('the record has no "type"')
    if not _is_time(record.get("t")):
        raise RecordProblem('the record has no valid simulated time ("t": hours, 0 or more)')
    _check_wall(record)
    if record["type"] == "input":
        _check_input(record)


def _check_input(record: dict[str, Any]) -> None:
    if not _is_int(record.get("seq")):
        raise RecordProblem('the input has no number ("seq")')
    if not isinstance(record.get("role"), str):
        raise RecordProblem('the input has no role ("role")')
    kinds = [k for k in ("action", "inject", "message") if k in record]
    if len(kinds) != 1:
        raise RecordProblem('an input holds exactly one of "action", "inject" or "message"')
    kind = kinds[0]
    if kind == "action" and not (isinstance(record["action"], dict) and isinstance(record["action"].get("do"), str)):
        raise RecordProblem('the input\'s "action" has no "do"')
    if kind == "inject" and not isinstance(record["inject"], str):
        raise RecordProblem('"inject" must name an event id')
    if kind == "message":
        message = record["message"]
        if not (isinstance(message, dict) and (message.get("to") is None or isinstance(message.get("to"), str))
                and _text(message.get("text"))):
            raise RecordProblem('the facilitator\'s "message" needs "to" (a role or null) and "text" (nl, en)')
