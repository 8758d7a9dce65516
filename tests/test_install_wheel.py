"""Issue 22: the game installs like any program. A wheel built from the checkout, installed into a new
virtual environment and started from a folder with no checkout in it, finds its fonts, theme, string
tables and shipped scenarios by itself: `ketenspel play pietersdam --screenshot` draws the window and
`ketenspel run pietersdam --policy expert --json` plays the expert team.

The runtime dependencies are not downloaded again: the new environment sees this environment's
site-packages through a .pth line (which does not activate this environment's editable install)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = "Scripts" if os.name == "nt" else "bin"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                    "--disable-pip-version-check", "-w", str(out), str(ROOT)], check=True, capture_output=True)
    (found,) = out.glob("ketenspel-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> tuple[Path, dict[str, str], Path]:
    """(the new venv's `ketenspel` command, an environment to run it in, an empty working folder)."""
    base = tmp_path_factory.mktemp("fresh")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / BIN / ("python.exe" if os.name == "nt" else "python")
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "zz_runtime_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet",
                    "--disable-pip-version-check", str(wheel)], check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env |= {"SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "KETENSPEL_DATA_DIR": str(base / "data")}
    work = base / "somewhere-else"
    work.mkdir()
    return venv / BIN / "ketenspel", env, work


def test_every_asset_and_shipped_scenario_is_inside_the_wheel(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in (ROOT / "ui" / "assets", ROOT / "scenarios"):
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                assert path.relative_to(ROOT).as_posix() in names, f"{path} is not in the wheel"


def test_the_installed_game_reads_nothing_from_the_checkout(installed):
    command, env, work = installed
    python = command.parent / "python"
    where = subprocess.run([str(python), "-c", "import scenarios, sim, ui.assets; "
                            "print(ui.assets.ASSETS); print(scenarios.__file__); print(sim.__file__)"],
                           cwd=work, env=env, check=True, capture_output=True, text=True).stdout.split()
    venv = command.parent.parent.resolve()
    assert all(Path(p).resolve().is_relative_to(venv) for p in where), where


def test_the_installed_command_draws_the_pietersdam_window(installed):
    command, env, work = installed
    done = subprocess.run([str(command), "play", "pietersdam", "--screenshot", "x.png"], cwd=work, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (work / "x.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_installed_command_plays_the_expert_team_headless(installed):
    command, env, work = installed
    done = subprocess.run([str(command), "run", "pietersdam", "--policy", "expert", "--json"], cwd=work, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["policy"] == "expert" and summary["events"] > 0
