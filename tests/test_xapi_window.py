"""The game window's certificate button sends the attempt's xAPI statements when an LRS is set up
(issue 17, item 9): in the background — a slow or absent LRS never holds up or closes the window —
with the status line saying whether they were sent or wait in the queue; under a cmi5 launch they go
to the launch's LRS (a REAL Ralph on loopback) as the launch's learner."""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
import pygame  # noqa: E402

from ui.screens.debrief import DebriefScreen  # noqa: E402

LEARNER = {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "learner-77"}}


def _finish_and_press_c(app) -> float:
    """Play a solo game to its end, press C on the debrief and Enter in its name field; how long the
    presses took (the PDF is written in the background); then wait until the certificate is written."""
    app.start_new(app.screen.scenario(), "leerkracht")
    app.end_game()
    assert isinstance(app.screen, DebriefScreen)
    start = time.monotonic()
    for key in (pygame.K_c, pygame.K_RETURN):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
        app.frame()
    took = time.monotonic() - start
    _until(app, "opgeslagen")
    return took


def _until(app, text: str, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while text not in app.status_html:
        assert time.monotonic() < deadline, f"the status never said {text!r}: {app.status_html}"
        app.frame()
        time.sleep(0.05)


class SlowLrs:
    """An LRS that takes `delay` seconds to answer each POST (and then accepts it), counting statements."""

    def __init__(self, delay: float):
        self.statements: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                time.sleep(delay)
                outer.statements += body
                data = json.dumps([s["id"] for s in body]).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/xAPI"


def test_without_an_lrs_the_certificate_sends_nothing_and_says_nothing_of_it(app):
    _finish_and_press_c(app)
    assert app.game.path.with_suffix(".pdf").exists()
    assert "xAPI" not in app.status_html and app.screen.sender is None


def test_an_unreachable_lrs_leaves_the_statements_queued_and_the_window_says_so(app, tmp_path, monkeypatch):
    monkeypatch.setenv("KETENSPEL_LRS", "http://127.0.0.1:9/xAPI")
    _finish_and_press_c(app)
    _until(app, "wachtrij")
    assert "opgeslagen" in app.status_html, "the certificate line stays"
    queue = tmp_path / "xapi-queue.jsonl"  # the app fixture's data folder
    statements = [s for line in queue.read_text().splitlines() for s in json.loads(line)["statements"]]
    assert statements[-1]["verb"]["id"].endswith("/terminated") and app.running


def test_a_slow_lrs_never_holds_up_the_window_and_the_status_says_sent(app, monkeypatch):
    lrs = SlowLrs(delay=2.0)
    try:
        monkeypatch.setenv("KETENSPEL_LRS", lrs.url)
        took = _finish_and_press_c(app)
        assert took < 1.5, "the press returns before the LRS answers"
        assert "gaan naar de leeromgeving" in app.status_html
        _until(app, "verstuurd")
        assert "gaan naar de leeromgeving" not in app.status_html
        assert lrs.statements and f"{len(lrs.statements)} xAPI-gegevens" in app.status_html
    finally:
        lrs.httpd.shutdown()


def test_a_refused_setting_is_a_line_in_the_status_not_a_crash(app, monkeypatch):
    monkeypatch.setenv("KETENSPEL_LRS", "http://127.0.0.1:9/xAPI")
    monkeypatch.delenv("KETENSPEL_XAPI_HOMEPAGE")
    _finish_and_press_c(app)
    _until(app, "niet verstuurd")
    assert "--homepage" in app.status_html and app.running


def test_under_a_cmi5_launch_the_certificate_sends_to_the_launchs_lrs_as_its_learner(app, tmp_path_factory):
    from ralph_lrs import (
        PASSWORD,
        RALPH,
        USER,
        free_port,
        read_back,
        start_ralph,
        stop_ralph,
        wait_for,
    )

    from report.xapi_cmi5 import Cmi5Launch

    assert RALPH.exists(), "the test LRS is missing: `make lrs` installs Ralph in .venv/lrs"
    import base64

    d = tmp_path_factory.mktemp("lms")
    port = free_port()
    lrs = f"http://127.0.0.1:{port}/xAPI"
    server = start_ralph(d, port)
    try:
        wait_for(lrs)
        reg = str(uuid.uuid4())
        app.cmi5 = Cmi5Launch(lrs, None, LEARNER, reg, "https://lms.example.org/au/pietersdam",
                              token=base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode())
        _finish_and_press_c(app)
        _until(app, "verstuurd")
        got = read_back(lrs, port, reg)
        assert got and all(s["actor"] == LEARNER for s in got)
        assert {s["verb"]["id"].rsplit("/", 1)[1] for s in got} >= {"initialized", "completed", "terminated"}
    finally:
        stop_ralph(server, d)


def test_closing_a_launched_window_without_a_game_sends_nothing_and_says_so(app, capsys):
    from ui.launch import send_at_close

    send_at_close(app, object())
    assert "no game was played" in capsys.readouterr().err
