"""Checks on texts and sources: {placeholders} must be the same in nl and en; every fact's seed must
be among the scenario's sources (meta.sources), so a trainer can find where a rule comes from."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from typing import Any

from authoring.lint.base import ERROR, WARNING, Finding, LintInput

_SEED = re.compile(r"seed (00[0-4])")


def _fields(text: str) -> set[str] | None:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _texts(node: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str, str]]:
    if isinstance(node, dict):
        if isinstance(node.get("nl"), str) and isinstance(node.get("en"), str):
            yield path, node["nl"], node["en"]
        for key, value in node.items():
            yield from _texts(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, path + (i,))


def placeholders_differ(d: LintInput) -> Iterator[Finding]:
    """A text whose {placeholders} differ between nl and en shows a different thing per language."""
    for path, nl, en in _texts(d.source.data, ()):
        a, b = _fields(nl), _fields(en)
        if a is None or b is None:
            yield d.finding(ERROR, "braces_broken", path + (("nl",) if a is None else ("en",)))
        elif a != b:
            yield d.finding(ERROR, "placeholders_differ", path + ("en",),
                            nl=", ".join(sorted(a)) or "-", en=", ".join(sorted(b)) or "-")


def sources_unlisted(d: LintInput) -> Iterator[Finding]:
    """A fact (or event, intervention, expectation) citing a seed the scenario does not list in
    meta.sources: the source list is what trainers read first."""
    listed = {m.group(1) for s in d.scenario.meta.sources for m in _SEED.finditer(s)}
    for section in ("facts", "events", "interventions", "expectations"):
        for i, item in enumerate(getattr(d.scenario, section)):
            seeds = set(_SEED.findall(item.source))
            missing = sorted(seeds - listed)
            if missing:
                yield d.finding(WARNING, "source_unlisted", (section, i, "source"),
                                id=item.id, seed=", ".join(f"seed {s}" for s in missing))


RULES = (placeholders_differ, sources_unlisted)
