"""Problems in a trainer's files, reported as FILE:LINE:COL: message (with a fix where we know one)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a scenario or policy file, pointing at the line and column (1-based)."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.message}"


class ScenarioError(Exception):
    """Raised when a scenario or policy file cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean "x"?)' hint for a misspelt id, or '' when nothing is close."""
    close = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.5 if len(str(word)) <= 4 else 0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def known_list(choices: Iterable[str], limit: int = 12) -> str:
    """The allowed ids, listed for a message: 'a, b, c' (shortened when long)."""
    items = sorted(set(choices))
    shown = ", ".join(items[:limit])
    return shown + (f", … ({len(items)} in all)" if len(items) > limit else "")
