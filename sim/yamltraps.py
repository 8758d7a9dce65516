"""The YAML traps Dutch texts fall into, told in plain Dutch with the fix (issue 20, item 3).

A parser says "found unexpected end of stream" or "expected ',' or '}', but got '<scalar>'"; a trainer
needs to hear what happened in their own text and what to type instead. Each trap is recognised on the
line it starts on, from the raw text and the parser's own position, never guessed from far away:

- a text starting with an apostrophe (`'s Nachts`, `'t Kan`): YAML reads it as an opening single quote;
- a text starting with a double quote that goes on after the closing quote (`"Ik ben bang" zegt Anna.`);
- a colon followed by a space inside a text (`Let op: Anna huilt.`): YAML reads a new key;
- a comma inside a text in `{nl: …, en: …}`: YAML splits the text there (see sim.pydantic_errors);
- a text in single quotes with an apostrophe inside (`'Hij zegt 's avonds niets.'`): the apostrophe
  closes the text;
- a text starting with a character YAML reserves (`- `, `? `, `*`, `@`, `` ` ``, `%`, `{`, `[`, or `>`/`|`
  with the text on the same line), or a text under `>-`/`|` that is not indented further than its key.

Traps that YAML swallows without any error (`silent_traps`, reported by `lint`): a ` #` that turns the
rest of a text into a comment, and a text starting with `&word`, which YAML takes as an anchor name.
"""

from __future__ import annotations

import re

from sim.errors import Msg, msg

ELISION = re.compile(r"(?:^\s*-\s*|^\s*[\w.-]+\s*:\s+|[{,\[]\s*[\w.-]+\s*:\s+|[\[,]\s*)('(?:s|t|n|k|m)\b[^'\n]*)",
                     re.IGNORECASE | re.MULTILINE)
"""A plain value that starts with a Dutch elision: 's, 't, 'n, 'k, 'm (as in 's Nachts, 't Is)."""
QUOTE_THEN_TEXT = re.compile(r"""(?:^\s*-\s*|^\s*[\w.-]+\s*:\s+|[{,\[]\s*[\w.-]+\s*:\s+)("[^"\n]*"[ \t]*[^\s,}\]#][^\n]*)""",
                             re.MULTILINE)
"""A value that starts with a double-quoted part and goes on after the closing quote."""


NEXT_KEY = re.compile(r",\s*[\w.-]+\s*:|[}\]]")
FLOW_NEXT_KEY = re.compile(r",\s*[\w.-]+\s*:")
VALUE_START = re.compile(r"(?:^\s*-[ \t]+|^\s*(?:-[ \t]+)?[\w.-]+[ \t]*:[ \t]+|[{,][ \t]*[\w.-]+[ \t]*:[ \t]+)")
"""Where a value can start on a line: after `- `, after `key: ` in a block, or after `{key: ` / `, key: `."""
SINGLE_THEN_TEXT = re.compile(r"'(?:[^'\n]|'')*'[ \t]*[^\s,}\]#]")
"""A value in single quotes that goes on after its closing quote (an apostrophe inside closed it)."""
BLOCK_INDICATOR = re.compile(r"^[>|][-+0-9]*[ \t]+[^\s#]")
"""`>` or `|` (a text on the following lines) with the text on the same line instead."""
BLOCK_HEADER = re.compile(r"^(\s*)(?:-[ \t]+)?[\w.-]+[ \t]*:[ \t]+([>|])[-+0-9]*[ \t]*(?:#.*)?$")
"""A key whose text follows on the next lines (`nl: >-`), with its indentation."""
RESERVED_START = {"-": "yt_why_dash", "?": "yt_why_question", "*": "yt_why_star", "@": "yt_why_reserved",
                  "`": "yt_why_reserved", "%": "yt_why_reserved"}


def _excerpt(value: str, n: int) -> str:
    """The first words of a text, without what follows it in a {nl: …, en: …} line."""
    return NEXT_KEY.split(value, maxsplit=1)[0].strip()[:n]


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def elision_at(text: str, before_line: int | None = None) -> tuple[int, int, str] | None:
    """Where the first text starting with an elision ('s, 't …) is, with its first words — on or before
    `before_line` (the parser trips over it there or later)."""
    for found in ELISION.finditer(text):
        line, col = _line_col(text, found.start(1))
        if before_line is None or line <= before_line:
            return line, col, _excerpt(found.group(1), 30)
    return None


def quote_then_text_at(text: str, line_no: int) -> tuple[int, int, str] | None:
    """A value on line `line_no` that starts with a quoted part and goes on after it."""
    lines = text.split("\n")
    if not 1 <= line_no <= len(lines):
        return None
    found = QUOTE_THEN_TEXT.search(lines[line_no - 1])
    if found is None:
        return None
    return line_no, found.start(1) + 1, _excerpt(found.group(1), 40)


def _prose_before_colon(text: str, line_no: int, col: int) -> bool:
    """Is the ": " the parser stopped at inside a sentence — words with spaces after a key's own colon
    (`nl: Let op: …`) — rather than a key out of place (a wrong indent, an unclosed bracket)?"""
    lines = text.split("\n")
    if not 1 <= line_no <= len(lines):
        return False
    line = lines[line_no - 1]
    at = line.find(": ", max(0, col - 2))
    at = at if at >= 0 else col - 1
    before = line[:at]
    start = max(before.rfind(": "), before.rfind("{"), before.rfind(","))
    if start < 0:
        return False
    words = before[start + 1:].strip()
    return " " in words and not words.startswith(("[", "{"))


def _values(line: str) -> list[int]:
    """The 0-based columns where a value starts on `line`."""
    return [m.end() for m in VALUE_START.finditer(line)]


def _value_before(lines: list[str], line_no: int, col: int) -> tuple[int, str] | None:
    """The value on line `line_no` that starts at or before column `col` (1-based): its 0-based start
    and its text to the end of the line."""
    if not 1 <= line_no <= len(lines):
        return None
    line = lines[line_no - 1]
    starts = [s for s in _values(line) if s <= max(col - 1, 0)]
    if not starts:
        return None
    return starts[-1], line[starts[-1]:]


def _bracket_text(value: str) -> bool:
    """A value such as `{Deniz} heeft honger`: a bracketed word (no key, no comma) with text after it."""
    close = {"{": "}", "[": "]"}[value[0]]
    end = value.find(close)
    if end < 0:
        return False
    inside, after = value[1:end], value[end + 1:].strip()
    return bool(after) and not after.startswith(("#", ",", "}", "]")) and ":" not in inside and "," not in inside


def _start_trap(text: str, line: int, col: int) -> tuple[int, int, Msg] | None:
    """A text that starts with a character YAML reads as syntax, on the line the parser stopped at."""
    lines = text.split("\n")
    found = _value_before(lines, line, col)
    if found is None:
        return None
    start, value = found
    where = (line, start + 1)
    excerpt = _excerpt(value, 40)
    if re.match(r"'(?:s|t|n|k|m)\b", value, re.IGNORECASE):
        return None  # 's Nachts, 't Is: the elision trap says it better
    if value.startswith("'") and SINGLE_THEN_TEXT.match(value):
        closing = SINGLE_THEN_TEXT.match(value).end()
        inner = value[:closing].rstrip()
        word = inner[inner.rfind(" ", 0, len(inner) - 1) + 1:].strip() if " " in inner else inner
        body = NEXT_KEY.split(value, maxsplit=1)[0].strip()
        body = body[1:-1] if body.endswith("'") else body[1:]
        return (*where, msg("yt_single_inner", word=word, text=body[:40]))
    if value[:1] in "{[" and _bracket_text(value):
        body = FLOW_NEXT_KEY.split(value, maxsplit=1)[0].strip()
        return (*where, msg("yt_starts_with", char=value[0], why=msg("yt_why_bracket"), text=body[:40]))
    if BLOCK_INDICATOR.match(value):
        return (*where, msg("yt_block_same_line", char=value[0], text=_excerpt(value[1:].lstrip(" \t-+0123456789"), 40)))
    first = value[:1]
    if first in RESERVED_START and (first not in "-?" or value[1:2] in (" ", "\t")):
        if first == "*" and re.match(r"\*[\w.-]+[ \t]*(?:$|#|[,}\]])", value):
            return None  # a real alias to an anchor that is missing: the parser's own explanation fits
        return (*where, msg("yt_starts_with", char=first, why=msg(RESERVED_START[first]), text=excerpt))
    return None


def _unindented_block(text: str, context_line: int | None) -> tuple[int, int, Msg] | None:
    """A text under `nl: >-` (or `|`) that starts on the next line without being indented further."""
    if not context_line or context_line < 2:
        return None
    lines = text.split("\n")
    header = BLOCK_HEADER.match(lines[context_line - 2])
    body = lines[context_line - 1] if context_line <= len(lines) else ""
    if header is None or not body.strip():
        return None
    indent = len(body) - len(body.lstrip(" "))
    key_indent = len(header.group(1)) + (2 if lines[context_line - 2].lstrip().startswith("- ") else 0)
    if indent > key_indent:
        return None
    return context_line, indent + 1, msg("yt_block_not_indented", char=header.group(2), line=context_line - 1)


def _colon_msg(text: str, line: int, col: int) -> Msg:
    """The colon trap, with the key of the text and the text itself as it should be typed."""
    lines = text.split("\n")
    found = _value_before(lines, line, col)
    if found is None:
        return msg("yt_colon", key="nl", text="Let op: …")
    start, value = found
    key = re.search(r"([\w.-]+)[ \t]*:[ \t]*$", lines[line - 1][:start])
    return msg("yt_colon", key=key.group(1) if key else "nl", text=_excerpt(value, 60).replace('"', "'"))


def _hash_in_flow(text: str, first: int, last: int) -> tuple[int, int, Msg] | None:
    """A ` #` inside an unquoted text in `{nl: …, en: …}` (lines `first`..`last`): YAML made the rest of
    the line a comment, closing brace included, and trips over the next line."""
    lines = text.split("\n")
    for n in range(first, min(last, len(lines)) + 1):
        line = lines[n - 1]
        for start in TEXT_VALUE.finditer(line):
            hashtag = HASHTAG.search(line, start.end())
            if hashtag is not None and "," not in line[start.end():hashtag.start()]:
                return n, hashtag.start() + 2, msg("yt_hash_flow", text=_excerpt(line[start.end():], 50))
    return None


def trap(problem: str, context: str, line: int, col: int, context_line: int | None,
         text: str) -> tuple[int, int, Msg] | None:
    """The Dutch-text trap behind a parser problem at (line, col), if it is one of ours: its own
    position and a plain message with the fix."""
    quoted = "quoted scalar" in context
    if "could not find expected ':'" in problem:
        found = _unindented_block(text, context_line)
        if found is not None:
            return found
    if "end of stream" in problem or quoted:
        found = elision_at(text, context_line if quoted and context_line else line)
        if found is not None:
            return found[0], found[1], msg("yt_elision", start=found[2].split(" ")[0], text=found[2])
    if ("expected ',' or '}'" in problem or "expected ',' or ']'" in problem) and context_line:
        found = _hash_in_flow(text, context_line, line)
        if found is not None:
            return found
    if "expected ',' or '}'" in problem or "expected ',' or ']'" in problem or "expected <block end>" in problem:
        found = quote_then_text_at(text, line)
        if found is not None:
            return found[0], found[1], msg("yt_quote_then_text", text=found[2])
        if "but got ':'" in problem and _prose_before_colon(text, line, col):
            return line, col, _colon_msg(text, line, col)
    if "mapping values are not allowed" in problem and _prose_before_colon(text, line, col):
        return line, col, _colon_msg(text, line, col)
    if not quoted and "end of stream" not in problem:
        found = _start_trap(text, line, col)
        if found is not None:
            return found
    found = elision_at(text, line)  # an unclosed 's text closed by a later apostrophe trips the parser later on
    if found is not None:
        return found[0], found[1], msg("yt_elision", start=found[2].split(" ")[0], text=found[2])
    return None


TEXT_VALUE = re.compile(r"(?:^\s*(?:-[ \t]+)?|[{,][ \t]*)(nl|en)[ \t]*:[ \t]+(?=[^\s\"'{\[>|!*#])")
"""Where a plain (unquoted) Dutch or English text starts: after `nl: ` or `en: `."""
HASHTAG = re.compile(r"[ \t]#(?=[^\s#])")
ANCHOR_TEXT = re.compile(r"(?:^\s*(?:-[ \t]+)?|[{,][ \t]*)(?:nl|en)[ \t]*:[ \t]+&([^\s,\[\]{}]+)[ \t]+([^\s#][^\n]*)")


def _block_lines(lines: list[str]) -> set[int]:
    """The 0-based numbers of the lines that belong to a `>` or `|` text (YAML does not read syntax there)."""
    inside: set[int] = set()
    key_indent = None
    for n, line in enumerate(lines):
        indent = len(line) - len(line.lstrip(" "))
        if key_indent is not None and (not line.strip() or indent > key_indent):
            inside.add(n)
            continue
        key_indent = None
        header = BLOCK_HEADER.match(line)
        if header:
            key_indent = len(header.group(1)) + (2 if line.lstrip().startswith("- ") else 0)
    return inside


def silent_traps(text: str) -> list[tuple[int, int, Msg]]:
    """Traps YAML reads without any error but not as the trainer meant, each (line, col, message):
    a ` #word` inside an unquoted nl/en text (the rest of the line becomes a comment), and an unquoted
    nl/en text starting with `&word` that no `*word` refers to (the word becomes an anchor's name)."""
    lines = text.replace("\r\n", "\n").split("\n")
    skip = _block_lines(lines)
    found: list[tuple[int, int, Msg]] = []
    for n, line in enumerate(lines):
        if n in skip or line.lstrip().startswith("#"):
            continue
        for start in TEXT_VALUE.finditer(line):
            value = line[start.end():]
            hashtag = HASHTAG.search(value)
            if hashtag is None:
                continue
            before = value[:hashtag.start()].strip()
            if "," in before and line[:start.start() + 1].rstrip().endswith(("{", ",")):
                continue  # in {nl: …, en: …} a comma ends the text before the #: not this text's comment
            after = value[hashtag.start():].strip()
            found.append((n + 1, start.end() + hashtag.start() + 2,
                          msg("yt_hash_comment", before=before[-40:], after=after[:40])))
        anchor = ANCHOR_TEXT.search(line)
        if anchor and f"*{anchor.group(1)}" not in text:
            found.append((n + 1, anchor.start(1), msg("yt_anchor_text", name=anchor.group(1),
                                                      rest=anchor.group(2).strip()[:40])))
    return found
