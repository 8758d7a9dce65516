"""A cmi5 launch (cmi5 spec §8): an LMS starts Ketenspel with a launch URL carrying endpoint, fetch,
actor, registration and activityId. The token comes from the fetch URL (once), the statements go to
the launch's LRS as the launch's learner (an Agent, also for a team's game), with its registration and
activity — checked against a REAL Ralph LRS on loopback and a small fetch server playing the LMS.
Ralph has no State API, so the LMS.LaunchData document (mastery score, launch mode, the LMS's session
id) is served by a small stand-in."""

from __future__ import annotations

import base64
import json
import threading
import time
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from ralph_lrs import PASSWORD, RALPH, USER, free_port, read_back, start_ralph, stop_ralph, wait_for
from report_golden.frozen import frozen_log

from cli import main
from report.xapi_actor import XapiError
from report.xapi_cmi5 import parse_launch_url

LEARNER = {"objectType": "Agent", "account": {"homePage": "https://lms.example.org", "name": "learner-1625378"}}
AU = "https://lms.example.org/course/ketenspel/au/pietersdam"


class FetchServer:
    """The LMS's fetch URL: the first POST per launch key gets the auth-token (Ralph's user and
    password, as `Basic` credentials), every later one error-code 1 (cmi5 §8.2.3)."""

    def __init__(self):
        self.calls: list[tuple[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 — http.server's name
                server.calls.append(("POST", self.path))
                first = sum(1 for _, p in server.calls if p == self.path) == 1
                token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
                body = {"auth-token": token} if first else {"error-code": "1", "error-text": "already fetched"}
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):  # noqa: N802
                server.calls.append(("GET", self.path))
                self.send_response(405)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, key: str) -> str:
        return f"http://127.0.0.1:{self.port}/fetch/{key}"


@pytest.fixture(scope="module")
def fetch_server():
    fetch = FetchServer()
    yield fetch
    fetch.httpd.shutdown()


@pytest.fixture
def lms(tmp_path_factory, fetch_server):
    """A real Ralph LRS (one per test: its file backend takes one write) and the LMS's fetch server,
    both on loopback."""
    assert RALPH.exists(), "the test LRS is missing: `make lrs` installs Ralph in .venv/lrs"
    d = tmp_path_factory.mktemp("lms")
    port = free_port()
    lrs = f"http://127.0.0.1:{port}/xAPI"
    server = start_ralph(d, port)
    try:
        wait_for(lrs)
        yield {"lrs": lrs, "port": port, "fetch": fetch_server}
    finally:
        stop_ralph(server, d)


def launch_url(lms, key: str, registration: str, actor: dict = LEARNER, leave: str = "") -> str:
    params = {"endpoint": lms["lrs"], "fetch": lms["fetch"].url(key), "actor": json.dumps(actor),
              "registration": registration, "activityId": AU}
    params = {k: v for k, v in params.items() if k != leave}
    return "https://ketenspel.example.org/au/index.html?" + urllib.parse.urlencode(params)


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    d = tmp_path_factory.mktemp("played")
    return {"solo": frozen_log(d / "solo.jsonl", "expert", 7, role="smw", wall=time.time),
            "team": frozen_log(d / "team.jsonl", "expert", 8, wall=time.time)}


def test_a_launch_url_names_the_lrs_the_learner_the_registration_and_the_au():
    lms = {"lrs": "https://lrs.example.org/xAPI/", "fetch": type("F", (), {"url": lambda self, k: "https://lms/f"})()}
    reg = str(uuid.uuid4())
    launch = parse_launch_url(launch_url(lms, "k", reg))
    assert (launch.endpoint, launch.fetch, launch.registration, launch.activity_id) == \
           ("https://lrs.example.org/xAPI/", "https://lms/f", reg, AU)
    assert launch.actor == LEARNER


@pytest.mark.parametrize("missing", ["endpoint", "actor", "registration", "activityId"])
def test_a_launch_url_without_a_parameter_is_refused_before_anything_is_sent(logs, missing, capsys):
    lms = {"lrs": "http://127.0.0.1:9/xAPI", "fetch": type("F", (), {"url": lambda self, k: "http://127.0.0.1:9/f"})()}
    url = launch_url(lms, "k", str(uuid.uuid4()), leave=missing)
    assert main(["export-xapi", logs["solo"], "--cmi5-launch", url]) == 2
    assert f"lacks {missing}" in capsys.readouterr().err


def test_a_group_cannot_be_launched_cmi5_wants_one_agent():
    group = {"objectType": "Group", "member": [LEARNER]}
    lms = {"lrs": "http://127.0.0.1:9/xAPI", "fetch": type("F", (), {"url": lambda self, k: "http://127.0.0.1:9/f"})()}
    with pytest.raises(XapiError, match="Agent with an account"):
        parse_launch_url(launch_url(lms, "k", str(uuid.uuid4()), actor=group))


def test_the_launch_gives_lrs_learner_and_registration_so_the_flags_are_refused(logs, capsys):
    lms = {"lrs": "http://127.0.0.1:9/xAPI", "fetch": type("F", (), {"url": lambda self, k: "http://127.0.0.1:9/f"})()}
    url = launch_url(lms, "k", str(uuid.uuid4()))
    assert main(["export-xapi", logs["solo"], "--cmi5-launch", url, "--lrs", "http://127.0.0.1:9/xAPI",
                 "--registration", str(uuid.uuid4())]) == 2
    assert "leave out --lrs, --registration" in capsys.readouterr().err


@pytest.mark.parametrize("which", ["solo", "team"])
def test_an_lms_launch_sends_the_attempt_to_its_lrs_as_its_learner(lms, logs, which, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("KETENSPEL_XAPI_HOMEPAGE")  # the LMS names the learner: no home page or salt needed
    reg = str(uuid.uuid4())
    url = launch_url(lms, f"{which}-{reg}", reg)
    queue = tmp_path / "queue.jsonl"
    assert main(["export-xapi", logs[which], "--cmi5-launch", url, "--queue", str(queue)]) == 0
    out = capsys.readouterr()
    assert "delivered" in out.out and not queue.exists()
    assert lms["fetch"].calls.count(("POST", f"/fetch/{which}-{reg}")) == 1, "the token is fetched once, by POST"
    got = read_back(lms["lrs"], lms["port"], reg)
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in sorted(got, key=lambda s: s["stored"])]
    assert "launched" not in verbs, "the LMS records launched, not the AU"
    assert {"initialized", "completed", "terminated"} <= set(verbs)
    assert {s["context"]["registration"] for s in got} == {reg}
    assert all(s["actor"] == LEARNER for s in got), "every statement is the launch's Agent, a team's game too"
    cmi5 = [s for s in got if s["verb"]["id"].rsplit("/", 1)[1] in ("initialized", "completed", "passed", "failed",
                                                                    "terminated")]
    assert {s["object"]["id"] for s in cmi5} == {AU}
    decisions = [s for s in got if s["verb"]["id"].endswith("/answered")]
    assert decisions and all(s["object"]["id"].startswith(AU + "/decision/") for s in decisions)
    if which == "team":  # whose decision it was stays visible in the context, not as another actor
        roles = {s["context"]["extensions"]["urn:ketenspel:extension:role"] for s in decisions}
        assert len(roles) > 1


def test_a_fetch_url_works_once_a_second_export_with_it_is_refused(lms, logs, capsys):
    reg = str(uuid.uuid4())
    url = launch_url(lms, f"once-{reg}", reg)
    assert main(["export-xapi", logs["solo"], "--cmi5-launch", url]) == 0
    capsys.readouterr()
    assert main(["export-xapi", logs["solo"], "--cmi5-launch", url]) == 2
    assert "already fetched" in capsys.readouterr().err


def test_play_refuses_a_bad_launch_url_before_the_window_opens(capsys):
    assert main(["play", "pietersdam", "--cmi5-launch", "https://ketenspel.example.org/?endpoint=x"]) == 2
    assert "lacks actor" in capsys.readouterr().err


def test_play_launched_by_an_lms_sends_the_attempt_when_the_window_closes(lms, tmp_path, monkeypatch, capsys):
    """`play --cmi5-launch URL`: the token is fetched before the window opens; the player finishes the
    game (here: the window's loop ends it at once) and closes the window; the attempt is in the LRS."""
    from ui.app import App

    def finish_and_close(app):
        app.start_new(app.screen.scenario(), "leerkracht")
        app.end_game()
        assert lms["fetch"].calls[-1][0] == "POST", "fetched before the player starts"
        return 0

    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(App, "run", finish_and_close)
    reg = str(uuid.uuid4())
    before = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
    assert main(["play", "pietersdam", "--role", "leerkracht", "--cmi5-launch", launch_url(lms, f"play-{reg}", reg)]) == 0
    after = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 1))
    assert "delivered" in capsys.readouterr().out
    got = read_back(lms["lrs"], lms["port"], reg)
    verbs = {s["verb"]["id"].rsplit("/", 1)[1] for s in got}
    assert {"initialized", "completed", "terminated"} <= verbs and verbs & {"passed", "failed"}
    assert all(s["actor"] == LEARNER for s in got)
    assert all(before <= s["timestamp"][:19] + "Z" <= after for s in got), "the real moments of this play"


class LaunchDataLrs:
    """An LRS's State API holding the LMS.LaunchData document the LMS wrote before the launch (cmi5 §10);
    records the query it was asked with."""

    def __init__(self, document: dict):
        self.asked: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                parts = urllib.parse.urlsplit(self.path)
                outer.asked.append({"path": parts.path, **dict(urllib.parse.parse_qsl(parts.query)),
                                    "auth": self.headers.get("Authorization")})
                data = json.dumps(document).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/xAPI"


@pytest.mark.parametrize("mode", ["Normal", "Browse"])
def test_the_lms_launch_data_sets_the_mastery_score_the_session_and_the_mode(fetch_server, logs, mode, tmp_path):
    from report.session import load_session
    from report.xapi import session_statements
    from report.xapi_cmi5 import open_launch
    from report.xapi_export import cmi5_launch_of

    lms_session = "https://lms.example.org/session/" + str(uuid.uuid4())
    state = LaunchDataLrs({"masteryScore": 0.9, "launchMode": mode, "moveOn": "CompletedAndPassed",
                           "contextTemplate": {"extensions": {
                               "https://w3id.org/xapi/cmi5/context/extensions/sessionid": lms_session}}})
    try:
        reg = str(uuid.uuid4())
        launch = open_launch(launch_url({"lrs": state.url, "fetch": fetch_server}, f"state-{reg}", reg))
    finally:
        state.httpd.shutdown()
    asked = state.asked[0]
    assert asked["path"] == "/xAPI/activities/state" and asked["stateId"] == "LMS.LaunchData"
    assert (asked["activityId"], asked["registration"], json.loads(asked["agent"])) == (AU, reg, LEARNER)
    assert asked["auth"] == "Basic " + launch.token
    statements = session_statements(load_session(logs["solo"]), cmi5_launch_of(None, launch))
    assert {s["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/sessionid"]
            for s in statements} == {lms_session}, "the LMS's session id on every statement"
    verbs = [s["verb"]["id"].rsplit("/", 1)[1] for s in statements]
    if mode == "Normal":
        verdict = next(s for s in statements if s["verb"]["id"].endswith(("/passed", "/failed")))
        assert verdict["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/masteryscore"] == 0.9
        assert verdict["result"]["success"] == (verdict["result"]["score"]["scaled"] >= 0.9)
    else:  # cmi5 §10.2.2: in Browse mode nothing is judged
        assert not {"completed", "passed", "failed"} & set(verbs)
        assert verbs[0] == "initialized" and verbs[-1] == "terminated"
