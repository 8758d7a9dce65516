"""Dutch-text traps YAML reads without complaint but not as the trainer meant (sim.yamltraps.silent_traps):
a ` #word` that turns the rest of a text into a comment, a text starting with `&word` that becomes an
anchor's name. `validate` cannot see them — the file is valid YAML — so `lint` says where they are."""

from __future__ import annotations

from collections.abc import Iterator

from authoring.lint.base import WARNING, Finding, LintInput
from sim.yamltraps import silent_traps


def swallowed_text(d: LintInput) -> Iterator[Finding]:
    """Each place where YAML silently dropped part of a text, with what was lost and the fix."""
    raw = d.source.raw.decode("utf-8", errors="replace").lstrip("\ufeff")
    for line, col, text in silent_traps(raw):
        yield Finding(WARNING, "yaml_swallowed", (("en", text.en), ("nl", text.nl)), line, col)


RULES = (swallowed_text,)
