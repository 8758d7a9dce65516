"""Peter's family in conversations with choices (issue 17, item 6; scenarios/peter.yaml `conversations`):
the talk with his mother goes as it is opened, what the IB'er knows decides what she can tell mother and so
whether mother consents (seed 002 Sterk samenwerken: "Vergeet de ouders niet … Zij moeten weten wat hun
kind doet"), Peter (11) is heard at his level and may not be promised secrecy (seed 003 7 tips, tip 3),
and the IB'er's advice to the teacher depends on what the teacher tells (seed 002 fig. 6, Samen doen)."""

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
def peter():
    return load_scenario(resolve_scenario("peter"))




def talk(sc, role: str, conversation: str, *choices: str, at: str = "2w") -> Session:
    s = Session(sc, seed=1, players={role})
    s.advance(H(at))
    say(s, role, conversation, *choices)
    return s








def consents(s: Session) -> list[tuple[str, bool]]:
    return [(r["person"], r["given"]) for r in s.records if r.get("type") == "consent"]


# -- the talk with Peter's mother (de IB'er, het vaste aanspreekpunt van de school) ----------------------
def test_a_kind_opening_makes_mother_tell_that_she_is_fine_with_peter_out_at_night(peter):
    s = talk(peter, "ib", "gesprek_moeder", "zorg_benoemen", "vraag_avond")
    assert s.view("ib").knows("moeder_vindt_prima") and s.view("ib").knows("vader_overuren")
    assert current(s, "ib", "gesprek_moeder")["node"]["id"] == "vertellen"


def test_an_accusing_opening_closes_mother_down_and_is_a_warning(peter):
    s = talk(peter, "ib", "gesprek_moeder", "beschuldigen")
    conv = current(s, "ib", "gesprek_moeder")
    assert conv["node"]["id"] == "dicht"
    assert {c["id"] for c in conv["choices"]} == {"excuus", "aandringen"}  # no way back to the evenings
    say(s, "ib", "gesprek_moeder", "excuus")
    assert not s.view("ib").knows("moeder_vindt_prima")
    opening = [f for f in conversation_findings(s) if f.rule == "F-conversation-opening"]
    assert [f.severity for f in opening] == ["warning"]
    assert "u weet niet eens waar hij is" in opening[0].message["nl"]


def test_small_talk_hears_nothing_and_is_no_talk_with_the_parents(peter):
    s = talk(peter, "ib", "gesprek_moeder", "koetjes_kalfjes")
    assert current(s, "ib", "gesprek_moeder")["over"]
    assert not any(d.params.get("do") == "talk_parents" for d in s.world.done)
    assert not s.view("ib").knows("moeder_vindt_prima")


def test_the_three_openings_give_three_different_talks(peter):
    seen = set()
    for opening in ("zorg_benoemen", "beschuldigen", "koetjes_kalfjes"):
        s = talk(peter, "ib", "gesprek_moeder", opening)
        conv = current(s, "ib", "gesprek_moeder")
        seen.add((conv["history"][0]["reply"]["nl"], conv["node"]["id"] if conv["node"] else None))
    assert len(seen) == 3


def test_mother_who_does_not_know_what_peter_does_at_night_refuses_consent(peter):
    s = talk(peter, "ib", "gesprek_moeder", "zorg_benoemen", "vraag_avond")
    offered = {c["id"] for c in current(s, "ib", "gesprek_moeder")["choices"]}
    assert "vertellen_wat_peter_doet" not in offered  # the IB'er does not know it herself yet
    say(s, "ib", "gesprek_moeder", "wat_school_ziet", "toestemming_vragen")
    assert consents(s) == [("moeder", False)]  # only who is in the talk answers; father is asked on his own
    assert "geen toestemming" in last_reply(s, "ib", "gesprek_moeder")


def test_mother_who_hears_what_peter_does_at_night_is_shocked_and_consents(peter):
    s = Session(peter, seed=1, players={"ib", "wijkagent"})
    s.advance(H("2w3d"))
    assert s.view("wijkagent").knows("peter_alcohol_vernielingen")  # he saw Peter with the group in the park
    assert s.act("wijkagent", {"do": "share", "to": "ib", "child": "peter", "facts": ["peter_alcohol_vernielingen"],
                               "basis": "meldcode", "informed": True}).ok
    say(s, "ib", "gesprek_moeder", "zorg_benoemen", "vraag_avond", "vertellen_wat_peter_doet")
    assert s.view("ib").knows("moeder_geschrokken")
    say(s, "ib", "gesprek_moeder", "toestemming_vragen")
    assert consents(s) == [("moeder", True)]
    asked = [r["action"] for r in s.records if r.get("type") == "action" and r.get("conversation") == "gesprek_moeder"]
    assert asked[-1] == {"do": "talk_parents", "child": "peter", "person": "moeder", "purpose": "consent", "about": "meeting",
                         "share_with": ["wijkteam", "wijkagent", "jongerenwerk", "coordinator", "ib"]}


# -- the talk with Peter (11) --------------------------------------------------------------------------
def test_asking_peter_what_he_wants_gives_his_own_story_in_the_ibs_file(peter):
    s = talk(peter, "ib", "gesprek_peter", "rustig_vragen", "wat_wil_jij")
    known = next(k for k in s.view("ib").dossier if k.id == "peter_eigen_verhaal")
    assert "voetballen" in known.text["nl"] and known.via == "told"


def test_promising_peter_secrecy_is_a_violation_even_if_he_then_tells(peter):
    s = talk(peter, "ib", "gesprek_peter", "geheim_beloven", "tussen_ons")
    assert s.view("ib").knows("peter_eigen_verhaal")  # he tells — and counts on a promise you cannot keep
    secrecy = [f for f in conversation_findings(s) if f.rule == "P-conversation-secrecy"]
    assert [f.severity for f in secrecy] == ["violation"]  # once per conversation
    assert "ook niet aan je ouders" in secrecy[0].message["nl"]


def test_telling_peter_honestly_whom_you_will_tell_is_praised_and_an_11_year_old_need_not_be_asked_consent(peter):
    s = talk(peter, "leerkracht", "gesprek_peter", "rustig_vragen", "wat_wil_jij", "uitleggen")
    assert {(f.rule, f.severity) for f in conversation_findings(s)} == {
        ("P-conversation-secrecy", "praise"), ("F-conversation-opening", "praise")}  # no P-child-view under 12


def test_interrogating_peter_about_the_group_ends_the_talk(peter):
    s = talk(peter, "ib", "gesprek_peter", "verhoren")
    assert current(s, "ib", "gesprek_peter")["over"]
    assert not s.view("ib").knows("peter_eigen_verhaal")
    assert [f.severity for f in conversation_findings(s) if f.rule == "F-conversation-opening"] == ["warning"]


# -- the teacher consults the IB'er: the advice follows what she tells ----------------------------------
def test_the_ibs_advice_depends_on_what_the_teacher_has_seen_and_tells(peter):
    first_day = Session(peter, seed=1, players={"leerkracht"})
    assert {c["id"] for c in current(first_day, "leerkracht", "overleg_ib")["choices"]} == {"niet_pluis"}
    say(first_day, "leerkracht", "overleg_ib", "niet_pluis")
    assert "Schrijf de komende week op" in last_reply(first_day, "leerkracht", "overleg_ib")

    later = Session(peter, seed=1, players={"leerkracht"})
    later.advance(H("5w"))
    assert {c["id"] for c in current(later, "leerkracht", "overleg_ib")["choices"]} == {
        "niet_pluis", "ruzie", "moe_en_ruzie"}
    say(later, "leerkracht", "overleg_ib", "moe_en_ruzie")
    assert "buiten school" in last_reply(later, "leerkracht", "overleg_ib")
    consult = [r["action"] for r in later.records if r.get("type") == "action" and r.get("conversation")]
    assert consult == [{"do": "consult_colleague", "child": "peter", "facts": ["peter_kort_lontje", "peter_moe_uit_klas"]}]


# -- the expert team holds the talks, and the debrief quotes them -----------------------------------------
def test_the_expert_team_holds_the_three_conversations_without_a_conversation_warning(peter):
    session, refused = play(peter, resolve_policy(peter, "expert"), seed=3)
    assert refused == []
    held = {(r["role"], r["conversation"]) for r in session.records if r.get("type") == "conversation"}
    assert held == {("leerkracht", "overleg_ib"), ("ib", "gesprek_moeder"), ("ib", "gesprek_peter")}
    found = [(f.rule, f.severity, f.role) for f in score_log(peter, session.records).findings
             if f.rule in CONVERSATION_RULES]
    assert sorted(found) == [("F-conversation-opening", "praise", "ib"), ("F-conversation-opening", "praise", "ib"),
                             ("P-conversation-secrecy", "praise", "ib")]


def test_the_debrief_quotes_the_talk_with_peters_mother(tmp_path, peter):
    log = tmp_path / "s.jsonl"
    s = Session(peter, seed=2, players={"ib"}, log=FileLog(log))
    s.advance(H("2w"))
    say(s, "ib", "gesprek_moeder", "beschuldigen", "aandringen")
    s.finish()
    doc = build_document([load_session(log)], "nl", "vandaag", expert_policy=None)
    section = next(sec for sec in doc.sections if sec.title.endswith("Gesprekken"))
    table = next(b for b in section.blocks if isinstance(b, Table))
    assert "u weet niet eens waar hij is" in table.rows[0][1].text
    assert any(isinstance(b, Para) and b.tone == "warn" for b in section.blocks)


def test_every_conversation_cites_a_seed(peter):
    assert {c.id for c in peter.conversations} == {"gesprek_moeder", "gesprek_peter", "overleg_ib"}
    for conv in peter.conversations:
        assert re.match(r"^seed 00[0-4]\b", conv.source), conv.id
