"""The studio's timeline (issue 21: events, windows and the expert's steps dragged on one axis): where a
drop lands (whole days keeping the hour of the day, or whole hours), how the new time is written into
the file (in the trainer's own notation, relative to its event where it has one), and that a drag goes
through the document like any edit — one undo step, the rest of the file untouched."""

from __future__ import annotations

import difflib

from sim.loader import available_scenarios
from sim.policy import POLICY_DIR
from studio.document import Document
from studio.timeline import axis_end, drop, rows, snapped, written

PETER = available_scenarios()["peter"]


def changed_lines(a: str, b: str) -> list[str]:
    diff = list(difflib.unified_diff(a.splitlines(), b.splitlines(), lineterm="", n=0))
    return [line for line in diff[2:] if line[:1] in "+-"]


def row(doc: Document, key: str, policy: Document | None = None):
    return next(r for r in rows(doc.data, policy.data if policy else None, "nl") if r.key == key)


def drag(doc: Document, key: str, to, snap: str = "d", policy: Document | None = None) -> None:
    r = row(doc, key, policy)
    target = policy if r.policy else doc
    drop(r, to, snap, lambda path, value, _p: target.set(path, value), target.get(r.path) if r.kind == "window" else None)


def test_times_are_written_as_trainers_write_them():
    assert [written(h) for h in (0, 5, 24, 73, 168, 240, 338, 1680)] == \
        ["0d", "5h", "1d", "3d1h", "1w", "1w3d", "2w2h", "10w"]


def test_a_drop_lands_on_a_whole_day_and_keeps_the_hour_of_the_day():
    assert snapped(74.0, 74.0 + 2 * 24 + 7, "d") == 74.0 + 2 * 24  # a step at 10:00 stays at 10:00
    assert snapped(74.0, 74.0 - 13, "d") == 74.0 - 24  # more than half a day back: the day before
    assert snapped(74.0, 80.6, "h") == 81.0  # or on the whole hour, when asked
    assert snapped(10.0, -30.0, "d") == 10.0  # never before the start


def test_dragging_an_event_changes_its_line_only_and_is_one_undo_step():
    doc = Document.open(PETER)
    drag(doc, "event:0", 168 + 3 * 24 + 4)  # buurt_klaagt, from 1w to about 1w3d
    assert changed_lines(doc.original, doc.text) == ["-    at: 1w", "+    at: 1w3d"]
    assert doc.undo() and doc.text == doc.original


def test_the_axis_spans_the_scenario_in_whole_weeks():
    doc = Document.open(PETER)
    assert axis_end(doc.data, rows(doc.data, None, "nl")) == 10 * 168


def test_an_event_after_another_is_written_relative_to_it():
    doc = Document(PETER.read_text(encoding="utf-8").replace(
        "  - id: ruzie_op_school\n", "  - id: ruzie_op_school\n    after_event: buurt_klaagt\n", 1))
    doc.set(("events", 1, "at"), "3d")
    r = row(doc, "event:1")
    assert (r.base, r.at) == (168.0, 168.0 + 72)
    drag(doc, "event:1", 168 + 5 * 24)
    assert doc.get(("events", 1, "at")) == "5d"  # five days after the neighbours' complaint
    drag(doc, "event:1", 0.0)
    assert doc.get(("events", 1, "at")) == "0d"  # not before the event it follows


def test_a_window_dragged_whole_takes_its_ideal_along():
    doc = Document.open(PETER)
    drag(doc, "window:0", {"min": 2 * 168, "max": 5 * 168})  # signaal_intern: 1w–2w–4w, one week on
    assert dict(doc.get(("expectations", 0, "window"))) == {"earliest": "2w", "ideal": "3w", "latest": "5w"}
    assert changed_lines(doc.original, doc.text) == [
        "-    window: {earliest: 1w, ideal: 2w, latest: 4w}", "+    window: {earliest: 2w, ideal: 3w, latest: 5w}"]
    assert doc.undo() and doc.text == doc.original  # the three times are one step


def test_a_window_end_moved_past_its_ideal_keeps_the_ideal_inside():
    doc = Document.open(PETER)
    drag(doc, "window:0", {"min": 168, "max": 168 + 3 * 24})  # latest from 4w to 1w3d, before the ideal 2w
    assert dict(doc.get(("expectations", 0, "window"))) == {"earliest": "1w", "ideal": "1w3d", "latest": "1w3d"}


def test_dragging_an_expert_step_changes_the_policy_not_the_family():
    doc = Document.open(PETER)
    policy = Document.open(POLICY_DIR / "peter_expert.yaml")
    drag(doc, "step:2", 74.0 + 2 * 24 - 3, policy=policy)  # zorgcoordinator vir_register, 3d2h
    assert doc.text == doc.original
    assert changed_lines(policy.original, policy.text) == [
        "-  - {at: 3d2h, role: zorgcoordinator, do: vir_register, child: broer}",
        "+  - {at: 5d2h, role: zorgcoordinator, do: vir_register, child: broer}"]


def test_a_drop_where_the_item_already_was_changes_nothing():
    doc = Document.open(PETER)
    drag(doc, "event:0", 168 + 5)  # five hours: back to the same day
    assert doc.text == doc.original and not doc.undo()
