"""What became of each child at the end: harmed, harmed but softened, or safe (supported or not)."""

from __future__ import annotations

from typing import Any

from sim.model import Scenario
from sim.world import WorldState


def compute_outcome(scenario: Scenario, world: WorldState) -> dict[str, Any]:
    """The outcome object of `run --json`: incident, incident_at (hours or null), softened, children.

    Whether the incident was softened is what the world had in place at the moment it happened
    (recorded then), never help that arrived afterwards (issue 14, item 7)."""
    inc = scenario.incident
    happened = inc.id in world.happened
    softened = happened and world.softened.get(inc.id, False)
    children = {}
    for o in scenario.incident.outcomes:
        supported = o.supported_when.holds(world)
        if happened:
            status, text = ("harmed_softened", o.softened) if softened else ("harmed", o.harmed)
        else:
            status, text = ("safe_supported", o.safe) if supported else ("safe_unsupported", o.unsupported)
        children[o.child] = {"status": status, "supported": supported, "text": text.model_dump()}
    return {
        "incident": happened,
        "incident_at": world.happened.get(inc.id),
        "softened": softened,
        "final_level": world.level,
        "children": children,
    }
