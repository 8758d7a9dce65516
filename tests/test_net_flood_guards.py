"""Guards against ghosts, floods and guessing (issue 18, item 6), on loopback: members without a role
expire or are removed, hellos and wrong codes are rate-limited with backoff, silent connections are
closed, deep JSON is refused before parsing, errors are one line, files are owner-only, tokens need
not be on the command line."""

from __future__ import annotations

import asyncio
import json
import os
import stat
from types import SimpleNamespace

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from net import protocol
from net.client import Client, JoinRefused
from net.game import Game
from net.guard import HelloGuard
from net.server import HELLO_TIMEOUT
from tests.test_net_session import hosted, run

CODE = "WACHT1"


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_members_that_never_reach_a_role_expire_after_the_timeout(pietersdam):
    async def body():
        game = Game(pietersdam, 1, code=CODE)
        game.expire_after = 0.3
        async with hosted(game) as (_server, addr):
            refused_bot = await Client.open(addr, CODE, as_="bot", name="bot-x")
            staying = await Client.open(addr, CODE, name="Ans", role="smw")
            await refused_bot.close()                          # e.g. its policy had no steps: it left
            for _ in range(40):
                if "bot-x" not in [m.name for m in game.members.values()]:
                    break
                await asyncio.sleep(0.1)
            assert [m.name for m in game.members.values()] == ["Ans"], "the ghost expired, the connected one stays"
            await staying.wait_for(lambda c: all("bot-x" not in r["players"] for r in c.lobby["roles"]))
            await staying.close()
    run(body())


def test_wrong_codes_back_off_per_address_and_per_connection(pietersdam):
    async def body():
        game = Game(pietersdam, 1, code=CODE)
        async with hosted(game) as (server, addr):
            async with connect(f"ws://{addr}") as ws:          # one connection guessing codes
                answers = []
                for guess in ("AAAAAA", "BBBBBB", "CCCCCC", "DDDDDD", CODE):
                    await ws.send(json.dumps({"type": "hello", "code": guess}))
                    answers.append(json.loads(await ws.recv()))
                codes = [a["code"] for a in answers]
                assert codes[:3] == ["bad_code"] * 3
                assert codes[3:] == ["slow_down", "slow_down"], "after three wrong codes even the right one waits"
                assert 0 < answers[-1]["retry_after"] <= 1.0
            with pytest.raises(JoinRefused, match="Te veel aanmeldpogingen"):
                await Client._open(addr, CODE, name="Ans")     # another connection from the same address
            ans = await Client.open(addr, CODE, name="Ans", role="smw")   # the client waits and asks again
            assert ans.welcome["role"] == "smw"
            assert server.guard.addresses["127.0.0.1"].wrong == 0, "the right code forgives the address"
            await ans.close()
    run(body())


def test_hellos_from_one_address_are_rate_limited(pietersdam):
    async def body():
        game = Game(pietersdam, 1, code=CODE)
        async with hosted(game) as (server, addr):
            server.guard = HelloGuard(burst=5, rate=2.0)
            answers = []
            for _ in range(8):
                async with connect(f"ws://{addr}") as ws:
                    await ws.send(json.dumps({"type": "hello", "code": CODE, "as": "dashboard"}))
                    answers.append(json.loads(await ws.recv())["type"])
            assert answers[:5] == ["welcome"] * 5 and "error" in answers[5:]
            assert len(game.members) == 0
    run(body())


def test_a_connection_without_a_hello_is_closed_after_the_timeout(pietersdam):
    assert HELLO_TIMEOUT == 10.0

    async def body():
        game = Game(pietersdam, 1, code=CODE)
        async with hosted(game) as (server, addr):
            server.hello_timeout = 0.3
            async with connect(f"ws://{addr}") as ws:
                await ws.send(json.dumps({"type": "ping"}))
                assert json.loads(await ws.recv())["type"] == "pong"
                with pytest.raises(ConnectionClosed):
                    await asyncio.wait_for(ws.recv(), 3)
            ok = await Client.open(addr, CODE, name="Ans", role="smw")
            await asyncio.sleep(0.5)
            assert not ok.closed.is_set(), "who said hello stays"
            await ok.close()
    run(body())


def test_deep_json_is_refused_before_it_is_parsed(monkeypatch):
    parsed = []
    real = json.loads
    monkeypatch.setattr(protocol.json, "loads", lambda *a, **k: parsed.append(1) or real(*a, **k))
    for depth in (8, 3000, 30000):
        frame = '{"type":"act","action":' + "[" * depth + "]" * depth + "}"
        with pytest.raises(protocol.ProtocolError) as refused:
            protocol.decode(frame)
        assert refused.value.code == "bad_shape"
    assert parsed == [], "the parser never saw the deep frames"
    assert protocol.decode('{"type":"act","action":{"do":"observe","child":"[[[[[[[[[[[[{{{{"}}')["action"]


def test_an_error_reaches_the_trainers_terminal_as_one_line(pietersdam, capsys, monkeypatch):
    def broken(self, _msg):
        raise RuntimeError("kapot\nop twee regels")

    monkeypatch.setattr(Game, "_op_status", broken)

    async def body():
        game = Game(pietersdam, 1, code=CODE)
        async with hosted(game) as (_server, addr):
            fac = await Client.open(addr, CODE, as_="facilitator", token=game.facilitator_token)
            reply = await fac.request({"type": "control", "token": game.facilitator_token, "op": "status"})
            assert reply["code"] == "internal"
            async with connect(f"ws://{addr}") as ws:
                await ws.send('{"type":"act","action":' + "[" * 20000 + "]" * 20000 + "}")
                assert json.loads(await ws.recv())["code"] == "bad_shape"
            await fac.close()
    run(body())
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines and all(line.startswith("server: ") for line in lines), err
    assert any("kapot op twee regels" in line for line in lines)


def test_new_logs_reports_stores_and_queues_are_owner_only(tmp_path, pietersdam):
    from report.store import open_store
    from report.xapi_send import write_queue
    from sim import FileLog
    from sim.files import atomic_write

    log = FileLog(tmp_path / "sessie.jsonl")
    log.write({"format": "x"}, durable=True)
    log.close()
    atomic_write(tmp_path / "verslag.html", "<p>feiten</p>")
    write_queue(tmp_path / "xapi-queue.jsonl", [{"statements": []}])
    open_store(tmp_path / "results.sqlite").close()
    for name in ("sessie.jsonl", "verslag.html", "xapi-queue.jsonl", "results.sqlite"):
        assert mode(tmp_path / name) == 0o600, name
    shared = tmp_path / "gedeeld.html"
    shared.write_text("oud", encoding="utf-8")
    shared.chmod(0o644)
    atomic_write(shared, "nieuw")
    assert mode(shared) == 0o644, "a file that exists keeps the mode its owner gave it"
    game = Game(pietersdam, 1, log_path=tmp_path / "dag.jsonl", code=CODE)
    game.join("Ans", "smw")
    game.save_lobby()
    game.start()
    assert mode(tmp_path / "dag.jsonl") == 0o600 and mode(tmp_path / "dag.jsonl.lobby.json") == 0o600


def test_tokens_can_be_given_by_file_or_environment(tmp_path, monkeypatch):
    from net.cli import given_token

    secret = tmp_path / "token.txt"
    secret.write_text("geheim-token\n", encoding="utf-8")
    args = SimpleNamespace(token=None, token_file=str(secret), facilitator=True, lang="nl")
    assert given_token(args) == "geheim-token"
    monkeypatch.setenv("KETENSPEL_TOKEN", "uit-de-omgeving")
    assert given_token(SimpleNamespace(token=None, token_file=None, facilitator=True, lang="nl")) == "uit-de-omgeving"
    assert given_token(SimpleNamespace(token=None, token_file=None, facilitator=False, lang="nl")) is None, \
        "a player's window never takes the trainer's token from the environment"
    with pytest.raises(ValueError, match="--token-file"):
        given_token(SimpleNamespace(token=None, token_file=str(tmp_path / "weg.txt"), facilitator=True, lang="nl"))
