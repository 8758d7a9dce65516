"""Helpers for the studio page tests (NiceGUI's simulated user, issue 21): start the studio on a file, find
the one field editing a path, put a value, go to a page."""

from __future__ import annotations

import pytest
from nicegui import ui
from nicegui.testing import User

from studio import app as studio_app


@pytest.fixture
def studio(tmp_path):
    """`ketenspel studio FILE` for a new file in a temporary folder (the page registered in-process)."""
    def start(path):
        studio_app.State.current = None
        studio_app.setup(path, "nl")
        return path
    yield start
    if studio_app.State.current is not None:
        studio_app.release(studio_app.State.current.doc.path)
    studio_app.State.current = None


def field(user: User, path: str):
    """The one control editing `path` (e.g. 'family/persons/0/name')."""
    found = user.find(marker=f"f:{path}").elements
    assert len(found) == 1, f"{path}: {len(found)} fields"
    return next(iter(found))


def put(user: User, path: str, value) -> None:
    field(user, path).set_value(value)


async def tab(user: User, name: str) -> None:
    """Go to a page (the tab bar's value, as a click on the tab sets it)."""
    tabs = next(iter(user.find(kind=ui.tabs).elements))
    tabs.set_value(name)
    await user.should_see(marker=f"tab:{name}")


def both(user: User, path: str, nl: str, en: str) -> None:
    put(user, f"{path}/nl", nl)
    put(user, f"{path}/en", en)


def pick_options(user: User, path: str) -> dict:
    return dict(field(user, path).options)


def selects(user: User, path: str, having: str | None = None) -> list:
    """The pick lists inside the block editing `path` (a condition, an action), optionally only those
    offering `having`."""
    return [e for e in user.find(marker=f"f:{path}").elements
            if isinstance(e, ui.select) and (having is None or having in e.options)]
