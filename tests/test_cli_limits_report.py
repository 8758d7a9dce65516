"""Every argument of `report`, `results`, `export-xapi` and `balance` that can be wrong ends in one line
and exit code 2, never a traceback, and before any work or any write (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from report_golden.frozen import frozen_log

from cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def log(tmp_path_factory):
    return frozen_log(tmp_path_factory.mktemp("limits") / "expert.jsonl", "expert", 7)


def run(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own refusals (choices, types) are one line too
        code = exc.code
    return code, capsys.readouterr().err


def one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("usage:")
             and not line.startswith("  ")]
    assert len(lines) == 1, err
    return lines[0]


BAD_BALANCE = [
    (["--runs", "0"], "--runs 0"),
    (["--runs", "-5"], "--runs -5"),
    (["--runs", str(10**12)], "from 1 to 100000"),
    (["--jobs", "-1"], "--jobs -1"),
    (["--jobs", "100000"], "from 1 to 256"),
]


@pytest.mark.parametrize("extra,said", BAD_BALANCE, ids=[" ".join(a) for a, _ in BAD_BALANCE])
def test_balance_refuses_runs_and_jobs_out_of_range_at_once(extra, said, capsys):
    started = time.monotonic()
    code, err = run(["balance", "pietersdam", *extra], capsys)
    assert code == 2 and said in one_line(err)
    assert time.monotonic() - started < 5  # refused before a single run (10^12 runs once took 10 GB)


def test_balance_runs_limit_is_checked_before_memory_is_spent():
    """A subprocess limited to 2 GB of address space: 10^12 runs is refused, not allocated (the old
    check came after building the list of work and died of MemoryError)."""
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3)); "
            "from cli import main; sys.exit(main(['balance', 'pietersdam', '--runs', str(10 ** 12)]))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr


def test_balance_jobs_are_never_more_than_the_runs():
    from cli.balance import effective_jobs

    assert effective_jobs(200, 3) == 3
    assert effective_jobs(0, 10**6) == (os.cpu_count() or 1)
    assert effective_jobs(1, 5) == 1


def test_balance_with_jobs_0_still_means_one_per_core(capsys):
    code, _ = run(["balance", "pietersdam", "--runs", "1", "--jobs", "0", "--json"], capsys)
    assert code in (0, 1)


@pytest.mark.parametrize("scenario", ["/dev/zero", "/tmp", "/nonexistent.yaml"])
def test_balance_refuses_a_scenario_that_is_not_a_file(scenario, capsys):
    code, err = run(["balance", scenario, "--runs", "1"], capsys)
    assert code == 2 and "Traceback" not in err


def bad_report_args(log: str, tmp: Path) -> list[tuple[list[str], str]]:
    return [
        (["report", "--cohort", "--from-db", "x=1", "--out", f"{tmp}/c.html"], 'filter "x=1" is not understood'),
        (["report", "--cohort", "--from-db", "x=1", "--out", f"{tmp}/c.html"], "scenario, policy, seed, since"),
        (["report", "--cohort", log, "--after-db", "nonsense", "--out", f"{tmp}/c.html"], "is not understood"),
        (["report", "--cohort", "--from-db", "seed=abc", "--out", f"{tmp}/c.html"], "a seed is a whole number"),
        (["report", "--cohort", "--from-db", "since=yesterday", "--out", f"{tmp}/c.html"], "YYYY-MM-DD"),
        (["report", "--cohort", "--from-db", "all", "--db", "/dev/zero", "--out", f"{tmp}/c.html"], "not a regular"),
        (["report", "--cohort", "--from-db", "all", "--db", str(tmp), "--out", f"{tmp}/c.html"], "folder"),
        (["report", log, "--out", str(tmp)], "this is a folder"),
        (["report", log, "--out", "/proc/x/r.html"], "/proc/x/r.html"),
        (["report", log, "--out", "/proc/r.html"], "cannot write"),
        (["report", log, "--out", "/dev/null"], "not a regular file"),
        (["report", log, "--out", f"{tmp}/r.txt"], "cannot tell the format"),
        (["report", log, "--out", ""], "--out is empty"),
        (["report", log, "--out", f"{tmp}/r.html", "--created", "99999-01-01"], "not an ISO date"),
        (["report", log, "--out", f"{tmp}/r.html", "--format", "doc"], "invalid choice"),
        (["report", "/dev/zero", "--out", f"{tmp}/r.html"], "not a regular file"),
        (["report", str(tmp), "--out", f"{tmp}/r.html"], "folder"),
        (["report", f"{tmp}/missing.jsonl", "--out", f"{tmp}/r.html"], "no such file"),
        (["report", log, "--out", f"{tmp}/r.html", "--expert", "/nonexistent.yaml"], "/nonexistent.yaml"),
        (["report", "--cohort", log, "--after", "/dev/zero", "--out", f"{tmp}/r.html"], "not a regular file"),
        (["results", "add", "/dev/zero", "--db", f"{tmp}/s.sqlite"], "not a regular file"),
        (["results", "add", str(tmp), "--db", f"{tmp}/s.sqlite"], "folder"),
        (["results", "add", log, "--db", "/dev/zero"], "not a regular file"),
        (["results", "add", log, "--db", "/proc/x.sqlite"], "/proc/x.sqlite"),
        (["results", "list", "x=1", "--db", f"{tmp}/s.sqlite"], "is not understood"),
        (["results", "list", "--db", log], "not an SQLite database"),
        (["results", "show", "--db", f"{tmp}/s.sqlite"], "give one ID"),
        (["results", "show", "", "--db", f"{tmp}/s.sqlite"], "give an ID"),
        (["results", "export", "--db", f"{tmp}/s.sqlite"], "give --out"),
        (["results", "export", "--out", str(tmp), "--db", f"{tmp}/s.sqlite"], "this is a folder"),
        (["results", "export", "--out", "/proc/x.csv", "--db", f"{tmp}/s.sqlite"], "cannot write"),
        (["results", "bogus"], "invalid choice"),
        (["export-xapi", log, "--lrs", "http://[::1"], "is not a valid URL"),
        (["export-xapi", log, "--lrs", "ftp://lrs.example/xAPI"], "not an http(s) address"),
        (["export-xapi", log, "--lrs", "lrs.example"], "not an http(s) address"),
        (["export-xapi", log, "--lrs", "http://127.0.0.1:99999/xAPI"], "Port out of range"),
        (["export-xapi", log, "--lrs", "http://127.0.0.1:0/xAPI"], "not a valid URL"),
        (["export-xapi", log, "--lrs", "http://lrs example/xAPI"], "not a valid URL"),
        (["export-xapi", log, "--lrs", "http://127.0.0.1:1/xAPI", "--queue", "/dev/zero"], "not a regular file"),
        (["export-xapi", log, "--lrs", "http://127.0.0.1:1/xAPI", "--queue", str(tmp)], "is a folder"),
        (["export-xapi", log], "give --lrs URL"),
        (["export-xapi", log, "--out", str(tmp)], "this is a folder"),
        (["export-xapi", log, "--out", "/proc/x.json"], "cannot write"),
        (["export-xapi", "/dev/zero", "--out", f"{tmp}/x.json"], "not a regular file"),
    ]


def test_every_bad_report_results_and_xapi_argument_is_one_line_and_exit_2(log, tmp_path, capsys):
    failures = []
    for argv, said in bad_report_args(log, tmp_path):
        code, err = run(argv, capsys)
        try:
            line = one_line(err)
        except AssertionError:
            failures.append((argv, code, err))
            continue
        if code != 2 or said not in line:
            failures.append((argv, code, line))
    assert failures == []
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing was written on the way


def test_a_log_whose_header_names_dev_zero_as_scenario_is_refused(log, tmp_path, capsys):
    import json

    lines = Path(log).read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["scenario_file"] = "/dev/zero"
    bad = tmp_path / "zero.jsonl"
    bad.write_text("\n".join([json.dumps(header)] + lines[1:]) + "\n", encoding="utf-8")
    for argv in (["report", str(bad), "--out", f"{tmp_path}/r.html"],
                 ["results", "add", str(bad), "--db", f"{tmp_path}/s.sqlite"],
                 ["export-xapi", str(bad), "--out", f"{tmp_path}/x.json"]):
        started = time.monotonic()
        code, err = run(argv, capsys)
        assert code == 2 and "/dev/zero" in one_line(err)
        assert time.monotonic() - started < 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["zero.jsonl"]
