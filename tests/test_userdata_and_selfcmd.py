"""Issue 22: a participant's saves and results stay in their own folder, and Ketenspel starts itself
again the right way whether it runs from a checkout, as an installed command or as the frozen app."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from cli import selfcmd
from sim.userdata import user_data_path


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX; Windows' AppData folder is personal already")
def test_saves_and_results_live_in_a_folder_only_the_owner_may_enter(tmp_path, monkeypatch):
    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path / "ketenspel"))
    from report.store import default_db_path
    from ui.game import data_dir

    saves, db = data_dir(), default_db_path()
    for folder in (saves, saves.parent, db.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_an_existing_folder_others_could_read_is_closed(tmp_path, monkeypatch):
    mine = tmp_path / "ketenspel"
    mine.mkdir(mode=0o755)
    mine.chmod(0o755)
    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(mine))
    assert stat.S_IMODE(user_data_path().stat().st_mode) == 0o700


def test_without_the_variable_the_platforms_own_folder_is_used(tmp_path, monkeypatch):
    monkeypatch.delenv("KETENSPEL_DATA_DIR", raising=False)
    monkeypatch.setattr("platformdirs.user_data_dir", lambda name, appauthor=None: str(tmp_path / "platform" / name))
    assert user_data_path() == tmp_path / "platform" / "ketenspel"


def test_the_frozen_app_starts_itself_not_main_py(monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/ketenspel/ketenspel")
    assert selfcmd.child_command("join", "1.2.3.4:8765", "--dashboard") == [
        "/opt/ketenspel/ketenspel", "join", "1.2.3.4:8765", "--dashboard"]
    assert selfcmd.invocation() == "/opt/ketenspel/ketenspel"


def test_from_python_it_starts_the_cli_module_and_hints_the_installed_command(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "argv", ["/home/ans/.local/bin/ketenspel", "host"])
    assert selfcmd.child_command("join", "x")[1:] == ["-m", "cli", "join", "x"]
    assert selfcmd.invocation() == "ketenspel"
    monkeypatch.setattr(sys, "argv", ["main.py", "host"])
    assert selfcmd.invocation() == "python main.py"


def test_a_host_on_windows_is_told_to_allow_private_networks_in_the_firewall():
    from net.cli import firewall_hint

    assert "Privénetwerken" in firewall_hint(8765, nl=True, platform="win32")
    assert "8765" in firewall_hint(8765, nl=False, platform="win32")
    assert "Sta toe" in firewall_hint(8765, nl=True, platform="darwin")
    assert firewall_hint(8765, nl=True, platform="linux") is None
