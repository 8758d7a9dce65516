"""The YAML traps Dutch texts fall into, told in plain Dutch with the fix (issue 20, item 3).

A parser says "found unexpected end of stream" or "expected ',' or '}', but got '<scalar>'"; a trainer
needs to hear what happened in their own text and what to type instead. Each trap is recognised on the
line it starts on, from the raw text and the parser's own position, never guessed from far away:

- a text starting with an apostrophe (`'s Nachts`, `'t Kan`): YAML reads it as an opening single quote;
- a text starting with a double quote that goes on after the closing quote (`"Ik ben bang" zegt Anna.`);
- a colon followed by a space inside a text (`Let op: Anna huilt.`): YAML reads a new key;
- a comma inside a text in `{nl: …, en: …}`: YAML splits the text there (see sim.pydantic_errors).
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


def trap(problem: str, context: str, line: int, col: int, context_line: int | None,
         text: str) -> tuple[int, int, Msg] | None:
    """The Dutch-text trap behind a parser problem at (line, col), if it is one of ours: its own
    position and a plain message with the fix."""
    quoted = "quoted scalar" in context
    if "end of stream" in problem or quoted:
        found = elision_at(text, context_line if quoted and context_line else line)
        if found is not None:
            return found[0], found[1], msg("yt_elision", start=found[2].split(" ")[0], text=found[2])
    if "expected ',' or '}'" in problem or "expected ',' or ']'" in problem or "expected <block end>" in problem:
        found = quote_then_text_at(text, line)
        if found is not None:
            return found[0], found[1], msg("yt_quote_then_text", text=found[2])
        if "but got ':'" in problem and _prose_before_colon(text, line, col):
            return line, col, msg("yt_colon")
    if "mapping values are not allowed" in problem and _prose_before_colon(text, line, col):
        return line, col, msg("yt_colon")
    found = elision_at(text, line)  # an unclosed 's text closed by a later apostrophe trips the parser later on
    if found is not None:
        return found[0], found[1], msg("yt_elision", start=found[2].split(" ")[0], text=found[2])
    return None
