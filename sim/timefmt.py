"""Simulated time: the engine counts hours (float); scenarios and policies speak in 36h, 3d, 2w."""

from __future__ import annotations

import re

HOURS_PER_UNIT = {"h": 1.0, "d": 24.0, "w": 168.0}
_DURATION = re.compile(r"^\s*(-?)((?:\d+(?:\.\d+)?[hdw])+)\s*$")
_PART = re.compile(r"(\d+(?:\.\d+)?)([hdw])")


class DurationError(ValueError):
    """A time written in a way Ketenspel does not understand (e.g. `3 days` instead of `3d`)."""


def parse_duration(text: str | int | float) -> float:
    """Turn `36h`, `3d`, `2w`, `3w2d` (or a bare number of hours) into simulated hours."""
    if isinstance(text, bool):
        raise DurationError(f"{text!r} is not a time; write e.g. 36h, 3d or 2w")
    if isinstance(text, (int, float)):
        return float(text)
    match = _DURATION.match(str(text))
    if not match:
        raise DurationError(f"{text!r} is not a time; write a number with h, d or w, e.g. 36h, 3d, 2w or 3w2d")
    hours = sum(float(n) * HOURS_PER_UNIT[u] for n, u in _PART.findall(match.group(2)))
    return -hours if match.group(1) else hours


def format_hours(hours: float) -> str:
    """Short, exact form of a simulated time for logs and messages: 3d, 2w, 3d12h."""
    if hours == int(hours):
        whole = int(hours)
        if whole % 168 == 0 and whole:
            return f"{whole // 168}w"
        days, rest = divmod(whole, 24)
        if rest == 0:
            return f"{days}d"
        return f"{days}d{rest}h" if days else f"{rest}h"
    return f"{hours:g}h"


def day_and_hour(hours: float) -> tuple[int, int]:
    """Day number (1 = first day of the scenario) and hour of the working day, for displays."""
    day = int(hours // 24)
    return day + 1, int(hours - day * 24)


def calendar_moment(meta, hours: float, lang: str = "nl") -> str:
    """A simulated moment as a trainer reads it: 'di 6 okt 10:00' (nl) / 'Tue 6 Oct 10:00' (en), from the
    scenario's start date and time (`meta.moment`). For messages outside the window (CLI refusals)."""
    from sim.messages import message

    when = meta.moment(hours)
    day = message("calendar_weekdays").get(lang).split()[when.weekday()]
    month = message("calendar_months").get(lang).split()[when.month - 1]
    return f"{day} {when.day} {month} {when:%H:%M}"
