"""The debrief report refers to the conversations held (issue 17, item 6): what was said, what was
answered, and the judge's finding on it — and a session without conversations has no such section."""

from __future__ import annotations

from report.build import build_document
from report.document import Para, Table
from report.session import load_session
from sim.engine import Session
from sim.log import FileLog


def _report(tmp_path, pietersdam, steps):
    log = tmp_path / "s.jsonl"
    s = Session(pietersdam, seed=2, players={"smw"}, log=FileLog(log))
    s.advance(24 * 22)
    for conversation, choice in steps:
        assert s.act("smw", {"do": "converse", "conversation": conversation, "choice": choice}).ok
    s.finish()
    return build_document([load_session(log)], "nl", "vandaag", expert_policy=None)


def _section(doc, title):
    """The section with this title (in the appendix: "Bijlage — Team 1: <title>")."""
    return next((sec for sec in doc.sections if sec.title == title or sec.title.endswith(": " + title)), None)


def test_the_report_quotes_the_talk_with_kevins_mother_with_the_finding_on_its_opening(tmp_path, pietersdam):
    doc = _report(tmp_path, pietersdam, [("gesprek_moeder", "beschuldigen"), ("gesprek_moeder", "aandringen")])
    section = _section(doc, "Gesprekken")
    assert section is not None
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert "Er gebeurt thuis iets" in table.rows[0][1].text
    assert "niet beschuldigen" in table.rows[0][2].text
    verdicts = [b for b in section.blocks if isinstance(b, Para) and b.tone in ("bad", "warn", "good")]
    assert any("Een verwijt zet de ander in de verdediging" in b.text and b.tone == "warn" for b in verdicts)


def test_the_report_names_a_promise_of_secrecy_to_kevin(tmp_path, pietersdam):
    doc = _report(tmp_path, pietersdam, [("gesprek_kevin", "geheim_beloven"), ("gesprek_kevin", "tussen_ons")])
    section = _section(doc, "Gesprekken")
    assert any(isinstance(b, Para) and b.tone == "bad" and "geheimhouding" in b.text for b in section.blocks)


def test_no_conversation_no_section(tmp_path, pietersdam):
    doc = _report(tmp_path, pietersdam, [])
    assert _section(doc, "Gesprekken") is None
