"""Scenario and policy files are read once and bounded (issue 13): /dev/zero, a FIFO, a folder and an
oversize file are refused at FILE:1:1 at once with exit 2, never read (and never hang); `validate` reads
each file from disk only once, also when it first sniffs whether the file is a policy."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sim.files
from sim import ScenarioError, load_scenario
from sim.files import MAX_SCENARIO_BYTES
from sim.policy import is_policy_file, load_scenario_or_policy

ROOT = Path(__file__).resolve().parent.parent
VOS = ROOT / "docs" / "examples" / "familie_vos.yaml"
POLICY = ROOT / "scenarios" / "policies" / "pietersdam_expert.yaml"


def _cli(*args: str, timeout: float = 20) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, check=False)


def _refused_at_1_1(path: Path | str) -> str:
    with pytest.raises(ScenarioError) as exc:
        load_scenario(path)
    (p,) = exc.value.problems
    assert (p.file, p.line, p.col) == (str(path), 1, 1)
    return p.render("nl")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_is_refused_without_reading():
    start = time.perf_counter()
    assert "geen gewoon bestand" in _refused_at_1_1("/dev/zero")
    assert time.perf_counter() - start < 1
    for command in ("validate", "run"):
        result = _cli(command, "/dev/zero", *(["--policy", "passive"] if command == "run" else []))
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.startswith("/dev/zero:1:1: ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    assert "geen gewoon bestand" in _refused_at_1_1(fifo)
    assert not is_policy_file(fifo)
    for args in (["validate", str(fifo)], ["run", str(fifo), "--policy", "passive"], ["lint", str(fifo)]):
        result = _cli(*args, timeout=10)  # a read of the FIFO would block here until the timeout
        assert result.returncode == 2 and result.stderr.startswith(f"{fifo}:1:1: "), result.stderr


def test_a_folder_is_refused_as_a_folder(tmp_path):
    assert "map" in _refused_at_1_1(tmp_path)


def test_an_oversize_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(MAX_SCENARIO_BYTES + 1)  # sparse: large on paper, nothing to read
    assert "te groot" in _refused_at_1_1(big)
    result = _cli("validate", "--lang", "en", str(big))
    assert result.returncode == 2 and f"{big}:1:1: cannot read the file: too large" in result.stderr


def test_a_missing_file_is_refused_at_1_1(tmp_path):
    assert "bestaat niet" in _refused_at_1_1(tmp_path / "nope.yaml")


def _count_reads(monkeypatch) -> list[str]:
    reads: list[str] = []
    real = sim.files.read_limited

    def counting(path, limit):
        reads.append(str(path))
        return real(path, limit)

    monkeypatch.setattr("sim.yamlsource.read_limited", counting)
    return reads


def test_validate_reads_each_scenario_and_policy_file_once(monkeypatch, capsys):
    from cli import main

    reads = _count_reads(monkeypatch)
    assert main(["validate", str(VOS), str(POLICY)]) == 0
    assert reads.count(str(VOS)) == 1 and reads.count(str(POLICY)) == 1


def test_load_scenario_or_policy_reads_each_file_once(monkeypatch):
    reads = _count_reads(monkeypatch)
    assert load_scenario_or_policy(VOS).meta.id == "familie_vos"
    assert load_scenario_or_policy(POLICY).policy == "expert"
    assert reads.count(str(VOS)) == 1 and reads.count(str(POLICY)) == 1


