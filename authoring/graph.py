"""`graph`: Mermaid pictures of a scenario for trainers — the timeline of events, which role learns
which fact when, and the paths to and away from the incident (risk raisers and interventions).

Pictures are Mermaid text; `.md` files render in viewers with Mermaid support (GitLab, GitHub,
many editors). The `.html` is one self-contained page that draws the pictures offline: the vendored
Mermaid script (ui/assets/mermaid, MIT) is inlined."""

from __future__ import annotations

import html
import re
from typing import Any

from sim.model import Scenario
from sim.timefmt import format_hours
from ui.assets import ASSETS

_LABELS = {
    "nl": {"timeline": "Tijdlijn", "learns": "Wie weet wat, en wanneer", "incident": "Naar en weg van het incident",
           "start": "bij de start", "incident_node": "Incident", "threshold": "drempel", "risk_start": "risico bij start",
           "intervention": "interventie", "event": "gebeurtenis", "only_if": "alleen als", "injected": "alleen door facilitator",
           "end": "einde", "note": ("Deze pagina tekent de plaatjes zonder internet. Dezelfde bron staat in het "
                                    ".md-bestand (`graph … --out scenario.md`) voor viewers met Mermaid.")},
    "en": {"timeline": "Timeline", "learns": "Who knows what, and when", "incident": "To and away from the incident",
           "start": "at the start", "incident_node": "Incident", "threshold": "threshold", "risk_start": "risk at start",
           "intervention": "intervention", "event": "event", "only_if": "only if", "injected": "facilitator only",
           "end": "end", "note": ("This page draws the pictures offline. The same source is in the .md file "
                                  "(`graph … --out scenario.md`) for viewers with Mermaid support.")},
}


def _q(text: str) -> str:
    """Text safe inside a Mermaid quoted label."""
    return re.sub(r"[\"<>{}\[\]|#;]", "'", text).replace("\n", " ")


def _t(text: str) -> str:
    """Text safe in a Mermaid timeline entry (no colons)."""
    return _q(text).replace(":", " -")


def timeline(sc: Scenario, lang: str) -> str:
    """Events and the incident in time order (± jitter), up to the end of the scenario."""
    lab = _LABELS[lang]
    items: list[tuple[float, str]] = []
    for ev in sc.events:
        extra = f" ({lab['injected']})" if ev.inject else (f" ({lab['only_if']} …)" if ev.when is not None else "")
        items.append((ev.at, f"{ev.id}{extra}"))
    items.append((sc.incident.at, f"{lab['incident_node']} {sc.incident.id} ({lab['threshold']} ≥ {sc.incident.threshold:g})"))
    items.append((sc.meta.duration, lab["end"]))
    lines = ["timeline", f"    title {_t(lab['timeline'])} — {_t(sc.meta.title.get(lang))}"]
    by_time: dict[float, list[str]] = {}
    for at, text in sorted(items, key=lambda x: x[0]):
        by_time.setdefault(at, []).append(text)
    for at, texts in by_time.items():
        lines.append(f"    {format_hours(at)} : " + " : ".join(_t(t) for t in texts))
    return "\n".join(lines)


def learning(sc: Scenario, lang: str) -> str:
    """Roles on the left, facts on the right; each edge says how and when the role learns the fact."""
    lab = _LABELS[lang]
    lines = ["flowchart LR"]
    for r in sc.roles:
        lines.append(f'    R_{r.id}(["{_q(sc.role_name(r.id).get(lang))}"])')
    for f in sc.facts:
        mark = "⚠ " if f.safety else ""
        lines.append(f'    F_{f.id}["{mark}{f.id}"]')
    edges: list[tuple[str, str, str]] = []
    for r in sc.roles:
        for fact in r.knows_at_start:
            edges.append((r.id, fact, lab["start"]))
    for ev in sc.events:
        for role in ev.observed_by:
            for fact in ev.facts:
                edges.append((role, fact, f"{format_hours(ev.at)} {ev.id}"))
    for role in sc.incident.observed_by:
        for fact in sc.incident.facts:
            edges.append((role, fact, f"{format_hours(sc.incident.at)} {lab['incident_node'].lower()}"))
    for iv in sc.interventions:
        for role in iv.tell:
            for fact in iv.facts:
                edges.append((role, fact, f"{lab['intervention']} {iv.id}"))
    for f in sc.facts:
        for rev in f.revealed_by:
            when = f" ({lab['only_if']} …)" if rev.when is not None else ""
            for role in rev.roles:
                edges.append((role, f.id, f"{rev.action}{when}"))
    for role, fact, label in edges:
        lines.append(f'    R_{role} -->|"{_q(label)}"| F_{fact}')
    return "\n".join(lines)


def incident_paths(sc: Scenario, lang: str) -> str:
    """Risk raisers lead to the incident; interventions (and what triggers them) lead away from it."""
    lab = _LABELS[lang]
    inc = sc.incident
    lines = ["flowchart TD",
             f'    START(["{lab["risk_start"]} {sc.risk.start:g}"])',
             f'    INC{{{{"{_q(lab["incident_node"])} {inc.id} — {format_hours(inc.at)}, {lab["threshold"]} {inc.threshold:g}"}}}}',
             "    START --> INC"]
    for ev in sc.events:
        if ev.risk:
            lines.append(f'    E_{ev.id}["{lab["event"]} {ev.id} ({format_hours(ev.at)})"]')
            arrow = "-->" if ev.risk > 0 else "-.->"
            lines.append(f'    E_{ev.id} {arrow}|"{ev.risk:+g}"| INC')
    for iv in sc.interventions:
        lines.append(f'    I_{iv.id}["{lab["intervention"]} {iv.id}"]')
        arrow = "-.->" if iv.risk <= 0 else "-->"
        lines.append(f'    I_{iv.id} {arrow}|"{iv.risk:+g}"| INC')
        trig = _describe(iv.when.model_dump(mode="json", by_alias=True, exclude_none=True))
        lines.append(f'    T_{iv.id}(["{_q(trig)}"]) --> I_{iv.id}')
    return "\n".join(lines)


def _describe(cond: Any) -> str:
    """A short one-line rendering of a condition (its YAML flow form)."""
    if isinstance(cond, dict):
        root = cond.get("root", cond)
        if isinstance(root, dict):
            return ", ".join(f"{k}: {_describe(v)}" for k, v in root.items())
        return _describe(root)
    if isinstance(cond, list):
        return "[" + "; ".join(_describe(c) for c in cond) + "]"
    return str(cond)


def diagrams(sc: Scenario, lang: str = "nl") -> list[tuple[str, str]]:
    """The three pictures as (title, Mermaid source)."""
    lab = _LABELS[lang]
    return [(lab["timeline"], timeline(sc, lang)), (lab["learns"], learning(sc, lang)),
            (lab["incident"], incident_paths(sc, lang))]


def to_markdown(sc: Scenario, lang: str = "nl") -> str:
    """A Markdown page with one ```mermaid block per picture."""
    parts = [f"# {sc.meta.title.get(lang)}", ""]
    for title, src in diagrams(sc, lang):
        parts += [f"## {title}", "", "```mermaid", src, "```", ""]
    return "\n".join(parts)


MERMAID_JS = ASSETS / "mermaid" / "mermaid.min.js"


def to_html(sc: Scenario, lang: str = "nl") -> str:
    """A self-contained HTML page that draws every picture offline (Mermaid inlined, strict security:
    no external resources, no clicks into scripts)."""
    lab = _LABELS[lang]
    script = MERMAID_JS.read_text(encoding="utf-8")
    blocks = "\n".join(f"<h2>{html.escape(t)}</h2>\n<pre class=\"mermaid\">{html.escape(s)}</pre>"
                       for t, s in diagrams(sc, lang))
    return (f"<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(sc.meta.title.get(lang))}</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
            "pre{background:#f4f4f4;padding:1em;overflow-x:auto}.note{border-left:4px solid #c60;padding-left:1em}</style>"
            f"</head><body><h1>{html.escape(sc.meta.title.get(lang))}</h1>\n"
            f"<p class=\"note\">{html.escape(lab['note'])}</p>\n{blocks}\n"
            f"<script>{script}</script>\n"
            "<script>mermaid.initialize({startOnLoad: true, securityLevel: 'strict'});</script>\n"
            "</body></html>\n")
