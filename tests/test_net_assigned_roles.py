"""Roles are assigned, not taken (issue 18, item 2), and ending is explicit (item 5): tested over the
wire on loopback, with raw websocket frames where a hostile client would use them."""

from __future__ import annotations

import asyncio
import json

from websockets.asyncio.client import connect

from net.client import Client, JoinRefused
from net.game import Game
from sim import read_log
from sim.replay import replay
from tests.test_net_session import hosted, run

CODE = "ROLLEN"


def wijkagent_secrets(game: Game) -> list[str]:
    """What only the wijkagent knows at the start (ids and texts): none of it may reach another role."""
    sc = game.scenario
    own = {f["id"] for f in game.session.view("wijkagent").as_dict()["dossier"]}
    others = {f["id"] for f in game.session.view("leerkracht").as_dict()["dossier"]}
    facts = [f for f in sc.facts if f.id in own - others]
    assert any(f.id == "rob_gevangenis" for f in facts)
    return [f.id for f in facts] + [f.text.nl for f in facts]


async def frames_for(ws, seconds: float) -> list[dict]:
    """Every frame the server sends this connection within `seconds`."""
    out = []
    try:
        while True:
            out.append(json.loads(await asyncio.wait_for(ws.recv(), seconds)))
    except TimeoutError:
        return out


def test_a_role_view_never_reaches_a_connection_not_assigned_to_it(pietersdam):
    async def body():
        game = Game(pietersdam, 1, code=CODE)
        async with hosted(game) as (_server, addr):
            fac = await Client.open(addr, CODE, as_="facilitator", token=game.facilitator_token)
            agent = await Client.open(addr, CODE, name="Bram", role="wijkagent")
            async with connect(f"ws://{addr}", max_size=None) as ws:
                await ws.send(json.dumps({"type": "hello", "code": CODE, "name": "Anna", "role": "leerkracht"}))
                await frames_for(ws, 0.3)
                await fac.request({"type": "control", "token": game.facilitator_token, "op": "start", "speed": 0})
                secrets = wijkagent_secrets(game)
                await ws.send(json.dumps({"type": "choose_role", "role": "wijkagent", "ref": "hop"}))
                await ws.send(json.dumps({"type": "view", "role": "wijkagent", "ref": "kijk"}))
                await ws.send(json.dumps({"type": "act", "action": {"do": "observe", "child": "kevin"}, "ref": "doe"}))
                got = await frames_for(ws, 1.0)
                reply = next(f for f in got if f.get("ref") == "hop")
                assert reply["type"] == "reply" and reply["pending"] and reply["role"] == "leerkracht"
                assert next(f for f in got if f.get("ref") == "kijk")["code"] == "not_yours"
                text = json.dumps(got, ensure_ascii=False)
                assert not [s for s in secrets if s in text], "no wijkagent data reached the leerkracht"
                assert all(f["view"]["role"] == "leerkracht" for f in got if f["type"] == "view")
                acts = [r for r in game.session.records if r.get("type") == "action"]
                assert all(r["role"] == "leerkracht" for r in acts if r["by"] == "player")
                member = next(m for m in game.members.values() if m.name == "Anna")
                assert member.role == "leerkracht" and member.asks == "wijkagent"
                await fac.wait_for(lambda c: c.requests)
                assert fac.requests == [{"id": member.id, "name": "Anna", "role": "leerkracht", "asks": "wijkagent"}]
                # the trainer refuses: still nothing of the wijkagent; then approves a second request
                await fac.request({"type": "control", "token": game.facilitator_token, "op": "refuse",
                                   "player": member.id})
                assert member.role == "leerkracht" and member.asks is None
                text = json.dumps(await frames_for(ws, 0.5), ensure_ascii=False)
                assert not [s for s in secrets if s in text]
                await ws.send(json.dumps({"type": "choose_role", "role": "wijkagent", "ref": "weer"}))
                await frames_for(ws, 0.3)
                ok = await fac.request({"type": "control", "token": game.facilitator_token, "op": "approve",
                                        "player": member.id})
                assert ok["type"] == "reply" and ok["role"] == "wijkagent"
                views = [f for f in await frames_for(ws, 0.5) if f["type"] == "view"]
                assert views and views[-1]["view"]["role"] == "wijkagent", "approved: now the desk is theirs"
            await agent.close()
            await fac.close()
    run(body())


def test_a_newcomer_mid_game_waits_in_the_lobby_until_the_trainer_places_them(pietersdam):
    async def body():
        game = Game(pietersdam, 1, code=CODE)
        async with hosted(game) as (_server, addr):
            fac = await Client.open(addr, CODE, as_="facilitator", token=game.facilitator_token)
            ans = await Client.open(addr, CODE, name="Ans", role="smw")
            await fac.request({"type": "control", "token": game.facilitator_token, "op": "start", "speed": 0})
            late = await Client.open(addr, CODE, name="Eva", role="smw")
            assert late.welcome["role"] is None and late.welcome["asks"] == "smw"
            ack = await late.request({"type": "act", "action": {"do": "observe", "child": "kevin"}})
            assert ack["type"] == "error" and ack["code"] == "no_role"
            await asyncio.sleep(0.3)
            assert late.view is None, "no role's desk before the trainer places her"
            eva = next(m for m in game.members.values() if m.name == "Eva")
            status = await fac.request({"type": "control", "token": game.facilitator_token, "op": "status"})
            assert {"id": eva.id, "name": "Eva", "role": None, "asks": "smw"} in status["requests"]
            await fac.request({"type": "control", "token": game.facilitator_token, "op": "approve", "player": eva.id})
            await late.wait_for(lambda c: c.view is not None)
            assert late.view["role"] == "smw"
            for c in (late, ans, fac):
                await c.close()
    run(body())


def test_ending_here_stops_the_world_judges_what_was_done_and_replays_identically(pietersdam, tmp_path):
    log = tmp_path / "hier.jsonl"

    async def body():
        game = Game(pietersdam, 2, log_path=log, code=CODE)
        async with hosted(game) as (_server, addr):
            game.save_lobby()
            fac = await Client.open(addr, CODE, as_="facilitator", token=game.facilitator_token)
            smw = await Client.open(addr, CODE, name="Ans", role="smw")
            await fac.request({"type": "control", "token": game.facilitator_token, "op": "start", "speed": 0})
            await fac.request({"type": "control", "token": game.facilitator_token, "op": "advance", "to": "7d"})
            ack = await smw.request({"type": "act", "action": {"do": "talk_parents", "child": "kevin",
                                                               "purpose": "inform"}})
            assert ack["ok"]
            bad = await fac.request({"type": "control", "token": game.facilitator_token, "op": "end", "mode": "later"})
            assert bad["type"] == "error" and bad["code"] == "bad_end_mode" and game.state == "running"
            end = await fac.request({"type": "control", "token": game.facilitator_token, "op": "end",
                                     "mode": "stop_here"})
            assert end["mode"] == "stop_here" and end["t"] == 168.0
            await smw.wait_for(lambda c: c.debrief is not None)
            await smw.close()
            await fac.close()
    run(body())
    records = read_log(log).records
    last = records[-1]
    assert last["type"] == "end" and last["stopped"] is True and last["t"] == 168.0
    assert not [r for r in records if r["t"] > 168.0], "nothing happened in the world after the stop"
    session, _ = replay(log)                               # byte for byte the same records (replay checks)
    assert session.finished and session.now == 168.0 and session.outcome == last["outcome"]


def test_ending_with_run_on_lets_the_computer_play_the_remaining_time(pietersdam):
    game = Game(pietersdam, 2)
    game.join("Ans", "smw")
    game.start()
    game.advance_to(7 * 24)
    reply = game.control("end", {})                        # the old call keeps its meaning
    assert reply["mode"] == "run_on" and game.session.now == game.session.end
    assert "stopped" not in game.session.records[-1]


def test_a_bot_hello_mid_game_is_refused_the_role_until_placed_and_a_removed_member_is_shut_out(pietersdam):
    async def body():
        game = Game(pietersdam, 1, code=CODE)
        async with hosted(game) as (_server, addr):
            fac = await Client.open(addr, CODE, as_="facilitator", token=game.facilitator_token)
            ans = await Client.open(addr, CODE, name="Ans", role="smw")
            await fac.request({"type": "control", "token": game.facilitator_token, "op": "start", "speed": 0})
            ghost = await Client.open(addr, CODE, as_="bot", name="spook")
            member = next(m for m in game.members.values() if m.name == "spook")
            kept = await fac.request({"type": "control", "token": game.facilitator_token, "op": "remove",
                                      "player": next(m.id for m in game.members.values() if m.name == "Ans")})
            assert kept["type"] == "error" and kept["code"] == "has_role", "who plays a role stays"
            gone = await fac.request({"type": "control", "token": game.facilitator_token, "op": "remove",
                                      "player": member.id})
            assert gone["type"] == "reply" and member.token not in game.members
            await asyncio.wait_for(ghost.closed.wait(), 3)
            try:
                await Client.open(addr, CODE, as_="bot", token=member.token)
                raise AssertionError("a removed member's token still lets it in")
            except JoinRefused:
                pass
            await ans.close()
            await fac.close()
    run(body())
