"""Partial credit and citable sources (issue 14, items 6 and 8): a step after its ideal moment and
before its latest earns partial points and is a warning; after the latest (or never) a violation; on
time praise. Every finding cites a public source. Rule ids: T-expectation (partial credit)."""

from __future__ import annotations

import re

from scoring_records import PIET, REPORT, SHARE, D, act, consent, end, header, learn

from scoring import score_log
from scoring.duties import partial
from sim import load_scenario, resolve_scenario


def _vir_kevin(t):
    res = score_log(PIET, [header(), learn(0, "smw", "kevin_stil"), act(t, "smw", do="vir_register", child="kevin"),
                           end()])
    return [f for f in res.findings if f.rule == "T-expectation" and "Kevin in the Verwijs" in f.message["en"]]


def test_a_step_on_time_gets_full_points_and_praise():
    [f] = _vir_kevin(5 * D)
    assert (f.severity, f.earned) == ("praise", 1.0)


def test_a_late_step_gets_partial_points_and_a_warning():
    [f] = _vir_kevin(4 * 7 * D)  # ideal 2 weeks, latest 5 weeks
    assert f.severity == "warning" and 0 < f.earned < 1
    assert "Gedeeltelijke punten" in f.message["nl"]


def test_a_step_after_the_latest_moment_is_a_violation_without_points():
    [f] = _vir_kevin(6 * 7 * D)
    assert (f.severity, f.earned) == ("violation", 0.0)


def test_partial_points_fall_linearly_from_ideal_to_latest():
    assert partial(15, 10, 20) == (0.5, "warning")
    assert partial(None, 10, 20) == (0.0, "violation")


def test_docs_say_how_partial_credit_works():
    from pathlib import Path
    text = (Path(__file__).resolve().parent.parent / "docs" / "regels.md").read_text(encoding="utf-8")
    assert "gedeeltelijke punten" in text and "*waarschuwing*" in text and "*overtreding*" in text


def test_every_finding_has_a_cite():
    recs = [header(), learn(0, "leerkracht", "kevin_schrikachtig"), consent(1, "kevin", "moeder"),
            act(2, "leerkracht", **SHARE, basis="consent"), act(3, "smw", **REPORT, parents_informed=True), end()]
    for family in ("peter", "pietersdam", "lisanne_lars"):
        sc = load_scenario(resolve_scenario(family))
        res = score_log(sc, [header(), end()]) if family != "pietersdam" else score_log(PIET, recs)
        for f in res.as_json()["findings"]:
            assert f["cite"]["nl"] and f["cite"]["en"], f
            assert not re.search(r"seed \d|domain\.md", f["cite"]["nl"] + f["cite"]["en"]), f["cite"]
