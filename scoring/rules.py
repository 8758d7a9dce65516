"""The rule catalogue (scoring/rules.yaml): ids, dimensions, weights, seeds and debrief texts.

Texts live in the YAML, never in code (style.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from scoring.result import Finding

RULES_FILE = Path(__file__).with_name("rules.yaml")
RULEBOOK_DIR = Path(__file__).with_name("rulebook")
"""More rule files (scoring/rulebook/*.yaml, read in name order): each holds a `rules:` map of its own,
so that each part of the rulebook keeps its rules beside the others'. An id may be defined once."""


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "-"


@dataclass(frozen=True)
class Rule:
    """One rule: what it checks, in which dimension, how heavy, which seed it encodes."""

    id: str
    dimension: str
    weight: float
    source: str
    checks: dict[str, str]
    bad: dict[str, str]
    good: dict[str, str]
    cite: dict[str, str]
    """the public source a trainer can look up, as the seed names it (what players see)"""
    days: int | None = None
    """the rule's deadline in days (silence, bystander, stuck case), where it has one"""
    late: dict[str, str] | None = None
    """the text of a step taken after its ideal moment but before its latest (partial points)"""
    parts: dict[str, dict[str, str]] | None = None
    """named text pieces a rule fills into {extra} (e.g. which Meldcode steps were skipped)"""

    def finding(self, ok: bool, t: float, role: str | None, earned: float | None = None,
                weight: float | None = None, dimension: str | None = None, source: str | None = None,
                extra_en: str | None = None, fill_en: dict[str, Any] | None = None, texts_nl: dict[str, Any] | None = None,
                severity: str | None = None, texts: dict[str, str] | None = None, team_share: float = 1.0,
                cite: dict[str, str] | None = None, **fill: Any) -> Finding:
        """A finding of this rule: praise when `ok`, a fault otherwise; texts filled from `fill`
        (Dutch) and `fill_en` (English display names; defaults to `fill`). A fault is a violation
        (weight ≥ 2) or a warning unless `severity` says otherwise; `team_share` is the part of the
        finding that counts for the team when several owners share one missed duty."""
        w = self.weight if weight is None else weight
        fill = {**fill, **(texts_nl or {})}
        values = _Blank({k: ("-" if v is None else str(v)) for k, v in fill.items()})
        values.setdefault("role", role or "team")
        texts = texts or (self.good if ok else self.bad)
        en_values = _Blank(values)
        en_values.update({k: ("-" if v is None else str(v)) for k, v in (fill_en or {}).items()})
        if extra_en is not None:
            en_values["extra"] = extra_en
        message = {lang: _sentence(texts[lang].format_map(v)) for lang, v in (("nl", values), ("en", en_values))}
        if severity is None:
            severity = "praise" if ok else ("violation" if w >= 2 else "warning")
        return Finding(rule=self.id, dimension=dimension or self.dimension, severity=severity,
                       t=round(float(t), 2), role=role, message=message, source=source or self.source,
                       cite=dict(cite or self.cite), weight=float(w),
                       earned=float(w if ok else 0.0) if earned is None else float(earned), team_share=team_share)


@cache
def _load() -> dict[str, Any]:
    data = YAML(typ="safe").load(RULES_FILE.read_text(encoding="utf-8"))
    for path in sorted(RULEBOOK_DIR.glob("*.yaml")):
        more = YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {}
        for rid, spec in (more.get("rules") or {}).items():
            if rid in data["rules"]:
                raise ValueError(f"{path.name}: rule {rid} is defined twice")
            data["rules"][rid] = spec
        data["cites"] = list(more.get("cites") or []) + data["cites"]  # specific entries before the fallback
    return data


_DOUBLE_STOP = re.compile(r"([?!.…])\.(?=\s|$)")


def _sentence(text: str) -> str:
    """A finding begins with a capital ("De leerkracht deelde …", where {role} read "de leerkracht"), and a
    filled-in text that ends a sentence itself ("hoe gaat het thuis?") gets no second full stop."""
    text = _DOUBLE_STOP.sub(r"\1", text)
    return text[:1].upper() + text[1:]


def join_names(names: list[str], lang: str) -> str:
    """"a, b en c" / "a, b and c": names as a sentence lists them."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + {"nl": " en ", "en": " and "}[lang] + names[-1]


def load_rules() -> dict[str, Rule]:
    """Read the catalogue; the ids are the keys."""
    return {rid: Rule(id=rid, **spec) for rid, spec in _load()["rules"].items()}


RULES: dict[str, Rule] = load_rules()
CITES: list[dict[str, Any]] = _load()["cites"]
"""Seed reference (part of a `source`) -> the public source it names, first match wins (rules.yaml)."""
BASES: dict[str, dict[str, str]] = _load().get("bases", {})
"""How each basis (grondslag) reads in a finding, {basis: {nl, en}} (rules.yaml)."""


def cite_for(source: str) -> dict[str, str]:
    """The citable public source for a scenario's `source`, from the mapping in rules.yaml: the first
    entry whose `seed` text occurs in the source; an own addition as such; a trainer's own reference
    (no seed named) as it is written (issue 20, item 4)."""
    for entry in CITES:
        if entry["seed"] and entry["seed"].lower() in source.lower():
            return dict(entry["cite"])
    if "seed " not in source.lower():
        return {"nl": source, "en": source}
    return dict(CITES[-1]["cite"]) if CITES and CITES[-1]["seed"] == "" else {"nl": source, "en": source}
