"""Which file the studio edits and who may edit it: the open scenario and its expert policy (shared by
the browser tabs of one studio process), the lock file that keeps a second studio on the same file
read-only, and where the expert policy lives beside the scenario (issue 21: never lose a change)."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from studio.document import Document, autosave_path, new_text
from studio.spec import empty_scenario, t

CONNECT_S = 5.0  # a tab that has not connected this long after its page was fetched never will
STARTED: dict[str, float] = {}


@cache
def _labels() -> dict[str, Any]:
    text = resources.files("studio").joinpath("data/labels_session.yaml").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)


def tx(key: str, lang: str = "nl", **params: Any) -> str:
    """A text of the timeline and of the editing right (studio/data/labels_session.yaml), else one of
    studio/data/labels.yaml."""
    entry = _labels().get(key)
    if entry is None:
        return t(key, lang, **params)
    return entry.get(lang, entry["nl"]).format(**params)


def lock_path(path: Path) -> Path:
    """`.FILE.studio-lock` beside FILE: the process id of the studio that edits it."""
    return path.with_name(f".{path.stem}.studio-lock")


def lock_holder(path: Path) -> int | None:
    """The process id of another running studio that holds this file, or None (no lock, this process's
    own lock, or a stale lock whose process is gone)."""
    lock = lock_path(path)
    try:
        pid = int(lock.read_text().strip())
    except (OSError, ValueError):
        return None
    if pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid
    return pid


def locked_by_other(path: Path) -> bool:
    """Another running studio holds this file (its lock names a live process that is not this one)."""
    return lock_holder(path) is not None


@dataclass
class Shared:
    """The document open in this studio process and which browser tab may edit it."""

    doc: Document
    policy: Document | None = None
    owner: str | None = None
    other_process: bool = False
    holder_pid: int | None = None  # the other studio's process id when `other_process`
    notice: str = ""
    clients: set[str] = field(default_factory=set)
    owner_since: float = 0.0  # time.time() when the editing tab got the right (shown to the others)
    pages: dict[str, Any] = field(default_factory=dict)  # client id -> that tab's page (studio.app)


class State:
    """Process-wide: the current document (one studio edits one file at a time)."""

    current: Shared | None = None
    lang: str = "nl"

    @classmethod
    def open(cls, path: Path | None) -> Shared:
        if path is None:
            shared = Shared(Document(new_text(empty_scenario())))
        else:
            doc = Document.open(path) if path.exists() else Document(new_text(empty_scenario(path.stem)), path)
            holder = lock_holder(path)
            shared = Shared(doc, other_process=holder is not None, holder_pid=holder)
            side = autosave_path(path)
            if path.exists() and side.exists() and not shared.other_process:
                doc.restore(side.read_text(encoding="utf-8"))
                shared.notice = "autosave_restored" if doc.dirty else ""
            if not shared.other_process:
                lock_path(path).write_text(str(os.getpid()))
        shared.policy = open_policy(shared.doc)
        if cls.current is not None and cls.current.doc.path and cls.current.doc.path != path:
            release(cls.current.doc.path)
        cls.current = shared
        return shared


def policy_target(doc: Document) -> Path | None:
    """Where the scenario's expert policy is saved: policies/ID_expert.yaml beside the scenario file."""
    if doc.path is None:
        return None
    return doc.path.parent / "policies" / f"{doc.get(('meta', 'id')) or doc.path.stem}_expert.yaml"


def open_policy(doc: Document) -> Document:
    """The expert policy of the scenario: the file beside it, else the shipped one (saved beside it only
    when changed), else an empty one for a new family (with any unsaved work from its side file)."""
    from sim.policy import POLICY_DIR

    target = policy_target(doc)
    sid = str(doc.get(("meta", "id")) or "nieuw_gezin")
    shipped = POLICY_DIR / f"{sid}_expert.yaml"
    if target is not None and target.exists():
        pol = Document.open(target)
    elif shipped.exists():
        pol = Document(shipped.read_text(encoding="utf-8"), target)
    else:
        pol = Document(f"policy: expert\nscenario: {sid}\nactions: []\n", target)
    side = autosave_path(target) if target is not None else None
    if side is not None and side.exists():
        pol.restore(side.read_text(encoding="utf-8"))
    return pol


def owner_gone(client_id: str) -> bool:
    """The editing tab is closed, or was never opened in a browser (fetched, not connected, for a while)."""
    from nicegui import Client

    client = Client.instances.get(client_id)
    if client is None:
        return True
    return not client.has_socket_connection and time.monotonic() - STARTED.get(client_id, 0.0) > CONNECT_S


def release(path: Path | None) -> None:
    if path is not None and not locked_by_other(path):
        lock_path(path).unlink(missing_ok=True)
