"""Veilig Thuis triages every report, faster when it matters (seed 003, 9 vragen, vraag 1: "Spoedzaken
worden binnen 24 uur en bij acute gevallen direct opgepakt"). The reporter can mark a report urgent;
that mark is a claim the judge checks against the acute or structural unsafety the reporter knew
(Meldcode stap 4)."""

from __future__ import annotations

from scoring import score_log
from sim import Session

D = 24.0


def _triage_after(session, reporter="smw"):
    report = next(r for r in session.records if r.get("type") == "vt_report" and r["reporter"] == reporter)
    triage = next(r for r in session.records if r.get("type") == "vt_triage" and r["reporter"] == reporter)
    return report, triage["t"] - report["t"]


def test_veilig_thuis_triages_an_urgent_report_within_24_hours(pietersdam):
    """The smw marks her report urgent: Veilig Thuis assesses within a day, not after the usual days."""
    session = Session(pietersdam, seed=1, players=["smw"])
    session.advance(D)
    assert session.act("smw", {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_stil"],
                               "urgent": True}).ok
    session.advance(8 * D)
    report, waited = _triage_after(session)
    assert report["urgent"] and report["claimed_urgent"]
    assert waited <= 24.0
    assert any("spoedzaak" in m["text"]["nl"] for m in session.view("smw").inbox)


def test_veilig_thuis_takes_an_ordinary_report_in_days(pietersdam):
    """Without urgency (risk below the urgent level, no mark) the assessment waits days (vraag 1)."""
    session = Session(pietersdam, seed=1, players=["smw"])
    session.advance(D)
    assert session.act("smw", {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_stil"]}).ok
    session.advance(8 * D)
    report, waited = _triage_after(session)
    assert not report["urgent"] and "claimed_urgent" not in report
    assert waited > 24.0


def test_an_unmarked_report_keeps_its_old_parameters(pietersdam):
    """`urgent` is left out of the logged action when not marked, so older logs stay identical."""
    session = Session(pietersdam, seed=1, players=["smw"])
    assert session.act("smw", {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_stil"]}).ok
    logged = next(r for r in session.records if r.get("type") == "action")
    assert "urgent" not in logged["action"]


def test_veilig_thuis_acts_the_same_day_on_acute_danger(pietersdam):
    """After the escalation at home (the incident: mother assaulted) the danger is acute: Veilig Thuis
    picks the report up the same day, together with the police where needed."""
    for seed in range(1, 30):
        session = Session(pietersdam, seed=seed, players=["smw"])
        session.advance(9 * 7 * D)
        if pietersdam.incident.id in session.world.happened:
            break
    else:
        raise AssertionError("no seed in which the incident happens")
    assert session.act("smw", {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_stil"]}).ok
    session.advance(session.now + 2 * D)
    report, waited = _triage_after(session)
    assert report["urgent"] and report["acute"]
    assert waited < 12.0
    assert any("acuut gevaar" in m["text"]["nl"] for m in session.view("smw").inbox)


def test_an_urgent_mark_without_known_unsafety_is_a_finding(pietersdam):
    """Marking urgent on day 1, knowing only that Kevin is quiet, is not what spoed is for."""
    session = Session(pietersdam, seed=1, players=["smw"])
    session.advance(D)
    assert session.act("smw", {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_stil"],
                               "urgent": True}).ok
    session.finish()
    found = [f for f in score_log(pietersdam, session.records).findings if f.rule == "T-vt-urgent"]
    assert [f.severity for f in found] == ["warning"]
    assert found[0].role == "smw" and "spoed" in found[0].message["nl"] and "Kevin" in found[0].message["nl"]


def test_an_urgent_mark_with_structural_unsafety_known_is_right(pietersdam):
    """With the risk at the urgent level and a safety signal known to her, the smw's urgent mark holds."""
    from tests.scoring_records import act, end, findings, learn

    records = [
        {"type": "risk", "t": 10.0, "level": 8.0, "delta": 3.0, "cause": "x"},
        learn(11.0, "smw", "rob_agressief_drank"),
        act(12.0, "smw", do="report_veilig_thuis", child="kevin", facts=["rob_agressief_drank"], urgent=True),
        end(),
    ]
    assert [f["severity"] for f in findings(records, "T-vt-urgent")] == ["praise"]
