"""What the Pietersdam family teaches (docs/families/pietersdam.md), moment by moment: each lesson's
moment happens (or can happen) and is scored as the trainers' page says. Seed 004 §1 and §7 (the chain
vindplaats → ZAT → Zorg- en Veiligheidshuis), seed 003 (Meldcode, VIR, 7 tips), seed 000 (zorgmelding)."""

from __future__ import annotations

import datetime as dt

import pytest

from scoring import score_log
from sim import Session, load_scenario, resolve_scenario
from sim.policy import PolicyFile, PolicyStep
from sim.runner import Policy, play, resolve_policy
from sim.timefmt import parse_duration

H = parse_duration
SEEDS = range(6)


@pytest.fixture(scope="module")
def sc():
    return load_scenario(resolve_scenario("pietersdam"))


@pytest.fixture(scope="module")
def expert(sc):
    return resolve_policy(sc, "expert")


@pytest.fixture(scope="module")
def expert_runs(sc, expert):
    return [play(sc, expert, seed=seed)[0] for seed in SEEDS]


@pytest.fixture(scope="module")
def passive_runs(sc):
    return [play(sc, resolve_policy(sc, "passive"), seed=seed)[0] for seed in SEEDS]


def _team(sc, steps, name="test"):
    """A team playing every playable role with these steps (the others do nothing)."""
    playable = tuple(r.id for r in sc.roles if r.playable)
    return Policy(name, playable, file=PolicyFile(policy=name, actions=list(steps)))


def _without(expert, drop):
    """The expert's steps minus those for which `drop(step)` holds."""
    return [s for s in expert.file.actions if not drop(s)]


def _findings(sc, session):
    return score_log(sc, session.records).as_json()["findings"]


def _about(sc, findings, expectation_id):
    """The T-expectation findings of one expectation (matched by its Dutch text)."""
    text = next(e.text.nl for e in sc.expectations if e.id == expectation_id)
    return [f for f in findings if f["rule"] == "T-expectation" and text in f["message"]["nl"]]


def _severities(sc, session, expectation_id):
    return {(f["role"], f["severity"]) for f in _about(sc, _findings(sc, session), expectation_id)}


def _records(session, rtype, **match):
    return [r for r in session.records if r.get("type") == rtype and all(r.get(k) == v for k, v in match.items())]


def _at(session, rtype, **match):
    found = _records(session, rtype, **match)
    return found[0]["t"] if found else None


# -- 1. De Verwijsindex: Kevin en Henk in beeld (seed 003 VIR) ------------------------------------------
def test_the_expert_registers_kevin_and_henk_in_the_verwijsindex_and_the_passive_team_does_not(sc, expert_runs,
                                                                                                passive_runs):
    for expectation in ("vir_kevin", "vir_henk"):
        assert all(sev == "praise" for _, sev in _severities(sc, expert_runs[0], expectation))
        assert {sev for _, sev in _severities(sc, passive_runs[0], expectation)} == {"violation"}
    told = {f["role"] for f in _findings(sc, expert_runs[0])
            if f["rule"] == "P-vir-informed" and f["severity"] == "praise"}
    assert {"smw", "zorgcoordinator", "jongerenwerk", "wijkagent"} <= told


# -- 2. De stem van Kevin (seed 004 §7.5) ---------------------------------------------------------------
def test_someone_talks_with_kevin_himself_and_hears_what_his_brother_calls_him(sc, expert_runs, passive_runs):
    assert _severities(sc, expert_runs[0], "gesprek_kevin") == {("smw", "praise")}
    assert any(r["fact"] == "henk_scheldt_kevin" and r["role"] == "smw" for r in _records(expert_runs[0], "learn"))
    assert ("smw", "violation") in _severities(sc, passive_runs[0], "gesprek_kevin")


# -- 3. Meldcode stap 2 en 3: anoniem advies en het gesprek met moeder (seed 003) --------------------------
def test_anonymous_advice_and_the_talk_with_mother_are_met_by_the_expert_and_missed_by_the_passive_team(
        sc, expert_runs, passive_runs):
    for expectation in ("advies_veilig_thuis", "gesprek_ouders_kevin"):
        assert _severities(sc, expert_runs[0], expectation) == {("smw", "praise")}
        assert "violation" in {sev for _, sev in _severities(sc, passive_runs[0], expectation)}
    assert any(f["rule"] == "P-anonymous" and f["role"] == "smw" and f["severity"] == "praise"
               for f in _findings(sc, expert_runs[0]))


def test_mother_tells_about_robs_drinking_only_from_week_3(sc):
    early = Session(sc, seed=1)
    early.advance(H("1w"))
    early.act("smw", {"do": "talk_parents", "child": "kevin", "purpose": "concern"})
    assert not early.world.knows("smw", "rob_agressief_drank")
    later = Session(sc, seed=1)
    later.advance(H("3w"))
    later.act("smw", {"do": "talk_parents", "child": "kevin", "purpose": "concern"})
    assert later.world.knows("smw", "rob_agressief_drank")


# -- 4. De zorgmelding van de politie (seed 000; seed 004 bijlage 1) ----------------------------------------
def test_after_the_call_out_the_wijkagent_tells_the_parents_and_makes_a_zorgmelding(sc, expert_runs):
    for session in expert_runs:
        uitruk = _at(session, "event", event="politie_uitruk")
        report = _records(session, "vt_report", reporter="wijkagent", child="kevin")
        assert report and report[0].get("via") == "zorgmelding" and report[0]["t"] > uitruk
        assert report[0]["parents_informed"]
    findings = _findings(sc, expert_runs[0])
    assert _severities(sc, expert_runs[0], "zorgmelding_politie") == {("wijkagent", "praise")}
    assert any(f["rule"] == "P-report-parents" and f["role"] == "wijkagent" and f["severity"] == "praise"
               for f in findings)


def test_passing_robs_prison_record_to_the_school_instead_of_a_zorgmelding_misses_the_report(sc, expert):
    zorgmelding = next(s for s in expert.file.actions if s.action.do == "zorgmelding")
    steps = _without(expert, lambda s: s.role == "wijkagent" and s.at >= zorgmelding.at - H("1h"))
    steps += [
        PolicyStep(at=zorgmelding.at - H("1h"), role="wijkagent",
                   action={"do": "talk_parents", "child": "kevin", "purpose": "inform", "about": "share",
                           "share_with": ["smw"]}),
        PolicyStep(at=zorgmelding.at, role="wijkagent",
                   action={"do": "share", "to": "smw", "facts": ["politie_ruzie_melding", "rob_gevangenis"],
                           "basis": "meldcode", "child": "kevin"}),
    ]
    session, _ = play(sc, _team(sc, sorted(steps, key=lambda s: s.at)), seed=2)
    assert ("wijkagent", "violation") in _severities(sc, session, "zorgmelding_politie")
    assert any(f["rule"] == "T-meldcode-report" and f["role"] == "wijkagent" and f["severity"] == "violation"
               for f in _findings(sc, session))


# -- 5. Moeder wijst hulp af, tot Veilig Thuis veiligheidsafspraken maakte (seed 004 §1) --------------------
def test_mother_consents_only_after_veilig_thuis_made_safety_agreements(sc, expert_runs):
    session = expert_runs[0]
    agreements = _at(session, "intervention", intervention="vt_veiligheidsafspraken")
    answers = [(r["t"], r["given"]) for r in _records(session, "consent", person="moeder")]
    assert answers and all(not given for t, given in answers if t < agreements)
    assert any(given for t, given in answers if t > agreements)


# -- 6. Het ZAT voor Henk: Henk (14) en beide ouders met gezag aan tafel (seed 004 §2.1, §7.5) --------------
def test_the_zat_meets_with_leerplicht_and_the_youth_doctor_after_henk_and_both_parents_consented(sc, expert_runs):
    session = expert_runs[0]
    zat = _records(session, "meeting", kind="zat", child="henk")
    assert zat and {"zorgcoordinator", "leerplicht", "jgz"} <= set(zat[0]["present"]) and zat[0]["with_parents"]
    consented = {r["person"] for r in _records(session, "consent", child="henk", given=True) if r["t"] < zat[0]["t"]}
    assert consented >= {"henk", "moeder", "vader"}
    assert _at(session, "intervention", intervention="zat_handelingsplan") > zat[0]["t"]
    for expectation in ("zat_henk", "henk_zelf", "leerplicht_verzuimgesprek", "jeugdarts_henk"):
        assert all(sev == "praise" for _, sev in _severities(sc, session, expectation)), expectation


def test_a_zat_without_the_consent_of_henk_and_his_parents_changes_nothing_at_home(sc, expert):
    steps = _without(expert, lambda s: s.role == "zorgcoordinator" and s.action.do in ("talk_child", "talk_parents")
                     and getattr(s.action, "purpose", None) == "consent")
    session, _ = play(sc, _team(sc, steps), seed=0)
    assert _records(session, "meeting", kind="zat", child="henk")
    assert not _records(session, "intervention", intervention="zat_handelingsplan")
    assert ("zorgcoordinator", "violation") in _severities(sc, session, "henk_zelf")


# -- 7. Opschalen naar het HCO van het Zorg- en Veiligheidshuis (seed 004 bijlage 1) ------------------------
def test_the_hco_with_the_raad_at_the_table_makes_a_plan_names_a_regisseur_and_keeps_rob_away(sc, expert_runs):
    for session in expert_runs:
        hco = _records(session, "meeting", kind="hco", child="henk")
        assert hco and {"raad", "wijkagent", "leerplicht", "jongerenwerk", "wijkteam"} <= set(hco[0]["present"])
        assert _records(session, "regisseur", child="henk", role="wijkteam", via="meeting")
        plan = _records(session, "intervention", intervention="hco_plan_van_aanpak")
        assert plan and plan[0]["risk"] < 0
        assert _records(session, "event_skipped", event="rob_bij_school")
    assert _severities(sc, expert_runs[0], "hco_henk") == {("zorgcoordinator", "praise")}


# -- 8. Doorzettingsmacht als de hulp stagneert (seed 004 §7.3) --------------------------------------------
def test_a_waiting_list_after_the_hco_is_broken_by_escalating_to_the_coordinator(sc, expert_runs, expert):
    session = expert_runs[0]
    waiting = _at(session, "event", event="wachtlijst")
    assert waiting is not None and waiting > _at(session, "intervention", intervention="hco_plan_van_aanpak")
    assert _at(session, "intervention", intervention="doorzetten_gezinsbegeleiding") > waiting
    assert _severities(sc, session, "doorzettingsmacht") == {("zorgcoordinator", "praise")}
    steps = _without(expert, lambda s: s.action.do == "escalate" and s.action.to == "coordinator")
    stalled, _ = play(sc, _team(sc, steps), seed=0)
    assert not _records(stalled, "intervention", intervention="doorzetten_gezinsbegeleiding")
    assert ("zorgcoordinator", "violation") in _severities(sc, stalled, "doorzettingsmacht")


def test_the_raad_is_asked_for_an_investigation_not_for_a_supervision_order(sc):
    session = Session(sc, seed=0)
    session.advance(H("6w"))
    assert session.act("wijkteam", {"do": "escalate", "to": "raad", "child": "kevin", "request": "ots"}).ok
    session.finish()
    assert any(f["rule"] == "T-raad-onderzoek" and f["role"] == "wijkteam" and f["severity"] == "warning"
               for f in _findings(sc, session))


# -- 9. Alleen de keten voorkomt de escalatie (seed 004 §1: een afzonderlijke aanpak levert te weinig op) ----
def test_the_team_that_uses_the_chain_prevents_the_escalation(expert_runs):
    assert not any(s.outcome["incident"] for s in expert_runs)


def test_a_team_that_reports_and_plans_but_never_escalates_does_not_prevent_it(sc, expert):
    steps = _without(expert, lambda s: s.action.do == "escalate"
                     or (s.action.do == "case_meeting" and s.action.kind == "zat"))
    for seed in SEEDS:
        session, _ = play(sc, _team(sc, steps, "no_escalation"), seed=seed)
        assert session.outcome["incident"] and session.outcome["softened"]


def test_a_passive_team_lets_it_happen_unsoftened(passive_runs):
    assert all(s.outcome["incident"] and not s.outcome["softened"] for s in passive_runs)


# -- 10. Eén gezin, één plan — met moeder én vader (seed 004 §2.2, §7.5) ------------------------------------
def test_one_family_plan_is_made_with_both_parents_who_have_gezag(sc, expert_runs, expert):
    assert _severities(sc, expert_runs[0], "gezinsplan_kevin") == {("wijkteam", "praise")}
    assert set(sc.person_by_id["kevin"].gezag) == {"moeder", "vader"}
    assert next(e for e in sc.expectations if e.id == "gezinsplan_kevin").match["with_parents"] is True
    plan = next(s for s in expert.file.actions if s.action.do == "make_plan")
    assert plan.action.with_parents
    asked = {r["person"] for r in _records(expert_runs[0], "consent", child="kevin", asked_by="wijkteam")
             if r["t"] < plan.at}
    assert asked == {"moeder", "vader"}  # both parents with gezag were asked before the plan
    session, _ = play(sc, _team(sc, _without(expert, lambda s: s.action.do == "make_plan")), seed=0)
    assert ("wijkteam", "violation") in _severities(sc, session, "gezinsplan_kevin")
    findings = _findings(sc, expert_runs[0])
    assert _severities(sc, expert_runs[0], "terugkoppeling_signaalgevers") == {("wijkteam", "praise")}
    assert any(f["rule"] == "F-handover" and f["severity"] == "praise" for f in findings)


# -- De spilrol: de zorgcoördinator brengt de keten op gang (seed 004 §3, bijlage 1) ------------------------
@pytest.mark.parametrize("seed", [0, 1])
def test_the_care_coordinator_alone_decides_whether_the_chain_starts(sc, expert, seed):
    alone, _ = play(sc, expert, seed=seed, role="zorgcoordinator", partners="competent")
    idle, _ = play(sc, resolve_policy(sc, "passive"), seed=seed, role="zorgcoordinator", partners="competent")
    assert sc.role_by_id["zorgcoordinator"].pivotal
    assert not alone.outcome["incident"] and idle.outcome["incident"]


# -- 11. Kevin vertelt het de volgende schooldag; acuut: dezelfde dag en binnen 24 uur (seed 004 §1) -------
def _until_disclosure(sc, seed):
    """A team that did nothing until Kevin tells his teacher; returns the session at that moment."""
    session = Session(sc, seed=seed)
    t = H("7w")
    while not _records(session, "event", event="kevin_vertelt_leerkracht"):
        t += 1.0
        session.advance(t)
        assert t < session.end, "the disclosure never came"
    return session


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_kevin_tells_his_teacher_on_the_next_school_day_after_the_escalation(sc, seed):
    session = _until_disclosure(sc, seed)
    incident = next(r["t"] for r in session.records if r.get("type") == "incident" and r["happened"])
    told = _at(session, "event", event="kevin_vertelt_leerkracht")
    when = sc.meta.at(told) if hasattr(sc.meta, "at") else \
        dt.datetime.combine(sc.meta.start_date, sc.meta.start_time) + dt.timedelta(hours=told)
    assert told >= incident + 10
    assert when.weekday() < 5 and dt.time(8, 30) <= when.time() <= dt.time(15, 0)
    assert told - (incident + 10) < 72  # at most a weekend later
    assert "eerstvolgende schooldag" in sc.incident.outcomes[0].harmed.nl


def test_after_kevins_disclosure_the_smw_hears_it_the_same_day_and_veilig_thuis_within_24_hours(sc):
    session = _until_disclosure(sc, 0)
    told = session.now
    assert session.act("leerkracht", {"do": "share", "to": "smw", "facts": ["kevin_vertelt"], "basis": "meldcode",
                                      "child": "kevin", "unsafe_to_inform": True, "documented": True,
                                      "reason": "Rob sloeg moeder; Kevin loopt gevaar als Rob het hoort.",
                                      "considerations": "Acuut: eerst de aandachtsfunctionaris."}).ok
    session.advance(told + 2)
    assert session.act("smw", {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_vertelt"],
                               "urgent": True, "unsafe_to_inform": True,
                               "reason": "Rob sloeg moeder; Kevin loopt gevaar als Rob het hoort."}).ok
    session.finish()
    assert _severities(sc, session, "aandachtsfunctionaris_kevin") == {("leerkracht", "praise")}
    assert _severities(sc, session, "acute_melding_kevin") == {("smw", "praise")}


def test_a_school_that_keeps_kevins_story_to_itself_gets_the_acute_findings(sc):
    session = _until_disclosure(sc, 0)
    session.finish()
    findings = _findings(sc, session)
    assert ("leerkracht", "violation") in _severities(sc, session, "aandachtsfunctionaris_kevin")
    assert ("leerkracht", "violation") in _severities(sc, session, "acute_melding_kevin")
    # the duty to report is judged once per reporter and child: the acute rule, or the structural one when
    # Rob's visit to school (at a risk of 7 or more) had already made it due
    assert any(f["rule"] in ("T-meldcode-acute", "T-meldcode-report") and f["role"] == "leerkracht"
               and f["severity"] == "violation" for f in findings)


def test_after_the_escalation_the_wijkagent_makes_a_zorgmelding_at_once(sc):
    session = _until_disclosure(sc, 1)
    session.finish()
    assert ("wijkagent", "violation") in _severities(sc, session, "zorgmelding_na_escalatie")
    session = Session(sc, seed=1)
    t = H("7w")
    while not _records(session, "event", event="uitruk_escalatie"):
        t += 1.0
        session.advance(t)
    assert session.act("wijkagent", {"do": "talk_parents", "child": "kevin", "purpose": "inform",
                                     "about": "report"}).ok
    assert session.act("wijkagent", {"do": "zorgmelding", "child": "kevin", "facts": ["mishandeling_moeder"],
                                     "urgent": True}).ok
    session.finish()
    assert _severities(sc, session, "zorgmelding_na_escalatie") == {("wijkagent", "praise")}


# -- Bronnen: elk feit, elke gebeurtenis, interventie en verwachting noemt een seed of een eigen toevoeging --
def test_every_fact_event_intervention_and_expectation_cites_a_seed_or_says_it_is_an_own_addition(sc):
    items = [*sc.facts, *sc.events, *sc.interventions, *sc.expectations]
    for item in items:
        assert item.source.startswith(("seed 00", "eigen toevoeging: ")), item.id
    invented = {"burenmelding_geschreeuw", "kevin_schrikachtig", "politie_ruzie_melding", "rob_dronken_school",
                "buren_bellen", "kevin_bang", "politie_uitruk", "rob_bij_school"}
    for item in items:
        if item.id in invented:
            assert item.source.startswith("eigen toevoeging: "), item.id


# -- De keten in het plaatje voor de trainer (graph) ---------------------------------------------------------
def test_the_graph_shows_the_zat_the_hco_the_raad_and_the_coordinator_acting_on_the_world(sc):
    from authoring.graph import to_markdown

    text = to_markdown(sc, "nl")
    for line in ("R_raad -->", "R_veiligheidshuis -->", "R_coordinator -->", "R_jgz -->",
                 "I_zat_handelingsplan -.->", "I_hco_plan_van_aanpak -.->", "I_doorzetten_gezinsbegeleiding -.->"):
        assert line in text, line
    assert "meeting_held: kind: zat" in text and "meeting_held: kind: hco" in text
