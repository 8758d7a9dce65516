"""No command of `ketenspel --help` ends in a traceback for bad arguments (issue 13): each call the
reliability audit tried gets one clear line on stderr and exit 2 (argparse's own usage errors too),
and loses nothing it was not asked to touch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("audit")
    log = folder / "s.jsonl"
    assert main(["run", "peter", "--policy", "expert", "--log", str(log)]) == 0
    fifo = folder / "fifo"
    os.mkfifo(fifo)
    header_dev_zero = folder / "devzero.jsonl"
    header_dev_zero.write_text(log.read_text(encoding="utf-8").replace(
        '"scenario":"peter"', '"scenario":"/dev/zero","scenario_file":"/dev/zero"', 1), encoding="utf-8")
    return {"LOG": str(log), "DIR": str(folder), "FIFO": str(fifo), "ZEROLOG": str(header_dev_zero),
            "OUT": str(folder / "out.html")}


BAD_CALLS = [
    "validate /dev/zero", "validate FIFO", "validate DIR", "validate missing.yaml",
    "run peter --policy nobody", "run nowhere --policy expert", "run peter --policy expert --log DIR",
    "run peter --policy expert --log LOG", "run peter --policy expert --seed x",
    "run peter --policy /dev/zero", "run peter --policy FIFO",
    "replay /dev/zero", "replay FIFO", "replay DIR", "replay ZEROLOG", "replay missing.jsonl",
    "report ZEROLOG --out OUT", "report /dev/zero --out OUT", "report LOG --out DIR",
    "report LOG --out /proc/nope/r.html", "report --cohort --from-db x=1 --out OUT",
    "results add ZEROLOG --db DIR/r.db", "results add FIFO --db DIR/r.db", "results show 999999 --db DIR/r.db",
    "export-xapi LOG --lrs http://[::1", "export-xapi LOG --out DIR",
    "balance peter --jobs -1", "balance peter --runs 0", "balance peter --runs 1000000000000",
    "schema --out /proc/nope/schema.json", "schema --out DIR",
    "lint /dev/zero", "lint FIFO", "graph /dev/zero --out OUT", "new x --out /proc/nope",
    "play peter --screenshot /proc/nope/x.png", "play peter --screenshot DIR",
    "play peter --policy /dev/zero --until 3w --screenshot DIR/x.png", "play peter --policy FIFO --screenshot DIR/x.png",
]


def _expand(call: str, files: dict[str, str]) -> list[str]:
    return [files.get(word, word).replace("DIR", files["DIR"]) if "DIR/" in word else files.get(word, word)
            for word in call.split()]


@pytest.mark.parametrize("call", BAD_CALLS)
def test_a_bad_call_gets_one_clear_message_and_exit_2(files, call, capsys):
    before = Path(files["LOG"]).read_bytes()
    try:
        code = main(_expand(call, files))
    except SystemExit as exc:  # argparse: usage error
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2, (call, err)
    assert err.strip() and "Traceback" not in err, call
    assert Path(files["LOG"]).read_bytes() == before, "the session log is never touched"
    assert not Path(files["OUT"]).exists(), "no partial report is left"


@pytest.mark.parametrize("call", ["host peter --port 70000 --headless", "host peter --port -1 --headless",
                                  "join 127.0.0.1:1 --code X --headless --policy expert --role leerkracht",
                                  "host --resume /dev/zero --headless"])
def test_network_commands_refuse_bad_arguments_before_starting(call):
    done = subprocess.run([sys.executable, "main.py", *call.split()], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, env={**os.environ, "SDL_VIDEODRIVER": "dummy"})
    assert done.returncode == 2, (call, done.stderr)
    assert done.stderr.strip() and "Traceback" not in done.stderr


def test_a_lobby_log_is_a_session_that_never_started_not_an_empty_score(tmp_path, capsys):
    from net.logfile import lobby_header
    from sim import load_scenario, resolve_scenario
    from sim.log import dumps

    lobby = tmp_path / "dag.jsonl"
    lobby.write_text(dumps(lobby_header(load_scenario(resolve_scenario("pietersdam")), 1)) + "\n", encoding="utf-8")
    for call in (["replay", str(lobby)], ["report", str(lobby), "--out", str(tmp_path / "r.html")],
                 ["results", "add", str(lobby), "--db", str(tmp_path / "r.db")]):
        assert main(call) == 2
        assert "never started" in capsys.readouterr().err
