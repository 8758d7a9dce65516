"""What the family of Lisanne (9) and Lars (15) teaches (docs/families/lisanne_lars.md; seed 003, "Sneller
onveiligheid signaleren met de Verwijsindex", "9 vragen", "7 tips", Brunssum). One test per lesson on that
page: the moment that teaches it happens (or can happen), and it is scored as the page says — the expert
team meets it, a passive team misses it, and the named wrong step gets the named finding."""

from __future__ import annotations

from typing import Any, Callable

import pytest

from scoring import score_log
from sim import Session, load_scenario, resolve_scenario
from sim.policy import PolicyStep
from sim.runner import Policy, play, resolve_policy
from sim.timefmt import parse_duration

H = parse_duration
SEEDS = (1, 2, 3, 4, 5)


@pytest.fixture(scope="module")
def sc():
    return load_scenario(resolve_scenario("lisanne_lars"))


@pytest.fixture(scope="module")
def expert(sc):
    return resolve_policy(sc, "expert")


def _run(sc, pol: Policy, seed: int = 1) -> tuple[Session, dict[str, Any]]:
    s, refused = play(sc, pol, seed)
    assert refused == [], refused
    return s, {**score_log(sc, s.records).as_json(), "outcome": s.outcome}


def _variant(sc, expert: Policy, drop: Callable[[PolicyStep], bool] = lambda st: False,
             change: Callable[[PolicyStep], PolicyStep] = lambda st: st, seed: int = 1):
    """The expert team with some steps left out or changed (a trainee's route)."""
    steps = [change(st) for st in expert.file.actions if not drop(st)]
    return _run(sc, Policy("variant", expert.roles, file=expert.file.model_copy(update={"actions": steps})), seed)


def _with(st: PolicyStep, **update) -> PolicyStep:
    return st.model_copy(update={"action": st.action.model_copy(update=update)})


def _is(st: PolicyStep, role: str, do: str, **params) -> bool:
    a = st.action.params()
    return st.role == role and a["do"] == do and all(a.get(k) == v for k, v in params.items())


def _vir_route(st: PolicyStep) -> bool:
    """The seed's own route: the expert without the (optional) advice call to Veilig Thuis."""
    return st.action.do == "advice_veilig_thuis" or getattr(st.action, "conversation", None) == "advies_veilig_thuis"


def _findings(result, rule: str, text: str = "", severity: str | None = None) -> list[dict]:
    return [f for f in result["findings"] if f["rule"] == rule and text in f["message"]["nl"]
            and (severity is None or f["severity"] == severity)]


def _not_praise(result) -> list[tuple[str, str | None]]:
    return [(f["rule"], f["role"]) for f in result["findings"] if f["severity"] != "praise"]


def _meeting(s: Session) -> dict:
    return next(r for r in s.records if r.get("type") == "meeting")


def _interventions(s: Session) -> set[str]:
    return {r["intervention"] for r in s.records if r.get("type") == "intervention"}


# -- les 1: het omstandereffect doorbreken met de Verwijsindex -------------------------------------------
def test_1_registering_both_children_breaks_the_bystander_effect_and_passivity_is_named(sc, expert):
    _, ex = _run(sc, expert)
    assert {f["role"] for f in _findings(ex, "T-expectation", "registreert", "praise")} == {"ib_lisanne", "ib_lars"}
    _, pas = _run(sc, resolve_policy(sc, "passive"))
    assert {"ib_lisanne", "leerkracht", "ib_lars"} <= {f["role"] for f in _findings(pas, "F-bystander")}
    assert pas["outcome"]["incident"] and not ex["outcome"]["incident"]


# -- les 2: vertellen dat je registreert; toestemming is niet nodig --------------------------------------
def test_2_who_registers_tells_the_family_but_needs_no_consent(sc, expert):
    _, ex = _run(sc, expert)
    assert {f["role"] for f in _findings(ex, "P-vir-informed", severity="praise")} == {"ib_lisanne", "ib_lars"}
    s = Session(sc, seed=1)  # registering without a word to mother or Lisanne
    s.advance(H("2w3d"))
    s.act("ib_lisanne", {"do": "vir_register", "child": "lisanne"})
    s.finish()
    silent = score_log(sc, s.records).as_json()
    assert [(f["role"], f["severity"]) for f in _findings(silent, "P-vir-informed")] == [("ib_lisanne", "warning")]
    assert not _findings(silent, "P-consent-age")  # no consent was needed to register


# -- les 3: gesterkt door de match het gesprek met moeder aangaan -----------------------------------------
def test_3_the_match_strengthens_the_ib_and_mother_consents_only_after_the_open_talk(sc):
    s = Session(sc, seed=1)
    s.advance(H("2w3d"))
    s.act("ib_lisanne", {"do": "talk_parents", "child": "lisanne", "purpose": "consent"})
    s.act("ib_lisanne", {"do": "vir_register", "child": "lisanne"})
    match = next(r for r in s.records if r.get("type") == "vir" and r["kind"] == "match")
    assert "ggz" in match["roles"]  # the IB'er sees that the GGZ is involved already
    s.act("ib_lisanne", {"do": "talk_parents", "child": "lisanne", "purpose": "concern"})
    s.act("ib_lisanne", {"do": "talk_parents", "child": "lisanne", "purpose": "consent"})
    assert [(r["person"], r["given"]) for r in s.records if r.get("type") == "consent"] == \
        [("moeder", False), ("moeder", True)]


def test_3_the_talk_with_mother_is_expected_of_the_ib_in_time(sc, expert):
    _, ex = _run(sc, expert)
    assert [f["role"] for f in _findings(ex, "T-expectation", "Het gesprek met moeder", "praise")] == ["ib_lisanne"]


# -- les 4: de route van de seed is de Verwijsindex; advies van Veilig Thuis mag, hoeft niet --------------
@pytest.mark.parametrize("seed", SEEDS)
def test_4_an_expert_who_follows_the_seeds_vir_route_exactly_gets_no_warning(sc, expert, seed):
    _, vir = _variant(sc, expert, drop=_vir_route, seed=seed)
    assert _not_praise(vir) == []
    assert not _findings(vir, "T-expectation", "Veilig Thuis")
    assert not vir["outcome"]["incident"]
    assert all(v["total"] is None or v["total"] >= 85 for v in vir["score"]["per_role"].values())


def test_4_asking_veilig_thuis_for_advice_as_well_earns_credit(sc, expert):
    _, ex = _run(sc, expert)
    assert [f["role"] for f in _findings(ex, "T-expectation", "advies vragen aan Veilig Thuis", "praise")] \
        == ["ib_lisanne"]
    assert _findings(ex, "P-anonymous", severity="praise")


# -- les 5: Lisanne (9) zelf aan het woord ------------------------------------------------------------
def test_5_lisanne_is_talked_with_and_only_then_counts_as_supported(sc, expert):
    s, ex = _run(sc, expert)
    assert [f["role"] for f in _findings(ex, "T-expectation", "met Lisanne zelf", "praise")] == ["ib_lisanne"]
    assert ex["outcome"]["children"]["lisanne"]["status"] == "safe_supported"
    assert "lisanne_vertelt" in _meeting(s)["said"]["ib_lisanne"]

    def unheard(st):
        if st.action.do == "case_meeting":
            return _with(st, facts=[f for f in st.action.facts if f != "lisanne_vertelt"])
        return st
    _, quiet = _variant(sc, expert, drop=lambda st: _is(st, "ib_lisanne", "talk_child", child="lisanne")
                        or _is(st, "ib_lisanne", "converse", conversation="gesprek_lisanne"),
                        change=unheard)
    # everyone who owned the talk and knew about Lisanne is named (the wijkteam knew from the table)
    assert {f["role"] for f in _findings(quiet, "T-expectation", "met Lisanne zelf", "violation")} \
        == {"ib_lisanne", "leerkracht", "wijkteam"}
    assert quiet["outcome"]["children"]["lisanne"]["status"] == "safe_unsupported"


# -- les 6: Lars (15) praat mee en stemt zelf in ------------------------------------------------------------
def test_6_lars_is_talked_with_first_and_then_consents_himself(sc, expert):
    s, ex = _run(sc, expert)
    assert [f["role"] for f in _findings(ex, "T-expectation", "met Lars zelf", "praise")] == ["ib_lars"]
    assert [f["role"] for f in _findings(ex, "T-expectation", "Lars (15)", "praise")] == ["ib_lars"]
    lars = [(r["person"], r["given"]) for r in s.records if r.get("type") == "consent" and r["child"] == "lars"]
    assert lars == [("lars", True), ("moeder", True)]


def test_6_mothers_consent_alone_is_not_enough_for_a_15_year_old(sc):
    s = Session(sc, seed=1)
    s.advance(H("2w4d"))
    s.act("ib_lars", {"do": "vir_register", "child": "lars"})
    s.act("ib_lars", {"do": "talk_parents", "child": "lars", "purpose": "consent", "about": "share",
                      "share_with": ["wijkteam"]})
    s.act("ib_lars", {"do": "share", "to": "wijkteam", "facts": ["lars_concentratie_woede"], "basis": "consent",
                      "informed": True, "child": "lars"})
    s.finish()
    res = score_log(sc, s.records).as_json()
    bad = _findings(res, "P-consent-age", severity="violation")
    assert bad and bad[0]["role"] == "ib_lars" and "Lars" in bad[0]["message"]["nl"]


# -- les 7: de GGZ aan tafel, met toestemming van moeder voor wat zij inbrengt -----------------------------
def test_7_the_ggz_sits_at_the_table_and_brings_what_is_needed_with_mothers_own_consent(sc, expert):
    s, ex = _run(sc, expert)
    meeting = _meeting(s)
    assert "ggz" in meeting["present"] and meeting["said"]["ggz"] == ["moeder_in_therapie"]
    assert [f["role"] for f in _findings(ex, "T-expectation", "GGZ-behandelaar vraagt moeder", "praise")] == ["ggz"]
    assert {"ggz_aan_tafel", "ggz_kopp"} <= _interventions(s)


def test_7_without_its_own_consent_the_ggz_keeps_its_secret_and_misses_the_step(sc, expert):
    s, res = _variant(sc, expert, drop=lambda st: _is(st, "ggz", "talk_parents", purpose="consent"))
    assert _meeting(s)["said"]["ggz"] == []  # the school's consent does not lift the GGZ's secrecy
    assert [f["role"] for f in _findings(res, "T-expectation", "GGZ-behandelaar vraagt moeder", "violation")] \
        == ["ggz"]


# -- les 8: met moeder aan tafel, zodat zij haar verhaal één keer vertelt -------------------------------------
def test_8_the_meeting_is_held_with_mother_at_the_table(sc, expert):
    s, ex = _run(sc, expert)
    assert _meeting(s)["with_parents"] is True
    assert [f["role"] for f in _findings(ex, "T-expectation", "om de tafel", "praise")] == ["ib_lisanne"]
    _, without = _variant(sc, expert, change=lambda st: _with(st, with_parents=False)
                          if st.action.do == "case_meeting" else st)
    assert {f["role"] for f in _findings(without, "T-expectation", "om de tafel", "violation")} \
        == {"ib_lisanne", "ib_lars", "wijkteam"}


# -- les 9: één gezin, één plan, samen met moeder, en één regisseur -------------------------------------------
def test_9_one_family_plan_with_mother_and_one_regisseur_prevents_the_crisis(sc, expert):
    s, ex = _run(sc, expert)
    assert [f["role"] for f in _findings(ex, "T-expectation", "Eén gezinsplan", "praise")] == ["wijkteam"]
    assert any(r.get("type") == "regisseur" and r["role"] == "wijkteam" and r.get("via") == "meeting"
               for r in s.records)
    assert "gezinsplan_steun" in _interventions(s)
    assert {f["role"] for f in _findings(ex, "T-expectation", "koppelt terug", "praise")} == {"wijkteam"}


def test_9_a_plan_without_the_picture_does_not_help(sc):
    s = Session(sc, seed=1)
    s.advance(H("3w"))
    s.act("wijkteam", {"do": "take_regie", "child": "lisanne"})
    s.act("wijkteam", {"do": "make_plan", "child": "lisanne", "with_parents": True})
    s.advance(H("4w"))
    assert "gezinsplan_steun" not in _interventions(s)  # the wijkteam did not know what mother cannot manage


# -- les 10: na een uitruk met kinderen thuis doet de politie een zorgmelding ---------------------------------
def _until_call_out(s: Session) -> None:
    while not any(r.get("type") == "event" and r["event"] == "politie_bij_gezin" for r in s.records):
        assert s.now < H("7w"), "the call-out should happen when nobody acts"
        s.advance(s.now + 1.0)


def test_10_after_the_call_out_the_police_makes_a_zorgmelding_at_once(sc):
    s = Session(sc, seed=1)  # nobody acts: the risk stays high and the police are called out in week 6
    _until_call_out(s)
    assert s.act("wijkagent", {"do": "talk_parents", "child": "lars", "purpose": "inform", "about": "report"}).ok
    assert s.act("wijkagent", {"do": "talk_child", "child": "lars", "purpose": "inform", "about": "report"}).ok
    assert s.act("wijkagent", {"do": "zorgmelding", "child": "lars", "facts": ["politie_lars_weggelopen"],
                               "parents_informed": True, "considerations": "Uitruk met kinderen thuis."}).ok
    s.finish()
    res = score_log(sc, s.records).as_json()
    assert not _findings(res, "T-meldcode-acute", severity="violation")
    assert not [f for f in res["findings"] if f["role"] == "wijkagent" and f["severity"] == "violation"]


def test_10_a_police_officer_who_stays_silent_after_the_call_out_is_named(sc):
    _, pas = _run(sc, resolve_policy(sc, "passive"))
    assert [f["role"] for f in _findings(pas, "T-meldcode-acute", severity="violation")] == ["wijkagent"]
