"""When the report to Veilig Thuis is due (issue 15 review: the Meldcode's timing), on small hand-made
logs over the Pietersdam scenario.

Seed 003, 9 vragen, vraag 1: "Spoedzaken worden binnen 24 uur en bij acute gevallen direct opgepakt";
vraag 7: "bij acute en structurele onveiligheid in een gezin áltijd moeten melden". Acute unsafety (a
child's disclosure of violence at home, a police call-out) is reported at once (T-meldcode-acute,
`thresholds.acute_report_days`, default 1); structural unsafety within `thresholds.report_days`
(T-meldcode-report, default 7). The end of the game closes the window. One definition of "acute or
structural unsafety known to a role" (scoring.units.steps.acute_unsafety) serves every rule."""

from __future__ import annotations

from scoring_records import PIET, D, act, end, findings, header, learn, verdicts, with_age

from scoring import score_log
from scoring.ledger import Ledger
from scoring.thresholds import days
from scoring.units.steps import acute_unsafety

RISK_HIGH = {"type": "risk", "t": 5.0, "level": 8.0, "delta": 1.0, "cause": "escalatie"}
"""The family's risk rises above `risk.urgent_at` (7 in Pietersdam) at hour 5: structural unsafety."""

DISCLOSED = learn(6, "leerkracht", "kevin_vertelt")
"""Kevin tells his teacher that Rob hit his mother (a disclosure): acute unsafety."""

REPORT = {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_vertelt"], "considerations": "Kevin vertelt."}


def test_acute_unsafety_is_reported_at_once_not_within_the_structural_window():
    """Kevin tells his teacher about the violence at home on hour 6; she reports six days later. Within
    the structural window (7 days), but acute danger is acted on "direct" (vraag 1): a T-meldcode-acute
    violation when the short window (1 day) closed, and no praise "op tijd"."""
    recs = [DISCLOSED, act(6 + 6 * D, "leerkracht", **REPORT), end(20 * D)]
    fs = findings(recs, "T-meldcode-acute")
    assert [(f["role"], f["severity"], f["t"]) for f in fs] == [("leerkracht", "violation", 6 + D)]
    assert "binnen een dag" in fs[0]["message"]["nl"]
    assert findings(recs, "T-meldcode-report") == []


def test_acute_unsafety_reported_the_same_day_is_praised():
    """The teacher reports two hours after Kevin told her: praised as a report made at once."""
    recs = [DISCLOSED, act(8, "leerkracht", **REPORT), end(20 * D)]
    fs = findings(recs, "T-meldcode-acute")
    assert [(f["severity"], f["t"]) for f in fs] == [("praise", 8)]
    assert "direct" in fs[0]["message"]["nl"]


def test_the_acute_window_is_a_didactic_setting_per_scenario():
    """The one day is a training choice, not the Meldcode's number: a scenario may set
    `thresholds.acute_report_days` (here 3), and the report on day 2 is then in time."""
    sc = PIET.model_copy(update={"thresholds": PIET.thresholds.model_copy(update={"acute_report_days": 3})})
    assert days(PIET, "acute_report_days") == 1 and days(sc, "acute_report_days") == 3
    recs = [DISCLOSED, act(6 + 2 * D, "leerkracht", **REPORT), end(20 * D)]
    assert verdicts(recs, "T-meldcode-acute", sc) == [True]
    assert verdicts(recs, "T-meldcode-acute") == [False]


def test_structural_unsafety_keeps_the_report_window():
    """A safety signal reaches the teacher while the risk is high (structural unsafety, no disclosure):
    a report on day 6 is in time (T-meldcode-report), and no acute finding."""
    recs = [RISK_HIGH, learn(6, "leerkracht", "kevin_schrikachtig"),
            act(6 + 6 * D, "leerkracht", do="report_veilig_thuis", child="kevin", facts=["kevin_schrikachtig"]),
            end(20 * D)]
    assert verdicts(recs, "T-meldcode-report") == [True]
    assert findings(recs, "T-meldcode-acute") == []


def test_the_end_of_the_game_closes_the_report_window():
    """The teacher learns of structural unsafety three days before the session ends and never reports.
    Her seven days were not over, but the end of the game closes the window: a violation at the end,
    saying she did not report before the end of the game (vraag 7: áltijd melden)."""
    recs = [RISK_HIGH, learn(6, "leerkracht", "kevin_schrikachtig"), end(6 + 3 * D)]
    fs = findings(recs, "T-meldcode-report")
    assert [(f["role"], f["severity"], f["t"]) for f in fs] == [("leerkracht", "violation", 6 + 3 * D)]
    assert "voor het einde van het spel" in fs[0]["message"]["nl"]
    assert "before the end of the game" in fs[0]["message"]["en"]


def test_the_end_of_the_game_closes_the_acute_window_too():
    """Kevin tells his teacher two hours before the session ends and she does not report: judged at the
    end (T-meldcode-acute), not left unjudged."""
    recs = [DISCLOSED, end(8)]
    assert [(f["severity"], f["t"]) for f in findings(recs, "T-meldcode-acute")] == [("violation", 8)]


def test_praise_says_alongside_the_help_only_when_help_was_organised():
    """"Ook naast de hulp" is said only of a reporter who organised help (a plan, a meeting, the regie);
    a report alone is praised without it (vraag 7)."""
    alone = findings([DISCLOSED, act(8, "leerkracht", **REPORT), end(20 * D)], "T-meldcode-acute")
    helped = findings([DISCLOSED, act(7, "leerkracht", do="make_plan", child="kevin"),
                       act(8, "leerkracht", **REPORT), end(20 * D)], "T-meldcode-acute")
    assert "hulp" not in alone[0]["message"]["nl"] and "help" not in alone[0]["message"]["en"]
    assert "naast de hulp" in helped[0]["message"]["nl"]


# ---- one definition of "acute or structural unsafety known to a role" ------------------------------
def test_one_definition_of_known_unsafety_for_the_urgent_mark_and_the_exception():
    """The GGZ knew of the mother's addiction long before the danger; the risk rises but no new signal
    reaches it. At that moment T-vt-urgent and P-unsafe-to-inform must agree: no acute or structural
    unsafety known (steps.acute_unsafety) — the urgent mark is wrong and the exception is refused."""
    base = [learn(0, "ggz", "moeder_medicijnverslaving"), RISK_HIGH]
    urgent = [*base, act(10, "ggz", do="report_veilig_thuis", child="kevin", facts=["moeder_medicijnverslaving"],
                         urgent=True, considerations="x"), end()]
    unsafe = [*base, act(10, "ggz", do="report_veilig_thuis", child="kevin", facts=["moeder_medicijnverslaving"],
                         unsafe_to_inform=True, reason="Moeder wordt boos.", considerations="x"), end()]
    ledger = Ledger(PIET)
    for r in base:
        ledger.feed(r)
    assert not acute_unsafety(ledger, "ggz", "kevin", 10)
    assert verdicts(urgent, "T-vt-urgent") == [False]
    assert verdicts(unsafe, "P-unsafe-to-inform") == [False]


def test_one_definition_a_disclosure_makes_both_agree_it_was_known():
    """Kevin told his teacher (acute): the urgent mark is right and so is the exception to informing."""
    urgent = [DISCLOSED, act(8, "leerkracht", **REPORT, urgent=True), end()]
    unsafe = [DISCLOSED, act(8, "leerkracht", **REPORT, unsafe_to_inform=True, reason="Rob slaat.")]
    assert verdicts(urgent, "T-vt-urgent") == [True]
    assert verdicts([*unsafe, end()], "P-unsafe-to-inform") == [True]


# ---- the Meldcode's order: "tenzij acuut gevaar" ----------------------------------------------------
def test_order_exception_applies_when_the_parents_were_informed_and_the_report_came_at_once():
    """After Kevin's disclosure the teacher tells the parents and reports an hour later, without
    consulting first. With acute danger the order's exception applies ("tenzij acuut gevaar"): praise,
    and the praise says the consultation was skipped rightly — not "op volgorde"."""
    recs = [DISCLOSED, act(7, "leerkracht", do="talk_parents", child="kevin", purpose="inform", about="report"),
            act(8, "leerkracht", **REPORT), end()]
    fs = findings(recs, "T-meldcode-order")
    assert [f["severity"] for f in fs] == ["praise"]
    assert "op volgorde" not in fs[0]["message"]["nl"] and "terecht zonder eerst te consulteren" in fs[0]["message"]["nl"]


def test_order_praise_names_the_steps_skipped_under_the_exception():
    """Reporting at once without a talk because informing would endanger Kevin (accepted): the praise
    names both skipped steps and never says "op volgorde"."""
    recs = [DISCLOSED, act(8, "leerkracht", **REPORT, unsafe_to_inform=True, reason="Rob slaat."), end()]
    fs = findings(recs, "T-meldcode-order")
    assert [f["severity"] for f in fs] == ["praise"]
    assert "op volgorde" not in fs[0]["message"]["nl"] and "met het gezin te praten" in fs[0]["message"]["nl"]


def test_order_without_danger_still_asks_for_a_consultation():
    """No acute or structural unsafety: a report without consulting first keeps its warning."""
    recs = [learn(6, "leerkracht", "kevin_schrikachtig"),
            act(8, "leerkracht", do="report_veilig_thuis", child="kevin", facts=["kevin_schrikachtig"]), end()]
    assert verdicts(recs, "T-meldcode-order") == [False]


# ---- who must hear of the report ---------------------------------------------------------------------
def test_the_right_line_about_informing_names_everyone_the_childs_age_requires():
    """Henk is 14: before a report about him the parents and Henk himself are told (Meldcode stap 3,
    vraag 2 and 5; sim.consent.required_consenters). A report without that talk: the "Juist:" line names
    the parents and Henk, not "de ouders" alone."""
    recs = [learn(6, "zorgcoordinator", "henk_school_slecht"),
            act(8, "zorgcoordinator", do="report_veilig_thuis", child="henk", facts=["henk_school_slecht"]), end()]
    fs = findings(recs, "P-report-parents")
    juist = fs[0]["message"]["nl"].split("Juist:")[1]
    assert "Henk" in juist and "Moeder" in juist
    sc = with_age("henk", 10)
    juist10 = findings(recs, "P-report-parents", sc)[0]["message"]["nl"].split("Juist:")[1]
    assert "Henk" not in juist10


def test_no_hidden_risk_number_in_the_findings():
    """The risk level is the game's hidden state: no finding shows it ("risico 8,5"); the texts speak
    of acute or structural unsafety instead."""
    recs = [RISK_HIGH, learn(6, "leerkracht", "kevin_schrikachtig"),
            {"type": "incident", "t": 50.0, "happened": True, "level": 8.5}, end(10 * D)]
    out = score_log(PIET, [header(), *recs]).as_json()["findings"]
    assert not any("risico" in f["message"]["nl"] or "8,5" in f["message"]["nl"] for f in out)


def test_the_right_line_of_a_missed_report_names_everyone_the_childs_age_requires():
    """Kevin's teacher never reports his disclosure. The "Juist:" line says with whom the report is
    discussed first: Kevin's parents while he is 10; the parents and Kevin himself if he were 13
    (Meldcode stap 3; sim.consent.required_consenters)."""
    recs = [DISCLOSED, end(3 * D)]
    juist = findings(recs, "T-meldcode-acute")[0]["message"]["nl"].split("Juist:")[1]
    assert "Moeder" in juist and "Kevin" not in juist
    juist13 = findings(recs, "T-meldcode-acute", with_age("kevin", 13))[0]["message"]["nl"].split("Juist:")[1]
    assert "Moeder" in juist13 and "Kevin" in juist13
