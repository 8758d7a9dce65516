"""Every mistake a trainer can make in a scenario file gives exit 2 and a FILE:LINE:COL message at the
right place, with a fix — never a traceback. The corpus: tests/broken_scenarios/NAME.yaml, each made
from the guide's example family by one mistake, with NAME.expect holding `LINE:COL fragment` (the
first problem reported, in Dutch)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "broken_scenarios"
CASES = sorted(CORPUS.glob("*.yaml"))


def _expect(path: Path) -> tuple[str, str]:
    where, fragment = path.with_suffix(".expect").read_text(encoding="utf-8").rstrip("\n").split(" ", 1)
    return where, fragment


def test_the_corpus_holds_at_least_40_mistakes_each_with_an_expectation():
    assert len(CASES) >= 40
    assert all(p.with_suffix(".expect").exists() for p in CASES)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_each_mistake_is_reported_at_its_line_and_column(path, capsys):
    where, fragment = _expect(path)
    assert main(["validate", str(path), "--lang", "nl"]) == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(f"{path}:{where}: "), first
    assert fragment in first


def test_the_command_line_refuses_the_whole_corpus_without_a_traceback():
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "validate", "--lang", "nl", *map(str, CASES)],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr + run.stdout
    for path in CASES:
        where, _ = _expect(path)
        assert f"{path}:{where}: " in run.stderr, path.name
