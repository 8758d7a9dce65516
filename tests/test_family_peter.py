"""What Peter's family teaches (docs/families/peter.md): every lesson's moment happens or can happen, and
is scored as the page says — the expert team meets it, a passive team misses it, a wrong step gets the
named finding. Seed 002 (CCV, gemeente & basisschool): the opening box, fig. 6 "Van signaleren tot
terugkoppelen", the support team with the link officer, "Terugkoppelen? Ja!"; seed 000 on the zorgmelding."""

from __future__ import annotations

import re

import pytest

from scoring import score_log
from sim import Session, load_scenario, resolve_scenario
from sim.policy import PolicyFile
from sim.runner import Policy, play, resolve_policy
from sim.timefmt import parse_duration

H = parse_duration
SEED = 3


@pytest.fixture(scope="module")
def peter():
    return load_scenario(resolve_scenario("peter"))


@pytest.fixture(scope="module")
def expert(peter):
    session, refused = play(peter, resolve_policy(peter, "expert"), seed=SEED)
    assert refused == []
    return session, score_log(peter, session.records)


@pytest.fixture(scope="module")
def passive(peter):
    session, _ = play(peter, resolve_policy(peter, "passive"), seed=SEED)
    return session, score_log(peter, session.records)


def _expert_steps(peter):
    return [s.model_dump(by_alias=True, exclude_none=True) for s in resolve_policy(peter, "expert").file.actions]


def _play_steps(peter, steps, seed=SEED):
    """Play a variant of the expert team: `steps` as policy-file dicts (at, role, action)."""
    flat = [{"at": s["at"], "role": s["role"], **s["action"]} for s in steps]
    pf = PolicyFile.model_validate({"policy": "variant", "scenario": "peter", "actions": flat})
    playable = tuple(r.id for r in peter.roles if r.playable)
    session, refused = play(peter, Policy("variant", playable, file=pf), seed=seed)
    return session, score_log(peter, session.records), refused


def _expectation(peter, exp_id):
    return next(e for e in peter.expectations if e.id == exp_id)


def _verdicts(peter, result, exp_id):
    """{role: severity} of the T-expectation findings for one expectation."""
    text = _expectation(peter, exp_id).text.nl
    return {f.role: f.severity for f in result.findings if f.rule == "T-expectation" and text in f.message["nl"]}


def _missed(peter, result, exp_id):
    """The expectation was missed: a violation for an owner who knew, or a team item when none could know."""
    text = _expectation(peter, exp_id).text.nl
    return any(f.rule in ("T-expectation", "T-expectation-unknown") and f.severity == "violation"
               and text in f.message["nl"] for f in result.findings)


def _rule(result, rule, role=None):
    return [f for f in result.findings if f.rule == rule and (role is None or f.role == role)]


def _happened(session, kind, key, name):
    return any(r.get("type") == kind and r.get(key) == name for r in session.records)


def _session_at(peter, t, players=None):
    s = Session(peter, seed=SEED, players=players or [r.id for r in peter.roles if r.playable])
    s.advance(H(t))
    return s


# -- the seed's route as a whole ----------------------------------------------------------------------
def test_the_expert_team_walks_the_seeds_route_without_a_single_warning(expert):
    session, result = expert
    assert session.outcome["incident"] is False
    assert [f for f in result.findings if f.severity != "praise"] == []
    assert all(v["total"] >= 85 for v in result.as_json()["score"]["per_role"].values() if v["total"] is not None)


def test_a_passive_team_lets_the_break_in_happen_and_scores_low(passive):
    session, result = passive
    assert session.outcome["incident"] is True
    assert _happened(session, "incident", "incident", "inbraak_met_groep")
    assert all(v["total"] is None or v["total"] <= 40 for v in result.as_json()["score"]["per_role"].values())


# -- 1. signaleren en beoordelen op school --------------------------------------------------------------
@pytest.mark.parametrize("exp_id, role", [("signaal_intern", "leerkracht"), ("beoordelen_zat", "ib")])
def test_01_the_school_signals_and_weighs_internally_first(peter, expert, passive, exp_id, role):
    assert _verdicts(peter, expert[1], exp_id) == {role: "praise"}
    assert "praise" not in _verdicts(peter, passive[1], exp_id).values()


# -- 2. anoniem bespreken met de schakelfunctionaris ----------------------------------------------------
def test_02_the_link_officer_joins_the_support_team_on_three_fixed_moments(expert):
    session, _ = expert
    for moment in ("ondersteuningsteam_1", "ondersteuningsteam_2", "ondersteuningsteam_3"):
        assert _happened(session, "event", "event", moment)


def test_02_the_school_discusses_peter_anonymously_with_the_link_officer_and_gets_advice(peter, expert, passive):
    session, result = expert
    assert _verdicts(peter, result, "anoniem_ondersteuningsteam") == {"ib": "praise"}
    assert [f.severity for f in _rule(result, "P-anonymous", "ib") if "jeugdverpleegkundige" in f.message["nl"]] \
        == ["praise"]
    assert not any(session.view("jgz").knows(f) for f in ("peter_kort_lontje", "moeder_vindt_prima"))
    assert _happened(session, "intervention", "intervention", "advies_schakelfunctionaris")
    assert _verdicts(peter, passive[1], "anoniem_ondersteuningsteam") in ({}, {"ib": "violation"})


def test_02_naming_peter_in_the_support_team_is_not_anonymous(peter):
    s = _session_at(peter, "2w")
    s.learn("ib", "peter_kort_lontje", "start")
    assert s.act("ib", {"do": "consult_anonymous", "to": "jgz", "facts": ["peter_kort_lontje", "peter_identiteit"]}).ok
    s.finish()
    found = [f for f in score_log(peter, s.records).findings if f.rule == "P-anonymous"]
    assert [f.severity for f in found] == ["violation"]
    assert s.view("jgz").knows("peter_identiteit"), "a traceable consult tells the link officer who it is"


# -- 7a. de coördinator legt het eerste contact met de school --------------------------------------------
def test_07_the_coordinator_contacts_the_schools_fixed_contact_after_the_complaint(peter, expert, passive):
    session, result = expert
    assert _verdicts(peter, result, "coordinator_contact_school") == {"coordinator": "praise"}
    assert _happened(session, "intervention", "intervention", "aanspreekpunt_gemeente")
    assert _verdicts(peter, passive[1], "coordinator_contact_school") == {"coordinator": "violation"}


def test_07_a_boy_of_11_with_his_brother_and_the_complaint_gives_peter_away_to_his_own_school(peter):
    """The school knows Peter: the complaint (an event) plus "a boy of 11 with his brother of 16" (age,
    household) are enough for it to know who is meant (seed 000, "Anoniempje van 12")."""
    s = _session_at(peter, "1w3d")
    assert s.act("coordinator", {"do": "consult_anonymous", "to": "ib",
                                 "facts": ["buurt_meldt_overlast", "peter_laat_op_straat"]}).ok
    s.finish()
    assert [f.severity for f in score_log(peter, s.records).findings if f.rule == "P-anonymous"] == ["violation"]


# -- 3. ouders aan tafel: eerst vertellen, dan toestemming, dan één plan met beiden ------------------------
def test_03_the_parents_are_told_first_and_the_plan_is_made_with_both(peter, expert, passive):
    assert "praise" in _verdicts(peter, expert[1], "ouders_betrekken").values()
    assert _verdicts(peter, expert[1], "plan_peter") == {"wijkteam": "praise"}
    assert "praise" not in _verdicts(peter, passive[1], "ouders_betrekken").values()


def _plan_records(peter, with_parents):
    """Hand-made log records: the wijkteam knows the worries and makes a plan in week 4."""
    players = [r.id for r in peter.roles if r.playable]
    return [{"format": "ketenspel-log/1", "scenario": "peter", "seed": 1, "players": players},
            {"type": "learn", "t": H("3w"), "role": "wijkteam", "fact": "peter_alcohol_vernielingen",
             "via": "meeting", "source": None},
            {"type": "action", "t": H("4w"), "role": "wijkteam", "by": "player",
             "action": {"do": "make_plan", "child": "peter", "with_parents": with_parents}},
            {"type": "end", "t": H("10w"), "outcome": {}}]


def test_03_a_plan_made_without_the_parents_does_not_count_as_one_family_one_plan(peter):
    assert _verdicts(peter, score_log(peter, _plan_records(peter, True)), "plan_peter") == {"wijkteam": "praise"}
    assert _verdicts(peter, score_log(peter, _plan_records(peter, False)), "plan_peter") == {"wijkteam": "violation"}


def test_03_mother_says_no_to_consent_until_she_has_heard_what_peter_does(peter):
    s = _session_at(peter, "1w5d")
    s.act("ib", {"do": "talk_parents", "child": "peter", "purpose": "consent"})
    assert [(r["person"], r["given"]) for r in s.records if r.get("type") == "consent"][0] == ("moeder", False)


# -- 4. Peter zelf horen --------------------------------------------------------------------------------
def test_04_peter_himself_is_heard_and_the_plan_fits_him(peter, expert, passive):
    session, result = expert
    assert _verdicts(peter, result, "peter_zelf_horen") == {"ib": "praise"}
    assert session.view("wijkteam").knows("peter_eigen_verhaal")
    assert _happened(session, "intervention", "intervention", "plan_met_peter")
    assert "praise" not in _verdicts(peter, passive[1], "peter_zelf_horen").values()


def test_04_a_plan_without_hearing_peter_does_not_fit_him(peter):
    steps = [s for s in _expert_steps(peter)
             if not (s["role"] == "ib" and ((s["action"].get("do") == "talk_child" and s["action"].get("child") == "peter")
                                            or s["action"].get("conversation") == "gesprek_peter"))]
    steps = [s for s in steps if "peter_eigen_verhaal" not in s["action"].get("facts", [])]
    session, result, _ = _play_steps(peter, steps)
    assert not _happened(session, "intervention", "intervention", "plan_met_peter")
    assert _verdicts(peter, result, "peter_zelf_horen").get("ib") == "violation"


# -- 5. Veilig Thuis: advies, geen melding --------------------------------------------------------------
def test_05_the_school_asks_veilig_thuis_for_advice_and_need_not_report(peter, expert, passive):
    session, result = expert
    assert _verdicts(peter, result, "advies_veilig_thuis") == {"ib": "praise"}
    assert [f.severity for f in _rule(result, "P-anonymous", "ib") if "Veilig Thuis" in f.message["nl"]] == ["praise"]
    assert not any(r.get("type") == "action" and r["action"]["do"] in ("report_veilig_thuis", "zorgmelding")
                   for r in session.records)
    assert _rule(result, "T-meldcode-report") == []
    assert "praise" not in _verdicts(peter, passive[1], "advies_veilig_thuis").values()
    assert _missed(peter, passive[1], "advies_veilig_thuis")


# -- 6. broertjes lopen risico --------------------------------------------------------------------------
def test_06_youth_work_reaches_peter_before_he_belongs_to_the_group_and_someone_talks_with_dennis(peter, expert, passive):
    assert _verdicts(peter, expert[1], "jongerenwerk_peter") == {"jongerenwerk": "praise"}
    assert "praise" in _verdicts(peter, expert[1], "broer_gesprek").values()
    assert _verdicts(peter, passive[1], "jongerenwerk_peter") == {"jongerenwerk": "violation"}


# -- 7b. de coördinator: de juiste tafel, een probleemeigenaar ---------------------------------------------
def test_07_the_coordinator_brings_the_signals_to_one_table_and_names_a_case_owner(peter, expert, passive):
    assert _verdicts(peter, expert[1], "doorzetten_wijkteam") == {"coordinator": "praise"}
    assert _verdicts(peter, expert[1], "probleemeigenaar") == {"coordinator": "praise"}
    assert _verdicts(peter, expert[1], "afstemmen_regie") == {"wijkteam": "praise"}
    assert _verdicts(peter, passive[1], "probleemeigenaar").get("coordinator") == "violation"


def test_07_a_table_without_a_case_owner_misses_the_probleemeigenaar(peter):
    steps = []
    for s in _expert_steps(peter):
        if s["action"].get("do") == "case_meeting" and s["action"].get("kind") == "wijkteam":
            s = {**s, "action": {k: v for k, v in s["action"].items() if k != "regisseur"}}
        steps.append(s)
    _, result, _ = _play_steps(peter, steps)
    assert _verdicts(peter, result, "doorzetten_wijkteam") == {"coordinator": "praise"}
    assert _verdicts(peter, result, "probleemeigenaar").get("coordinator") == "violation"


def test_07_the_officer_alone_is_not_enough(peter):
    """"De wijkagent pakt het op en iedereen is blij. Maar aan de bevoegdheden en handelingsruimte van een
    wijkagent zijn grenzen" (seed 002 Samen doen): his talk with the parents alone prevents neither the
    break-in nor the burglary."""
    steps = [{"at": H("2w4d"), "role": "wijkagent",
              "action": {"do": "talk_parents", "child": "peter", "purpose": "concern"}}]
    session, _, refused = _play_steps(peter, steps)
    assert refused == []
    assert _happened(session, "event", "event", "insluiping")
    assert session.outcome["incident"] is True


# -- 8. terugkoppelen: ook mondeling, en de voortgang bewaken --------------------------------------------
def test_08_the_school_hears_back_from_the_regisseur_and_the_coordinator(peter, expert, passive):
    assert _verdicts(peter, expert[1], "terugkoppelen_school") == {"wijkteam": "praise"}
    assert _verdicts(peter, expert[1], "coordinator_koppelt_terug") == {"coordinator": "praise"}
    assert _verdicts(peter, expert[1], "coordinator_bewaakt") == {"coordinator": "praise"}
    assert _verdicts(peter, passive[1], "coordinator_koppelt_terug") == {"coordinator": "violation"}
    assert _verdicts(peter, passive[1], "coordinator_bewaakt") == {"coordinator": "violation"}


def test_08_feedback_keeps_the_school_passing_on_signals(expert, passive):
    assert _happened(expert[0], "event", "event", "peter_vertelt_ib")
    assert not _happened(passive[0], "event", "event", "peter_vertelt_ib")


# -- 9. de overstap naar de middelbare school ------------------------------------------------------------
def test_09_a_warm_handover_to_the_brothers_school_eases_the_transfer(peter, expert, passive):
    session, result = expert
    assert _happened(session, "event", "event", "orientatie_vo")
    assert _verdicts(peter, result, "warme_overdracht") == {"ib": "praise"}
    assert _happened(session, "intervention", "intervention", "doorgaande_lijn")
    assert _happened(passive[0], "event", "event", "orientatie_vo")
    assert _verdicts(peter, passive[1], "warme_overdracht") in ({}, {"ib": "violation"})


def test_09_a_handover_without_asking_the_parents_lacks_their_consent(peter):
    steps = [s for s in _expert_steps(peter)
             if not (s["action"].get("purpose") == "consent" and "zorgcoordinator" in s["action"].get("share_with", []))]
    _, result, _ = _play_steps(peter, steps)
    assert [f.severity for f in _rule(result, "P-consent-age", "ib") if "zorgcoördinator" in f.message["nl"]] \
        == ["violation"]
    assert [f.severity for f in _rule(result, "P-false-informed", "ib")] == ["violation"]


# -- 10. onder de twaalf: geen vervolging, wel een zorgmelding --------------------------------------------
def test_10_an_11_year_old_is_brought_home_not_arrested(peter):
    texts = [f.text.nl for f in peter.facts] + [e.message.nl for e in peter.events] + [peter.incident.message.nl]
    for o in peter.incident.outcomes:
        texts += [o.harmed.nl, o.softened.nl]
    texts_en = [f.text.en for f in peter.facts] + [e.message.en for e in peter.events] + [peter.incident.message.en]
    for o in peter.incident.outcomes:
        texts_en += [o.harmed.en, o.softened.en]
    for text in texts:
        assert not re.search(r"Peter[^.]*\b(opgepakt|aangehouden|gearresteerd)", text), text
    for text in texts_en:
        assert not re.search(r"Peter[^.]*\b(arrested|detained|charged)", text), text
    assert "niet vervolgd" in peter.incident.message.nl
    assert "Dennis wordt aangehouden" in peter.incident.message.nl


def _after_break_in(peter, steps):
    """Nobody acts until the break-in (week 5, while the risk is still high); a few hours after the police
    took Peter home, the officer takes `steps` (actions)."""
    s = Session(peter, seed=SEED, players=[r.id for r in peter.roles if r.playable])
    while not _happened(s, "event", "event", "insluiping"):
        assert s.now < H("6w"), "the break-in happens in week 5 when nobody acts"
        s.advance(s.now + 1)
    for i, action in enumerate(steps):
        s.advance(s.now + 2 + i)
        assert s.act("wijkagent", action).ok
    s.finish()
    return s, score_log(peter, s.records)


def test_10_the_police_make_a_zorgmelding_after_taking_peter_home(peter):
    session, result = _after_break_in(peter, [
        {"do": "talk_parents", "child": "peter", "purpose": "inform", "about": "report"},
        {"do": "zorgmelding", "child": "peter", "facts": ["peter_insluiping"], "parents_informed": True}])
    assert [f.severity for f in _rule(result, "T-meldcode-report", "wijkagent")] == ["praise"]
    assert [f.severity for f in _rule(result, "P-report-parents", "wijkagent")] == ["praise"]
    assert _happened(session, "intervention", "intervention", "vt_zorgmelding_triage")
    assert session.view("wijkteam").knows("peter_insluiping")


def test_10_a_zorgmelding_behind_the_parents_back_is_a_finding(peter):
    _, result = _after_break_in(peter, [{"do": "zorgmelding", "child": "peter", "facts": ["peter_insluiping"]}])
    assert [f.severity for f in _rule(result, "T-meldcode-report", "wijkagent")] == ["praise"]
    assert [f.severity for f in _rule(result, "P-report-parents", "wijkagent")] in (["warning"], ["violation"])


def test_10_after_the_break_in_an_officer_who_does_not_report_misses_the_meldcode(peter, passive):
    """After the break-in the risk stands at the level at which Veilig Thuis acts urgently: structural
    unsafety, so the Meldcode asks for a report within 7 days (T-meldcode-report) — the police's zorgmelding."""
    assert _happened(passive[0], "event", "event", "insluiping")
    assert [f.severity for f in _rule(passive[1], "T-meldcode-report", "wijkagent")] == ["violation"]
    _, result = _after_break_in(peter, [])
    assert [f.severity for f in _rule(result, "T-meldcode-report", "wijkagent")] == ["violation"]


# -- texts and sources -------------------------------------------------------------------------------------
def test_every_fact_event_intervention_and_expectation_cites_a_seed_or_says_it_is_an_own_addition(peter):
    for section in (peter.facts, peter.events, peter.interventions, peter.expectations):
        for item in section:
            assert re.match(r"^(seed 00[0-4]\b|eigen toevoeging: )", item.source), (item.id, item.source)


def test_a_buddy_is_een_vast_maatje(peter):
    text = next(i for i in peter.interventions if i.id == "school_beoordeelt").message.nl
    assert "een vast maatje" in text and "een vaste maatje" not in text
