"""Problems in a trainer's files, reported as FILE:LINE:COL: message (with a fix where we know one).

Messages come from sim/data/problems.yaml in Dutch (the default for trainers) and English."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Iterable

from ruamel.yaml import YAML


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    text = resources.files("sim").joinpath("data/problems.yaml").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)


@dataclass(frozen=True)
class Msg:
    """A problem message in both languages."""

    en: str
    nl: str

    def get(self, lang: str) -> str:
        """The message in `lang` ('nl' or 'en')."""
        return self.nl if lang == "nl" else self.en


def msg(code: str, /, **params: object) -> Msg:
    """The catalogue message `code` with its placeholders filled; Msg parameters fill per language."""
    entry = _catalogue()[code]
    en = {k: (v.en if isinstance(v, Msg) else v) for k, v in params.items()}
    nl = {k: (v.nl if isinstance(v, Msg) else v) for k, v in params.items()}
    return Msg(en=entry["en"].format(**en), nl=entry["nl"].format(**nl))


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a scenario or policy file, pointing at the line and column (1-based).

    `message` is English; `message_nl` Dutch. `str()` gives the English line; `render('nl')` Dutch."""

    file: str
    line: int
    col: int
    message: str
    message_nl: str = field(default="", compare=False)

    @classmethod
    def of(cls, file: str, line: int, col: int, text: Msg) -> "Problem":
        """A problem with a bilingual message."""
        return cls(file, line, col, text.en, text.nl)

    def render(self, lang: str = "en") -> str:
        """`FILE:LINE:COL: message` in the language asked for."""
        text = self.message_nl if lang == "nl" and self.message_nl else self.message
        return f"{self.file}:{self.line}:{self.col}: {text}"

    def __str__(self) -> str:
        return self.render("en")


class ScenarioError(Exception):
    """Raised when a scenario or policy file cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def closest(word: object, choices: Iterable[str]) -> str | None:
    """The allowed id closest to a misspelt one, or None when nothing is close."""
    word = str(word)
    found = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.5 if len(word) <= 4 else 0.6)
    return found[0] if found else None


def hint(word: object, choices: Iterable[str]) -> Msg:
    """' (did you mean "x"?)' / ' (bedoelde u "x"?)' for a misspelt id, or empty."""
    near = closest(word, choices)
    return msg("hint", word=near) if near else Msg("", "")


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    """English-only form of `hint`, for messages outside trainers' files (e.g. engine refusals)."""
    return hint(word, choices).en


def known_list(choices: Iterable[str], limit: int = 20) -> str:
    """The allowed ids, listed for a message: 'a, b, c' (shortened with '…' when long; the message says
    where the rest can be found)."""
    items = sorted(set(choices))
    shown = ", ".join(items[:limit])
    return shown + (f", … (+{len(items) - limit})" if len(items) > limit else "")
