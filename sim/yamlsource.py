"""Reading a trainer's YAML file safely, keeping the line and column of every key and value.

ruamel.yaml's round-trip loader remembers positions and makes duplicate keys an error. We turn the
result into plain Python data plus a map from each path (('facts', 3, 'text')) to (line, col), so
pydantic errors and our own reference checks can point at the exact place in the file.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from sim.errors import Msg, Problem, msg

MAX_NODES = 200_000
MAX_DEPTH = 60
MAX_BYTES = 2_000_000

Path_ = tuple[Any, ...]


@dataclass
class Source:
    """A parsed file: its plain data, where each path stands, and the hash of its bytes."""

    file: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    sha256: str = ""
    raw: bytes = b""
    has_positions: bool = True

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the deepest existing part of `path`.

        Paths from pydantic may hold extra parts (union tags); parts that do not exist in the data
        are skipped. With `key=True` the position of the mapping key is preferred (for 'unknown key')."""
        real: list[Any] = []
        node = self.data
        for part in path:
            if isinstance(node, dict) and part in node:
                node = node[part]
                real.append(part)
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
                real.append(part)
        t = tuple(real)
        if key and t in self.key_positions:
            return self.key_positions[t]
        while t not in self.positions and t:
            t = t[:-1]
        return self.positions.get(t, (1, 1))

    def problem(self, path: Path_, message: Msg, key: bool = False) -> Problem:
        """A Problem pointing at `path` in this file."""
        line, col = self.where(path, key=key)
        return Problem.of(self.file, line, col, message)


class _TooBig(Exception):
    pass


def _plain(node: Any, path: Path_, src: Source, depth: int, budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise _TooBig
    if isinstance(node, CommentedMap):
        out: dict[Any, Any] = {}
        for key in node:
            kline, kcol = node.lc.key(key)
            vline, vcol = node.lc.value(key)
            sub = path + (key if isinstance(key, (str, int)) else str(key),)
            src.key_positions[sub] = (kline + 1, kcol + 1)
            src.positions[sub] = (vline + 1, vcol + 1)
            out[sub[-1]] = _plain(node[key], sub, src, depth + 1, budget)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for i, item in enumerate(node):
            line, col = node.lc.item(i)
            src.positions[path + (i,)] = (line + 1, col + 1)
            items.append(_plain(item, path + (i,), src, depth + 1, budget))
        return items
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)


def _tab_problem(file: str, text: str) -> Problem | None:
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            return Problem.of(file, n, len(line) - len(stripped) + 1, msg("tab"))
    return None


def _bracket_depth_problem(file: str, text: str) -> Problem | None:
    """Flow collections nested deeper than MAX_DEPTH, found by a cheap scan before the (slow) parser
    sees them. Brackets inside quotes or comments may overcount; no real scenario comes close."""
    depth = 0
    for n, line in enumerate(text.splitlines(), 1):
        for col, ch in enumerate(line, 1):
            if ch in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem.of(file, n, col, msg("too_deep"))
            elif ch in "]}":
                depth = max(0, depth - 1)
    return None


def read_yaml(path: str | Path, display: str | None = None, positions: bool = True) -> Source:
    """Parse a YAML file into a Source, or raise YamlProblem with the problem that stopped reading.

    With `positions=False` a fast C parser is used when available (no line/column map); callers
    re-read with positions when they have something to report (see sim.loader)."""
    file = display or str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise YamlProblem(Problem.of(file, 1, 1, msg("read_error", why=exc.strerror or exc))) from None
    if not positions:
        fast = _fast_parse(raw, file)
        if fast is not None:
            return fast
    return parse_yaml_bytes(raw, file)


def _bounded(node: Any, depth: int, budget: list[int]) -> None:
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise _TooBig
    if isinstance(node, dict):
        for value in node.values():
            _bounded(value, depth + 1, budget)
    elif isinstance(node, list):
        for value in node:
            _bounded(value, depth + 1, budget)


def _fast_parse(raw: bytes, file: str) -> Source | None:
    """The C parser of ruamel.yaml.clib (same YAML 1.2 rules, ~8× faster), for files that turn out
    valid; None when it is not installed or the file has any problem (then the careful path reports it)."""
    if len(raw) > MAX_BYTES:
        return None
    try:
        text = raw.decode("utf-8")
        if _tab_problem(file, text):
            return None
        yaml = YAML(typ="safe", pure=False)
        if yaml.Parser.__module__.startswith("ruamel.yaml.parser"):
            return None  # no C extension here
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = yaml.load(text)
        _bounded(data, 0, [MAX_NODES])
    except Exception:  # any problem at all: let the positional parser find and explain it
        return None
    return Source(file=file, data=data, sha256=hashlib.sha256(raw).hexdigest(), raw=raw, has_positions=False)


class YamlProblem(Exception):
    """The file is not readable YAML; carries the one problem that stopped reading."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def parse_yaml_bytes(raw: bytes, file: str) -> Source:
    """Parse YAML bytes (size, depth and alias expansion bounded) into a Source."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(Problem.of(file, 1, 1, msg("too_large", mb=MAX_BYTES // 1_000_000)))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblem(Problem.of(file, 1, exc.start + 1, msg("not_utf8"))) from None
    tab = _tab_problem(file, text)
    if tab:
        raise YamlProblem(tab)
    deep = _bracket_depth_problem(file, text)
    if deep:
        raise YamlProblem(deep)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. a reused anchor: not our reader's concern
            doc = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = (exc.problem or "not valid YAML").strip()
        if "duplicate key" in what:
            key = what.split('"')[1] if '"' in what else "?"
            text = msg("duplicate_key", key=key)
        else:
            text = msg("bad_yaml", what=what)
        raise YamlProblem(Problem.of(file, line, col, text)) from None
    except YAMLError as exc:
        raise YamlProblem(Problem.of(file, 1, 1, msg("bad_yaml", what=exc))) from None
    except RecursionError:
        raise YamlProblem(Problem.of(file, 1, 1, msg("too_deep"))) from None
    except (TypeError, ValueError, AttributeError) as exc:  # e.g. a mapping used as a key
        raise YamlProblem(Problem.of(file, 1, 1, msg("bad_yaml", what=f"unusable structure ({exc})"))) from None
    src = Source(file=file, data=None, sha256=hashlib.sha256(raw).hexdigest(), raw=raw)
    try:
        src.data = _plain(doc, (), src, 0, [MAX_NODES])
    except (_TooBig, RecursionError):
        raise YamlProblem(Problem.of(file, 1, 1, msg("too_many_nodes"))) from None
    return src
