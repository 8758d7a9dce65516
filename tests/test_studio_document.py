"""The scenario studio keeps files the truth (issue 21): a shipped family opened and saved unchanged is
the identical file, one edited field changes one line, undo/redo, autosave beside the file, atomic
saves that never overwrite a change made on disk by someone else."""

from __future__ import annotations

import shutil

import pytest

from sim.loader import available_scenarios, load_scenario
from studio.checks import check
from studio.document import Document, StaleFile, autosave_path

SHIPPED = sorted(available_scenarios().items())


def changed_lines(a: str, b: str) -> list[tuple[str, str]]:
    import difflib

    diff = list(difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0))
    return [(line[0], line[1:]) for line in diff[2:] if line[:1] in "+-"]


@pytest.mark.parametrize("name,path", SHIPPED, ids=[n for n, _ in SHIPPED])
def test_shipped_family_saved_unchanged_is_the_identical_file(name, path, tmp_path):
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    doc = Document.open(copy)
    doc.set(("meta", "duration"), "1w")  # touch and put back: the round trip itself is tested
    doc.undo()
    doc.save()
    assert copy.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("name,path", SHIPPED, ids=[n for n, _ in SHIPPED])
def test_round_trip_dump_of_a_shipped_family_is_byte_identical(name, path):
    doc = Document.open(path)
    doc.set(("meta", "duration"), "1w")
    doc.set(("meta", "duration"), doc.original.split("duration: ", 1)[1].split()[0])
    assert doc.text == doc.original  # comments, order, flow style and quotes all kept


def test_editing_one_field_changes_only_that_line():
    doc = Document.open(available_scenarios()["peter"])
    doc.set(("family", "persons", 0, "age"), 12)
    assert changed_lines(doc.original, doc.text) == [("-", "      age: 11"), ("+", "      age: 12")]


def test_editing_a_pick_list_keeps_it_on_one_line():
    doc = Document.open(available_scenarios()["peter"])
    doc.set(("family", "persons", 0, "gezag"), ["moeder"])
    assert changed_lines(doc.original, doc.text) == [("-", "      gezag: [moeder, vader]"),
                                                     ("+", "      gezag: [moeder]")]


def test_undo_and_redo_walk_the_history():
    doc = Document.open(available_scenarios()["peter"])
    doc.set(("risk", "start"), 3)
    doc._last = None  # a new field edit, not more typing in the same one
    doc.set(("incident", "threshold"), 9)
    assert doc.undo() and doc.get(("incident", "threshold")) != 9 and doc.get(("risk", "start")) == 3
    assert doc.undo() and doc.text == doc.original
    assert not doc.undo()
    assert doc.redo() and doc.get(("risk", "start")) == 3
    assert doc.redo() and doc.get(("incident", "threshold")) == 9
    assert not doc.redo()


def test_typing_in_one_field_is_one_undo_step():
    doc = Document.open(available_scenarios()["peter"])
    for text in ("P", "Pe", "Pet", "Piet"):
        doc.set(("family", "persons", 0, "name"), text)
    assert doc.undo() and doc.text == doc.original


def test_autosave_goes_to_the_side_file_and_leaves_the_scenario_alone(tmp_path):
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(available_scenarios()["peter"], copy)
    before = copy.read_bytes()
    doc = Document.open(copy)
    doc.set(("family", "persons", 0, "age"), 12)
    side = doc.autosave()
    assert side == autosave_path(copy) == tmp_path / ".peter.studio-autosave.yaml"
    assert copy.read_bytes() == before
    assert side.read_text(encoding="utf-8") == doc.text
    doc.save()
    assert not side.exists()
    assert load_scenario(copy).person_by_id["peter"].age == 12


def test_a_file_changed_on_disk_is_never_overwritten(tmp_path):
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(available_scenarios()["peter"], copy)
    doc = Document.open(copy)
    doc.set(("family", "persons", 0, "age"), 12)
    copy.write_text(copy.read_text(encoding="utf-8").replace("duration: 10w", "duration: 9w"), encoding="utf-8")
    with pytest.raises(StaleFile):
        doc.save()
    assert "duration: 9w" in copy.read_text(encoding="utf-8")


def test_a_save_that_fails_leaves_the_old_file_whole(tmp_path, monkeypatch):
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(available_scenarios()["peter"], copy)
    before = copy.read_bytes()
    doc = Document.open(copy)
    doc.set(("family", "persons", 0, "age"), 12)
    import os

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        doc.save()
    assert copy.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["peter.yaml"]


def test_a_problem_is_mapped_to_the_field_it_concerns():
    doc = Document.open(available_scenarios()["peter"])
    doc.set(("facts", 2, "about"), ["peter", "oom"])
    report = check(doc.text, "peter.yaml", "nl")
    assert report.scenario is None
    assert [i.path for i in report.issues] == [("facts", 2, "about", 1)]
    assert "oom" in report.issues[0].text


def test_a_bad_time_is_reported_at_its_field_in_dutch():
    doc = Document.open(available_scenarios()["peter"])
    doc.set(("meta", "duration"), "tien weken")
    report = check(doc.text, "peter.yaml", "nl")
    assert [(i.path, i.severity) for i in report.issues] == [(("meta", "duration"), "error")]
    assert "schrijf" in report.issues[0].text
