"""A bot player (issue 7 §7): plays one role from a policy file's steps for that role, acting as soon
as the server's clock has reached each step's time. For rehearsing a training day and load tests.
Like a window, a bot whose server goes away comes back with its token (issue 18, item 1)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from websockets.exceptions import ConnectionClosed

from net.client import Client, JoinRefused
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
            try:
                reply = await client.request({"type": "act", "action": steps[i][1], "ref": i})
            except (ConnectionClosed, TimeoutError, ConnectionError):
                break                   # the server went away: the caller comes back with the token
            if reply.get("type") == "error" and reply.get("ref") is None:
                break                   # (the connection is closing: an answer without our ref)
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


RETRY_SECONDS = (0.5, 1.0, 2.0, 3.0)
GIVE_UP_SECONDS = 600.0
"""A bot tries to come back this long after its server went away (a restart takes seconds)."""


async def reconnect(address: str, code: str, token: str, give_up: float = GIVE_UP_SECONDS) -> Client | None:
    """Connect again with the bot's token, 0.5–3 s apart, until the server answers (also after
    `host --resume`); None when the server refuses the token or does not come back in time."""
    deadline, n = time.monotonic() + give_up, 0
    while time.monotonic() < deadline:
        await asyncio.sleep(RETRY_SECONDS[min(n, len(RETRY_SECONDS) - 1)])
        n += 1
        try:
            return await Client.open(address, code, as_="bot", token=token)
        except JoinRefused:
            return None
        except Exception:  # noqa: BLE001, S112 — a server starting up fails in many ways: try again
            continue
    return None


async def come_back(address: str, code: str, token: str) -> Client | None:
    """Reconnect and wait until the role's desk (a started game), the debrief or the open lobby has
    arrived; tries again when the server goes away meanwhile. None: the bot is not let in any more."""
    while True:
        client = await reconnect(address, code, token)
        if client is None:
            return None
        try:
            await client.wait_for(lambda c: c.view is not None or c.debrief is not None or c.state == "lobby",
                                  timeout=30)
            return client
        except (ConnectionError, TimeoutError):
            await client.close()
