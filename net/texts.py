"""The server's messages to people (Dutch and English), kept as data in net/data/texts.json."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

TEXTS = Path(__file__).resolve().parent / "data" / "texts.json"


@lru_cache(maxsize=1)
def _texts() -> dict[str, dict[str, str]]:
    return json.loads(TEXTS.read_text(encoding="utf-8"))


def t(key: str, **fmt: Any) -> dict[str, str]:
    """A message as {"nl": …, "en": …}, with its placeholders filled in."""
    entry = _texts()[key]
    return {lang: text.format(**fmt) for lang, text in entry.items()}


class GameError(Exception):
    """A request the game refuses (Dutch and English reason); the connection stays open."""

    extra: ClassVar[dict[str, Any]] = {}   # more fields for the error frame (e.g. retry_after)

    def __init__(self, code: str, **fmt: Any):
        super().__init__(code)
        self.code, self.text = code, t(code, **fmt)
