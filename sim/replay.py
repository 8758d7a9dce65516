"""Replay and resume: a session log rebuilds the identical world (design.md: the log is the truth).

Replay re-applies every player input at its simulated time and checks that the world records come
out the same; resume does that and then keeps appending to the same file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sim.engine import Session
from sim.errors import ScenarioError
from sim.fields import Text
from sim.loader import load_scenario, resolve_scenario
from sim.log import (
    WALL,
    FileLog,
    LogContents,
    LogError,
    MemoryLog,
    dumps,
    read_log,
    truncate_torn_tail,
    wall_stamp,
    without_wall,
)
from sim.model import Scenario


def scenario_for_log(contents: LogContents, scenario_path: str | Path | None = None) -> Scenario:
    """The scenario a log was made with; refused when the scenario file has changed since."""
    header = contents.header
    try:
        scenario = load_scenario(scenario_path or header.get("scenario_file") or resolve_scenario(header["scenario"]))
    except ScenarioError as exc:
        raise LogError(f"the scenario of this log cannot be loaded:\n{exc}") from None
    except (OSError, ValueError) as exc:  # e.g. a NUL byte in a hand-edited file name
        raise LogError(f"the scenario of this log cannot be loaded: {exc}") from None
    if scenario.content_hash != header.get("hash"):
        raise LogError(f'this log was made with another version of scenario "{header["scenario"]}" '
                       f"(content hash {str(header.get('hash'))[:19]}…, now {scenario.content_hash[:19]}…); "
                       f"replay it with the scenario file it was made with (--scenario PATH)")
    unknown = sorted(set(header.get("players") or ()) - set(scenario.role_by_id))
    if unknown:
        raise LogError(f"line 1: the log names roles this scenario does not have: {', '.join(unknown)}")
    return scenario


def _rebuild(contents: LogContents, scenario: Scenario, log: Any) -> Session:
    header = contents.header
    extra = {k: v for k, v in header.items() if k not in ("format", "scenario", "hash", "seed", "players", WALL)}
    session = Session(scenario, header["seed"], players=header.get("players"), log=log, header=extra)
    for rec in contents.records:
        if rec.get("type") == "clock":
            session.advance(rec["t"], checkpoint=True)
            continue
        if rec.get("type") != "input":
            continue
        session.advance(rec["t"])
        if "inject" in rec:
            result, what = session.inject(rec["inject"]), f"inject {rec['inject']}"
        elif "message" in rec:
            result = session.send_message(Text.model_validate(rec["message"]["text"]), rec["message"]["to"])
            what = "facilitator message"
        else:
            result, what = session.act(rec["role"], rec["action"]), f"{rec['action'].get('do')} by {rec['role']}"
        if not result.ok:
            raise LogError(f"input {rec.get('seq')} ({what}) is refused on replay: "
                           f"{result.reason.en if result.reason else '?'}")
    last = max((rec["t"] for rec in contents.records), default=0.0)
    end = next((rec for rec in contents.records if rec.get("type") == "end"), None)
    if end is not None:
        session.finish(stop_at=end["t"] if end.get("stopped") else None)   # a stopped world stops again there
    else:
        session.advance(last)
    return session


def _verify(contents: LogContents, session: Session) -> None:
    original = [dumps(without_wall(r)) for r in contents.records]   # the real moments are not replayed
    rebuilt = [dumps(without_wall(r)) for r in session.records[1:]]
    for n, (a, b) in enumerate(zip(original, rebuilt), 2):
        if a != b:
            raise LogError(f"line {n}: the replayed world differs from the log (engine or scenario changed?)\n"
                           f"  log:    {a[:160]}\n  replay: {b[:160]}")
    if len(rebuilt) < len(original):
        raise LogError(f"line {len(rebuilt) + 2}: the log has records the replay does not produce")


def replay(path: str | Path, scenario_path: str | Path | None = None) -> tuple[Session, list[str]]:
    """Re-run a session log in memory; returns the session and any warnings (e.g. a torn last line)."""
    contents = read_log(path)
    contents.refuse_unstarted(path)
    scenario = scenario_for_log(contents, scenario_path)
    session = _rebuild(contents, scenario, MemoryLog())
    _verify(contents, session)
    return session, contents.warnings


def resume(path: str | Path, scenario_path: str | Path | None = None) -> tuple[Session, list[str]]:
    """Replay a log and continue the same session, appending to the same file (crash recovery)."""
    contents = read_log(path)
    scenario = scenario_for_log(contents, scenario_path)
    if any(rec.get("type") == "end" for rec in contents.records):
        raise LogError(f"{path}: this session has already ended; nothing to resume")
    session = _rebuild(contents, scenario, MemoryLog())
    _verify(contents, session)
    truncate_torn_tail(path, contents.valid_bytes)
    extra_records = session.records[1 + len(contents.records):]
    session.log = FileLog(path, append=True)
    real = WALL in contents.header       # a game people play keeps its real clock after a resume (issue 19)
    for rec in extra_records:
        if real:
            rec[WALL] = wall_stamp(time.time())
        session.log.write(rec, durable=False)
    if real:
        session.wall = time.time
    return session, contents.warnings

