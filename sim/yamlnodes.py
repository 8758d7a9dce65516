"""From a composed YAML node graph to plain Python data, keeping the line and column of every key and value.

We build the data ourselves instead of letting a YAML constructor do it, so every YAML feature either
works or is refused at its own line and column: merge keys (`<<: *base`), `!!omap`, `!!set` and
`!!pairs` become plain mappings and lists; explicit `!!str`/`!!int`/`!!float`/`!!bool`/`!!null` tags
convert (or say why not); timestamps stay text (pydantic reads dates); `!!binary` and unknown tags are
refused; aliases are expanded within a node budget and an anchor that contains itself is refused;
escaped surrogate pairs ("\\ud83d\\ude00") are joined and a lone surrogate is refused.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sim.errors import Msg, msg

T = "tag:yaml.org,2002:"
_STR = T + "str"
MAX_NODES = 200_000
MAX_DEPTH = 60

Where = tuple[int, int]
LINE_BREAK = re.compile(r"\r\n|[\r\n]")
"""Line breaks as YAML 1.2 and the pure-Python parser count them (NEL, LS and PS are not breaks)."""
OTHER_BREAK_CHARS = ("\x85", "\u2028", "\u2029")
"""Characters the C parser counts as line breaks (so files holding them go to the pure parser)."""


class NodeProblem(Exception):
    """A node that cannot become plain data: the message and where (line, col, 1-based)."""

    def __init__(self, where: Where, message: Msg):
        self.where = where
        self.message = message
        super().__init__(message.en)


class TooBig(Exception):
    """The data expands beyond MAX_NODES values or MAX_DEPTH levels."""


def mark_of(node: Node) -> Where:
    """(line, col), 1-based, where a node starts."""
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(T):] if tag.startswith(T) else tag


_BOOL_TRUE = {"true", "yes", "y", "on"}
_BOOL_FALSE = {"false", "no", "n", "off"}


def _bool(text: str) -> bool:
    low = text.lower()
    if low not in _BOOL_TRUE | _BOOL_FALSE:
        raise ValueError(text)
    return low in _BOOL_TRUE
_INT_11_OCTAL = re.compile(r"^0[0-7_]+$")


def _int(text: str, yaml11: bool) -> int:
    s = text.replace("_", "")
    sign = -1 if s[:1] == "-" else 1
    s = s[1:] if s[:1] in "+-" else s
    low = s.lower()
    if low.startswith("0b"):
        return sign * int(s[2:], 2)
    if low.startswith("0x"):
        return sign * int(s[2:], 16)
    if low.startswith("0o"):
        return sign * int(s[2:], 8)
    if yaml11 and ":" in s:
        value = 0
        for part in s.split(":"):
            value = value * 60 + int(part)
        return sign * value
    if yaml11 and _INT_11_OCTAL.match(s):
        return sign * int(s, 8)
    return sign * int(s)


def _float(text: str, yaml11: bool) -> float:
    s = text.replace("_", "").lower()
    sign = -1.0 if s[:1] == "-" else 1.0
    s = s[1:] if s[:1] in "+-" else s
    if s in (".inf", "inf"):
        return sign * float("inf")
    if s in (".nan", "nan"):
        return float("nan")
    if yaml11 and ":" in s:
        value = 0.0
        for part in s.split(":"):
            value = value * 60 + float(part)
        return sign * value
    return sign * float(s)


def _text(node: ScalarNode, source_text: str) -> str:
    """The scalar's text; escaped surrogate pairs are joined, a lone surrogate is refused where it is."""
    value = node.value
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        joined = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        joined.encode("utf-8")
        return joined
    except UnicodeError:
        pass
    where = mark_of(node)
    start, end = getattr(node.start_mark, "index", None), getattr(node.end_mark, "index", None)
    if isinstance(start, int) and isinstance(end, int):
        found = re.search(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\U0000[dD][89a-fA-F][0-9a-fA-F]{2}",
                          source_text[start:end])
        if found:
            line, col = where
            before = source_text[start:start + found.start()]
            breaks = list(LINE_BREAK.finditer(before))
            if breaks:
                where = (line + len(breaks), len(before) - breaks[-1].end() + 1)
            else:
                where = (line, col + found.start())
    raise NodeProblem(where, msg("lone_surrogate"))


class Builder:
    """Turns one document's node graph into plain data, filling `positions` and `key_positions`."""

    def __init__(self, source_text: str, yaml11: bool, positions: dict, key_positions: dict,
                 max_nodes: int = MAX_NODES):
        self.text = source_text
        self.yaml11 = yaml11
        self.positions = positions
        self.key_positions = key_positions
        self.budget = max_nodes
        self.active: set[int] = set()

    def build(self, node: Node | None) -> Any:
        """The plain data of the document rooted at `node` (None for an empty document)."""
        if node is None:
            return None
        return self._node(node, (), 0)

    def _node(self, node: Node, path: tuple, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0 or depth > MAX_DEPTH:
            raise TooBig
        if isinstance(node, ScalarNode):  # a scalar contains nothing, so it is never in a cycle
            return self._scalar(node)
        if id(node) in self.active:
            raise NodeProblem(mark_of(node), msg("alias_cycle"))
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return self._sequence(node, path, depth)
            return self._mapping(node, path, depth)
        finally:
            self.active.discard(id(node))

    # -- scalars ------------------------------------------------------------------------------
    def _scalar(self, node: ScalarNode) -> Any:
        tag = node.tag or _STR
        if tag == _STR:  # most values: plain text (ASCII text holds no lone surrogate)
            value = node.value
            return value if value.isascii() else _text(node, self.text)
        if tag.startswith(T):
            kind = tag[len(T):]
            convert: Callable[[str], Any] | None = _SCALARS.get(kind)
            if kind == "binary":
                raise NodeProblem(mark_of(node), msg("yaml_binary"))
            if convert is not None:
                text = _text(node, self.text)
                try:
                    return convert(text) if kind not in ("int", "float") else \
                        (_int if kind == "int" else _float)(text, self.yaml11)
                except (ValueError, IndexError):
                    if kind in ("int", "float") and len(text) > 100:
                        raise NodeProblem(mark_of(node), msg("yaml_number_too_long", digits=len(text))) from None
                    raise NodeProblem(mark_of(node), msg("yaml_bad_scalar", tag=_short_tag(tag), got=text[:40])) \
                        from None
            if kind in ("map", "omap", "set", "pairs", "seq") and node.value == "":
                return {} if kind in ("map", "omap") else []
        if tag == "!":  # the non-specific tag: a plain string
            return _text(node, self.text)
        raise NodeProblem(mark_of(node), msg("yaml_unknown_tag", tag=_short_tag(tag)))

    # -- sequences ----------------------------------------------------------------------------
    def _sequence(self, node: SequenceNode, path: tuple, depth: int) -> Any:
        tag = node.tag or T + "seq"
        if tag == T + "omap":
            return self._omap(node, path, depth)
        if tag not in (T + "seq", T + "pairs", "!"):
            raise NodeProblem(mark_of(node), msg("yaml_tag_shape", tag=_short_tag(tag), shape=msg("shape_list")))
        items = []
        for i, item in enumerate(node.value):
            self.positions[path + (i,)] = mark_of(item)
            items.append(self._node(item, path + (i,), depth + 1))
        return items

    def _omap(self, node: SequenceNode, path: tuple, depth: int) -> dict:
        """`!!omap`: a list of one-key mappings read as one ordered mapping."""
        pairs: list[tuple[Node, Node]] = []
        for item in node.value:
            if not isinstance(item, MappingNode) or len(item.value) != 1:
                raise NodeProblem(mark_of(item), msg("yaml_omap_item"))
            pairs.append(item.value[0])
        return self._entries(pairs, path, depth, merges=[])

    # -- mappings -----------------------------------------------------------------------------
    def _mapping(self, node: MappingNode, path: tuple, depth: int) -> Any:
        tag = node.tag or T + "map"
        if tag == T + "set":
            keys = []
            for i, (k, v) in enumerate(node.value):
                self.positions[path + (i,)] = mark_of(k)
                keys.append(self._node(k, path + (i,), depth + 1))
            return keys
        if tag not in (T + "map", T + "omap", "!"):
            raise NodeProblem(mark_of(node), msg("yaml_tag_shape", tag=_short_tag(tag), shape=msg("shape_mapping")))
        own, merges = [], []
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.tag == T + "merge":
                merges.append((key, value))
            else:
                own.append((key, value))
        return self._entries(own, path, depth, merges)

    def _merged_pairs(self, merges: list[tuple[Node, Node]]) -> list[tuple[Node, Node]]:
        """The entries brought in by `<<:` values (a mapping or a list of mappings; earlier ones win).
        A problem is reported at the `<<` itself (an alias's target may be far away)."""
        out: list[tuple[Node, Node]] = []
        for key, value in merges:
            sources = value.value if isinstance(value, SequenceNode) else [value]
            for src in sources:
                if not isinstance(src, MappingNode) or src.tag not in (T + "map", T + "omap", "!"):
                    raise NodeProblem(mark_of(key), msg("yaml_merge_shape"))
                if id(src) in self.active:
                    raise NodeProblem(mark_of(key), msg("alias_cycle"))
                self.active.add(id(src))
                try:
                    own = [(k, v) for k, v in src.value if not (isinstance(k, ScalarNode) and k.tag == T + "merge")]
                    nested = [(k, v) for k, v in src.value if isinstance(k, ScalarNode) and k.tag == T + "merge"]
                    out += own + self._merged_pairs(nested)
                finally:
                    self.active.discard(id(src))
        return out

    def _entries(self, own: list[tuple[Node, Node]], path: tuple, depth: int,
                 merges: list[tuple[Node, Node]]) -> dict:
        out: dict[Any, Any] = {}
        explicit: set[Any] = set()
        for key_node, value_node in own:
            key = self._key(key_node)
            if key in explicit:
                raise NodeProblem(mark_of(key_node), msg("duplicate_key", key=key))
            explicit.add(key)
            self._put(out, path, key, key_node, value_node, depth)
        for key_node, value_node in self._merged_pairs(merges):
            key = self._key(key_node)
            if key not in out:
                self._put(out, path, key, key_node, value_node, depth)
        return out

    def _put(self, out: dict, path: tuple, key: Any, key_node: Node, value_node: Node, depth: int) -> None:
        sub = path + (key,)
        self.key_positions[sub] = mark_of(key_node)
        self.positions[sub] = mark_of(value_node)
        out[key] = self._node(value_node, sub, depth + 1)

    def _key(self, node: Node) -> str | int:
        """A mapping key as str or int; other scalars keep their text as written (`yes`, `~`)."""
        if not isinstance(node, ScalarNode):
            raise NodeProblem(mark_of(node), msg("yaml_complex_key"))
        self.budget -= 1
        value = self._scalar(node)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return _text(node, self.text)
        return value


_SCALARS: dict[str, Callable[[str], Any]] = {
    "str": lambda s: s,
    "null": lambda s: None,
    "bool": _bool,
    "int": int,      # replaced by _int (needs the YAML version)
    "float": float,  # replaced by _float
    "timestamp": lambda s: s,  # dates stay text: the model parses them and says where they are wrong
    "merge": lambda s: s,      # `<<` outside a key is just text
    "value": lambda s: s,
}
