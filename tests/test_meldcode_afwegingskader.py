"""The Meldcode's weighing steps (afwegingskader, stap 4 and 5) and its exception "unless safety forbids
it" (issue 15, item 2), on small hand-made logs over the Pietersdam scenario.

Seed 003, 9 vragen, vraag 7: "De verbeterde Meldcode schrijft voor dat professionals bij acute en
structurele onveiligheid in een gezin áltijd moeten melden. Ook al bieden ze zelf hulp of weten ze dat
er hulp is." Vraag 2 and Meldcode stap 3: the parents hear of a report first, unless that endangers
the child."""

from __future__ import annotations

from scoring_records import PIET, D, act, end, findings, learn, verdicts

from scoring.ledger import Ledger
from scoring.units.steps import acute_unsafety

RISK_HIGH = {"type": "risk", "t": 5.0, "level": 8.0, "delta": 1.0, "cause": "escalatie"}
"""The family's risk rises above `risk.urgent_at` (7 in Pietersdam) at hour 5."""

REPORT = {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_schrikachtig"]}


def _acute(role="leerkracht", t=6):
    return [RISK_HIGH, learn(t, role, "kevin_schrikachtig")]


def test_acute_unsafety_always_report_even_when_helping():
    """The teacher sees Kevin startle while the danger at home is acute, and organises help — a plan, a
    case meeting — but never reports. Helping does not replace the report (vraag 7): a violation, and
    the finding says that help does not replace it."""
    recs = [*_acute(), act(10, "leerkracht", do="make_plan", child="kevin"),
            act(12, "leerkracht", do="case_meeting", child="kevin", facts=[]), end(6 + 10 * D)]
    fs = findings(recs, "T-meldcode-report")
    assert [(f["role"], f["severity"]) for f in fs] == [("leerkracht", "violation")]
    assert "hulp vervangt de melding niet" in fs[0]["message"]["nl"]
    assert "help does not replace the report" in fs[0]["message"]["en"]
    assert fs[0]["t"] == 6 + 7 * D, "judged when the window (7 days) closed"


def test_acute_unsafety_reported_in_time_is_praised():
    """The teacher who knows acute unsafety reports within the window: praise, also beside the help."""
    recs = [*_acute(), act(10, "leerkracht", do="make_plan", child="kevin"), act(20, "leerkracht", **REPORT), end()]
    assert verdicts(recs, "T-meldcode-report") == [True]


def test_each_role_that_knew_acute_unsafety_is_judged_on_its_own():
    """Two professionals know the danger and neither reports: a finding for each of them, not one for
    the team ("iemand anders zal wel")."""
    recs = [RISK_HIGH, learn(6, "leerkracht", "kevin_schrikachtig"), learn(7, "wijkagent", "politie_ruzie_melding"),
            end(10 * D)]
    fs = findings(recs, "T-meldcode-report")
    assert sorted((f["role"], f["severity"]) for f in fs) == [("leerkracht", "violation"), ("wijkagent", "violation")]


def test_a_report_agreed_with_the_reporter_discharges_the_duty_without_praise():
    """The teacher passes her signals to the school social worker, who reports: the teacher's duty is met
    by the agreed report (no finding — it is not her merit), the reporter is praised. A professional
    with no contact with the reporter still had to report."""
    recs = [*_acute(), learn(7, "wijkagent", "politie_ruzie_melding"),
            act(8, "leerkracht", do="share", to="smw", facts=["kevin_schrikachtig"], child="kevin", basis="meldcode"),
            learn(8, "smw", "kevin_schrikachtig"), act(20, "smw", **REPORT), end(10 * D)]
    fs = findings(recs, "T-meldcode-report")
    assert sorted((f["role"], f["severity"]) for f in fs) == [("smw", "praise"), ("wijkagent", "violation")]


def test_without_acute_unsafety_there_is_no_duty_to_report():
    """A safety signal at an ordinary risk level asks for the Meldcode's steps (consult, talk), not
    necessarily for a report: no finding of this rule."""
    assert findings([learn(6, "leerkracht", "kevin_schrikachtig"), end(10 * D)], "T-meldcode-report") == []


def test_a_signal_known_only_before_the_danger_does_not_make_it_known():
    """The GGZ knew of the mother's addiction long before; the rows at home that raise the risk never
    reach it. It is not blamed for a danger it could not see (issue 14: no blame for what one could not
    know)."""
    recs = [learn(0, "ggz", "moeder_medicijnverslaving"), RISK_HIGH, end(10 * D)]
    assert findings(recs, "T-meldcode-report") == []


def test_a_childs_disclosure_of_violence_at_home_is_acute_unsafety():
    """Kevin tells his teacher that Rob hit his mother (a `disclosure` event bringing a domestic-violence
    safety fact): acute unsafety whatever the risk level says — she must report, and at once
    (T-meldcode-acute; seed 004 §1, vraag 1 and 7)."""
    ledger = Ledger(PIET)
    ledger.feed(learn(6, "leerkracht", "kevin_vertelt"))
    assert acute_unsafety(ledger, "leerkracht", "kevin", 6)
    assert not acute_unsafety(ledger, "smw", "kevin", 6)
    assert verdicts([learn(6, "leerkracht", "kevin_vertelt"), end(10 * D)], "T-meldcode-acute") == [False]


# ---- the exception: informing first would endanger the child ---------------------------------------
def test_unsafe_to_inform_with_a_reason_skips_the_talk_and_the_order_when_the_danger_is_known():
    """With acute danger known and the reason stated, the teacher reports at once: not talking with
    the parents first and not consulting first are accepted (Meldcode stap 3 and 4; vraag 2)."""
    recs = [*_acute(), act(10, "leerkracht", **REPORT, unsafe_to_inform=True, reason="Rob is thuis en dreigt",
                           considerations="Acuut gevaar."), end()]
    assert verdicts(recs, "P-unsafe-to-inform") == [True]
    assert verdicts(recs, "P-report-parents") == []
    assert verdicts(recs, "T-meldcode-order") == [True]


def test_unsafe_to_inform_without_a_reason_is_a_false_claim():
    """Saying "unsafe" without saying why is not the exception: a false claim, and the skipped talk and
    consultation count."""
    recs = [*_acute(), act(10, "leerkracht", **REPORT, unsafe_to_inform=True, considerations="x"), end()]
    assert verdicts(recs, "P-unsafe-to-inform") == [False]
    assert verdicts(recs, "P-report-parents") == [False]
    assert verdicts(recs, "T-meldcode-order") == [False]


def test_unsafe_to_inform_that_the_ledger_does_not_bear_out_keeps_the_order():
    """No danger known to the role: the claim is false and the order finding names both skipped steps."""
    recs = [learn(6, "leerkracht", "kevin_schrikachtig"),
            act(10, "leerkracht", **REPORT, unsafe_to_inform=True, reason="Ik vertrouw het niet"), end()]
    assert verdicts(recs, "P-unsafe-to-inform") == [False]
    order = findings(recs, "T-meldcode-order")
    assert [f["severity"] for f in order] != ["praise"]
    assert "consulteren" in order[0]["message"]["nl"] and "praten" in order[0]["message"]["nl"]
