"""Lisanne (9) and Lars (15) in conversations with choices (issue 17, item 6; scenarios/lisanne_lars.yaml
`conversations`): mother tells what she cannot manage only to an IB'er who registered first and asks
without reproach (seed 003 VIR, "Terug naar Lisanne en Lars"), Lisanne is heard as a 9-year-old and may
not be promised a secret, Lars (15) must be asked his own view and consents only once he was heard (seed
003 7 tips, "Let op de leeftijd", tip 3 and 4), and Veilig Thuis advises on what it is told (seed 003
9 vragen, vraag 2)."""

from __future__ import annotations

import re

import pytest
from conversation_steps import CONVERSATION_RULES, conversation_findings, current, last_reply, say

from report.build import build_document
from report.document import Para, Table
from report.session import load_session
from scoring import score_log
from sim import Session, load_scenario, resolve_scenario
from sim.log import FileLog
from sim.runner import play, resolve_policy
from sim.timefmt import parse_duration

H = parse_duration


@pytest.fixture(scope="module")
def sc():
    return load_scenario(resolve_scenario("lisanne_lars"))




def session_at(sc, role: str, at: str = "2w3d") -> Session:
    s = Session(sc, seed=1, players={role})
    s.advance(H(at))
    return s








def consents(s: Session, child: str) -> list[tuple[str, bool]]:
    return [(r["person"], r["given"]) for r in s.records if r.get("type") == "consent" and r["child"] == child]


# -- the talk with mother: registered first, then the open talk (seed 003 VIR) -------------------------------
def test_mother_keeps_it_to_herself_when_the_ib_has_not_registered_yet(sc):
    s = session_at(sc, "ib_lisanne")
    say(s, "ib_lisanne", "gesprek_moeder", "zorg_benoemen", "hoe_gaat_het_thuis")
    assert not s.view("ib_lisanne").knows("moeder_kan_het_niet_aan")
    say(s, "ib_lisanne", "gesprek_moeder", "toestemming_vragen")
    assert consents(s, "lisanne") == [("moeder", False)]  # Lisanne is 9: mother alone has gezag


def test_after_registering_the_ib_hears_mother_cannot_cope_and_mother_consents(sc):
    s = session_at(sc, "ib_lisanne")
    assert s.act("ib_lisanne", {"do": "talk_parents", "child": "lisanne", "purpose": "inform", "about": "vir"}).ok
    assert s.act("ib_lisanne", {"do": "vir_register", "child": "lisanne"}).ok
    say(s, "ib_lisanne", "gesprek_moeder", "zorg_benoemen", "hoe_gaat_het_thuis")
    assert s.view("ib_lisanne").knows("moeder_kan_het_niet_aan")
    assert "in therapie" in last_reply(s, "ib_lisanne", "gesprek_moeder")
    say(s, "ib_lisanne", "gesprek_moeder", "toestemming_vragen")
    assert consents(s, "lisanne") == [("moeder", True)]


def test_asking_mother_about_her_treatment_closes_the_talk_and_is_a_warning(sc):
    s = session_at(sc, "ib_lisanne")
    s.act("ib_lisanne", {"do": "vir_register", "child": "lisanne"})
    say(s, "ib_lisanne", "gesprek_moeder", "naar_moeder_vragen")
    assert {c["id"] for c in current(s, "ib_lisanne", "gesprek_moeder")["choices"]} == {"excuus", "aandringen"}
    say(s, "ib_lisanne", "gesprek_moeder", "excuus")
    assert not s.view("ib_lisanne").knows("moeder_kan_het_niet_aan")
    opening = [f for f in conversation_findings(s) if f.rule == "F-conversation-opening"]
    assert [f.severity for f in opening] == ["warning"]
    assert "onder behandeling" in opening[0].message["nl"]


def test_promising_mother_secrecy_is_a_violation(sc):
    s = session_at(sc, "ib_lisanne")
    s.act("ib_lisanne", {"do": "vir_register", "child": "lisanne"})
    say(s, "ib_lisanne", "gesprek_moeder", "geheim_beloven")
    assert s.view("ib_lisanne").knows("moeder_kan_het_niet_aan")  # she tells — under a promise you cannot keep
    assert [f.severity for f in conversation_findings(s) if f.rule == "P-conversation-secrecy"] == ["violation"]


# -- the talk with Lisanne (9) ----------------------------------------------------------------------------
def test_drawing_together_and_asking_about_after_school_lisanne_tells_what_happens_at_home(sc):
    s = session_at(sc, "leerkracht")
    say(s, "leerkracht", "gesprek_lisanne", "samen_tekenen", "wat_na_school")
    told = next(k for k in s.view("leerkracht").dossier if k.id == "lisanne_vertelt")
    assert told.via == "told" and "maakt Lars het eten" in told.text["nl"]
    assert "Zeg je het niet tegen mama" in current(s, "leerkracht", "gesprek_lisanne")["node"]["text"]["nl"]


def test_promising_lisanne_it_stays_a_secret_is_a_violation(sc):
    s = session_at(sc, "ib_lisanne")
    say(s, "ib_lisanne", "gesprek_lisanne", "samen_tekenen", "wat_na_school", "ons_geheimpje")
    secrecy = [f for f in conversation_findings(s) if f.rule == "P-conversation-secrecy"]
    assert [f.severity for f in secrecy] == ["violation"]
    assert "geheimpje" in secrecy[0].message["nl"]


def test_telling_lisanne_honestly_whom_you_tell_is_praised_and_a_9_year_old_need_not_be_asked_consent(sc):
    s = session_at(sc, "ib_lisanne")
    say(s, "ib_lisanne", "gesprek_lisanne", "samen_tekenen", "wat_na_school", "eerlijk_uitleggen", "wat_wil_jij")
    assert {(f.rule, f.severity) for f in conversation_findings(s)} == {
        ("P-conversation-secrecy", "praise"), ("F-conversation-opening", "praise")}
    assert consents(s, "lisanne") == []


def test_a_leading_question_about_mother_silences_lisanne(sc):
    s = session_at(sc, "ib_lisanne")
    say(s, "ib_lisanne", "gesprek_lisanne", "suggestief")
    assert current(s, "ib_lisanne", "gesprek_lisanne")["over"]
    assert not s.view("ib_lisanne").knows("lisanne_vertelt")


# -- the talk with Lars (15) ------------------------------------------------------------------------------
def test_15_year_old_lars_asked_nothing_is_a_warning(sc):
    s = session_at(sc, "ib_lars", "2w4d")
    say(s, "ib_lars", "gesprek_lars", "dreigen", "laten_gaan")
    view = [f for f in conversation_findings(s) if f.rule == "P-child-view"]
    assert [f.severity for f in view] == ["warning"]
    assert "Lars (15 jaar)" in view[0].message["nl"]


def test_lars_asked_for_consent_straight_away_says_no(sc):
    s = session_at(sc, "ib_lars", "2w4d")
    say(s, "ib_lars", "gesprek_lars", "meteen_toestemming")
    assert consents(s, "lars") == [("lars", False)]
    assert current(s, "ib_lars", "gesprek_lars")["node"]["id"] == "dicht"


def test_lars_who_was_heard_first_tells_he_cares_for_lisanne_and_consents_himself(sc):
    s = session_at(sc, "ib_lars", "2w4d")
    say(s, "ib_lars", "gesprek_lars", "mening_vragen", "doorvragen_gevoel")
    assert s.view("ib_lars").knows("lars_zorgt_voor_lisanne")
    say(s, "ib_lars", "gesprek_lars", "vir_vertellen", "toestemming_vragen")
    assert consents(s, "lars") == [("lars", True)]  # his mother is asked in a talk with her
    assert [f.severity for f in conversation_findings(s) if f.rule == "P-child-view"] == ["praise"]


def test_an_apology_reopens_the_talk_with_lars(sc):
    s = session_at(sc, "ib_lars", "2w4d")
    say(s, "ib_lars", "gesprek_lars", "dreigen", "excuus", "doorvragen_gevoel")
    assert s.view("ib_lars").knows("lars_zorgt_voor_lisanne")


# -- the advice call to Veilig Thuis: the advice follows what is told ----------------------------------------
def test_veilig_thuis_advises_on_what_the_ib_tells(sc):
    early = Session(sc, seed=1, players={"ib_lisanne"})
    assert {c["id"] for c in current(early, "ib_lisanne", "advies_veilig_thuis")["choices"]} == {"niet_pluis"}
    say(early, "ib_lisanne", "advies_veilig_thuis", "niet_pluis")
    assert "Schrijf op wat u ziet" in last_reply(early, "ib_lisanne", "advies_veilig_thuis")

    later = session_at(sc, "ib_lisanne")
    say(later, "ib_lisanne", "advies_veilig_thuis", "ook_moeder")
    advice = last_reply(later, "ib_lisanne", "advies_veilig_thuis")
    assert "psychische problemen" in advice and "Verwijsindex" in advice
    asked = [r["action"] for r in later.records if r.get("type") == "action" and r.get("conversation")]
    assert asked == [{"do": "advice_veilig_thuis", "anonymous": True, "child": "lisanne",
                      "facts": ["lisanne_teruggetrokken", "moeder_wisselend"]}]
    say(later, "ib_lisanne", "advies_veilig_thuis", "afwachten")
    assert "helemaal niks" in last_reply(later, "ib_lisanne", "advies_veilig_thuis")  # the bystander effect


# -- the expert team holds the talks, and the debrief quotes them -----------------------------------------
def test_the_expert_team_holds_four_conversations_without_a_conversation_warning(sc):
    session, refused = play(sc, resolve_policy(sc, "expert"), seed=1)
    assert refused == []
    held = {(r["role"], r["conversation"]) for r in session.records if r.get("type") == "conversation"}
    assert held == {("ib_lisanne", "advies_veilig_thuis"), ("ib_lisanne", "gesprek_lisanne"),
                    ("ib_lisanne", "gesprek_moeder"), ("ib_lars", "gesprek_lars")}
    found = {(f.rule, f.severity, f.role) for f in score_log(sc, session.records).findings
             if f.rule in CONVERSATION_RULES}
    assert found == {("F-conversation-opening", "praise", "ib_lisanne"), ("F-conversation-opening", "praise", "ib_lars"),
                     ("P-conversation-secrecy", "praise", "ib_lisanne"), ("P-conversation-secrecy", "praise", "ib_lars"),
                     ("P-child-view", "praise", "ib_lars")}


def test_the_debrief_quotes_the_promise_to_lisanne(tmp_path, sc):
    log = tmp_path / "s.jsonl"
    s = Session(sc, seed=2, players={"ib_lisanne"}, log=FileLog(log))
    s.advance(H("2w3d"))
    say(s, "ib_lisanne", "gesprek_lisanne", "geheim_beloven", "ons_geheimpje")
    s.finish()
    doc = build_document([load_session(log)], "nl", "vandaag", expert_policy=None)
    section = next(sec for sec in doc.sections if sec.title.endswith("Gesprekken"))
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert "ik vertel het aan niemand" in table.rows[0][1].text.lower()
    assert any(isinstance(b, Para) and b.tone == "bad" and "geheimhouding" in b.text for b in section.blocks)


def test_every_conversation_cites_a_seed(sc):
    assert {c.id for c in sc.conversations} == {"gesprek_moeder", "gesprek_lisanne", "gesprek_lars", "advies_veilig_thuis"}
    for conv in sc.conversations:
        assert re.match(r"^seed 00[0-4]\b", conv.source), conv.id
