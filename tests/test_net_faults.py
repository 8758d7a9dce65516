"""Nothing lost, nothing crashes (issue 13): a client that cannot receive is dropped alone; a host
killed in the lobby leaves a log to resume; a host killed at any moment of a game loses no input it
acknowledged."""

from __future__ import annotations

import asyncio
import json
import os
import random
import subprocess
import sys
import time

import net.server
from net.client import Client
from net.game import Game
from net.logfile import is_lobby_log
from sim.log import read_log
from sim.replay import replay
from tests.test_net_resume import ROOT, kill, start_host
from tests.test_net_session import hosted, run, until

ACTS = {"smw": [{"do": "talk_parents", "child": "kevin", "purpose": "inform"},
                {"do": "consult_colleague", "child": "kevin"}, {"do": "wait"}],
        "leerkracht": [{"do": "observe", "child": "kevin"}, {"do": "talk_child", "child": "kevin"}, {"do": "wait"}]}


def test_a_client_that_cannot_receive_does_not_stop_the_others(pietersdam, monkeypatch, capfd):
    monkeypatch.setattr(net.server, "OUTBOX_LIMIT", 8)
    monkeypatch.setattr(net.server, "SEND_TIMEOUT", 3.0)

    async def body():
        game = Game(pietersdam, 1, code="STIL23")
        async with hosted(game) as (server, addr):
            token = game.facilitator_token
            ans = await Client.open(addr, "STIL23", name="Ans", role="smw")
            kees = await Client.open(addr, "STIL23", name="Kees", role="leerkracht")
            broken = await Client.open(addr, "STIL23", name="Kapot", role="wijkagent")
            stalled = await Client.open(addr, "STIL23", name="Stil", role="wijkteam")
            board = await Client.open(addr, "STIL23", as_="dashboard")
            fac = await Client.open(addr, "STIL23", as_="facilitator", token=token)
            conns = {c.member.name: c for c in server.conns if c.member}

            async def fails(_frame):                 # the network to this laptop is gone
                raise OSError("No route to host")

            async def hangs(_frame):                 # this laptop stopped reading: its TCP window is shut
                await asyncio.Event().wait()

            conns["Kapot"].ws.send, conns["Stil"].ws.send = fails, hangs
            await fac.request({"type": "control", "token": token, "op": "start", "speed": 0})
            slowest = 0.0
            for day in range(1, 13):
                began = time.monotonic()
                await fac.request({"type": "control", "token": token, "op": "advance", "to": f"{day}d"})
                for client, role in ((ans, "smw"), (kees, "leerkracht")):
                    ack = await client.request({"type": "act", "action": ACTS[role][day % 3]}, timeout=5)
                    assert ack["type"] == "ack" and ack["ok"], ack
                slowest = max(slowest, time.monotonic() - began)
            await until(lambda: not any(c.member and c.member.name in ("Kapot", "Stil") for c in server.conns), 5)
            for client in (ans, kees):
                await client.wait_for(lambda c: c.view is not None and c.now >= 12 * 24.0, timeout=5)
                assert len(client.view["my_actions"]) == 12
            await board.wait_for(lambda c: c.dashboard is not None and len(c.dashboard["actions"]) >= 24, timeout=5)
            assert game.state == "running" and game.session.now == 12 * 24.0
            back = await Client.open(addr, "STIL23", token=stalled.welcome["token"])   # it may come back
            await back.wait_for(lambda c: c.view is not None)
            assert back.welcome["name"] == "Stil" and back.view["role"] == "wijkteam"
            for client in (ans, kees, broken, stalled, board, fac, back):
                await asyncio.wait_for(client.close(), 5)
            return slowest

    slowest = run(body())
    assert slowest < 2.0, f"a day with two actions took {slowest:.2f} s: someone waited for the stalled client"
    err = capfd.readouterr().err
    assert "dropped the player connection 'Kapot'" in err and "No route to host" in err
    assert "dropped the player connection 'Stil'" in err and "stopped reading" in err


def test_kill_in_the_lobby_leaves_a_log_to_resume(tmp_path):
    log = tmp_path / "lobby.jsonl"
    first, addr, token = start_host("pietersdam", "--code", "LOBBY2", "--log", str(log), "--seed", "8")
    try:
        assert is_lobby_log(log), "the log exists as soon as the host listens"

        async def join():
            ans = await Client.open(addr, "LOBBY2", name="Ans", role="smw")
            await ans.close()
            return ans.welcome["token"]
        me = run(join())
    finally:
        kill(first)                                         # kill -9 while everyone waits in the lobby
    assert is_lobby_log(log) and read_log(log).header["lobby"] is True
    again = subprocess.run([sys.executable, str(ROOT / "main.py"), "host", "pietersdam", "--log", str(log),
                            "--headless", "--port", "0"], capture_output=True, text=True, timeout=30, check=False)
    assert again.returncode == 2 and "--resume" in again.stderr and is_lobby_log(log), "never overwritten"

    second, addr, token2 = start_host("--resume", str(log))
    try:
        assert token2 == token

        async def play():
            ans = await Client.open(addr, "LOBBY2", token=me)
            assert ans.welcome["state"] == "lobby" and ans.welcome["role"] == "smw" and ans.welcome["name"] == "Ans"
            fac = await Client.open(addr, "LOBBY2", as_="facilitator", token=token)
            await fac.request({"type": "control", "token": token, "op": "start", "speed": 0})
            ack = await ans.request({"type": "act", "action": ACTS["smw"][0]})
            assert ack["ok"], ack
            await ans.close()
            await fac.close()
        run(play())
    finally:
        kill(second)
    header = json.loads(log.read_text(encoding="utf-8").splitlines()[0])
    assert header["players"] == ["smw"] and "lobby" not in header
    session, _ = replay(log)
    assert [r["action"] for r in session.records if r.get("type") == "input"] == [ACTS["smw"][0]]


def test_a_host_killed_at_random_moments_loses_no_acknowledged_input(tmp_path):
    rng = random.Random(1313)
    log = tmp_path / "kill.jsonl"
    acked: list[tuple[int, str, dict]] = []
    tokens: dict[str, str] = {}
    proc, addr, token = start_host("pietersdam", "--code", "KILL23", "--log", str(log), "--seed", "6")

    async def round_(addr: str, proc, kill_after: float, steps: int) -> None:
        players = {}
        for role in ACTS:
            hello = {"token": tokens[role]} if role in tokens else {"name": role.title(), "role": role}
            players[role] = await Client.open(addr, "KILL23", **hello)
            tokens[role] = players[role].welcome["token"]
        fac = await Client.open(addr, "KILL23", as_="facilitator", token=token)
        op = "start" if players["smw"].welcome["state"] == "lobby" else "resume"
        assert (await fac.request({"type": "control", "token": token, "op": op, "speed": 0}))["type"] == "reply"

        async def keep_acting(role: str) -> None:
            client = players[role]
            while True:
                action = rng.choice(ACTS[role])
                ack = await client.request({"type": "act", "action": action}, timeout=10)
                if ack.get("ok"):
                    acked.append((ack["seq"], role, action))

        for _ in range(steps):                            # some calm steps, the clock moving on
            now = players["smw"].now
            await fac.request({"type": "control", "token": token, "op": "advance", "to": now + rng.uniform(1, 30)})
        tasks = [asyncio.create_task(keep_acting(role)) for role in ACTS]
        await asyncio.sleep(kill_after)                   # inputs in flight when the host dies
        kill(proc)
        for client in (*players.values(), fac):
            await asyncio.wait_for(client.closed.wait(), 5)
        await asyncio.sleep(0)                            # an ack read before the socket closed is counted
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for client in (*players.values(), fac):
            await asyncio.wait_for(client.close(), 5)

    for n in range(5):
        run(round_(addr, proc, rng.uniform(0.0, 0.3), rng.randint(0, 3)))
        proc, addr, token2 = start_host("--resume", str(log))
        assert token2 == token, f"round {n}: the facilitator token survives"
    kill(proc)
    session, warnings = replay(log)                       # the same world, rebuilt from the log
    inputs = {r["seq"]: r for r in session.records if r.get("type") == "input"}
    assert len(acked) > 20
    missing = [(seq, role, a) for seq, role, a in acked if seq not in inputs or inputs[seq]["role"] != role
               or any(inputs[seq]["action"].get(k) != v for k, v in a.items())]   # (the log adds defaults)
    assert not missing, f"acknowledged but not in the log: {missing[:3]}"
    assert all(seq in inputs for seq in range(1, max(inputs) + 1))


def test_bad_host_and_join_arguments_and_damaged_logs_end_in_one_line_with_exit_2(tmp_path, monkeypatch, capsys):
    from cli import main

    monkeypatch.chdir(tmp_path)
    header = ('{"format":"ketenspel-log/1","hash":"sha256:0","lobby":true,"players":[],"policy":"lan",'
              '"scenario":"pietersdam","seed":1}\n')
    damaged = {"half.jsonl": header + "{niet af\n" + '{"type":"clock","t":1}\n',
               "seed.jsonl": header.replace('"seed":1', '"seed":"een"').replace(',"lobby":true', ""),
               "types.jsonl": '{"format":"ketenspel-log/1","scenario":7,"players":"smw"}\n',
               "leeg.jsonl": "", "binair.jsonl": "\x00\xff\ud7ff" * 10}
    for name, text in damaged.items():
        if text is not None:
            (tmp_path / name).write_text(text, encoding="utf-8", errors="replace")
    (tmp_path / "map.jsonl").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pijp.jsonl")              # reading it would block: it must be refused unread
        damaged["pijp.jsonl"] = None
    cases = [["host", "pietersdam", "--port", "70000"], ["host", "pietersdam", "--port=-1"],
             ["host", "pietersdam", "--code", "a b!"], ["host", "pietersdam", "--bind", ""],
             ["host", "pietersdam", "--log", "map.jsonl"], ["host", "--resume", "bestaat-niet.jsonl"],
             ["host", "--resume", "map.jsonl"], *(["host", "--resume", name] for name in damaged),
             ["join", "127.0.0.1:99999", "--code", "X"], ["join", "127.0.0.1:abc", "--code", "X"],
             ["join", ":", "--code", "X"], ["join", "127.0.0.1:1", "--code", " "]]
    for argv in cases:
        code = main([*argv, "--headless"] if argv[0] == "host" else argv)
        out = capsys.readouterr()
        assert code == 2, (argv, out)
        lines = out.err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in out.err and not out.out, (argv, out.err)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*damaged, "map.jsonl"]), "nothing was written"
