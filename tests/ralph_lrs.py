"""A real Ralph LRS on loopback for the xAPI tests (issue 19): started by the tests with its file
backend and one user, read back as an LMS would, and stopped again."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent

USER, PASSWORD = "trainer", "geheim-wachtwoord"


def _ralph() -> Path:
    """The Ralph LRS: KETENSPEL_RALPH, else the separate venv `make lrs` makes (Ralph pins a FastAPI
    that other tools in the main venv cannot share), else beside this Python."""
    if os.environ.get("KETENSPEL_RALPH"):
        return Path(os.environ["KETENSPEL_RALPH"])
    own = ROOT / ".venv" / "lrs" / "bin" / "ralph"
    return own if own.exists() else Path(sys.executable).with_name("ralph")


RALPH = _ralph()
HEADERS = {"X-Experience-API-Version": "1.0.3"}


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def read_back(lrs: str, port: int, registration: str) -> list[dict]:
    """Every statement of one registration, page by page, as an LMS reads them."""
    got, url = [], f"{lrs}/statements"
    params: dict | None = {"registration": registration, "limit": 500}
    while url:
        answer = requests.get(url, params=params, auth=(USER, PASSWORD), headers=HEADERS, timeout=10)
        answer.raise_for_status()
        body = answer.json()
        got += body["statements"]
        url, params = (f"http://127.0.0.1:{port}{body['more']}" if body.get("more") else None), None
    return got


def start_ralph(tmp_path: Path, port: int) -> subprocess.Popen:
    """Ralph with its file backend and one user (USER, PASSWORD) on 127.0.0.1:port."""
    env = {**os.environ, "RALPH_APP_DIR": str(tmp_path / "ralph"), "RALPH_RUNSERVER_BACKEND": "fs"}
    subprocess.run([str(RALPH), "auth", "-u", USER, "-p", PASSWORD, "-s", "all", "-w", "-M",
                    "mailto:trainer@example.org"], env=env, check=True, capture_output=True, timeout=60)
    data = tmp_path / "lrs"
    data.mkdir()
    return subprocess.Popen([str(RALPH), "runserver", "-b", "fs", "--host", "127.0.0.1", "--port", str(port),
                             "--fs-default-directory-path", str(data)], env=env, cwd=data,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def wait_for(lrs: str) -> None:
    """Until Ralph answers (at most 40 s)."""
    deadline = time.monotonic() + 40
    while True:
        try:
            if requests.get(f"{lrs}/statements", auth=(USER, PASSWORD), headers=HEADERS, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        assert time.monotonic() < deadline, "Ralph did not start within 40 s"
        time.sleep(0.3)


def stop_ralph(server: subprocess.Popen, tmp_path: Path) -> None:
    """Stop the LRS started by start_ralph (its own process group) and remove its files."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)
    shutil.rmtree(tmp_path / "ralph", ignore_errors=True)
