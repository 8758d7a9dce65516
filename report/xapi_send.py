"""Delivering xAPI statements to a Learning Record Store, with an offline queue (issues 8 and 19).

Statements that cannot be delivered wait in a queue file (owner-only; never any credentials) until the
next export or `export-xapi --flush`. Identical statements already stored are skipped by the LRS, so
sending twice stores nothing twice."""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from report.xapi_actor import XapiError, data_dir
from sim.files import MB, FileProblem, atomic_write, read_limited

XAPI_VERSION = "1.0.3"


def statements_url(lrs: str) -> str:
    """The statements resource of an LRS given as its base (…/xAPI) or the resource itself."""
    base = lrs.rstrip("/")
    return base if base.endswith("/statements") else base + "/statements"


def check_lrs(lrs: str) -> str:
    """The LRS address if it is a usable http(s) URL; otherwise an XapiError saying how to write it."""
    hint = "write it as http://HOST:PORT/xAPI or https://HOST/xAPI"
    try:
        parts = urllib.parse.urlsplit(lrs.strip())
        port = parts.port  # raises ValueError when it is not a number from 0 to 65535
    except ValueError as exc:
        raise XapiError(f'--lrs "{lrs}" is not a valid URL ({exc}); {hint}') from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise XapiError(f'--lrs "{lrs}" is not an http(s) address of an LRS; {hint}')
    if port == 0 or any(ord(c) < 33 or ord(c) == 127 for c in lrs.strip()):
        raise XapiError(f'--lrs "{lrs}" is not a valid URL (a port of 0, a space or a control character); {hint}')
    return lrs.strip()


ANSWER_BYTES = 1 << 20  # at most this much of an LRS's answer is read


def post_statements(lrs: str, user: str | None, password: str | None, statements: list[dict[str, Any]],
                    timeout: float = 10.0, token: str | None = None) -> None:
    """POST statements to the LRS. Raises XapiError when refused, OSError when unreachable. `token`: a
    cmi5 launch's auth-token (sent as `Basic <token>`, cmi5 §8.2), instead of a user and password.

    Identical statements already stored are skipped by the LRS (xAPI 1.0.3 §2.1.2), so resending after
    a lost answer is harmless; a *different* statement with the same id (409) is an error."""
    body = json.dumps(statements, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(statements_url(lrs), data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Experience-API-Version": XAPI_VERSION})
    if token:
        req.add_header("Authorization", f"Basic {token}")
    elif user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        req.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read(ANSWER_BYTES)  # the statement ids; an endless answer is not read to the end
    except ValueError as exc:  # http.client.InvalidURL and friends: the address itself is wrong
        raise XapiError(f'the LRS address "{lrs}" cannot be used: {exc}') from None
    except urllib.error.HTTPError as exc:
        if exc.code >= 500:
            raise OSError(f"the LRS answered {exc.code}") from None
        detail = " ".join(exc.read(ANSWER_BYTES).decode("utf-8", "replace").split())[:300]
        raise XapiError(f"the LRS refused the statements ({exc.code}): {detail}") from None


def default_queue() -> Path:
    """Where statements wait while the LRS is unreachable (next to the results store)."""
    return data_dir() / "xapi-queue.jsonl"


#: The offline queue: a whole training year of statements stays far below this.
MAX_QUEUE_BYTES = 200 * MB


def check_queue_path(path: Path) -> None:
    """Refuse a queue path that is a folder or a device before anything is sent or read."""
    if path.is_dir():
        raise XapiError(f"{path}: the --queue is a folder; give a file name (e.g. {path / 'xapi-queue.jsonl'})")
    if path.exists() and not path.is_file():
        raise XapiError(f"{path}: the --queue is not a regular file (a device, pipe or socket); give a file name")


def read_queue(path: Path) -> list[dict[str, Any]]:
    """Queued batches: {"lrs": URL, "statements": [...]} per line (no credentials are ever stored).

    Read with a size limit; a damaged queue is an XapiError and is left as it is."""
    if not path.exists():
        return []
    try:
        raw = read_limited(path, MAX_QUEUE_BYTES)
    except FileProblem as exc:
        raise XapiError(f"the offline queue: {exc.render('en')}") from None
    batches = []
    for n, line in enumerate(raw.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            batch = json.loads(line.decode("utf-8"))
            if not isinstance(batch, dict) or not isinstance(batch.get("statements"), list) \
                    or not all(isinstance(st, dict) and isinstance(st.get("id"), str) for st in batch["statements"]):
                raise ValueError("not a batch")
        except (ValueError, UnicodeDecodeError):
            raise XapiError(f"{path}:{n}: this line of the offline queue is damaged; the queue is left as it "
                            f"is — move it aside to start a new one (the logs can be exported again)") from None
        batches.append(batch)
    return batches


def write_queue(path: Path, batches: list[dict[str, Any]]) -> None:
    """Rewrite the queue atomically (empty: the file is removed); a failure is an XapiError and the
    previous queue stays as it was."""
    try:
        if not batches:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, "".join(json.dumps(b, ensure_ascii=False, sort_keys=True) + "\n" for b in batches))
    except OSError as exc:
        raise XapiError(f"{path}: cannot write the offline queue: {exc.strerror or exc}; the previous queue is "
                        f"unchanged and the logs can be exported again") from None


CHUNK = 1000  # statements per POST


@contextmanager
def queue_lock(queue: Path) -> Iterator[None]:
    """Hold the queue for one export at a time (an flock on the queue's folder, so no lock file is left
    behind): two exports running at once cannot overwrite each other's queued statements. Without
    fcntl (Windows) there is no lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on the platforms we test
        yield
        return
    folder = queue.parent if str(queue.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise XapiError(f"{folder}: cannot use the folder of the offline queue: {exc.strerror or exc}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def send(lrs: str, user: str | None, password: str | None, batches: list[list[dict[str, Any]]],
         queue: Path, token: str | None = None) -> tuple[int, int, str]:
    """Flush the queue for this LRS together with the new statements; what cannot be delivered is queued.

    Everything goes in as few POSTs as possible (Ralph's file backend accepts one write per file).
    Exports running at the same time take turns (queue_lock). Returns (statements delivered, statements
    left in the queue for this LRS, why they were not delivered — "" when all were)."""
    with queue_lock(queue):
        return _send(lrs, user, password, batches, queue, token)


def _send(lrs: str, user: str | None, password: str | None, batches: list[list[dict[str, Any]]],
          queue: Path, token: str | None = None) -> tuple[int, int, str]:
    url = statements_url(lrs)
    waiting = read_queue(queue)
    pending = [st for b in waiting if b.get("lrs") == url for st in b["statements"]]
    pending += [st for batch in batches for st in batch]
    pending = list({st["id"]: st for st in reversed(pending)}.values())[::-1]  # each statement once, in order
    others = [b for b in waiting if b.get("lrs") != url]
    if any(batches):
        # Queue first, then send: a window closed or a process killed mid-send leaves the statements in
        # the queue (resending identical statements is harmless, see post_statements).
        write_queue(queue, others + [{"lrs": url, "statements": pending}])
    delivered = 0
    for start in range(0, len(pending), CHUNK):
        chunk = pending[start:start + CHUNK]
        try:
            post_statements(lrs, user, password, chunk, token=token)
        except OSError as exc:
            left = pending[start:]
            write_queue(queue, others + [{"lrs": url, "statements": left}])
            reason = getattr(exc, "reason", None) or exc
            reason = getattr(reason, "strerror", None) or reason
            return delivered, len(left), f"the LRS at {lrs} is not reachable ({reason})"
        except XapiError as exc:
            write_queue(queue, others + [{"lrs": url, "statements": pending[start:]}])
            raise XapiError(f"{exc}; the statements are kept in {queue} for the next try") from None
        delivered += len(chunk)
    write_queue(queue, others)
    return delivered, 0, ""


def queued_for(queue: Path, lrs: str) -> int:
    """How many statements wait in the queue for this LRS."""
    url = statements_url(lrs)
    return sum(len(b["statements"]) for b in read_queue(queue) if b.get("lrs") == url)
