"""The timeline page (issue 21: "events on a timeline, drag to move"): the events, the incident (with its
jitter), the expectations' windows and the expert policy's steps on one axis of simulated time. Each
item is a Quasar slider on that axis (NiceGUI's `ui.slider` / `ui.range`, no JavaScript of our own):
dragging it and letting go writes the new time into the scenario through the document (one undo step,
checked again at once). A drop snaps to whole days (keeping the hour of the day) or to whole hours; the
field beside each item is the keyboard's way to the same change."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

from sim.timefmt import DurationError, parse_duration

DAY, WEEK = 24.0, 168.0


def hours(value: Any, default: float | None = None) -> float | None:
    """Simulated hours of a time field, or `default` when it is not (yet) a valid time."""
    try:
        return parse_duration(value)
    except (DurationError, TypeError, ValueError):
        return default


def written(h: float) -> str:
    """A time as trainers write it in the file: 2w, 1w3d, 3d1h, 5h, 0d (whole hours)."""
    whole = max(0, int(round(h)))
    weeks, rest = divmod(whole, int(WEEK))
    days, hrs = divmod(rest, int(DAY))
    text = (f"{weeks}w" if weeks else "") + (f"{days}d" if days else "") + (f"{hrs}h" if hrs else "")
    return text or "0d"


def snapped(old: float, dropped: float, snap: str) -> float:
    """Where a drop lands: by whole days from where the item was (its hour of the day kept, so a step at
    9:00 stays at 9:00), or on the whole hour (`snap` 'h'). Never before the start."""
    if snap == "h":
        return max(0.0, float(round(dropped)))
    new = old + round((dropped - old) / DAY) * DAY
    return new if new >= 0 else old % DAY


def _txt(v: Any, lang: str) -> str:
    return (v.get(lang) or v.get("nl") or "") if isinstance(v, dict) else str(v or "")


def event_times(data: dict[str, Any]) -> dict[str, float]:
    """Each event's moment in hours from the start (an event 'after' another counts from that one)."""
    events = [e for e in data.get("events") or [] if isinstance(e, dict) and e.get("id")]
    out: dict[str, float] = {}
    for _ in range(len(events) + 1):  # after_event chains resolve in a few passes
        for e in events:
            at = hours(e.get("at"), 0.0)
            base = e.get("after_event")
            if base and base in out:
                out[e["id"]] = out[base] + at
            elif not base:
                out[e["id"]] = at
    inc = data.get("incident") or {}
    if inc.get("id"):
        out[str(inc["id"])] = hours(inc.get("at"), 0.0)
    return out


def expert_steps(data: dict[str, Any], policy: dict[str, Any] | None) -> list[tuple[float, str, str]]:
    """The expert policy's steps (hours, role, action), a step after an event counted from that event."""
    return [(r.at, r.label.split(":")[0], r.label.split(": ", 1)[-1]) for r in rows(data, policy, "nl")
            if r.kind == "step"]


@dataclass
class Row:
    """One item on the timeline. `at` is its moment in hours from the start (for a window: earliest,
    with `end` its latest); `base` is the moment its written time counts from (an `after_event`'s
    time, else 0); `path` is where its time is written, in the scenario or (`policy`) the expert policy."""

    kind: str  # event | incident | window | ideal | step
    key: str
    label: str
    tip: str
    path: tuple[Any, ...]
    at: float
    base: float = 0.0
    end: float | None = None
    jitter: float = 0.0
    policy: bool = False


def rows(data: dict[str, Any], policy: dict[str, Any] | None, lang: str) -> list[Row]:
    """The timeline's items, top to bottom: events, the incident, each expectation (its window, then its
    ideal moment) and the expert policy's steps in their order."""
    times = event_times(data)
    out: list[Row] = []
    for i, e in enumerate(data.get("events") or []):
        if isinstance(e, dict) and e.get("id") in times:
            base = times.get(e.get("after_event"), 0.0) if e.get("after_event") else 0.0
            out.append(Row("event", f"event:{i}", str(e["id"]), _txt(e.get("message"), lang), ("events", i, "at"),
                           times[e["id"]], base, jitter=hours(e.get("jitter"), 0.0) or 0.0))
    inc = data.get("incident") or {}
    if inc.get("id"):
        out.append(Row("incident", "incident", f"▲ {inc['id']}", "incident", ("incident", "at"),
                       times[str(inc["id"])], jitter=hours(inc.get("jitter"), 0.0) or 0.0))
    for i, ex in enumerate(data.get("expectations") or []):
        w = ex.get("window") if isinstance(ex, dict) else None
        if not isinstance(w, dict) or (ex.get("after_event") and ex["after_event"] not in times):
            continue
        base = times.get(ex.get("after_event"), 0.0) if ex.get("after_event") else 0.0
        a, ideal, z = (base + (hours(w.get(k), 0.0) or 0.0) for k in ("earliest", "ideal", "latest"))
        tip = _txt(ex.get("text"), lang)
        out.append(Row("window", f"window:{i}", str(ex.get("id")), tip, ("expectations", i, "window"), a, base, end=z))
        out.append(Row("ideal", f"ideal:{i}", f"{ex.get('id')} | ideaal", tip, ("expectations", i, "window", "ideal"),
                       ideal, base))
    for j, s in enumerate((policy or {}).get("actions") or []):
        if not isinstance(s, dict):
            continue
        base = 0.0
        if s.get("after_event"):
            if s["after_event"] not in times:
                continue
            base = times[s["after_event"]]
        do = str(s.get("do") or (s.get("action") or {}).get("do", ""))
        out.append(Row("step", f"step:{j}", f"{s.get('role', '')}: {do}", do, ("actions", j, "at"),
                       base + (hours(s.get("at"), 0.0) or 0.0), base, policy=True))
    return out


def axis_end(data: dict[str, Any], items: list[Row]) -> float:
    """The right end of the axis: the scenario's duration or the latest item, up to a whole week."""
    meta = data.get("meta") or {}
    last = max([hours(meta.get("duration"), 0.0) or 0.0, *(max(r.at, r.end or 0.0) for r in items)])
    return max(WEEK, math.ceil(last / WEEK) * WEEK)


def drop(row: Row, value: Any, snap: str, write: Callable[[tuple[Any, ...], Any, bool], None],
         window: dict[str, Any] | None = None) -> None:
    """Write where an item was dropped (`value`: hours, or {min, max} for a window) into its file, in
    the file's own words (relative to its `after_event` where it has one). A window dragged as a whole
    takes its ideal moment along; a window with one end moved keeps its ideal inside it."""
    if row.kind != "window":
        new = max(snapped(row.at, float(value), snap), row.base)
        if new != row.at:
            write(row.path, written(new - row.base), row.policy)
        return
    a = max(snapped(row.at, float(value["min"]), snap), row.base)
    z = max(snapped(row.end or row.at, float(value["max"]), snap), a)
    if (a, z) == (row.at, row.end):
        return
    old = dict(window or {})
    ideal = row.base + (hours(old.get("ideal"), row.at - row.base) or 0.0)
    if a - row.at == z - (row.end or row.at):
        ideal += a - row.at  # the whole window moved
    ideal = min(max(ideal, a), z)
    old.update(earliest=written(a - row.base), ideal=written(ideal - row.base), latest=written(z - row.base))
    write(row.path, old, row.policy)
