"""Claims checked against the world (issue 14, item 4): informed, parents informed, documented and
"unsafe to inform" are derived from the log, and a claim the log contradicts is a false claim.
Rule ids: P-false-informed, P-false-parents-informed, P-false-documented, P-unsafe-to-inform,
P-informed, P-report-parents, P-documented, T-meldcode-order."""

from __future__ import annotations

from scoring_records import REPORT, SHARE, act, findings, learn, verdicts, with_age

from sim import load_scenario, resolve_scenario

RISK_HIGH = {"type": "risk", "t": 5.0, "level": 8.0, "delta": 1.0, "cause": "x"}


def test_a_ticked_parents_informed_without_a_talk_is_a_false_claim():
    recs = [act(10, "smw", **REPORT, parents_informed=True)]
    assert verdicts(recs, "P-false-parents-informed") == [False]
    assert verdicts(recs, "P-report-parents") == []  # never praised


def test_a_ticked_informed_without_a_talk_is_a_false_claim():
    recs = [act(10, "leerkracht", **SHARE, basis="meldcode", informed=True)]
    assert verdicts(recs, "P-false-informed") == [False]
    assert verdicts(recs, "P-informed") == []


def test_a_talk_by_another_professional_does_not_inform_for_you():
    recs = [act(5, "smw", do="talk_parents", child="kevin", purpose="inform"),
            act(10, "leerkracht", **SHARE, basis="meldcode")]
    assert verdicts(recs, "P-informed") == [False]


def test_a_14_year_old_must_be_told_too():
    henk14 = with_age("henk", 14)
    share = {"do": "share", "to": "smw", "facts": ["henk_school_slecht"], "child": "henk", "basis": "meldcode"}
    parents_only = [act(5, "zorgcoordinator", do="talk_parents", child="henk", purpose="inform"),
                    act(10, "zorgcoordinator", **share)]
    assert verdicts(parents_only, "P-informed", henk14) == [False]
    f = findings(parents_only, "P-informed", henk14)[0]
    assert "Henk" in f["message"]["nl"]  # the finding names who was not told
    both = [act(4, "zorgcoordinator", do="talk_child", child="henk", purpose="inform"), *parents_only]
    assert verdicts(both, "P-informed", henk14) == [True]


def test_a_ticked_documented_without_considerations_is_a_false_claim():
    recs = [act(10, "leerkracht", **SHARE, basis="meldcode", documented=True)]
    assert verdicts(recs, "P-false-documented") == [False]
    assert verdicts(recs, "P-documented") == []


def test_a_report_carries_its_considerations():
    assert verdicts([act(10, "smw", **REPORT)], "P-documented") == [False]
    assert verdicts([act(10, "smw", **REPORT, considerations="Structurele onveiligheid.")], "P-documented") == [True]


def test_unsafe_to_inform_is_accepted_only_when_unsafety_is_known():
    claim = act(10, "smw", **REPORT, unsafe_to_inform=True, reason="Rob is thuis en agressief")
    # nothing unsafe known: a false claim, and the parents were not informed
    assert verdicts([claim], "P-unsafe-to-inform") == [False]
    assert verdicts([claim], "P-report-parents") == [False]
    # risk at or above urgent_at and a safety signal known to the smw: accepted, no talk required
    known = [RISK_HIGH, learn(6, "smw", "kevin_schrikachtig"), claim]
    assert verdicts(known, "P-unsafe-to-inform") == [True]
    assert verdicts(known, "P-report-parents") == []
    # the risk is high but this role knows no safety signal: not accepted
    assert verdicts([RISK_HIGH, claim], "P-unsafe-to-inform") == [False]


def test_the_meldcode_order_finding_says_what_was_actually_skipped():
    consulted = [act(5, "smw", do="consult_colleague", child="kevin"), act(10, "smw", **REPORT)]
    f = findings(consulted, "T-meldcode-order")[0]
    assert f["severity"] != "praise"
    assert "consulteren" not in f["message"]["nl"] and "praten" in f["message"]["nl"]
    talked = [act(5, "smw", do="talk_parents", child="kevin", purpose="concern"), act(10, "smw", **REPORT)]
    f = findings(talked, "T-meldcode-order")[0]
    assert "consulteren" in f["message"]["nl"] and "praten" not in f["message"]["nl"]


def test_unsafe_to_inform_on_a_share_skips_the_talk_only_when_unsafety_is_known():
    claim = act(10, "leerkracht", **SHARE, basis="meldcode", unsafe_to_inform=True, reason="Rob is thuis")
    assert verdicts([claim], "P-unsafe-to-inform") == [False]
    assert verdicts([claim], "P-informed") == [False]
    known = [RISK_HIGH, learn(6, "leerkracht", "kevin_schrikachtig"), claim]
    assert verdicts(known, "P-unsafe-to-inform") == [True]
    assert verdicts(known, "P-informed") == []


def test_findings_name_people_and_bases_never_ids():
    """Players read names ("Moeder Pietersdam"), never ids ("moeder"), also for who did not consent and
    for the basis a share stood on (issue 14, item 8)."""
    from scoring import score_log
    from sim.runner import play, resolve_policy

    scenario = load_scenario(resolve_scenario("pietersdam"))
    consent: list[str] = []
    texts: list[str] = []
    for seed in range(4, 40):  # the first random team that leans on a consent it did not have
        session, _ = play(scenario, resolve_policy(scenario, "random"), seed=seed)
        texts = [f.message["nl"] for f in score_log(scenario, session.records).findings]
        consent = [t for t in texts if "toestemming van" in t and "ontbrak" in t]
        if consent:
            break
    assert consent and all("moeder," not in t and " vader " not in t for t in consent)
    assert not [t for t in texts if "(consent)" in t or "(meldcode)" in t or "(conflict_of_duties)" in t]


def test_a_talk_before_the_facts_were_known_does_not_inform_about_them():
    """A talk can only have been about what the professional knew then (seed 003, 9 vragen, vraag 2:
    a report is discussed with the parents first): telling the parents on day 2 does not cover a report
    of what the smw learned in week 5."""
    talk = act(48, "smw", do="talk_parents", child="kevin", purpose="inform")
    early = [talk, learn(24, "smw", "kevin_schrikachtig"), act(5 * 7 * 24, "smw", **REPORT)]
    late = [talk, learn(5 * 7 * 24 - 10, "smw", "kevin_schrikachtig"), act(5 * 7 * 24, "smw", **REPORT)]
    assert verdicts(sorted(early, key=lambda r: r["t"]), "P-report-parents") == [True]
    assert verdicts(sorted(late, key=lambda r: r["t"]), "P-report-parents") == [False]


def test_consent_that_was_not_given_is_no_basis_to_praise():
    """Sharing "on consent" without everyone's consent is a consent violation, and is not praised as
    having a basis at the same time (seed 003, 7 tips, tip 1 and who consents by age)."""
    recs = [act(10, "leerkracht", **SHARE, basis="consent")]
    assert verdicts(recs, "P-consent-age") == [False]
    assert verdicts(recs, "P-basis") == []


def test_consent_for_the_neighbourhood_team_does_not_cover_the_police():
    """Consent is asked for a recipient (seed 003, 7 tips): the parents' yes to sharing with the
    wijkteam is no yes to sharing with the wijkagent; a consent asked in general covers the child's
    helpers (the wijkteam) but not the police (tip 3: "met wie … met welk doel")."""
    from scoring_records import consent

    def share(to):
        return act(10, "smw", do="share", to=to, facts=["kevin_schrikachtig"], child="kevin", basis="consent")

    scoped = [{**consent(5, "kevin", p), "share_with": ["wijkteam"]} for p in ("moeder", "vader")]
    assert verdicts([*scoped, share("wijkteam")], "P-consent-age") == [True]
    assert verdicts([*scoped, share("wijkagent")], "P-consent-age") == [False]
    general = [consent(5, "kevin", p) for p in ("moeder", "vader")]
    assert verdicts([*general, share("wijkteam")], "P-consent-age") == [True]
    assert verdicts([*general, share("wijkagent")], "P-consent-age") == [False]
