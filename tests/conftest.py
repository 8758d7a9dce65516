"""Shared fixtures: the purpose-made mini scenario and the shipped Pietersdam scenario."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sim import Session, load_scenario, resolve_scenario

HERE = Path(__file__).parent
MINI = HERE / "fixtures" / "mini.yaml"


@pytest.fixture(autouse=True)
def organisation(monkeypatch):
    """The test machine is set up for one organisation's LMS (report.xapi_export): its address and its
    pseudonym salt, so no test writes a salt into the real data folder or sends to a real LRS."""
    monkeypatch.setenv("KETENSPEL_XAPI_HOMEPAGE", "https://lms.example.org")
    monkeypatch.setenv("KETENSPEL_XAPI_SALT", "test-salt-of-the-organisation")
    monkeypatch.delenv("KETENSPEL_LRS", raising=False)
    monkeypatch.delenv("KETENSPEL_LRS_PASSWORD", raising=False)


@pytest.fixture(scope="session")
def mini():
    """A tiny family: Anna (11), Bram (14), Mam (gezag); ib, wijkagent, wijkteam, ggz, Veilig Thuis."""
    return load_scenario(MINI)


@pytest.fixture(scope="session")
def pietersdam():
    return load_scenario(resolve_scenario("pietersdam"))


@pytest.fixture
def session(mini):
    """A fresh mini session in which every playable role is played by a person."""
    return Session(mini, seed=3)


@pytest.fixture()
def app(tmp_path, monkeypatch):
    """A fresh game window (SDL dummy driver) on the start screen for Pietersdam as the smw, with its
    saves in a temporary folder."""
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from ui.app import App

    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path))
    window = App("nl", (1280, 720), 1.0)
    window.clock = pygame.time.Clock()
    window.to_start("pietersdam", "smw")
    window.frame()
    yield window
    pygame.quit()


# NiceGUI's `user` fixture (a simulated browser) for the scenario studio's tests (issue 21). NiceGUI
# lives in its own environment (.venv/studio, see the Makefile): it cannot share one with ralph's LRS.
if importlib.util.find_spec("nicegui") is not None:
    pytest_plugins = ["nicegui.testing.user_plugin"]
