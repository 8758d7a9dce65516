"""Shared fixtures: the purpose-made mini scenario and the shipped Pietersdam scenario."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim import Session, load_scenario, resolve_scenario

HERE = Path(__file__).parent
MINI = HERE / "fixtures" / "mini.yaml"


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
