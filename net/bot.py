"""A bot player (issue 7 §7): plays one role from a policy file's steps for that role, acting as soon
as the server's clock has reached each step's time. For rehearsing a training day and load tests."""

from __future__ import annotations

from typing import Any

from net.client import Client
from sim import load_scenario, resolve_scenario
from sim.runner import resolve_policy


def policy_steps(scenario_id: str, policy: str, role: str) -> list[tuple[float, dict[str, Any]]]:
    """The (time, action) steps of `policy` (expert | passive | PATH) for one role, in order.
    Raises ScenarioError for a broken policy file; ValueError for the random policy (needs the world)."""
    scenario = load_scenario(resolve_scenario(scenario_id))
    pol = resolve_policy(scenario, policy)
    if pol.random:
        raise ValueError("the random policy needs the world itself; use `run --policy random` instead")
    if pol.file is None:
        return []
    return [(s.at, s.action.params()) for s in pol.file.actions if s.role == role]


async def play_role(client: Client, steps: list[tuple[float, dict[str, Any]]], on_refused=None) -> dict[str, Any]:
    """Act each step once the game runs and its time has come; return at the debrief (or when the
    server goes away). Returns counts of accepted and refused actions. `client.steps_done` counts the
    steps handled so far (rehearsal drivers and tests wait on it)."""
    done, refused, i = 0, 0, 0
    client.steps_done = 0
    while client.debrief is None and not client.closed.is_set():
        if i < len(steps) and client.state == "running" and client.now >= steps[i][0]:
            reply = await client.request({"type": "act", "action": steps[i][1], "ref": i})
            if reply.get("ok"):
                done += 1
            else:
                refused += 1
                if on_refused:
                    on_refused(steps[i], reply)
            i += 1
            client.steps_done = i
            continue
        client.changed.clear()
        await client.changed.wait()
    return {"accepted": done, "refused": refused, "left": len(steps) - i}


def steps_left(steps: list[tuple[float, dict[str, Any]]], view: dict[str, Any] | None) -> list[tuple[float, dict[str, Any]]]:
    """A bot that reconnects with its token skips what its role already did: every step up to the
    time of the role's last action (so no action is sent twice)."""
    if not view or not view.get("my_actions"):
        return steps
    last = max(a["t"] for a in view["my_actions"])
    return [s for s in steps if s[0] > last]
