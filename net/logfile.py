"""The hosted game's files beside each other: the session log and its lobby file (issue 13).

The session log exists from the moment `host` listens, so a host killed in the lobby still leaves a log
that `host --resume LOG` continues. The engine's header names the roles people play, which are only
known when the facilitator starts; so until then the file holds a *lobby log*: the same header with
`"players": []` and `"lobby": true`, and no records. At the start the real session log (written by
`sim.Session` to a temporary file, header fsynced) replaces it in one atomic rename, so the path always
holds one whole, readable log: the lobby log or the game's. A lobby log replays as an empty session.

The lobby file (`LOG.lobby.json`: code, facilitator token, members' tokens, names and roles) is written
owner-only and atomically on every lobby change."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from sim import FileLog, LogError, Scenario
from sim.files import fsync_dir
from sim.log import LOG_FORMAT, dumps

LOBBY_MARK = "lobby"
"""Header field of a lobby log: the game has not started; no roles are played yet."""


def lobby_header(scenario: Scenario, seed: int) -> dict[str, Any]:
    """The header of a game that has not started (the engine's fields, no players, the lobby mark)."""
    return {"format": LOG_FORMAT, "scenario": scenario.meta.id, "hash": scenario.content_hash, "seed": int(seed),
            "players": [], "policy": "lan", LOBBY_MARK: True}


def _write_private(path: Path, text: str) -> Path:
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    return tmp


def write_lobby_log(path: Path, scenario: Scenario, seed: int) -> None:
    """Create the lobby log durably. An existing log is never overwritten (an empty file may be)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_private(path, dumps(lobby_header(scenario, seed)) + "\n")
    try:
        if path.exists() and path.stat().st_size == 0:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)          # fails when the file exists: never overwrite a log
    except FileExistsError:
        raise LogError(f"{path} exists; a session log is never overwritten / {path} bestaat al") from None
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)


def is_lobby_log(path: Path) -> bool:
    """True when `path` holds only a lobby log header (the game it belongs to has not started)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False                # never open a FIFO or a device (reading one may block or never end)
        with open(path, "rb") as fh:
            head = fh.read(64 * 1024)
    except OSError:
        return False
    lines = [line for line in head.split(b"\n") if line.strip()]
    if len(lines) != 1:
        return False
    try:
        header = json.loads(lines[0])
    except ValueError:
        return False
    return isinstance(header, dict) and header.get("format") == LOG_FORMAT and header.get(LOBBY_MARK) is True


def fresh_session_log(path: Path) -> FileLog:
    """Where the starting session writes: a temporary file, published over the lobby log by `publish`."""
    tmp = path.with_name(path.name + ".start.tmp")
    if path.exists() and path.stat().st_size and not is_lobby_log(path):
        raise LogError(f"{path} holds a session that has started; it is never overwritten")
    return FileLog(tmp)


def publish(log: FileLog, path: Path) -> None:
    """Make the started session's log (its header already fsynced) the session log, atomically."""
    os.replace(log.path, path)
    log.path = path
    fsync_dir(path.parent)


def save_lobby_file(path: Path, data: dict[str, Any]) -> None:
    """Write the lobby file owner-only and atomically (old or new, never half)."""
    os.replace(_write_private(path, json.dumps(data)), path)


def read_lobby_file(path: Path) -> dict[str, Any] | None:
    """The lobby file beside a log, or None when there is none; a damaged one is a LogError."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data["code"], str) \
                or not isinstance(data["facilitator_token"], str) or not isinstance(data.get("members", []), list):
            raise ValueError("not a lobby file")
        float(data.get("speed", 1.0))
        for m in data.get("members", []):
            if not (isinstance(m, dict) and isinstance(m["token"], str) and isinstance(m["name"], str)
                    and (m["role"] is None or isinstance(m["role"], str))):
                raise ValueError("not a member")
    except (OSError, ValueError, KeyError, TypeError):
        raise LogError(f"{path}: the lobby file is damaged (code, tokens, names); move it away to resume "
                       f"with a new join code / het lobbybestand is beschadigd") from None
    return data
