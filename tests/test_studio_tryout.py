"""Trying a family from the studio (issue 21): the work is done on a copy of the scenario and its expert
policy as they are in the studio (saved or not), with the CLI's own commands."""

from __future__ import annotations

import asyncio
import shutil
import subprocess

from sim.loader import available_scenarios
from studio import tryout
from studio.document import Document
from studio.session import open_policy


def test_a_try_copy_holds_the_unsaved_family_and_policy_and_leaves_the_file_alone(tmp_path):
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(available_scenarios()["peter"], copy)
    doc = Document.open(copy)
    policy = open_policy(doc)
    doc.set(("family", "persons", 0, "age"), 12)
    policy.set(("actions", 0, "at"), "4d")
    tried = tryout.try_copy(doc, policy)
    assert tried.parent != tmp_path
    assert "age: 12" in tried.read_text(encoding="utf-8")
    assert "{at: 4d," in (tried.parent / "policies" / "peter_expert.yaml").read_text(encoding="utf-8")
    assert copy.read_bytes() == available_scenarios()["peter"].read_bytes()
    assert not (tmp_path / "policies").exists()


def test_play_from_here_opens_the_game_at_that_moment_in_that_role(tmp_path, monkeypatch):
    started = []

    class Fake:
        pid = 4242

        def __init__(self, argv):
            started.append(argv)
    monkeypatch.setattr(subprocess, "Popen", Fake)
    tryout.play_from(tmp_path / "x.yaml", "2w", "leerkracht", "nl")
    argv = started[0]
    assert argv[1:3] == ["-m", "cli"]  # the installed way (cli.selfcmd); the frozen app is itself
    assert argv[3:] == ["play", str(tmp_path / "x.yaml"), "--from", "2w", "--role", "leerkracht",
                        "--policy", "expert", "--lang", "nl"]


def test_the_debrief_plays_expert_and_passive_and_writes_their_report(tmp_path):
    doc = Document.open(available_scenarios()["peter"])
    tried = tryout.try_copy(doc, open_policy(doc))
    report, err = asyncio.run(tryout.debrief(tried, tmp_path / "reports"))
    assert err == ""
    html = report.read_text(encoding="utf-8")
    assert report.suffix == ".html" and "<html" in html.lower()
    assert sorted(p.name for p in (tmp_path / "reports").glob("*.jsonl")) == ["peter.expert.jsonl",
                                                                          "peter.passive.jsonl"]
