"""The report's own words (nl default, en) and its discussion-question templates, read from data."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

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
        """A number as written in this language: 1,5 in Dutch, 1.5 in English; — for none."""
        if value is None:
            return "—"
        text = f"{round(float(value), digits):g}"
        return text.replace(".", ",") if self.lang == "nl" else text

    def text(self, value: Any) -> str:
        """A bilingual text from a scenario or a record ({nl, en} dict or model) in this language."""
        if value is None:
            return ""
        if isinstance(value, dict):
            return value.get(self.lang) or value.get("nl") or ""
        return getattr(value, self.lang, None) or getattr(value, "nl", "")
