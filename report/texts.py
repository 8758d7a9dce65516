"""The report's own words (nl default, en) and its discussion-question templates, read from data."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from babel import Locale
from babel.numbers import format_decimal
from ruamel.yaml import YAML


@cache
def _load(name: str) -> Any:
    text = resources.files("report").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)


def texts() -> dict[str, dict[str, str]]:
    """Every label of the report by key, each as {nl, en}."""
    return _load("texts.yaml")


def question_templates() -> list[dict[str, Any]]:
    """Discussion-question templates for the debrief, in priority order."""
    return sorted(_load("questions.yaml"), key=lambda q: q["priority"])


class Words:
    """Looks up report labels in one language: `w("day", d=3)` → "dag 3"."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, key: str, **values: Any) -> str:
        entry = texts()[key]
        return entry[self.lang].format(**values) if values else entry[self.lang]

    def label(self, prefix: str, key: str | None) -> str:
        """The label of a vocabulary item (basis, purpose, status …); the id itself when it has none yet."""
        entry = texts().get(f"{prefix}_{key}")
        return entry[self.lang] if entry else str(key or "")

    def num(self, value: float | None, digits: int = 1) -> str:
        """A number as written in this language (Babel's CLDR data): 8,5 in Dutch, 8.5 in English, at most
        `digits` decimals and no trailing zeros; — for none. The one place the report writes a fraction."""
        if value is None:
            return "—"
        pattern = "#,##0" + ("." + "#" * digits if digits else "")
        return format_decimal(round(float(value), digits), format=pattern, locale=self.lang)

    def plural(self, key: str, n: int, **values: Any) -> str:
        """A counted phrase in the right form: `w.plural("n_sessions", 1)` → "1 sessie", 3 → "3 sessies".
        The text entry holds {one, other} per language; the form comes from CLDR's plural rules."""
        entry = texts()[key][self.lang]
        form = Locale.parse(self.lang).plural_form(abs(n))
        text = entry.get(form) or entry["other"]
        return text.format(n=n, **values)

    def text(self, value: Any) -> str:
        """A bilingual text from a scenario or a record ({nl, en} dict or model) in this language."""
        if value is None:
            return ""
        if isinstance(value, dict):
            return value.get(self.lang) or value.get("nl") or ""
        return getattr(value, self.lang, None) or getattr(value, "nl", "")
