"""Events that follow another event (issue 16, item 1): Kevin tells his teacher on the next school day
after the night at home (seed 004 §1), not at a fixed week; nothing follows what never happened."""

from __future__ import annotations

import datetime as dt

from sim import Session
from sim.model import WorldEvent
from sim.world_events import SCHOOL_DAY, next_within


def _tells(after: str, at: float = 10.0) -> WorldEvent:
    return WorldEvent.model_validate({
        "id": "anna_vertelt", "after_event": after, "at": at, "kind": "disclosure",
        "sender": {"nl": "Anna", "en": "Anna"}, "message": {"nl": "Anna vertelt het.", "en": "Anna tells."},
        "observed_by": ["ib"], "facts": ["anna_bang"], "source": "seed 004 §1"})


def _moment(sc, t: float) -> dt.datetime:
    return sc.meta.moment(t)


def test_a_child_tells_the_teacher_the_next_school_day_after_the_incident(mini):
    sc = mini.model_copy(update={"events": [*mini.events, _tells("escalatie")]})
    s = Session(sc, seed=3)
    s.advance(sc.meta.duration)
    incident, told = s.world.happened["escalatie"], s.world.happened["anna_vertelt"]
    when = _moment(sc, told)
    assert told > incident
    assert when.weekday() < 5 and 8.5 <= when.hour + when.minute / 60 <= 15.0
    assert (when.date() - _moment(sc, incident).date()).days <= 3  # the next school day, at most a weekend later


def test_what_follows_an_event_that_never_happens_never_happens(mini):
    sc = mini.model_copy(update={"events": [*mini.events, _tells("extra")]})  # `extra` is inject-only
    s = Session(sc, seed=3)
    s.advance(sc.meta.duration)
    assert "anna_vertelt" not in s.world.happened


def test_the_next_school_moment_is_never_earlier():
    sc_start = dt.datetime(2026, 1, 5, 8, 30)  # Monday

    class _Meta:
        start_date, start_time = sc_start.date(), sc_start.time()

    class _Sc:
        meta = _Meta

    friday_evening = (dt.datetime(2026, 1, 9, 21, 0) - sc_start).total_seconds() / 3600
    monday = next_within(_Sc, friday_evening, SCHOOL_DAY)
    assert sc_start + dt.timedelta(hours=monday) == dt.datetime(2026, 1, 12, 8, 30)
    tuesday_noon = (dt.datetime(2026, 1, 6, 12, 0) - sc_start).total_seconds() / 3600
    assert next_within(_Sc, tuesday_noon, SCHOOL_DAY) == tuesday_noon


def test_a_follower_of_an_unknown_event_is_a_reference_error(tmp_path):
    import pytest

    from sim import load_scenario
    from sim.errors import ScenarioError

    text = (tmp_path / "x.yaml")
    src = open("tests/fixtures/mini.yaml", encoding="utf-8").read().replace(
        "  - {id: extra, at: 1w,", "  - {id: volgt, at: 10h, after_event: escalatei, sender: {nl: A, en: A}, message: {nl: A, en: A}, "
        "observed_by: [ib], source: seed 004 §1}\n  - {id: extra, at: 1w,")
    text.write_text(src, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(text)
    assert "escalatei" in str(err.value) and "escalatie" in str(err.value)
