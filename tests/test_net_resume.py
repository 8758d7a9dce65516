"""Nothing acknowledged is lost (issue 7 §6): a player who drops comes back with their token to the
same role and full desk; a killed server restarted with `host --resume LOG` still has every action."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from net.client import Client
from sim.replay import replay
from tests.test_net_session import run

ROOT = Path(__file__).resolve().parent.parent


def start_host(*args: str) -> tuple[subprocess.Popen, str, str]:
    """`python main.py host …` on 127.0.0.1 with a free port; returns the process, address, token."""
    proc = subprocess.Popen([sys.executable, "-u", str(ROOT / "main.py"), "host", *args, "--headless",
                             "--bind", "127.0.0.1", "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    seen, deadline = {}, time.monotonic() + 20
    while "Adres" not in seen or "Trainerstoken" not in seen:
        line = proc.stdout.readline()
        assert line and time.monotonic() < deadline, f"host did not start: {seen}"
        key, _, value = line.partition(":")
        seen[key.strip()] = value.strip()
    return proc, seen["Adres"], seen["Trainerstoken"]


def kill(proc: subprocess.Popen) -> None:
    """Kill the server hard, as a crash would (no clean shutdown)."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()


def test_a_dropped_player_and_a_killed_server_lose_no_acknowledged_action(tmp_path):
    log = tmp_path / "trainingsdag.jsonl"
    first, addr, token = start_host("pietersdam", "--code", "HERSTL", "--log", str(log), "--seed", "4")
    try:
        async def before_crash():
            fac = await Client.open(addr, "HERSTL", as_="facilitator", token=token)
            smw = await Client.open(addr, "HERSTL", name="Ans", role="smw")
            await fac.request({"type": "control", "token": token, "op": "start", "speed": 0})
            await fac.request({"type": "control", "token": token, "op": "advance", "to": "2d"})
            acks = [await smw.request({"type": "act", "action": a}) for a in (
                {"do": "talk_parents", "child": "kevin", "purpose": "inform"},
                {"do": "vir_register", "child": "kevin"})]
            assert [a["ok"] for a in acks] == [True, True]
            me = smw.welcome["token"]
            await smw.close()                                   # the laptop drops off the wifi
            back = await Client.open(addr, "HERSTL", token=me)
            await back.wait_for(lambda c: c.view is not None)
            assert back.welcome["role"] == "smw" and back.welcome["name"] == "Ans"
            assert [a["do"] for a in back.view["my_actions"]] == ["talk_parents", "vir_register"]
            await back.close()
            await fac.close()
            return me
        me = run(before_crash())
    finally:
        kill(first)

    second, addr, token2 = start_host("--resume", str(log))
    try:
        assert token2 == token, "the facilitator token survives the crash"

        async def after_crash():
            smw = await Client.open(addr, "HERSTL", token=me)
            await smw.wait_for(lambda c: c.view is not None)
            assert smw.state == "paused"
            assert [a["do"] for a in smw.view["my_actions"]] == ["talk_parents", "vir_register"]
            assert smw.view["now"] == 48.0
            fac = await Client.open(addr, "HERSTL", as_="facilitator", token=token)
            await fac.request({"type": "control", "token": token, "op": "resume"})
            await fac.request({"type": "control", "token": token, "op": "speed", "speed": 0})
            ack = await smw.request({"type": "act", "action": {"do": "talk_parents", "child": "kevin",
                                                                "purpose": "consent"}})
            assert ack["ok"]
            await fac.request({"type": "control", "token": token, "op": "end"})
            await smw.wait_for(lambda c: c.debrief is not None)
            await smw.close()
            await fac.close()
        run(after_crash())
    finally:
        kill(second)
    session, _ = replay(log)
    assert session.finished
    inputs = [r["action"]["do"] for r in session.records if r.get("type") == "input" and r["role"] == "smw"]
    assert inputs == ["talk_parents", "vir_register", "talk_parents"]


def test_host_explains_bad_input_without_a_traceback(tmp_path):
    def host(*args):
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "host", *args, "--headless",
                               "--bind", "127.0.0.1", "--port", "0"], cwd=tmp_path, capture_output=True,
                              text=True, timeout=30, check=False)

    missing = host("bestaat_niet")
    assert missing.returncode == 2 and "Traceback" not in missing.stderr and missing.stderr.strip()
    not_a_log = tmp_path / "boodschappen.jsonl"
    not_a_log.write_text("melk\nbrood\n", encoding="utf-8")
    kept = host("pietersdam", "--log", str(not_a_log))
    assert kept.returncode == 2 and "--resume" in kept.stderr
    assert not_a_log.read_text(encoding="utf-8") == "melk\nbrood\n", "an existing log is never overwritten"
    damaged = host("--resume", str(not_a_log))
    assert damaged.returncode == 2 and "boodschappen.jsonl:1:" in damaged.stderr
    assert "Traceback" not in damaged.stderr


def test_join_without_a_server_says_so_before_any_window_opens():
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "join", "127.0.0.1:1", "--code", "X"],
                         capture_output=True, text=True, timeout=30, check=False)
    assert out.returncode == 2 and "Geen verbinding met de server" in out.stderr and "Traceback" not in out.stderr
    headless = subprocess.run([sys.executable, str(ROOT / "main.py"), "join", "127.0.0.1:1", "--code", "X",
                               "--headless"], capture_output=True, text=True, timeout=30, check=False)
    assert headless.returncode == 2 and "--policy" in headless.stderr
    nowhere = subprocess.run([sys.executable, str(ROOT / "main.py"), "join", "127.0.0.1:1", "--code", "X",
                              "--policy", "expert", "--headless"], capture_output=True, text=True, timeout=30, check=False)
    assert nowhere.returncode == 2 and "Geen verbinding" in nowhere.stderr and "Traceback" not in nowhere.stderr
