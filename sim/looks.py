"""How a child looks to a professional who observes it (issue 17, item 7: a visible sense of consequence
without giving away hidden facts). The family's risk level shows in what any observer would see — a
pupil's attendance and mood in class for the school, the family's openness for others — and an
observation says whether it is better or worse than the last time this role looked. Texts are data
(sim/data/looks.yaml); this module only picks them."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

from sim.fields import Text
from sim.messages import LANGS, capital, child_phrase
from sim.model import Scenario

ORDER = ("calm", "uneasy", "worse", "alarming")


@cache
def _data() -> dict[str, Any]:
    return YAML(typ="safe").load(resources.files("sim").joinpath("data/looks.yaml").read_text("utf-8"))


def band(scenario: Scenario, level: float) -> str:
    """The band of a risk level: calm, uneasy, worse, or alarming from the scenario's `urgent_at`."""
    bands = _data()["bands"]
    if level >= scenario.risk.urgent_at:
        return "alarming"
    if level <= bands["calm"]:
        return "calm"
    return "uneasy" if level <= bands["uneasy"] else "worse"


def looks(scenario: Scenario, role: str, child: str, level: float, before: str | None) -> tuple[str, Text]:
    """(band, text): what `role` sees of `child` at risk `level`, and how it compares with the band it
    saw last time (`before`, None the first time)."""
    now = band(scenario, level)
    kind = scenario.role_kind(role)
    texts = _data()["texts"]["school" if kind is not None and kind.org == "school" else "other"]
    name = child_phrase(scenario, child)
    change = None
    if before is not None:
        step = ORDER.index(now) - ORDER.index(before)
        change = _data()["change"]["worse" if step > 0 else "better" if step < 0 else "same"]
    out = {}
    for lang in LANGS:
        n = getattr(name, lang)
        line = texts[now][lang].format(child=n, Child=capital(n))
        out[lang] = f"{line} {change[lang]}" if change else line
    return now, Text(**out)
