"""The judge's didactic deadlines (issue 15, item 10): how many days a time-driven rule waits before it
judges. The Meldcode and the seeds name no such numbers ("binnen enkele dagen", "laat het erbij zitten"):
the defaults are the rules' `days` in scoring/rules.yaml and scoring/rulebook/*.yaml, choices made for
training, and a scenario may set its own in its optional `thresholds:` section (sim.model.Thresholds).
docs/regels.md labels each of these rules as a didactic choice and names its setting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scoring.rules import RULES

if TYPE_CHECKING:
    from sim.model import Scenario

DAY = 24.0
"""Hours in a day (the engine counts hours)."""

THRESHOLDS: dict[str, tuple[str, ...]] = {
    "silence_days": ("P-meldcode-silence",),
    "inaction_days": ("T-inaction", "F-inaction"),
    "bystander_days": ("F-bystander",),
    "stuck_days": ("T-escalation",),
    "report_days": ("T-meldcode-report",),
    "acute_report_days": ("T-meldcode-acute",),
}
"""Each scenario setting and the rules whose deadline it sets (the first rule's `days` is the default)."""

SETTING_OF: dict[str, str] = {rule: name for name, rules in THRESHOLDS.items() for rule in rules}
"""Rule id -> the scenario setting of its deadline."""


def days(sc: Scenario, name: str) -> int:
    """The deadline `name` (e.g. "silence_days") in days for this scenario: the scenario's own value,
    else the default of the rule it belongs to."""
    own = getattr(sc.thresholds, name, None)
    if own is not None:
        return int(own)
    default = RULES[THRESHOLDS[name][0]].days
    if default is None:
        raise ValueError(f"rule {THRESHOLDS[name][0]} has no default days")
    return int(default)
