"""xAPI delivery to a REAL Ralph LRS started on loopback (no mock): the offline queue, `--flush`, the
exit code when statements stay queued, and the statements read back as an LMS would (issue 19)."""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections import defaultdict

import pytest
from ralph_lrs import PASSWORD, RALPH, USER, free_port, read_back, start_ralph, stop_ralph, wait_for
from report_golden.frozen import frozen_log

from cli import main
from report.xapi_export import EXIT_QUEUED


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


def test_statements_reach_a_real_ralph_lrs_and_read_back_as_an_lms_needs(played, tmp_path, capsys):
    assert RALPH.exists(), "the test LRS is missing: `make lrs` installs Ralph in .venv/lrs"
    logs, before, after = played
    port = free_port()
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
    server = start_ralph(tmp_path, port)
    try:
        wait_for(lrs)
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
            got = read_back(lrs, port, sent[0]["context"]["registration"])
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
        stop_ralph(server, tmp_path)
