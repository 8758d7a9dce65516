"""The session log: append-only JSONL, the single source of truth (design.md).

Line 1 is the header (format, scenario id, content hash, seed, the roles played by people). Then every
input (role, action, simulated time) and every world record. An input is flushed and fsynced before
it is acknowledged, so a crash or kill loses no acknowledged player input. A torn last line (crash
while writing) is tolerated with a warning."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sim.files import MAX_LOG_BYTES, FileProblem, fsync_dir, open_private, read_limited
from sim.logrecords import RecordProblem, check_header, check_record

LOG_FORMAT = "ketenspel-log/1"


def dumps(record: dict[str, Any]) -> str:
    """Canonical JSON for one record: sorted keys, no spaces, UTF-8 — byte-identical across runs."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def wall_stamp(seconds: float) -> str:
    """A real moment as the log keeps it: ISO 8601 in UTC to the second ("2026-12-02T09:14:03Z")."""
    return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


WALL = "wall"
"""The key of a record's real (wall-clock) moment; not part of the simulated world (sim.replay)."""


def without_wall(record: dict[str, Any]) -> dict[str, Any]:
    """The record as the simulated world made it: without its real moment."""
    return {k: v for k, v in record.items() if k != WALL} if WALL in record else record


class LogSink(Protocol):
    """Where a session writes its records."""

    def write(self, record: dict[str, Any], durable: bool = False) -> None: ...
    def close(self) -> None: ...


class LogError(Exception):
    """A session log that cannot be used (not a Ketenspel log, or damaged beyond the last line)."""


class LogExists(LogError):
    """A new session log was asked for where a file already is (a log is never overwritten)."""


class MemoryLog:
    """Keeps records in memory (headless runs, tests, benchmarks)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, record: dict[str, Any], durable: bool = False) -> None:
        self.lines.append(dumps(record))

    def close(self) -> None:
        pass

    def text(self) -> str:
        """The whole log as JSONL text."""
        return "".join(line + "\n" for line in self.lines)



class FileLog:
    """Appends records to a JSONL file; `durable=True` records (inputs) are fsynced before returning.

    A new log never replaces an existing file (a session log is a player's work): it is created
    exclusively, unless `overwrite=True` is asked for explicitly (`run --log PATH --force`)."""

    def __init__(self, path: str | Path, append: bool = False, overwrite: bool = False):
        self.path = Path(path)
        if self.path.is_dir():
            raise LogError(f"{self.path}: this is a folder; give a file name for the session log")
        mode = "a" if append else ("w" if overwrite else "x")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open_private(self.path, mode)       # owner-only: a log holds every case fact
        except FileExistsError:
            raise LogExists(f"{self.path}: this file already exists; a session log is never overwritten "
                           f"(choose another file, or remove it first)") from None
        except IsADirectoryError:
            raise LogError(f"{self.path}: this is a folder; give a file name for the session log") from None
        except OSError as exc:
            raise LogError(f"{self.path}: cannot write the session log: {exc.strerror or exc}") from None
        if not append:
            fsync_dir(self.path.parent)

    def write(self, record: dict[str, Any], durable: bool = False) -> None:
        self._fh.write(dumps(record) + "\n")
        if durable:
            self._fh.flush()
            os.fsync(self._fh.fileno())

    def close(self) -> None:
        if not self._fh.closed:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()


@dataclass
class LogContents:
    """A log read back: header, records after it, and warnings (e.g. a torn last line dropped)."""

    header: dict[str, Any]
    records: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)
    valid_bytes: int = 0

    @property
    def never_started(self) -> bool:
        """A hosted game's lobby log: the header of a game the facilitator has not started yet."""
        return bool(self.header.get("lobby")) and not self.records

    def refuse_unstarted(self, name: str | Path) -> None:
        """Raise LogError for a lobby log: there is no session to replay, score or report."""
        if self.never_started:
            raise LogError(f"this training-day session never started (only the lobby was open); "
                           f"continue it with `host --resume {name}`")

    @property
    def inputs(self) -> list[dict[str, Any]]:
        """The player inputs, in order: what a replay re-applies."""
        return [r for r in self.records if r.get("type") == "input"]


def read_log(path: str | Path) -> LogContents:
    """Read a session log (a regular file of at most MAX_LOG_BYTES, read once).

    A torn final line (a crash while writing) is dropped with a warning; a complete final record
    without its newline counts as written. Damage anywhere else — a line that is no record, a
    record without the fields replay needs, time running backwards, inputs missing or repeated —
    is an error naming the line."""
    path = Path(path)
    try:
        raw = read_limited(path, MAX_LOG_BYTES)
    except FileProblem as exc:
        raise LogError(f"{path}: cannot read the log: {exc.en}") from None
    lines = raw.split(b"\n")
    last_filled = max((i for i, line in enumerate(lines) if line.strip()), default=-1)
    records: list[dict[str, Any]] = []
    warnings: list[str] = []
    offset = valid = 0
    order = _Order()
    for i, line in enumerate(lines):
        n = i + 1
        end = offset + len(line) + (1 if i < len(lines) - 1 else 0)
        if not line.strip():
            offset = end
            if i <= last_filled:
                valid = end
            continue
        try:
            rec = json.loads(line.decode("utf-8"), parse_constant=_no_constant)
            if not isinstance(rec, dict):
                raise ValueError("not an object")
        except (ValueError, UnicodeDecodeError, RecursionError):
            if i == last_filled:
                warnings.append(f"{path}:{n}: the last line is incomplete (the session was interrupted "
                                f"while writing); it is ignored")
                break
            raise LogError(f"{path}:{n}: this line is not a log record; the log is damaged") from None
        _check(path, n, rec, bool(records), order)
        records.append(rec)
        offset = valid = end
    if not records:
        raise LogError(f"{path}:1: not a Ketenspel session log (expected format {LOG_FORMAT})")
    return LogContents(header=records[0], records=records[1:], warnings=warnings, valid_bytes=valid)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a log may hold")


class _Order:
    """What the reader has seen so far: the last time and the last input number."""

    def __init__(self) -> None:
        self.t = 0.0
        self.seq = 0


def _check(path: Path, n: int, rec: dict[str, Any], header_seen: bool, order: _Order) -> None:
    """Refuse a record replay could not use, with its line number."""
    try:
        if not header_seen:
            if rec.get("format") != LOG_FORMAT:
                raise RecordProblem(f"not a Ketenspel session log (expected format {LOG_FORMAT})")
            check_header(rec)
            return
        check_record(rec)
    except RecordProblem as exc:
        raise LogError(f"{path}:{n}: {exc}; the log is damaged") from None
    if rec["t"] < order.t:
        raise LogError(f"{path}:{n}: the simulated time goes backwards here; the log is damaged")
    order.t = rec["t"]
    if rec["type"] == "input":
        if rec["seq"] != order.seq + 1:
            raise LogError(f"{path}:{n}: input {rec['seq']} where input {order.seq + 1} was expected "
                           f"(an input is missing or repeated); the log is damaged")
        order.seq = rec["seq"]


def truncate_torn_tail(path: str | Path, valid_bytes: int) -> None:
    """Before appending to a log again (resume after a crash): cut off a torn last line, and end the
    last complete record with its newline if the crash came just before it."""
    with open(path, "r+b") as fh:
        fh.truncate(valid_bytes)
        if valid_bytes > 0:
            fh.seek(valid_bytes - 1)
            if fh.read(1) != b"\n":
                fh.seek(valid_bytes)
                fh.write(b"\n")
        fh.flush()
        os.fsync(fh.fileno())
