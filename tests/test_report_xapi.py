"""xAPI export: cmi5-shaped statements, an offline queue, and delivery to a REAL local Ralph LRS (no mock)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from report_golden.frozen import frozen_log

from cli import main

USER, PASSWORD = "trainer", "geheim-wachtwoord"
RALPH = Path(sys.executable).with_name("ralph")


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    """Two finished Pietersdam sessions with seed 7: the expert team and a passive team."""
    d = tmp_path_factory.mktemp("logs")
    return {name: frozen_log(d / f"{name}.jsonl", name, 7) for name in ("expert", "passive")}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _statements(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def test_statements_follow_the_cmi5_order_and_are_stable(logs, tmp_path):
    out1, out2 = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["export-xapi", logs["passive"], "--out", str(out1)]) == 0
    assert main(["export-xapi", logs["passive"], "--out", str(out2)]) == 0
    assert out1.read_bytes() == out2.read_bytes()
    verbs = [s["verb"]["display"]["en-US"] for s in _statements(out1)]
    assert verbs[0] == "initialized" and verbs[-1] == "terminated"
    assert verbs[-3:] == ["completed", "failed", "terminated"]  # the passive team let the incident happen
    assert "experienced" in verbs
    assert len({s["id"] for s in _statements(out1)}) == len(verbs)


def test_every_player_decision_is_an_answered_statement(logs, tmp_path):
    out = tmp_path / "x.json"
    assert main(["export-xapi", logs["expert"], "--out", str(out)]) == 0
    statements = _statements(out)
    answered = [s for s in statements if s["verb"]["display"]["en-US"] == "answered"]
    decisions = [json.loads(line) for line in Path(logs["expert"]).read_text().splitlines()[1:]]
    decisions = [r for r in decisions if r.get("type") == "action" and r.get("by") == "player"]
    assert len(answered) == len(decisions)
    assert json.loads(answered[0]["result"]["response"]) == decisions[0]["action"]
    assert statements[-2]["verb"]["display"]["en-US"] == "passed"  # the incident was prevented


def test_export_without_a_destination_is_a_usage_error(logs, capsys):
    assert main(["export-xapi", logs["expert"]]) == 2
    assert "--lrs" in capsys.readouterr().err


def test_statements_reach_a_real_ralph_lrs_after_being_queued_offline(logs, tmp_path, capsys):
    assert RALPH.exists(), "ralph-malph is in the dev extra: pip install -e '.[dev]'"
    port = _free_port()
    lrs = f"http://127.0.0.1:{port}/xAPI"
    queue = tmp_path / "queue.jsonl"
    # 1. The LRS is down: the statements wait in the offline queue.
    assert main(["export-xapi", logs["passive"], "--lrs", lrs, "--user", USER, "--password", PASSWORD,
                 "--queue", str(queue)]) == 0
    assert "queued" in capsys.readouterr().err
    queued = sum(len(b["statements"]) for b in map(json.loads, queue.read_text().splitlines()))
    assert queued > 0 and PASSWORD not in queue.read_text()
    # 2. Start a real Ralph LRS (file backend) on loopback.
    env = {**os.environ, "RALPH_APP_DIR": str(tmp_path / "ralph"), "RALPH_RUNSERVER_BACKEND": "fs"}
    subprocess.run([str(RALPH), "auth", "-u", USER, "-p", PASSWORD, "-s", "all", "-w", "-M",
                    "mailto:trainer@example.org"], env=env, check=True, capture_output=True, timeout=60)
    data = tmp_path / "lrs"
    data.mkdir()
    server = subprocess.Popen([str(RALPH), "runserver", "-b", "fs", "--host", "127.0.0.1", "--port", str(port),
                               "--fs-default-directory-path", str(data)], env=env, cwd=data,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        headers = {"X-Experience-API-Version": "1.0.3"}
        deadline = time.monotonic() + 40
        while True:
            try:
                if requests.get(f"{lrs}/statements", auth=(USER, PASSWORD), headers=headers, timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "Ralph did not start within 40 s"
            time.sleep(0.3)
        # 3. Wrong credentials: refused with a clear message, nothing lost from the queue.
        assert main(["export-xapi", logs["expert"], "--lrs", lrs, "--user", USER, "--password", "fout",
                     "--queue", str(queue)]) == 2
        assert "refused" in capsys.readouterr().err and queue.exists()
        # 4. The next call flushes the queue and sends the new session's statements (each once).
        assert main(["export-xapi", logs["expert"], "--lrs", lrs, "--user", USER, "--password", PASSWORD,
                     "--queue", str(queue)]) == 0
        assert not queue.exists()
        expected = {}
        for name in ("passive", "expert"):
            out = tmp_path / f"{name}.json"
            main(["export-xapi", logs[name], "--out", str(out)])
            expected[name] = _statements(out)
        # 5. Read them back from the LRS, per registration (one per session).
        for name, sent in expected.items():
            got, url = [], f"{lrs}/statements"
            params = {"registration": sent[0]["context"]["registration"], "limit": 500}
            while url:
                answer = requests.get(url, params=params, auth=(USER, PASSWORD), headers=headers, timeout=10)
                answer.raise_for_status()
                body = answer.json()
                got += body["statements"]
                url, params = (f"http://127.0.0.1:{port}{body['more']}" if body.get("more") else None), None
            assert {s["id"] for s in got} == {s["id"] for s in sent}
            verbs = {s["verb"]["id"].rsplit("/", 1)[1] for s in got}
            assert {"initialized", "experienced", "completed", "terminated"} <= verbs
            assert ("passed" if name == "expert" else "failed") in verbs
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
        shutil.rmtree(tmp_path / "ralph", ignore_errors=True)
