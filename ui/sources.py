"""The sources a scenario rests on, as players may see them: the public publications a trainer can look
up, never the project's seed numbers (issue 14, item 8). A scenario names its sources as seed
references ("seed 003 9 vragen"); the titles of the publications behind them are translated strings
(ui/assets/i18n, `source.seed_NNN`). A reference that is not a seed is shown as written."""

from __future__ import annotations

import re
from typing import Any

SEED = re.compile(r"^\s*seed\s+(\d{3})\s*(.*)$", re.IGNORECASE)


def public_sources(tr: Any, refs: list[str]) -> str:
    """'Augeo Magazine 18 … (VIR, 9 vragen); Jeugdketens sluitend verbinden (§1, §7)' for a list of
    seed references, publications in the order they first appear, each with its parts."""
    order: list[str] = []
    parts: dict[str, list[str]] = {}
    for ref in refs:
        m = SEED.match(ref)
        title = tr.opt(f"source.seed_{m.group(1)}", "") if m else ref
        if not title:  # a seed without a public title: leave it out rather than show its number
            continue
        detail = m.group(2).strip() if m else ""
        if title not in parts:
            order.append(title)
            parts[title] = []
        if detail and detail not in parts[title]:
            parts[title].append(detail)
    return "; ".join(f"{t} ({', '.join(parts[t])})" if parts[t] else t for t in order)
