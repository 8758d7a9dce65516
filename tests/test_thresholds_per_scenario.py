"""The invented deadlines are didactic choices a scenario may set (issue 15, item 10).

The Meldcode and the seeds name no number of days for silence, the bystander effect, a stuck case or the
report after acute unsafety; docs/regels.md labels the defaults as choices, and a scenario's optional
`thresholds:` section sets its own."""

from __future__ import annotations

from scoring_records import PIET, D, end, findings, learn

from scoring.catalogue import regels_md
from scoring.thresholds import THRESHOLDS, days
from sim.model import Scenario


def _with(**thresholds) -> Scenario:
    data = PIET.model_dump(mode="json", by_alias=True)
    data["thresholds"] = thresholds
    return Scenario.model_validate(data)


def test_without_a_thresholds_section_the_rules_defaults_hold():
    assert days(PIET, "silence_days") == 21 and days(PIET, "bystander_days") == 14
    assert days(PIET, "stuck_days") == 28 and days(PIET, "report_days") == 7 and days(PIET, "inaction_days") == 21


def test_a_scenario_sets_the_silence_window():
    """With `silence_days: 7` a role that knows safety signals and does nothing is judged after a week."""
    sc = _with(silence_days=7)
    recs = [learn(10, "leerkracht", "kevin_schrikachtig"), end(10 + 10 * D)]
    fs = findings(recs, "P-meldcode-silence", sc)
    assert [(f["severity"], f["t"]) for f in fs] == [("violation", 10 + 7 * D)]
    assert "7 dagen" in fs[0]["message"]["nl"]
    assert findings(recs, "P-meldcode-silence") == [], "the default (21 days) has not passed"


def test_a_scenario_sets_the_bystander_and_stuck_windows():
    recs = [learn(0, "leerkracht", "kevin_schrikachtig"), learn(0, "wijkagent", "burenmelding_geschreeuw"), end(12 * D)]
    sc = _with(bystander_days=5, stuck_days=10)
    assert {f["t"] for f in findings(recs, "F-bystander", sc)} == {5 * D}
    assert [f["t"] for f in findings(recs, "T-escalation", sc)] == [10 * D]
    assert findings(recs, "F-bystander") == [] and findings(recs, "T-escalation") == []


def test_a_scenario_sets_the_report_window():
    """With `report_days: 2` the teacher who knew structural unsafety is judged after two days; with the
    default (7) the session's end on day 3 closes the window and judges her then (seed 003, vraag 7)."""
    risk = {"type": "risk", "t": 5.0, "level": 8.0, "delta": 1.0, "cause": "x"}
    recs = [risk, learn(6, "leerkracht", "kevin_schrikachtig"), end(6 + 3 * D)]
    assert [f["t"] for f in findings(recs, "T-meldcode-report", _with(report_days=2))] == [6 + 2 * D]
    assert [f["t"] for f in findings(recs, "T-meldcode-report")] == [6 + 3 * D]


def test_regels_md_labels_every_deadline_as_a_didactic_choice_with_its_setting():
    text = regels_md()
    for name, rules in THRESHOLDS.items():
        for rule in rules:
            line = next(line for line in text.splitlines() if line.startswith(f"| `{rule}`"))
            assert "didactische keuze" in line and f"thresholds.{name}" in line, rule
