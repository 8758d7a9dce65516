"""A stronger step covers a weaker duty (issue 17 review, item 4). Meldcode stap 2 is consulting a colleague
"en zo nodig" Veilig Thuis for advice (domain.md §4; seed 003 VIR): a teacher who reported to Veilig Thuis
before the advice's deadline has passed the signals to the one who weighs them, and is not told she failed
to ask advice. She is not praised for advice she did not ask either. Rule id: T-expectation."""

from __future__ import annotations

from scoring_records import D, act, end, findings, learn

REPORT = {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_stil"]}


def _advice(recs):
    return [(f["role"], f["severity"]) for f in findings(recs, "T-expectation")
            if "ask Veilig Thuis for advice" in f["message"]["en"]]


def test_a_report_before_the_deadline_covers_asking_veilig_thuis_for_advice():
    recs = [learn(0, "leerkracht", "kevin_stil"), act(1 * D, "leerkracht", do="consult_colleague", child="kevin"),
            act(22 * D, "leerkracht", **REPORT), end()]
    assert _advice(recs) == []


def test_without_advice_or_report_the_advice_duty_is_still_missed():
    recs = [learn(0, "leerkracht", "kevin_stil"), act(1 * D, "leerkracht", do="consult_colleague", child="kevin"), end()]
    assert ("leerkracht", "violation") in _advice(recs)


def test_a_report_after_the_deadline_does_not_cover_the_missed_advice():
    recs = [learn(0, "leerkracht", "kevin_stil"), act(50 * D, "leerkracht", **REPORT), end()]
    assert ("leerkracht", "violation") in _advice(recs)


def test_advice_asked_in_time_is_still_praised_next_to_a_report():
    recs = [learn(0, "leerkracht", "kevin_stil"), act(20 * D, "leerkracht", do="advice_veilig_thuis", child="kevin"),
            act(22 * D, "leerkracht", **REPORT), end()]
    assert _advice(recs) == [("leerkracht", "praise")]


def test_advice_asked_before_the_window_opened_is_not_a_missed_duty():
    recs = [learn(0, "leerkracht", "kevin_stil"), act(3 * D, "leerkracht", do="advice_veilig_thuis", child="kevin"),
            end()]
    assert _advice(recs) == []
