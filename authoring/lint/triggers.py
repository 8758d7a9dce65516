"""Checks on triggers: events and interventions whose `when` refers (through `any:` or `not:`) to each
other or to themselves. Circles that must all happen first are refused by `validate` (sim.soundness);
the ones left here can still fire but are seldom meant: worth a warning."""

from __future__ import annotations

from collections.abc import Iterator

from authoring.lint.base import WARNING, Finding, LintInput
from sim.soundness import find_cycles, trigger_graph


def triggers_in_a_circle(d: LintInput) -> Iterator[Finding]:
    """An event or intervention that refers to itself, or to others that refer back to it."""
    data = d.source.data
    if not isinstance(data, dict):
        return
    for ref_path, node, trail in find_cycles(trigger_graph(data, required=False)):
        if len(trail) == 1:
            yield d.finding(WARNING, "lint_trigger_self", ref_path, id=node)
        else:
            chain = " -> ".join(f'"{t}"' for t in trail)
            yield d.finding(WARNING, "lint_trigger_cycle", ref_path, id=node, chain=chain)


RULES = (triggers_in_a_circle,)
