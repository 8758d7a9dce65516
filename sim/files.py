"""Reading and writing files safely: bounded reads of regular files only, atomic writes.

Every file Ketenspel reads from a person (a scenario, a policy, a session log, a queue) goes through
`read_limited`: the size is checked before reading, only regular files are read (a FIFO, a device
such as /dev/zero or a directory is refused at once, never read), and each file is read once.
Every file Ketenspel writes for a person (a report, an export, a results file) goes through
`atomic_write`: a crash leaves either the old file or the new one, never a partial file. New files
are owner-only (`PRIVATE`): they hold case facts, scores or tokens."""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

MB = 1_000_000
#: Scenario and policy files: the largest real scenario is ~60 kB.
MAX_SCENARIO_BYTES = 5 * MB
#: Session logs: a whole training day with thirty players stays well under this.
MAX_LOG_BYTES = 200 * MB


class FileProblem(OSError):
    """A file that cannot be read as asked: missing, not a regular file, too large, unreadable.

    `nl` and `en` say what is wrong and what to do, for a person (no traceback)."""

    def __init__(self, path: str | Path, en: str, nl: str):
        self.path = str(path)
        self.en = en
        self.nl = nl
        super().__init__(f"{path}: {en}")

    def render(self, lang: str = "en") -> str:
        """`PATH: message` in the language asked for."""
        return f"{self.path}: {self.nl if lang == 'nl' else self.en}"


def _open_regular(path: str | Path, limit: int) -> tuple[int, int]:
    """Open `path` for reading without blocking on a FIFO; returns (fd, size) of a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileProblem(path, "no such file", "dit bestand bestaat niet") from None
    except IsADirectoryError:
        raise FileProblem(path, "this is a folder, not a file", "dit is een map, geen bestand") from None
    except OSError as exc:
        why = exc.strerror or str(exc)
        raise FileProblem(path, f"cannot read it: {why}", f"kan het niet lezen: {why}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem(path, "this is a folder, not a file", "dit is een map, geen bestand")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(path, "not a regular file (a device, pipe or socket); give a file",
                              "geen gewoon bestand (een apparaat, pijp of socket); geef een bestand")
        if info.st_size > limit:
            raise FileProblem(path, f"too large ({info.st_size / MB:.1f} MB; at most {limit / MB:g} MB)",
                              f"te groot ({info.st_size / MB:.1f} MB; hoogstens {limit / MB:g} MB)")
    except BaseException:
        os.close(fd)
        raise
    return fd, info.st_size


def read_limited(path: str | Path, limit: int) -> bytes:
    """The bytes of the regular file `path`, read once; refused (FileProblem) when it is not a
    regular file or is larger than `limit` bytes, checked before reading and while reading (a file
    that grows while it is read is refused too)."""
    fd, _size = _open_regular(path, limit)
    try:
        chunks: list[bytes] = []
        total = 0
        while True:
            try:
                chunk = os.read(fd, 1 << 20)
            except OSError as exc:
                why = exc.strerror or str(exc)
                raise FileProblem(path, f"cannot read it: {why}", f"kan het niet lezen: {why}") from None
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise FileProblem(path, f"too large (more than {limit / MB:g} MB)",
                                  f"te groot (meer dan {limit / MB:g} MB)")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def check_readable_file(path: str | Path, limit: int) -> None:
    """Raise FileProblem unless `path` is a regular file of at most `limit` bytes (reads nothing)."""
    fd, _ = _open_regular(path, limit)
    os.close(fd)


@contextmanager
def atomic_writer(path: str | Path, mode: str = "w", encoding: str | None = "utf-8",
                  newline: str | None = None) -> Iterator[IO]:
    """Open a temporary file beside `path` for writing; on success it is fsynced and renamed onto
    `path` in one step; on any error it is removed and `path` is left as it was."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        binary = "b" in mode
        with os.fdopen(fd, "wb" if binary else "w", encoding=None if binary else encoding,
                       newline=None if binary else newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, _kept_mode(target))
        except OSError:
            pass
        os.replace(tmp, target)
        fsync_dir(directory)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


PRIVATE = 0o600
"""New files hold case facts, scores or tokens (logs, reports, result stores, queues): owner-only
(issue 18). A file that already exists keeps its own mode when it is replaced."""


def _kept_mode(target: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return PRIVATE


def open_private(path: str | Path, mode: str = "x", encoding: str = "utf-8") -> IO:
    """Open a text file for writing ("x" new only, "w" truncate, "a" append); a file it creates is
    owner-only (PRIVATE), whatever the umask."""
    flags = {"x": os.O_CREAT | os.O_EXCL, "w": os.O_CREAT | os.O_TRUNC, "a": os.O_CREAT | os.O_APPEND}[mode]
    fd = os.open(path, os.O_WRONLY | flags, PRIVATE)
    return os.fdopen(fd, mode if mode != "x" else "w", encoding=encoding)


def atomic_write(path: str | Path, data: bytes | str, encoding: str = "utf-8") -> None:
    """Write `data` to `path` so that a crash leaves the old file or the whole new one."""
    with atomic_writer(path, "wb") as fh:
        fh.write(data.encode(encoding) if isinstance(data, str) else data)


def fsync_dir(directory: str | Path) -> None:
    """Make a new or renamed file's name durable too (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(directory or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
