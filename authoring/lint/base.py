"""What every lint rule works on (the loaded scenario plus the plain YAML with positions) and what it
returns (a finding: severity, message code, parameters, place)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

from sim.model import Scenario
from sim.yamlsource import Source

WARNING, ERROR = "warning", "error"


@dataclass(frozen=True)
class Finding:
    """One lint finding: `code` names the message in lint_messages.yaml; `params` fill it."""

    severity: str
    code: str
    params: tuple[tuple[str, str], ...]
    line: int
    col: int


@dataclass
class LintInput:
    """A valid scenario together with its source (for FILE:LINE:COL)."""

    scenario: Scenario
    source: Source

    def finding(self, severity: str, code: str, path: tuple[Any, ...], key: bool = False, **params: Any) -> Finding:
        """A finding pointing at `path` in the file."""
        line, col = self.source.where(path, key=key)
        return Finding(severity, code, tuple(sorted((k, str(v)) for k, v in params.items())), line, col)

    @property
    def duration(self) -> float:
        """How long the scenario runs, in hours."""
        return self.scenario.meta.duration

    @cached_property
    def learnable(self) -> dict[str, set[str]]:
        """Per fact, the roles that can come to know it first-hand (start, events, incident,
        interventions, revealed_by). A fact with no such role can never enter play: nobody can share it."""
        sc = self.scenario
        out: dict[str, set[str]] = {f.id: set() for f in sc.facts}
        for role in sc.roles:
            for fact in role.knows_at_start:
                out.setdefault(fact, set()).add(role.id)
        for ev in sc.events:
            for fact in ev.facts:
                out.setdefault(fact, set()).update(ev.observed_by or ["*"])
        for fact in sc.incident.facts:
            out.setdefault(fact, set()).update(sc.incident.observed_by or ["*"])
        for iv in sc.interventions:
            for fact in iv.facts:
                out.setdefault(fact, set()).update(iv.tell or ["*"])
        for fact in sc.facts:
            for rev in fact.revealed_by:
                out[fact.id].update(rev.roles)
        return out


@cache
def _messages() -> dict[str, dict[str, str]]:
    text = resources.files("authoring").joinpath("data/lint_messages.yaml").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)


def render(finding: Finding, file: str, lang: str = "nl") -> str:
    """`FILE:LINE:COL: waarschuwing|fout: message` (or warning/error in English)."""
    entry = _messages()[finding.code]
    word = _messages()["_severity"][lang][finding.severity]
    text = entry[lang].format(**dict(finding.params))
    return f"{file}:{finding.line}:{finding.col}: {word}: {text}"
