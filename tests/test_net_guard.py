"""The server refuses what it must and keeps running (issue 7 §1, §6): the join code, the
facilitator token, another role's desk, hostile bytes; the projector never shows unshared facts."""

from __future__ import annotations

import asyncio
import json

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from net.client import Client, JoinRefused
from net.game import Game
from net.views import dashboard
from tests.test_net_session import hosted, run


def test_joining_needs_the_code(pietersdam):
    async def body():
        game = Game(pietersdam, 1, code="GOEDE1")
        async with hosted(game) as (_server, addr):
            with pytest.raises(JoinRefused, match="Verkeerde deelnamecode"):
                await Client.open(addr, "FOUT99", name="indringer")
            assert game.members == {}
            ok = await Client.open(addr, "goede1", name="Ans", role="smw")
            assert ok.welcome["role"] == "smw"
            await ok.close()
    run(body())


def test_facilitator_controls_need_the_token(pietersdam):
    async def body():
        game = Game(pietersdam, 1, code="GOEDE1")
        async with hosted(game) as (_server, addr):
            player = await Client.open(addr, "GOEDE1", role="smw")
            reply = await player.request({"type": "control", "token": "geraden", "op": "start"})
            assert reply["type"] == "error" and reply["code"] == "facilitator_only"
            assert game.session is None
            with pytest.raises(JoinRefused):
                await Client.open(addr, "GOEDE1", as_="facilitator", token="geraden")
            await player.close()
    run(body())


def test_a_player_asking_for_another_roles_desk_is_refused(pietersdam):
    async def body():
        game = Game(pietersdam, 1, code="GOEDE1")
        async with hosted(game) as (_server, addr):
            smw = await Client.open(addr, "GOEDE1", role="smw")
            fac = await Client.open(addr, "GOEDE1", as_="facilitator", token=game.facilitator_token)
            await fac.request({"type": "control", "token": game.facilitator_token, "op": "start", "speed": 0})
            await smw.wait_for(lambda c: c.view is not None)
            other = await smw.request({"type": "view", "role": "wijkagent"})
            assert other["type"] == "error" and other["code"] == "not_yours"
            assert "view" not in other
            assert smw.view["role"] == "smw"
            wijkagent_facts = {f["id"] for f in game.session.view("wijkagent").as_dict()["dossier"]}
            smw_facts = {f["id"] for f in smw.view["dossier"]}
            assert wijkagent_facts - smw_facts, "the wijkagent knows things the smw does not"
            # a message to one role appears at that role only
            await fac.request({"type": "control", "token": game.facilitator_token, "op": "message",
                               "role": "wijkagent", "text": "Alleen voor de wijkagent"})
            texts = [m["text"]["nl"] for m in game.session.view("wijkagent").as_dict()["inbox"]]
            assert "Alleen voor de wijkagent" in texts
            await asyncio.sleep(0.05)
            assert all(m["text"]["nl"] != "Alleen voor de wijkagent" for m in smw.view["inbox"])
            # an action that is not an action is refused with the engine's reason
            bad = await smw.request({"type": "act", "action": {"do": "share", "to": ["x"], "facts": "alles"}})
            assert bad["ok"] is False and bad["reason"]["en"] == "This value does not fit the recipient; choose again."
            # the projector connection sees actions as they happen, but no facts
            board = await Client.open(addr, "GOEDE1", as_="dashboard")
            shared = await smw.request({"type": "act", "action": {"do": "share", "to": "wijkteam", "child": "kevin",
                                                                  "facts": ["moeder_weigert_hulp"], "basis": "none"}})
            assert shared["ok"], shared
            await board.wait_for(lambda c: c.dashboard is not None and c.dashboard["actions"])
            assert board.dashboard["actions"][-1]["do"] == "share"
            assert "moeder_weigert_hulp" not in json.dumps(board.dashboard)
            await board.close()
            await smw.close()
            await fac.close()
    run(body())


def test_hostile_messages_get_an_error_and_the_server_keeps_running(pietersdam):
    async def body():
        game = Game(pietersdam, 1, code="GOEDE1")
        async with hosted(game) as (server, addr):
            # raw bytes that are not even a websocket handshake
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            writer.write(b"\x00\xff GARBAGE \r\n\r\n" * 50)
            await writer.drain()
            await reader.read(1000)
            writer.close()
            async with connect(f"ws://{addr}") as ws:
                answers = []
                for frame in ["{niet json", "[1,2]", json.dumps({"type": "wis_alles"}),
                              json.dumps({"type": "hello", "code": 12345}),
                              json.dumps({"type": "hello", "code": "GOEDE1", "evil": True}),
                              json.dumps({"type": "act", "action": {"do": "observe"}}),
                              b"\x00\x01binary"]:
                    await ws.send(frame)
                    answers.append(json.loads(await ws.recv()))
                assert [a["code"] for a in answers] == ["bad_json", "bad_shape", "unknown_type", "wrong_type",
                                                        "unknown_field", "hello_first", "binary"]
                assert all(a["type"] == "error" and a["text"]["nl"] for a in answers)
                await ws.send("x" * (200 * 1024))              # larger than the server's max frame size
                with pytest.raises(ConnectionClosed) as closed:
                    await ws.recv()
                assert closed.value.rcvd.code == 1009        # "message too big"
            still = await Client.open(addr, "GOEDE1", role="smw")
            assert still.welcome["role"] == "smw"
            await still.close()
    run(body())


def test_the_projector_never_shows_a_fact_before_the_debrief(pietersdam):
    from sim.runner import play, resolve_policy

    session, _ = play(pietersdam, resolve_policy(pietersdam, "expert"), 3)
    fact_ids = {f.id for f in pietersdam.facts}
    fact_texts = {f.text.nl for f in pietersdam.facts}
    room = json.dumps(dashboard(session, revealed=False), ensure_ascii=False)
    assert any(r.get("type") == "action" and r["action"].get("do") == "share" for r in session.records)
    assert not [f for f in fact_ids if f'"{f}"' in room]
    assert not [t for t in fact_texts if t in room]
    debrief = dashboard(session, revealed=True)
    assert set(debrief["who_knew"]) <= fact_ids and debrief["who_knew"]
