"""Score sections of the report, fed through the scoring contract (issue 4: `score_log(scenario, records)
.as_json()`). The scoring package is written separately; here a stand-in with that exact shape checks
that the report shows scores per dimension and role, privacy findings with rule and seed, and asks about
them — and that without scoring the report says so instead of showing numbers."""

from __future__ import annotations

import json

import pytest
from report_golden.frozen import frozen_log

import report.scores
from cli import main
from report.build import build_document
from report.document import Bullets, Table
from report.session import load_session

FINDING = {"rule": "consent_age", "dimension": "privacy", "severity": "violation", "t": 300.0, "role": "wijkagent",
           "message": {"nl": "Gedeeld zonder toestemming van Henk (14).", "en": "Shared without Henk's (14) consent."},
           "source": "seed 003 7 tips"}


class StandInResult:
    """Shaped like scoring's ScoreResult: only `as_json()` is used by the report."""

    def as_json(self):
        return {"score": {"total": 61, "timeliness": 70, "privacy": 40, "feedback": 73,
                          "per_role": {"smw": {"total": 80, "timeliness": 85, "privacy": 75, "feedback": 80},
                                       "wijkagent": {"total": 45, "timeliness": 60, "privacy": 20, "feedback": 55}}},
                "findings": [FINDING]}


@pytest.fixture(scope="module")
def log(tmp_path_factory):
    return frozen_log(tmp_path_factory.mktemp("logs") / "expert.jsonl", "expert", 7)


@pytest.fixture
def with_scoring(monkeypatch):
    import scoring

    monkeypatch.setattr(scoring, "score_log", lambda scenario, records: StandInResult(), raising=False)


def _section(doc, title):
    """A section by its own title, in the appendix ("Bijlage — Team 1: Scores") or on the team page."""
    return next(s for s in doc.sections if s.title == title or s.title.endswith(f": {title}"))


def test_without_scoring_the_report_says_scores_are_absent(log, monkeypatch):
    import scoring

    monkeypatch.delattr(scoring, "score_log", raising=False)
    doc = build_document([load_session(log)], "nl", "2026-11-23")
    scores = _section(doc, "Scores")
    assert [b.text for b in scores.blocks] == [
        "Scores ontbreken in dit rapport: de scoremodule is nog niet beschikbaar."]
    team_page = doc.sections[0]
    assert "Scores ontbreken in dit rapport: de scoremodule is nog niet beschikbaar." in \
        [getattr(b, "text", None) for b in team_page.blocks]


def test_team_page_shows_team_and_role_scores_per_dimension(log, with_scoring):
    doc = build_document([load_session(log)], "nl", "2026-11-23")
    table = next(b for b in doc.sections[0].blocks if isinstance(b, Table) and b.header[0] == "Score (0–100)")
    assert table.header[1:] == ["Totaal", "Tijdigheid", "Privacy", "Terugkoppeling"]
    assert [c.text for c in table.rows[0]] == ["Team", "61", "70", "40", "73"]
    assert [r[0].text for r in table.rows[1:]] == ["Schoolmaatschappelijk werker", "Wijkagent"]


def test_privacy_findings_show_rule_and_public_source_and_lead_to_a_question(log, with_scoring):
    """A finding shows its rule and the public source behind its seed reference, never the seed's
    file name (issue 14, item 8)."""
    doc = build_document([load_session(log)], "nl", "2026-11-23")
    table = next(b for b in _section(doc, "Informatie delen en privacy").blocks if isinstance(b, Table))
    assert [c.text for c in table.rows[0]] == ["dag 13", "Wijkagent", "Gedeeld zonder toestemming van Henk (14).",
                                               "consent_age",
                                               "AVG; Augeo Magazine 18, 7 tips over hoe je informatie over gezinnen deelt"]
    questions = next(b for b in doc.sections[0].blocks if isinstance(b, Bullets)).items
    assert any("Gedeeld zonder toestemming van Henk (14)." in q for q in questions)


def test_xapi_gets_a_scored_statement(log, with_scoring, tmp_path):
    out = tmp_path / "x.json"
    assert main(["export-xapi", log, "--out", str(out)]) == 0
    verdict = [s for s in json.loads(out.read_text()) if s["verb"]["display"]["en-US"] in ("passed", "failed")]
    assert verdict[0]["result"]["score"] == {"scaled": 0.61, "raw": 61.0, "min": 0, "max": 100}
    assert verdict[0]["verb"]["display"]["en-US"] == "failed"  # 0.61 is below the mastery score of 0.7


def test_score_session_uses_the_scoring_contract(log, with_scoring):
    assert report.scores.score_session(load_session(log))["score"]["total"] == 61
