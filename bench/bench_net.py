"""LAN benchmark (issue 7 §9): 30 bot clients on loopback; one player's input → every connected
client has received the update (its role's new view, or the clock frame with the new version).
Target: p95 ≤ 50 ms. Also reported as a ratio to a bare websocket echo round trip in the same run."""

from __future__ import annotations

import asyncio
import statistics
import time

from websockets.asyncio.client import connect
from websockets.asyncio.server import serve

from net.client import Client
from net.game import Game
from net.server import Server
from sim import load_scenario, resolve_scenario

CLIENTS = 30
INPUTS = 60
ACTIONS = [{"do": "observe", "child": "kevin"}, {"do": "consult_colleague", "child": "kevin"},
           {"do": "talk_child", "child": "kevin", "purpose": "concern"}]


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


async def _echo_rtt() -> float:
    async def echo(ws):
        async for m in ws:
            await ws.send(m)

    async with serve(echo, "127.0.0.1", 0) as srv:
        port = srv.sockets[0].getsockname()[1]
        async with connect(f"ws://127.0.0.1:{port}") as ws:
            samples = []
            for _ in range(200):
                start = time.perf_counter()
                await ws.send("x")
                await ws.recv()
                samples.append(time.perf_counter() - start)
    return statistics.median(samples)


async def _measure() -> tuple[list[float], int]:
    scenario = load_scenario(resolve_scenario("pietersdam"))
    game = Game(scenario, 1, code="BENCH1")
    server = Server(game, "127.0.0.1", 0)
    await server.start()
    addr = f"127.0.0.1:{server.port}"
    try:
        roles = [r.id for r in scenario.roles if r.playable]
        clients = [await Client.open(addr, "BENCH1", as_="bot", name=f"bot{i}", role=roles[i % len(roles)])
                   for i in range(CLIENTS)]
        fac = await Client.open(addr, "BENCH1", as_="facilitator", token=game.facilitator_token)
        await fac.request({"type": "control", "token": game.facilitator_token, "op": "start", "speed": 0})
        await asyncio.gather(*(c.wait_for(lambda c: c.view is not None) for c in clients))
        samples = []
        for i in range(INPUTS):
            actor = clients[i % CLIENTS]
            start = time.perf_counter()
            ack = await actor.request({"type": "act", "action": ACTIONS[i % len(ACTIONS)], "ref": i})
            version = game.version
            await asyncio.gather(*(c.wait_for(lambda c, v=version: c.version >= v) for c in clients))
            samples.append(time.perf_counter() - start)
            if not ack.get("ok"):
                raise RuntimeError(f"the benchmark's input was refused: {ack}")
        for c in clients + [fac]:
            await c.close()
        return samples, len(game.session.records)
    finally:
        await server.stop()


def main() -> list[dict]:
    samples, records = asyncio.run(_measure())
    rtt = asyncio.run(_echo_rtt())
    p95 = _p95(samples)
    row = {"name": f"input → all {CLIENTS} clients updated, p95 of {INPUTS}", "value": p95 * 1000, "unit": "ms",
           "target": "p95 ≤ 50 ms", "met": p95 <= 0.050, "ratio": p95 / rtt,
           "ratio_to": "bare websocket echo round trip (median)",
           "note": f"median {statistics.median(samples) * 1000:.1f} ms; {records} log records"}
    print(f"{row['name']}: {row['value']:.1f} ms (target {row['target']}; {row['ratio']:.0f}× {row['ratio_to']}; "
          f"{row['note']})")
    return [row]


if __name__ == "__main__":
    main()
