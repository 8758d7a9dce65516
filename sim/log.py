"""The session log: append-only JSONL, the single source of truth (design.md).

Line 1 is the header (format, scenario id, content hash, seed, the roles played by people). Then every
input (role, action, simulated time) and every world record. An input is flushed and fsynced before
it is acknowledged, so a crash or kill loses no acknowledged player input. A torn last line (crash
while writing) is tolerated with a warning."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

LOG_FORMAT = "ketenspel-log/1"


def dumps(record: dict[str, Any]) -> str:
    """Canonical JSON for one record: sorted keys, no spaces, UTF-8 — byte-identical across runs."""
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class LogSink(Protocol):
    """Where a session writes its records."""

    def write(self, record: dict[str, Any], durable: bool = False) -> None: ...
    def close(self) -> None: ...


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
    """Appends records to a JSONL file; `durable=True` records (inputs) are fsynced before returning."""

    def __init__(self, path: str | Path, append: bool = False):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.path, "a" if append else "w", encoding="utf-8")

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


class LogError(Exception):
    """A session log that cannot be used (not a Ketenspel log, or damaged beyond the last line)."""


@dataclass
class LogContents:
    """A log read back: header, records after it, and warnings (e.g. a torn last line dropped)."""

    header: dict[str, Any]
    records: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)
    valid_bytes: int = 0

    @property
    def inputs(self) -> list[dict[str, Any]]:
        """The player inputs, in order: what a replay re-applies."""
        return [r for r in self.records if r.get("type") == "input"]


def read_log(path: str | Path) -> LogContents:
    """Read a session log. A torn final line is dropped with a warning; damage elsewhere is an error."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LogError(f"{path}: cannot read the log: {exc.strerror or exc}") from None
    lines = raw.split(b"\n")
    records: list[dict[str, Any]] = []
    warnings: list[str] = []
    valid = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            valid += len(line) + (1 if n < len(lines) else 0)
            continue
        last = n == len(lines) or all(not rest.strip() for rest in lines[n:])
        try:
            rec = json.loads(line.decode("utf-8"))
            if not isinstance(rec, dict):
                raise ValueError("not an object")
        except (ValueError, UnicodeDecodeError):
            if last:
                warnings.append(f"{path}:{n}: the last line is incomplete (the session was interrupted "
                                f"while writing); it is ignored")
                break
            raise LogError(f"{path}:{n}: this line is not a log record; the log is damaged") from None
        records.append(rec)
        valid += len(line) + 1
    if not records or records[0].get("format") != LOG_FORMAT:
        raise LogError(f"{path}:1: not a Ketenspel session log (expected format {LOG_FORMAT})")
    return LogContents(header=records[0], records=records[1:], warnings=warnings, valid_bytes=valid)


def truncate_torn_tail(path: str | Path, valid_bytes: int) -> None:
    """Cut a torn last line off a log file before appending to it again (resume after a crash)."""
    with open(path, "r+b") as fh:
        fh.truncate(valid_bytes)
