"""The rule catalogue (scoring/rules.yaml): ids, dimensions, weights, seeds and debrief texts.

Texts live in the YAML, never in code (style.md)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from scoring.result import Finding

RULES_FILE = Path(__file__).with_name("rules.yaml")


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
    days: int | None = None
    """the rule's deadline in days (silence, bystander, stuck case), where it has one"""

    def finding(self, ok: bool, t: float, role: str | None, earned: float | None = None,
                weight: float | None = None, dimension: str | None = None, source: str | None = None,
                extra_en: str | None = None, fill_en: dict[str, Any] | None = None, texts_nl: dict[str, Any] | None = None,
                **fill: Any) -> Finding:
        """A finding of this rule: praise when `ok`, a fault otherwise; texts filled from `fill`
        (Dutch) and `fill_en` (English display names; defaults to `fill`)."""
        w = self.weight if weight is None else weight
        fill = {**fill, **(texts_nl or {})}
        values = _Blank({k: ("-" if v is None else str(v)) for k, v in fill.items()})
        values.setdefault("role", role or "team")
        texts = self.good if ok else self.bad
        en_values = _Blank(values)
        en_values.update({k: ("-" if v is None else str(v)) for k, v in (fill_en or {}).items()})
        if extra_en is not None:
            en_values["extra"] = extra_en
        message = {"nl": texts["nl"].format_map(values), "en": texts["en"].format_map(en_values)}
        return Finding(rule=self.id, dimension=dimension or self.dimension,
                       severity="praise" if ok else ("violation" if w >= 2 else "warning"),
                       t=round(float(t), 2), role=role, message=message, source=source or self.source,
                       weight=float(w), earned=float(w if ok else 0.0) if earned is None else float(earned))


def load_rules() -> dict[str, Rule]:
    """Read the catalogue; the ids are the keys."""
    data = YAML(typ="safe").load(RULES_FILE.read_text(encoding="utf-8"))
    return {rid: Rule(id=rid, **spec) for rid, spec in data["rules"].items()}


RULES: dict[str, Rule] = load_rules()
