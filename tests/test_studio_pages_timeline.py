"""The timeline page driven by NiceGUI's simulated user (issue 21; the real mouse drag is in
tests/test_studio_browser.py): letting go of a slider writes the snapped time through the document, the
field beside it follows, the checks run again, undo puts it back, and a read-only tab cannot move anything."""

from __future__ import annotations

import asyncio
import shutil

import pytest

pytest.importorskip("nicegui", reason="the studio runs in .venv/studio: make test runs these tests there")

from nicegui.testing import User  # noqa: E402

from sim.loader import available_scenarios  # noqa: E402
from studio import app as studio_app  # noqa: E402


@pytest.fixture
def peter(tmp_path):
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(available_scenarios()["peter"], copy)
    studio_app.State.current = None
    studio_app.setup(copy, "nl")
    yield copy
    studio_app.release(studio_app.State.current.doc.path)
    studio_app.State.current = None


def one(user: User, marker: str):
    found = user.find(marker=marker).elements
    assert len(found) == 1, f"{marker}: {len(found)}"
    return next(iter(found))


async def open_timeline(user: User) -> None:
    await user.open("/")
    await user.should_see(marker="status")
    one(user, "tab:timeline")  # drawn
    from nicegui import ui

    next(iter(user.find(kind=ui.tabs).elements)).set_value("timeline")
    await user.should_see("buurt_klaagt")


async def test_letting_go_of_an_event_writes_its_new_day_and_undo_takes_it_back(user: User, peter):
    await open_timeline(user)
    doc = studio_app.State.current.doc
    user.find(marker="drag:event:0").trigger("change", 168 + 3 * 24 + 7)  # let go a bit after 1w3d
    assert doc.get(("events", 0, "at")) == "1w3d"
    assert one(user, "f:events/0/at").value == "1w3d"  # the keyboard's field follows
    assert one(user, "drag:event:0").value == 240
    assert studio_app.autosave_path(peter).read_text(encoding="utf-8") == doc.text  # autosaved like any edit
    user.find(marker="undo").click()
    assert doc.get(("events", 0, "at")) == "1w" and doc.text == doc.original
    assert one(user, "drag:event:0").value == 168


async def test_typing_a_time_in_the_field_moves_the_slider(user: User, peter):
    await open_timeline(user)
    user.find(marker="f:incident/at").clear().type("7w")
    await user.should_see(marker="drag:incident")
    doc = studio_app.State.current.doc
    for _ in range(30):  # the field is debounced
        if doc.get(("incident", "at")) == "7w":
            break
        await asyncio.sleep(0.1)
    assert doc.get(("incident", "at")) == "7w"
    assert one(user, "drag:incident").value == 7 * 168


async def test_hour_snapping_is_chosen_on_the_page(user: User, peter):
    await open_timeline(user)
    one(user, "snap").set_value("h")
    user.find(marker="drag:step:2").trigger("change", 74 + 5.4)
    assert studio_app.State.current.policy.get(("actions", 2, "at")) == "3d7h"


async def test_a_read_only_tab_cannot_move_anything(user: User, peter):
    await open_timeline(user)
    page = next(iter(studio_app.State.current.pages.values()))
    page.set_editing(False)
    doc = studio_app.State.current.doc
    slider = one(user, "drag:event:0")
    assert not slider.enabled
    user.find(marker="drag:event:0").trigger("change", 400)
    assert doc.text == doc.original
