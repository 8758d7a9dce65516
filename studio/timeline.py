"""The timeline page: events, the incident (with its jitter), the expectations' windows and the expert
policy's steps on one axis of simulated time (an SVG drawn from the document as it is now). Moving
an item is done in the 'When' field beside it; dragging is not built."""

from __future__ import annotations

import html
from typing import Any

from sim.timefmt import DurationError, parse_duration

LEFT, WIDTH, ROW = 230, 760, 20


def hours(value: Any, default: float | None = None) -> float | None:
    """Simulated hours of a time field, or `default` when it is not (yet) a valid time."""
    try:
        return parse_duration(value)
    except (DurationError, TypeError, ValueError):
        return default


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
    raw = policy or {}
    times = event_times(data)
    steps = []
    for s in raw.get("actions") or []:
        at = hours(s.get("at"), 0.0)
        if s.get("after_event"):
            if s["after_event"] not in times:
                continue
            at += times[s["after_event"]]
        steps.append((at, str(s.get("role", "")), str(s.get("do") or (s.get("action") or {}).get("do", ""))))
    return steps


def svg(data: dict[str, Any], lang: str, steps: list[tuple[float, str, str]]) -> str:
    """The picture: one row per event, the incident, each expectation and each role's expert steps."""
    meta = data.get("meta") or {}
    end = hours(meta.get("duration"), 0.0) or 0.0
    times = event_times(data)
    inc = data.get("incident") or {}
    rows: list[tuple[str, str]] = []  # (label, svg shapes of the row)
    end = max([end, *times.values(), *(s[0] for s in steps)] or [1.0]) or 1.0

    def x(h: float) -> float:
        return LEFT + WIDTH * max(0.0, h) / end

    def row(label: str, shapes: str, colour: str = "#222") -> None:
        rows.append((f'<text x="{LEFT - 6}" y="{{y}}" text-anchor="end" font-size="12" fill="{colour}">'
                     f"{html.escape(label[:34])}</text>", shapes))
    for e in data.get("events") or []:
        if not isinstance(e, dict) or e.get("id") not in times:
            continue
        at, jit = times[e["id"]], hours(e.get("jitter"), 0.0) or 0.0
        tip = html.escape(f"{e['id']}: {_txt(e.get('message'), lang)}")
        row(e["id"], f'<line x1="{x(at - jit)}" x2="{x(at + jit)}" y1="{{c}}" y2="{{c}}" stroke="#7aa" stroke-width="4"/>'
                     f'<circle cx="{x(at)}" cy="{{c}}" r="5" fill="#2a6f97"><title>{tip}</title></circle>')
    if inc.get("id"):
        at, jit = times[str(inc["id"])], hours(inc.get("jitter"), 0.0) or 0.0
        row(f"▲ {inc['id']}", f'<rect x="{x(at - jit)}" y="{{top}}" width="{max(2.0, x(at + jit) - x(at - jit))}" '
                              f'height="{ROW - 6}" fill="#f4a4a4"/><path d="M{x(at)} {{top}} l6 12 h-12 z" '
                              f'fill="#b00020"><title>incident</title></path>', "#b00020")
    for ex in data.get("expectations") or []:
        w = ex.get("window") if isinstance(ex, dict) else None
        if not isinstance(w, dict):
            continue
        base = times.get(ex.get("after_event"), 0.0) if ex.get("after_event") else 0.0
        a, i, z = (base + (hours(w.get(k), 0.0) or 0.0) for k in ("earliest", "ideal", "latest"))
        tip = html.escape(f"{ex.get('id')}: {_txt(ex.get('text'), lang)}")
        row(str(ex.get("id")), f'<rect x="{x(a)}" y="{{top}}" width="{max(2.0, x(z) - x(a))}" height="{ROW - 6}" '
                               f'fill="#cde8c8" stroke="#5a5"><title>{tip}</title></rect>'
                               f'<line x1="{x(i)}" x2="{x(i)}" y1="{{top}}" y2="{{bot}}" stroke="#174" stroke-width="3"/>',
            "#174")
    for role in sorted({s[1] for s in steps}):
        marks = "".join(f'<path d="M{x(h)} {{top}} l5 7 l-5 7 l-5 -7 z" fill="#8a4baf"><title>'
                        f"{html.escape(r + ': ' + d)}</title></path>" for h, r, d in steps if r == role)
        row(f"◆ {role}", marks, "#8a4baf")
    height = 30 + ROW * len(rows)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{LEFT + WIDTH + 20}" height="{height}" '
           f'font-family="sans-serif" data-timeline="1">']
    week = 168.0
    w = 0
    while w * week <= end:
        out.append(f'<line x1="{x(w * week)}" x2="{x(w * week)}" y1="14" y2="{height}" stroke="#ddd"/>'
                   f'<text x="{x(w * week)}" y="11" font-size="10" text-anchor="middle">{w}w</text>')
        w += 1
    for n, (label, shapes) in enumerate(rows):
        top = 20 + n * ROW
        fill = {"y": top + 13, "top": top + 3, "bot": top + ROW - 3, "c": top + ROW / 2}
        out.append(label.format(**fill) + shapes.replace("{top}", str(fill["top"])).replace("{bot}", str(fill["bot"]))
                   .replace("{c}", str(fill["c"])))
    out.append("</svg>")
    return "".join(out)
