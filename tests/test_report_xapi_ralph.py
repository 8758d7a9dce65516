"""xAPI delivery to a REAL Ralph LRS started on loopback (no mock): the offline queue, `--flush`, the
exit code when statements stay queued, and the statements read back as an LMS would (issue 19)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest
import requests
from report_golden.frozen import frozen_log

from cli import main
from report.xapi_export import EXIT_QUEUED

USER, PASSWORD = "trainer", "geheim-wachtwoord"
ROOT = Path(__file__).resolve().parent.parent


def _ralph() -> Path:
    """The Ralph LRS: KETENSPEL_RALPH, else the separate venv `make lrs` makes (Ralph pins a FastAPI
    that other tools in the main venv cannot share), else beside this Python."""
    if os.environ.get("KETENSPEL_RALPH"):
        return Path(os.environ["KETENSPEL_RALPH"])
    own = ROOT / ".venv" / "lrs" / "bin" / "ralph"
    return own if own.exists() else Path(sys.executable).with_name("ralph")


RALPH = _ralph()
HEADERS = {"X-Experience-API-Version": "1.0.3"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    """Two games played with the real clock: a solo learner (named) and a passive team; the real
    moments before and after the play."""
    d = tmp_path_factory.mktemp("played")
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    logs = {"solo": frozen_log(d / "solo.jsonl", "expert", 7, role="smw", wall=time.time,
                               names={"smw": "Fatima El Amrani"}),
            "passive": frozen_log(d / "passive.jsonl", "passive", 7, wall=time.time)}
    after = dt.datetime.now(dt.UTC)
    return logs, before, after


def _read_back(lrs: str, port: int, registration: str) -> list[dict]:
    got, url = [], f"{lrs}/statements"
    params: dict | None = {"registration": registration, "limit": 500}
    while url:
        answer = requests.get(url, params=params, auth=(USER, PASSWORD), headers=HEADERS, timeout=10)
        answer.raise_for_status()
        body = answer.json()
        got += body["statements"]
        url, params = (f"http://127.0.0.1:{port}{body['more']}" if body.get("more") else None), None
    return got


def _start_ralph(tmp_path: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "RALPH_APP_DIR": str(tmp_path / "ralph"), "RALPH_RUNSERVER_BACKEND": "fs"}
    subprocess.run([str(RALPH), "auth", "-u", USER, "-p", PASSWORD, "-s", "all", "-w", "-M",
                    "mailto:trainer@example.org"], env=env, check=True, capture_output=True, timeout=60)
    data = tmp_path / "lrs"
    data.mkdir()
    return subprocess.Popen([str(RALPH), "runserver", "-b", "fs", "--host", "127.0.0.1", "--port", str(port),
                             "--fs-default-directory-path", str(data)], env=env, cwd=data,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _wait_for(lrs: str) -> None:
    deadline = time.monotonic() + 40
    while True:
        try:
            if requests.get(f"{lrs}/statements", auth=(USER, PASSWORD), headers=HEADERS, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        assert time.monotonic() < deadline, "Ralph did not start within 40 s"
        time.sleep(0.3)


def test_statements_reach_a_real_ralph_lrs_and_read_back_as_an_lms_needs(played, tmp_path, capsys):
    assert RALPH.exists(), "the test LRS is missing: `make lrs` installs Ralph in .venv/lrs"
    logs, before, after = played
    port = _free_port()
    lrs = f"http://127.0.0.1:{port}/xAPI"
    queue = tmp_path / "queue.jsonl"
    login = ["--lrs", lrs, "--user", USER, "--password", PASSWORD, "--queue", str(queue)]
    # 1. The LRS is down: the statements wait in the offline queue, and the exit code says so.
    assert main(["export-xapi", logs["passive"], *login]) == EXIT_QUEUED
    err = capsys.readouterr().err
    queued = [line for line in err.splitlines() if line.startswith("queued:")]
    assert len(queued) == 1 and "Connection refused" in queued[0] and "--flush" in queued[0]
    assert PASSWORD not in queue.read_text() and oct(queue.stat().st_mode & 0o777) == "0o600"
    assert main(["export-xapi", "--flush", *login]) == EXIT_QUEUED  # still down: still queued
    assert main(["export-xapi", logs["solo"], *login]) == EXIT_QUEUED  # joins the queue
    capsys.readouterr()
    server = _start_ralph(tmp_path, port)
    try:
        _wait_for(lrs)
        # 2. Wrong credentials: refused with a clear message, nothing lost from the queue.
        assert main(["export-xapi", "--flush", "--lrs", lrs, "--user", USER, "--password", "fout",
                     "--queue", str(queue)]) == 2
        assert "refused" in capsys.readouterr().err and queue.exists()
        # 3. --flush sends the queue alone (in one POST: Ralph's file backend takes one write).
        assert main(["export-xapi", "--flush", *login]) == 0
        assert not queue.exists() and "delivered" in capsys.readouterr().out
        assert main(["export-xapi", "--flush", *login]) == 0
        assert "nothing queued" in capsys.readouterr().out
        # 4. Read back per registration, as the LMS does.
        for name, log in logs.items():
            out = tmp_path / f"{name}.json"
            assert main(["export-xapi", log, "--out", str(out)]) == 0
            sent = json.loads(out.read_text(encoding="utf-8"))
            got = _read_back(lrs, port, sent[0]["context"]["registration"])
            assert {s["id"] for s in got} == {s["id"] for s in sent}
            verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in got]
            assert {"launched", "initialized", "completed", "terminated"} <= set(verbs)
            for s in got:
                moment = dt.datetime.fromisoformat(s["timestamp"].replace("Z", "+00:00"))
                assert before <= moment <= after, "timestamps lie within the real play time"
            ends = [s for s in got if s["verb"]["id"].endswith(("/completed", "/terminated", "/passed", "/failed"))]
            assert ends and all(re.fullmatch(r"PT(\d+M)?(\d+S)?", s["result"]["duration"]) for s in ends)
            verdict = [s for s in got if s["verb"]["id"].endswith(("/passed", "/failed"))]
            assert len(verdict) == 1 and 0 <= verdict[0]["result"]["score"]["scaled"] <= 1
            definitions = defaultdict(set)
            for s in got:
                definitions[s["object"]["id"]].add(json.dumps(s["object"].get("definition"), sort_keys=True))
            assert all(len(d) == 1 for d in definitions.values())
            if name == "solo":
                actor = got[0]["actor"]
                assert actor["account"]["homePage"] == "https://lms.example.org" and "name" not in actor
                assert re.fullmatch(r"k-[0-9a-f]{24}", actor["account"]["name"])
                assert "Fatima" not in json.dumps(got)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)
        shutil.rmtree(tmp_path / "ralph", ignore_errors=True)
