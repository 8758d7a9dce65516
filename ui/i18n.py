"""All user-facing strings of the window, from ui/assets/i18n/<lang>.json keyed by id (Dutch by default).

pygame_gui ships no Dutch translation; every label the window shows comes from these files instead."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from ui.assets import ASSETS

LANGS = ("nl", "en")


@lru_cache(maxsize=None)
def strings(lang: str) -> dict[str, Any]:
    """The string table of one language."""
    with open(ASSETS / "i18n" / f"{lang}.json", encoding="utf-8") as fh:
        return json.load(fh)


class Tr:
    """A translator bound to one language: `tr("desk.next_day")`, `tr("x.y", n=3)`, `tr.text(text_dict)`."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LANGS else "nl"
        self.table = strings(self.lang)

    def __call__(self, key: str, **params: Any) -> str:
        """The string for `key`, with `{name}` placeholders filled in."""
        value = self.table[key]
        return value.format(**params) if params else value

    def has(self, key: str) -> bool:
        """Is there a string for `key` (e.g. a label for an option value)?"""
        return key in self.table

    def opt(self, key: str, fallback: str) -> str:
        """The string for `key`, or `fallback` when the table has none."""
        return self.table.get(key, fallback)

    def text(self, value: Any) -> str:
        """A bilingual engine text ({"nl":…, "en":…}) in this language."""
        if isinstance(value, dict):
            return str(value.get(self.lang) or value.get("nl") or "")
        if hasattr(value, "get") and hasattr(value, "nl"):
            return value.get(self.lang)
        return "" if value is None else str(value)

    def moment(self, meta: Any, hours: float) -> str:
        """A simulated moment as a calendar date and time, 'ma 7 sep 2026, 08:30': the scenario's
        `meta.moment(hours)` (start date and start of the working day + hours)."""
        when = meta.moment(hours)
        day = self.table["date.weekdays"][when.weekday()]
        month = self.table["date.months"][when.month - 1]
        return f"{day} {when.day} {month} {when.year}, {when:%H:%M}"

    def date(self, meta: Any, hours: float) -> str:
        """A simulated moment as a short date, '1 okt' (for "informed on …")."""
        when = meta.moment(hours)
        return f"{when.day} {self.table['date.months'][when.month - 1]}"

    def per_minute(self, days: float) -> str:
        """A group game's speed: '1 dag per minuut', '0,5 dag per minuut', '3 dagen per minuut'."""
        if days <= 0:
            return self("speed.zero")
        n = f"{days:g}".replace(".", "," if self.lang == "nl" else ".")
        return self("speed.one" if days <= 1 else "speed.many", n=n)

    def span(self, hours: float) -> str:
        """A duration in days or weeks for the start screen ('10 weken')."""
        if hours % 168 == 0:
            return self("unit.weeks", n=int(hours // 168))
        return self("unit.days", n=round(hours / 24, 1))
