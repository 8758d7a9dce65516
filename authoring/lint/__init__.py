"""`lint`: what is valid but wrong in a scenario. Each family of checks is a module of small pure
functions taking a `LintInput` and yielding `Finding`s; messages (nl/en, with a fix) live in
authoring/data/lint_messages.yaml."""

from __future__ import annotations

from authoring.lint import (
    anonymity,
    conditions,
    incident,
    knowledge,
    texts,
    timing,
    triggers,
    yamltext,
)
from authoring.lint.base import Finding, LintInput, render

RULE_MODULES = (knowledge, timing, conditions, incident, texts, triggers,
                anonymity, yamltext)


def lint_scenario(data: LintInput) -> list[Finding]:
    """Every finding of every rule family, sorted by place in the file."""
    found: list[Finding] = []
    for module in RULE_MODULES:
        for rule in module.RULES:
            found.extend(rule(data))
    return sorted(set(found), key=lambda f: (f.line, f.col, f.code, f.params))


__all__ = ["Finding", "LintInput", "lint_scenario", "render"]
