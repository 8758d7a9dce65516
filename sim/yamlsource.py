"""Reading a trainer's YAML file safely, keeping the line and column of every key and value.

The file is read once, bounded (sim.files.read_limited: no FIFO, device or folder, at most
MAX_SCENARIO_BYTES), checked as text (UTF-8, characters YAML allows, known %YAML version, no tab
indentation, bounded nesting), composed into YAML nodes by ruamel.yaml (the C parser when it is
installed, else or on any doubt the pure-Python one) and turned into plain Python data by
sim.yamlnodes, with a map from each path (('facts', 3, 'text')) to (line, col). Every problem
becomes a Problem at FILE:LINE:COL; nothing of the parser's internals ("<unicode string>") leaks.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import Node, ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

try:
    from _ruamel_yaml import CParser
except ImportError:  # no C extension: the pure parser does all the reading
    CParser = None

from sim.errors import Msg, Problem, msg
from sim.files import MAX_SCENARIO_BYTES, FileProblem, read_limited
from sim.yamlnodes import (
    LINE_BREAK,
    MAX_DEPTH,
    MAX_NODES,
    OTHER_BREAK_CHARS,
    Builder,
    NodeProblem,
    TooBig,
)
from sim.yamltraps import trap

MAX_BYTES = MAX_SCENARIO_BYTES
__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Source", "YamlProblem", "line_col", "parse_yaml_bytes",
           "read_bytes", "read_yaml", "split_lines"]

Path_ = tuple[Any, ...]
NOT_PRINTABLE = re.compile("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
DIRECTIVE = re.compile(r"^%([^ \t\r\n]*)[ \t]*([^ \t\r\n]*)", re.MULTILINE)
TAB_INDENT = re.compile(r"(?:\A|(?<=[\r\n])) *\t")
"""A tab in a line's indentation (after its leading spaces; lines end at \\r\\n, \\r or \\n)."""
BRACKET = re.compile(r"[\[\]{}]")


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


class YamlProblem(Exception):
    """The file is not readable YAML; carries the one problem that stopped reading."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def split_lines(text: str) -> list[str]:
    """The lines of `text` as YAML 1.2 counts them (\\r\\n, \\r or \\n end a line)."""
    return LINE_BREAK.split(text)


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of the character at `index` of `text`."""
    before = text[:index]
    breaks = list(LINE_BREAK.finditer(before))
    if not breaks:
        return 1, index + 1
    return len(breaks) + 1, index - breaks[-1].end() + 1


# -- reading the bytes once ---------------------------------------------------------------------
def read_bytes(path: str | Path, display: str | None = None) -> bytes:
    """The bytes of a scenario or policy file, read once and bounded; YamlProblem at FILE:1:1 when the
    file cannot be read (missing, a folder, a FIFO or device, too large, no permission)."""
    try:
        return read_limited(path, MAX_SCENARIO_BYTES)
    except FileProblem as exc:
        raise YamlProblem(Problem.of(display or str(path), 1, 1, msg("read_error", why=Msg(en=exc.en, nl=exc.nl)))) \
            from None


def read_yaml(path: str | Path, display: str | None = None, positions: bool = True) -> Source:
    """Read and parse a YAML file into a Source, or raise YamlProblem with the problem that stopped
    reading. (`positions` is kept for callers; positions are always recorded now, at C-parser speed.)"""
    file = display or str(path)
    return parse_yaml_bytes(read_bytes(path, file), file)


# -- checks on the text before parsing ----------------------------------------------------------
def _decode(raw: bytes, file: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[:exc.start].decode("utf-8", errors="replace")
        line, col = line_col(prefix + "?", len(prefix))
        raise YamlProblem(Problem.of(file, line, col, msg("not_utf8"))) from None
    return text[1:] if text.startswith("\ufeff") else text


def _may_have_directive(text: str) -> bool:
    """Whether a line may start with `%` (a quick test; DIRECTIVE's `^` is the start or after \\n)."""
    return text.startswith("%") or "\n%" in text


def _text_problem(file: str, text: str) -> tuple[Problem | None, bool]:
    """The first problem a parser would trip over in its own words (or worse), and whether the file
    asks for YAML 1.1."""
    bad = NOT_PRINTABLE.search(text)
    if bad:
        line, col = line_col(text, bad.start())
        return Problem.of(file, line, col, msg("control_char", code=f"U+{ord(bad.group()):04X}")), False
    yaml11 = False
    for found in DIRECTIVE.finditer(text) if _may_have_directive(text) else ():
        if found.group(1) == "YAML":
            version = found.group(2)
            if version not in ("1.1", "1.2"):
                line, col = line_col(text, found.start(2) if version else found.start())
                return Problem.of(file, line, col, msg("yaml_version", version=version or "?")), False
            yaml11 = yaml11 or version == "1.1"
    tab = TAB_INDENT.search(text) if "\t" in text else None
    if tab:
        line, _ = line_col(text, tab.start())
        return Problem.of(file, line, tab.end() - tab.start(), msg("tab")), yaml11
    depth = 0
    for found in BRACKET.finditer(text):  # only the brackets matter: the text between them is skipped in C
        if found.group() in "[{":
            depth += 1
            if depth > MAX_DEPTH:  # brackets in quotes may overcount; no real scenario comes close
                line, col = line_col(text, found.start())
                return Problem.of(file, line, col, msg("too_deep")), yaml11
        else:
            depth = max(0, depth - 1)
    return None, yaml11


# -- parsing ------------------------------------------------------------------------------------
_YAML_PHRASES = (
    ("mapping values are not allowed", "yp_colon"),
    ("could not find expected ':'", "yp_no_colon"),
    ("found undefined alias", "yp_alias"),
    ("found unexpected end of stream", "yp_end"),
    ("found unknown escape character", "yp_escape"),
    ("found character that cannot start any token", "yp_token"),
    ("that cannot start any token", "yp_token"),
    ("expected <block end>", "yp_indent"),
    ("did not find expected key", "yp_indent"),
    ("did not find expected '-' indicator", "yp_indent"),
    ("expected ',' or ']'", "yp_flow"),
    ("expected ',' or '}'", "yp_flow"),
    ("found duplicate anchor", "yp_anchor"),
    ("found duplicate", "yp_directive"),
    ("found incompatible YAML document", "yaml_version"),
)


def _say(what: str) -> Msg:
    """A parser's English problem as a bilingual message (a known phrase explained, else quoted)."""
    for phrase, code in _YAML_PHRASES:
        if phrase in what:
            # the parser's own English words only in English; Dutch says it in Dutch alone
            return msg("bad_yaml_known", said=Msg(en=f"{what} — ", nl=""), what=msg(code, version="?"))
    return msg("bad_yaml", what=what)


class _Yaml12Resolver(VersionedResolver):
    """The implicit tags of plain scalars (int, float, bool, null, timestamp …) exactly as ruamel.yaml's
    VersionedResolver gives them for YAML 1.2, with its table looked up once instead of at every scalar.
    Only for the C parser, which never honours a %YAML directive (files with directives go to the pure
    parser), so the version there is always 1.2. One Tag per tag name, shared by the nodes of one file."""

    def __init__(self, loadumper: Any) -> None:
        super().__init__(version=(1, 2), loadumper=loadumper)
        self._table: dict[Any, list[tuple[str, Any]]] = self.versioned_resolver
        self._tags: dict[str, Tag] = {}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """The tag of a node: a plain scalar's from the first pattern it matches, else the default."""
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self._table.get(value[:1], ()):
                    if regexp.match(value):
                        found = self._tags.get(tag)
                        if found is None:
                            found = self._tags[tag] = Tag(suffix=tag)
                        return found
            if not self.yaml_path_resolvers:
                return self.DEFAULT_SCALAR_TAG
            implicit = (False, implicit[1])
        return super().resolve(kind, value, implicit)


if CParser is not None:
    class _CComposer(CParser, _Yaml12Resolver):
        """ruamel.yaml's C reader, scanner, parser and composer with the resolver above: YAML nodes at C
        speed, without a YAML() object (which looks for plug-ins on disk each time it is made)."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            _Yaml12Resolver.__init__(self, loadumper=self)


def _compose(text: str, pure: bool) -> list[Node]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. a reused anchor or unknown directive: not our concern
        if pure or CParser is None:
            return list(YAML(typ="safe", pure=True).compose_all(text))
        composer = _CComposer(text)
        try:
            docs = []
            while composer.check_node():
                docs.append(composer.get_node())
            return docs
        finally:
            composer.dispose()


def _parse_problem(exc: Exception, file: str, text: str) -> Problem:
    if isinstance(exc, MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = (exc.problem or exc.context or "not valid YAML").strip()
        context_line = exc.context_mark.line + 1 if exc.context_mark else None
        found = trap(exc.problem or "", exc.context or "", line, col, context_line, text)
        if found is not None:  # a Dutch-text trap: its own line and a plain fix (sim.yamltraps)
            return Problem.of(file, found[0], found[1], found[2])
        return Problem.of(file, line, col, _say(what))
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        line, col = line_col(text, min(position, len(text)))
    else:
        line, col = 1, 1
    if isinstance(exc, RecursionError):
        return Problem.of(file, line, col, msg("too_deep"))
    what = str(getattr(exc, "reason", "") or "not valid YAML").split("\n")[0]
    return Problem.of(file, line, col, _say(what))


def _nodes(text: str, file: str, directives: bool) -> list[Node]:
    """The documents of `text`: the C parser first (fast), the pure parser to confirm any problem
    (its messages are the clearer ones) or when the file has directives (it honours %YAML 1.1)."""
    if not directives:
        try:
            return _compose(text, pure=False)
        except Exception:  # noqa: BLE001 — any doubt: let the pure parser decide and explain
            pass
    try:
        return _compose(text, pure=True)
    except (YAMLError, RecursionError, AssertionError, ValueError, TypeError, AttributeError, IndexError,
            KeyError) as exc:
        raise YamlProblem(_parse_problem(exc, file, text)) from None


def parse_yaml_bytes(raw: bytes, file: str) -> Source:
    """Parse YAML bytes (size, characters, depth and alias expansion bounded) into a Source."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem(Problem.of(file, 1, 1, msg("too_large", mb=MAX_BYTES // 1_000_000)))
    text = _decode(raw, file)
    problem, yaml11 = _text_problem(file, text)
    if problem:
        raise YamlProblem(problem)
    pure = (_may_have_directive(text) and DIRECTIVE.search(text) is not None) or \
        any(brk in text for brk in OTHER_BREAK_CHARS)
    docs = [d for d in _nodes(text, file, directives=pure)
            if not (isinstance(d, ScalarNode) and d.tag.endswith(":null") and d.value == "")]
    if len(docs) > 1:
        mark = docs[1].start_mark
        raise YamlProblem(Problem.of(file, mark.line + 1, mark.column + 1, msg("yaml_many_documents")))
    src = Source(file=file, data=None, sha256=hashlib.sha256(raw).hexdigest(), raw=raw)
    builder = Builder(text, yaml11, src.positions, src.key_positions, MAX_NODES)
    try:
        src.data = builder.build(docs[0] if docs else None)
    except NodeProblem as exc:
        raise YamlProblem(Problem.of(file, exc.where[0], exc.where[1], exc.message)) from None
    except (TooBig, RecursionError):
        raise YamlProblem(Problem.of(file, 1, 1, msg("too_many_nodes"))) from None
    return src
