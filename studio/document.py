"""One scenario file opened in the studio: the ruamel round-trip tree (comments and key order kept),
edits by path, undo/redo, an autosave side file and an atomic save that refuses to overwrite a file
changed on disk by someone else (issue 21: "files stay the truth")."""

from __future__ import annotations

import hashlib
import io
import time
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sim.files import atomic_writer

Path_ = tuple[Any, ...]
COALESCE_S = 2.0  # edits of one field closer together than this are one undo step


def yaml_rt() -> YAML:
    """The round-trip YAML settings under which the shipped scenarios load and dump byte-identically."""
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.brace_single_entry_mapping_in_flow_sequence = True
    return y


def flow(value: Any) -> Any:
    """Plain lists/dicts as flow-style ruamel nodes (`[a, b]`, `{nl: …, en: …}`): one line in the file."""
    if isinstance(value, dict):
        m = CommentedMap((k, flow(v)) for k, v in value.items())
        m.fa.set_flow_style()
        return m
    if isinstance(value, list):
        s = CommentedSeq(flow(v) for v in value)
        s.fa.set_flow_style()
        return s
    return value


def autosave_path(path: Path) -> Path:
    """`.FILE.studio-autosave.yaml` beside FILE: the studio's copy of unsaved work."""
    return path.with_name(f".{path.stem}.studio-autosave.yaml")


class StaleFile(Exception):
    """The file on disk changed since the studio read it; saving would lose the other change."""


class Document:
    """A scenario being edited. `text` is what saving writes; `data` the round-trip tree behind it."""

    def __init__(self, text: str, path: Path | None = None):
        self.path = path
        self.original = text
        self.disk_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        self.history: list[str] = [text]
        self.pos = 0
        self.data = yaml_rt().load(text) if text.strip() else CommentedMap()
        self.version = 0  # bumped on every change, so pages know when to redraw
        self._last: tuple[Any, int] | None = None
        self._last_at = 0.0

    @classmethod
    def open(cls, path: str | Path) -> "Document":
        """Read FILE (UTF-8) as it is on disk."""
        p = Path(path)
        return cls(p.read_text(encoding="utf-8"), p)

    # -- reading -----------------------------------------------------------------------------
    @property
    def text(self) -> str:
        """The YAML text of the document now (unchanged documents give back the file's own bytes)."""
        return self.history[self.pos]

    def get(self, path: Path_, default: Any = None) -> Any:
        node = self.data
        for part in path:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                return default
        return node

    @property
    def dirty(self) -> bool:
        return self.text != self.original

    # -- changing ----------------------------------------------------------------------------
    def _commit(self, path: Path_ | None = None) -> None:
        buf = io.StringIO()
        yaml_rt().dump(self.data, buf)
        new = buf.getvalue()
        if new == self.text:
            return
        del self.history[self.pos + 1:]
        now = time.monotonic()
        if path is not None and self._last == (path, self.pos) and now - self._last_at < COALESCE_S and self.pos > 0:
            self.history.pop()  # typing on in one field: one undo step, not one a keystroke
            self.pos -= 1
        self._last, self._last_at = (path, self.pos + 1), now
        self.history.append(new)
        self.pos += 1
        self.version += 1

    def set(self, path: Path_, value: Any) -> None:
        """Set the value at `path` (missing mappings on the way are made). A list replaces the items of
        an existing list in place, so its style (`[a, b]` or one item a line) stays; None removes the key."""
        parent = self.data
        for depth, part in enumerate(path[:-1]):
            if isinstance(parent, dict) and part not in parent:
                parent[part] = CommentedMap() if depth == 0 else flow({})
            parent = parent[part]
        key = path[-1]
        old = parent.get(key) if isinstance(parent, dict) else parent[key]
        if value is None:
            if isinstance(parent, dict) and key in parent:
                del parent[key]
        elif isinstance(value, list) and isinstance(old, list):
            old[:] = [flow(v) for v in value]
        elif isinstance(value, dict) and isinstance(old, dict) and not isinstance(value, CommentedMap):
            for k in [k for k in old if k not in value]:
                del old[k]
            for k, v in value.items():
                if old.get(k) != v:
                    old[k] = flow(v)
        else:
            parent[key] = flow(value) if isinstance(value, (list, dict)) and not isinstance(
                value, (CommentedMap, CommentedSeq)) else value
        self._commit(tuple(path))

    def append(self, path: Path_, item: dict[str, Any]) -> int:
        """Add an item (one line a key) to the list at `path`; returns its index."""
        seq = self.get(path)
        if not isinstance(seq, list):
            seq = CommentedSeq()
            parent = self.get(path[:-1])
            parent[path[-1]] = seq
        if not seq:
            seq.fa.set_block_style()  # `persons: []` becomes one item a block once it has items
        block = CommentedMap((k, flow(v)) for k, v in item.items())
        seq.append(block)
        self._commit()
        return len(seq) - 1

    def remove(self, path: Path_) -> None:
        """Delete the list item or key at `path`."""
        parent = self.get(path[:-1])
        del parent[path[-1]]
        self._commit()

    def _reload(self) -> None:
        self._last = None
        self.data = yaml_rt().load(self.text) if self.text.strip() else CommentedMap()
        self.version += 1

    def undo(self) -> bool:
        if self.pos == 0:
            return False
        self.pos -= 1
        self._reload()
        return True

    def redo(self) -> bool:
        if self.pos + 1 >= len(self.history):
            return False
        self.pos += 1
        self._reload()
        return True

    def restore(self, text: str) -> None:
        """Take up unsaved work (the autosave side file) as one change on top of the file: undo goes back
        to the file as it is on disk."""
        if text == self.text:
            return
        del self.history[self.pos + 1:]
        self.history.append(text)
        self.pos += 1
        self._reload()

    # -- files -------------------------------------------------------------------------------
    def autosave(self) -> Path | None:
        """Write the work so far to the side file (atomically); the scenario file itself is untouched."""
        if self.path is None:
            return None
        side = autosave_path(self.path)
        with atomic_writer(side) as fh:
            fh.write(self.text)
        return side

    def save(self, path: Path | None = None) -> Path:
        """Write the scenario atomically. Refuses (StaleFile) when FILE changed on disk since it was read,
        so a hand edit or a second studio is never overwritten; removes the autosave side file."""
        target = Path(path or self.path)
        if target == self.path and target.exists():
            now = hashlib.sha256(target.read_bytes()).hexdigest()
            if now != self.disk_sha:
                raise StaleFile(str(target))
        with atomic_writer(target) as fh:
            fh.write(self.text)
        self.path = target
        self.original = self.text
        self.disk_sha = hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        side = autosave_path(target)
        if side.exists():
            side.unlink()
        return target


def new_text(data: dict[str, Any]) -> str:
    """YAML text of a new scenario: the parts and their fields one a line, values (texts, lists) in flow
    style as in the shipped families."""
    top = CommentedMap()
    for key, value in data.items():
        if isinstance(value, dict):
            top[key] = CommentedMap((k, flow(v)) for k, v in value.items())
        else:
            top[key] = flow(value)
    buf = io.StringIO()
    yaml_rt().dump(top, buf)
    return buf.getvalue()
