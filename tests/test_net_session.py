"""A training day over the LAN plays the same game as a headless run (issue 7 §1, §7, §9): bots play
their roles, the rest are NPCs, the facilitator drives the clock; reconnect keeps the role."""

from __future__ import annotations

import asyncio
import json
import time
from contextlib import asynccontextmanager

from net.bot import play_role
from net.client import Client
from net.game import Game
from net.server import Server
from scoring import score_log
from sim.log import without_wall
from sim.runner import play, resolve_policy

BOT_ROLES = ["leerkracht", "smw", "wijkagent", "wijkteam"]
SEED = 5


def run(coro, timeout: float = 40.0):
    """Run one async test body with a hard time limit."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


async def until(predicate, timeout: float = 10.0) -> None:
    """Poll until `predicate()` holds (bots act on their own connections)."""
    async def _poll():
        while not predicate():
            await asyncio.sleep(0.005)
    await asyncio.wait_for(_poll(), timeout)


@asynccontextmanager
async def hosted(game: Game):
    """A server for `game` on 127.0.0.1 with an ephemeral port, stopped afterwards."""
    server = Server(game, "127.0.0.1", 0)
    await server.start()
    try:
        yield server, f"127.0.0.1:{server.port}"
    finally:
        await server.stop()


def subset_policy(pietersdam, tmp_path):
    """The expert's steps for four roles only (as a policy file), so the other roles are NPCs."""
    expert = resolve_policy(pietersdam, "expert")
    steps = [{"at": s.at, "role": s.role, **s.action.params()} for s in expert.file.actions if s.role in BOT_ROLES]
    path = tmp_path / "vier_rollen.yaml"
    path.write_text(json.dumps({"policy": "vier_rollen", "scenario": "pietersdam", "roles": BOT_ROLES,
                                "actions": steps}), encoding="utf-8")
    return path, resolve_policy(pietersdam, str(path))


def world_records(records):
    """The world's records, without the header, the facilitator's clock checkpoints and the real
    moments (`wall`) at which a LAN game wrote them."""
    return [without_wall(r) for r in records[1:] if r.get("type") != "clock"]


def test_bots_and_npcs_over_the_lan_end_like_a_headless_run(pietersdam, tmp_path):
    _path, policy = subset_policy(pietersdam, tmp_path)
    headless, _ = play(pietersdam, policy, SEED)

    async def body():
        game = Game(pietersdam, SEED, log_path=tmp_path / "dag.jsonl", code="ABC234")
        async with hosted(game) as (_server, addr):
            fac = await Client.open(addr, "ABC234", as_="facilitator", token=game.facilitator_token)
            bots, tasks = [], []
            for role in BOT_ROLES:
                bot = await Client.open(addr, "abc234", as_="bot", name=f"bot-{role}", role=role)
                steps = [(s.at, s.action.params()) for s in policy.file.actions if s.role == role]
                bots.append(bot)
                tasks.append(asyncio.create_task(play_role(bot, steps)))
            start = await fac.request({"type": "control", "token": game.facilitator_token, "op": "start", "speed": 0})
            assert start["type"] == "reply"
            assert sorted(game.session.players) == sorted(BOT_ROLES)
            for at in sorted({s.at for s in policy.file.actions}):
                await fac.request({"type": "control", "token": game.facilitator_token, "op": "advance", "to": at})
                due = sum(1 for s in policy.file.actions if s.at <= at)
                await until(lambda due=due: sum(b.steps_done for b in bots) >= due)
            end = await fac.request({"type": "control", "token": game.facilitator_token, "op": "end"})
            results = await asyncio.gather(*tasks)
            debriefs = [bot.debrief for bot in bots]
            for bot in bots:
                assert bot.debrief is not None, "every player moves to the debrief"
                await bot.close()
            await fac.close()
            return end, results, game.session, debriefs

    end, results, session, debriefs = run(body())
    assert end["outcome"] == headless.outcome
    assert world_records(session.records) == world_records(headless.records)
    team = score_log(pietersdam, headless.records).as_json()
    assert team["score"]["total"] is not None and team["findings"]
    assert debriefs[0]["score"] == team["score"] and debriefs[0]["findings"] == team["findings"]
    assert sum(r["accepted"] for r in results) == sum(1 for r in headless.records if r.get("type") == "input")


def test_the_clock_runs_at_the_facilitators_speed_and_stands_still_when_paused(pietersdam):
    async def body():
        game = Game(pietersdam, 1, code="KLOK12")
        async with hosted(game) as (_server, addr):
            fac = await Client.open(addr, "KLOK12", as_="facilitator", token=game.facilitator_token)
            token = game.facilitator_token
            began = time.monotonic()
            await fac.request({"type": "control", "token": token, "op": "start", "speed": 60})   # a day a second
            await asyncio.sleep(0.6)
            moved, elapsed = game.session.now, time.monotonic() - began
            await fac.request({"type": "control", "token": token, "op": "pause"})
            paused_at = game.session.now
            await asyncio.sleep(0.4)
            still = game.session.now
            nxt = await fac.request({"type": "control", "token": token, "op": "next"})
            await fac.close()
            return moved, elapsed, paused_at, still, nxt

    moved, elapsed, paused_at, still, nxt = run(body())
    assert 2.0 <= moved <= 24.0 * elapsed + 0.01, "24 simulated hours per real second, never faster"
    assert still == paused_at
    assert nxt["now"] > paused_at


def test_a_bot_that_reconnects_does_not_repeat_what_its_role_already_did():
    from net.bot import steps_left

    steps = [(24.0, {"do": "observe"}), (48.0, {"do": "vir_register"}), (72.0, {"do": "wait"})]
    view = {"my_actions": [{"t": 24.0, "do": "observe"}, {"t": 49.5, "do": "vir_register"}]}
    assert steps_left(steps, view) == [(72.0, {"do": "wait"})]
    assert steps_left(steps, {"my_actions": []}) == steps
