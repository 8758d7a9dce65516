"""The command line as a user meets it: clear messages and exit code 2 for bad input, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True)


def test_an_unknown_scenario_name_suggests_a_shipped_one():
    result = cli("run", "pietersdamm", "--policy", "expert", "--lang", "en")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert 'no scenario called "pietersdamm" (did you mean "pietersdam"?)' in result.stderr
    dutch = cli("run", "pietersdamm", "--policy", "expert")
    assert dutch.returncode == 2 and 'er is geen scenario "pietersdamm" (bedoelde u "pietersdam"?)' in dutch.stderr


def test_a_broken_policy_file_points_at_its_line(tmp_path):
    policy = tmp_path / "p.yaml"
    policy.write_text("policy: test\nactions:\n  - {at: 1d, role: smw, do: vir_register, child: kevn}\n")
    result = cli("run", "pietersdam", "--policy", str(policy))
    assert result.returncode == 2
    assert f"{policy}:3:" in result.stderr and '(bedoelde u "kevin"?)' in result.stderr


def test_policy_steps_out_of_time_order_are_refused(tmp_path):
    policy = tmp_path / "p.yaml"
    policy.write_text("policy: test\nactions:\n  - {at: 2d, role: smw, do: wait}\n  - {at: 1d, role: smw, do: wait}\n")
    result = cli("run", "pietersdam", "--policy", str(policy), "--lang", "en")
    assert result.returncode == 2 and f"{policy}:4:" in result.stderr and "time order" in result.stderr


def test_a_policy_that_acts_illegally_still_runs_and_says_what_was_refused(tmp_path):
    policy = tmp_path / "p.yaml"
    policy.write_text("policy: test\nactions:\n  - {at: 1d, role: smw, do: share, to: wijkteam, facts: [rob_gevangenis]}\n")
    result = cli("run", "pietersdam", "--policy", str(policy), "--json")
    assert result.returncode == 0
    assert "geweigerd op di 8 sep 08:30: smw, share: U kunt alleen delen wat u zelf weet." in result.stderr
    refused = json.loads(result.stdout)["refused"]
    assert refused == [{"t": 24.0, "when": {"nl": "di 8 sep 08:30", "en": "Tue 8 Sep 08:30"}, "role": "smw",
                        "action": refused[0]["action"], "reason": {"nl": "U kunt alleen delen wat u zelf weet.",
                                                                  "en": "You can only pass on what you know yourself."}}]
    english = cli("run", "pietersdam", "--policy", str(policy), "--lang", "en")
    assert "refused on Tue 8 Sep 08:30: smw, share: You can only pass on what you know yourself." in english.stderr


def test_balance_without_an_expert_policy_says_so_in_one_dutch_line(tmp_path):
    own = tmp_path / "gezin.yaml"
    own.write_text((ROOT / "tests" / "fixtures" / "mini.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("balance", str(own), "--runs", "2")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "geen expert-beleid" in lines[0] and "mini_expert.yaml" in lines[0]


def test_replaying_something_that_is_not_a_log_is_refused(tmp_path):
    bogus = tmp_path / "x.jsonl"
    bogus.write_text('{"hello": 1}\n')
    result = cli("replay", str(bogus))
    assert result.returncode == 2 and "not a Ketenspel session log" in result.stderr
    missing = cli("replay", str(tmp_path / "missing.jsonl"))
    assert missing.returncode == 2 and "cannot read the log" in missing.stderr


def test_no_command_opens_the_game_on_its_start_screen(monkeypatch):
    """A double-click on the app, or `ketenspel` alone, is `play` without a scenario (issue 22)."""
    import cli as ketenspel_cli
    from cli import commands

    opened = []
    monkeypatch.setattr(commands, "play", lambda args: opened.append(args) or 0)
    assert ketenspel_cli.main([]) == 0
    assert [a.command for a in opened] == ["play"] and opened[0].scenario is None


def test_help_still_lists_the_commands():
    result = cli("--help")
    assert result.returncode == 0 and "run" in result.stdout and "host" in result.stdout
