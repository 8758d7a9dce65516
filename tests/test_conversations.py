"""Conversations with choices (issue 17, item 6): the engine walks the scenario's dialogue, the answers
depend on the approach and the moment, what is said becomes knowledge, refusals are plain, replay is
identical, and the judge reads what was promised and asked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.judge import LiveScorer, score_log
from sim.engine import Session
from sim.loader import ScenarioError, load_scenario
from sim.log import FileLog
from sim.replay import replay

WEEK = 24 * 7
ROOT = Path(__file__).resolve().parent.parent
CONVERSATION_RULES = ("P-conversation-secrecy", "P-child-view", "F-conversation-opening")


def say(s: Session, role: str, conversation: str, *choices: str) -> None:
    for choice in choices:
        result = s.act(role, {"do": "converse", "conversation": conversation, "choice": choice})
        assert result.ok, (choice, result.reason)


def talk(scenario, role: str, conversation: str, *choices: str, at: float = 3 * WEEK + 24) -> Session:
    s = Session(scenario, seed=1, players={role})
    s.advance(at)
    say(s, role, conversation, *choices)
    return s


def current(s: Session, role: str, conversation: str) -> dict:
    return next(c for c in s.view(role).conversations if c["id"] == conversation)


def findings(s: Session) -> list:
    s.finish()
    return [f for f in score_log(s.scenario, s.records).findings if f.rule in CONVERSATION_RULES]


# -- Kevin's mother: the opening decides what she tells -----------------------------------------------
def test_mother_tells_about_rob_after_a_kind_opening_from_week_3(pietersdam):
    s = talk(pietersdam, "smw", "gesprek_moeder", "zorg_benoemen", "vraag_rob")
    assert s.world.knows("smw", "rob_agressief_drank")
    assert s.world.knows("smw", "kevin_weinig_vriendjes")
    assert "agressief" in current(s, "smw", "gesprek_moeder")["history"][-1]["reply"]["nl"]


def test_mother_keeps_rob_to_herself_before_week_3(pietersdam):
    s = talk(pietersdam, "smw", "gesprek_moeder", "zorg_benoemen", "vraag_rob", at=WEEK)
    assert not s.world.knows("smw", "rob_agressief_drank")
    assert "geaccepteerd" in current(s, "smw", "gesprek_moeder")["history"][-1]["reply"]["nl"]


def test_mother_closes_down_after_an_accusation(pietersdam):
    s = talk(pietersdam, "smw", "gesprek_moeder", "beschuldigen")
    conv = current(s, "smw", "gesprek_moeder")
    assert conv["node"]["id"] == "dicht"
    assert {c["id"] for c in conv["choices"]} == {"excuus", "aandringen"}  # no way back to asking about home
    say(s, "smw", "gesprek_moeder", "excuus")
    assert current(s, "smw", "gesprek_moeder")["over"]
    assert not s.world.knows("smw", "rob_agressief_drank")


def test_small_talk_hears_nothing_and_is_no_talk_about_the_concern(pietersdam):
    s = talk(pietersdam, "smw", "gesprek_moeder", "koetjes_kalfjes")
    assert current(s, "smw", "gesprek_moeder")["over"]
    assert not any(d.params.get("do") == "talk_parents" for d in s.world.done)
    assert not s.world.knows("smw", "kevin_weinig_vriendjes")


def test_the_three_openings_give_three_different_conversations(pietersdam):
    replies = set()
    for opening in ("zorg_benoemen", "beschuldigen", "koetjes_kalfjes", "geheim_beloven"):
        s = talk(pietersdam, "smw", "gesprek_moeder", opening)
        conv = current(s, "smw", "gesprek_moeder")
        replies.add((conv["history"][0]["reply"]["nl"], conv["node"]["id"] if conv["node"] else None))
    assert len(replies) == 4


def test_a_kind_opening_counts_as_the_meldcode_talk_with_the_parents(pietersdam):
    s = talk(pietersdam, "smw", "gesprek_moeder", "zorg_benoemen")
    counted = [r for r in s.records if r.get("type") == "action" and r.get("conversation") == "gesprek_moeder"]
    # a talk with mother alone: the counted talk names her (issue 17 review, item 2)
    assert [r["action"] for r in counted] == [{"do": "talk_parents", "child": "kevin", "person": "moeder",
                                              "purpose": "concern"}]
    s.finish()
    scorer = LiveScorer(pietersdam)
    for record in s.records:
        scorer.feed(record)
    assert scorer.met["gesprek_ouders_kevin"][1] == "smw"  # Meldcode stap 3, met by the conversation


def test_asking_mother_consent_gets_the_scenarios_answer(pietersdam):
    s = talk(pietersdam, "smw", "gesprek_moeder", "zorg_benoemen", "vraag_rob", "hulp_voorstellen")
    asked = [r for r in s.records if r.get("type") == "consent" and r["person"] == "moeder"]
    assert asked and asked[0]["given"] is False  # she refuses all help until Veilig Thuis's agreements
    assert "wijst de hulp af" in current(s, "smw", "gesprek_moeder")["history"][-1]["reply"]["nl"]


def test_announcing_a_report_is_offered_only_once_the_smw_knows_about_rob(pietersdam):
    early = talk(pietersdam, "smw", "gesprek_moeder", "zorg_benoemen", "vraag_rob", at=WEEK)
    choices = {c["id"] for c in current(early, "smw", "gesprek_moeder")["choices"]}
    assert "melding_aankondigen" not in choices
    late = talk(pietersdam, "smw", "gesprek_moeder", "zorg_benoemen", "vraag_rob")
    assert "melding_aankondigen" in {c["id"] for c in current(late, "smw", "gesprek_moeder")["choices"]}


def test_kevins_teacher_can_hold_the_talk_with_mother_too(pietersdam):
    kind = talk(pietersdam, "leerkracht", "gesprek_moeder", "zorg_benoemen", "vraag_rob")
    assert kind.world.knows("leerkracht", "rob_agressief_drank")
    harsh = talk(pietersdam, "leerkracht", "gesprek_moeder", "beschuldigen")
    assert not harsh.world.knows("leerkracht", "rob_agressief_drank")


def test_the_speaker_in_a_condition_is_the_role_holding_the_talk(pietersdam):
    """`known_by: {role: speaker}`: the teacher's own knowledge opens 'announce the report' for the
    teacher, what the smw knows does not."""
    s = Session(pietersdam, seed=1, players={"smw", "leerkracht"})
    s.advance(3 * WEEK + 24)
    say(s, "smw", "gesprek_moeder", "zorg_benoemen", "vraag_rob")
    say(s, "leerkracht", "gesprek_moeder", "zorg_benoemen", "vraag_wat_besproken")
    assert s.world.knows("smw", "rob_agressief_drank") and not s.world.knows("leerkracht", "rob_agressief_drank")
    assert "melding_aankondigen" not in {c["id"] for c in current(s, "leerkracht", "gesprek_moeder")["choices"]}
    assert "melding_aankondigen" in {c["id"] for c in current(s, "smw", "gesprek_moeder")["choices"]}


# -- refusals ---------------------------------------------------------------------------------------
def test_a_choice_not_offered_now_is_refused_in_plain_dutch(pietersdam):
    s = talk(pietersdam, "smw", "gesprek_moeder", "zorg_benoemen")
    before = len(s.records)
    result = s.act("smw", {"do": "converse", "conversation": "gesprek_moeder", "choice": "beschuldigen"})
    assert not result.ok and "niet aan de orde" in result.reason.nl
    assert len(s.records) == before


@pytest.mark.parametrize("role, conversation, words", [
    ("wijkagent", "gesprek_moeder", "niet u"),
    ("smw", "geen_gesprek", "bestaat niet"),
])
def test_a_conversation_that_is_not_yours_or_does_not_exist_is_refused(pietersdam, role, conversation, words):
    s = Session(pietersdam, seed=1)
    result = s.act(role, {"do": "converse", "conversation": conversation, "choice": "zorg_benoemen"})
    assert not result.ok and words in result.reason.nl


def test_a_finished_conversation_cannot_be_held_again(pietersdam):
    s = talk(pietersdam, "smw", "gesprek_moeder", "koetjes_kalfjes")
    result = s.act("smw", {"do": "converse", "conversation": "gesprek_moeder", "choice": "zorg_benoemen"})
    assert not result.ok and "al gevoerd" in result.reason.nl


# -- the log ----------------------------------------------------------------------------------------
def test_replaying_a_conversation_gives_the_identical_log(tmp_path, pietersdam):
    log = tmp_path / "talk.jsonl"
    s = Session(pietersdam, seed=5, players={"smw"}, log=FileLog(log))
    s.advance(3 * WEEK + 24)
    say(s, "smw", "gesprek_moeder", "geheim_beloven", "melding_aankondigen")
    s.advance(4 * WEEK)
    s.finish()
    rebuilt, warnings = replay(log)
    assert warnings == []
    assert rebuilt.records == s.records
    assert json.dumps(rebuilt.records) == json.dumps(s.records)


# -- the judge --------------------------------------------------------------------------------------
def test_promising_kevin_secrecy_is_a_violation(pietersdam):
    s = talk(pietersdam, "smw", "gesprek_kevin", "geheim_beloven", "tussen_ons")
    secrecy = [f for f in findings(s) if f.rule == "P-conversation-secrecy"]
    assert [f.severity for f in secrecy] == ["violation"]  # once per conversation
    assert "Ik beloof dat ik het aan niemand doorvertel" in secrecy[0].message["nl"]
    assert secrecy[0].source.startswith("seed 003")


def test_explaining_to_kevin_whom_you_tell_is_praised(pietersdam):
    s = talk(pietersdam, "leerkracht", "gesprek_kevin", "rustig_vragen", "wat_wil_jij", "uitleggen")
    assert {(f.rule, f.severity) for f in findings(s)} == {
        ("P-conversation-secrecy", "praise"), ("F-conversation-opening", "praise")}  # Kevin is 10


def test_14_year_old_asked_nothing_is_a_warning(pietersdam):
    s = talk(pietersdam, "zorgcoordinator", "gesprek_henk", "preken", "afspraak_opleggen")
    view = [f for f in findings(s) if f.rule == "P-child-view"]
    assert [f.severity for f in view] == ["warning"]
    assert "Henk (14 jaar)" in view[0].message["nl"]


def test_14_year_old_asked_his_view_is_praised_and_asked_consent(pietersdam):
    s = talk(pietersdam, "jongerenwerk", "gesprek_henk", "mening_vragen", "toestemming_vragen")
    assert [f.severity for f in findings(s) if f.rule == "P-child-view"] == ["praise"]
    assert s.world.knows("jongerenwerk", "henk_hasj")
    assert any(r.get("type") == "consent" and r["person"] == "henk" and r["given"] for r in s.records)


def test_an_accusing_opening_of_the_talk_with_mother_is_a_warning_naming_what_was_said(pietersdam):
    s = talk(pietersdam, "smw", "gesprek_moeder", "beschuldigen", "aandringen")
    opening = [f for f in findings(s) if f.rule == "F-conversation-opening"]
    assert [f.severity for f in opening] == ["warning"]
    assert "Er gebeurt thuis iets" in opening[0].message["nl"]


def test_a_conversation_by_the_computer_partners_is_not_judged(pietersdam):
    s = talk(pietersdam, "smw", "gesprek_kevin", "geheim_beloven")
    s.finish()
    records = [{**r, "role": "leerkracht"} if r.get("type") == "conversation" else r for r in s.records]
    judged = [f for f in score_log(pietersdam, records).findings if f.rule in CONVERSATION_RULES]
    assert judged == []  # the header's players are the smw only


# -- the scenario file --------------------------------------------------------------------------------
BROKEN = """
conversations:
  - id: c
    title: {nl: t, en: t}
    with: parents
    child: kevn
    roles: [smw]
    source: seed 004 §1
    nodes:
      - id: a
        text: {nl: t, en: t}
        choices:
          - id: x
            say: {nl: s, en: s}
            replies: [{text: {nl: r, en: r}}]
            next: b_typo
      - id: b
        text: {nl: t, en: t}
        choices:
          - id: y
            say: {nl: s, en: s}
            replies: [{text: {nl: r, en: r}, facts: [rob_agresief_drank]}]
"""


def test_a_conversation_with_wrong_ids_is_reported_with_did_you_mean(tmp_path, pietersdam):
    text = open(pietersdam.source_path, encoding="utf-8").read()
    broken = tmp_path / "broken.yaml"
    broken.write_text(text[:text.index("\nconversations:")] + BROKEN, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(broken)
    problems = str(err.value)
    assert 'kevn' in problems and '"kevin"' in problems
    assert 'b_typo' in problems
    assert 'rob_agresief_drank' in problems and '"rob_agressief_drank"' in problems
    assert 'leads to node "b"' in problems  # b_typo was meant: b is now unreachable


def test_a_node_where_every_choice_waits_for_a_condition_is_refused(tmp_path, pietersdam):
    text = open(pietersdam.source_path, encoding="utf-8").read()
    stuck = BROKEN.replace("kevn", "kevin").replace("b_typo", "b").replace("rob_agresief", "rob_agressief") \
        .replace("          - id: y\n", "          - id: y\n            when: {after: 2w}\n")
    broken = tmp_path / "stuck.yaml"
    broken.write_text(text[:text.index("\nconversations:")] + stuck, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(broken)
    assert 'every choice at node "b" has a when' in str(err.value)


# -- a consult: the advice depends on what you tell -----------------------------------------------
def test_a_colleagues_advice_depends_on_what_the_teacher_tells(pietersdam):
    early = Session(pietersdam, seed=1, players={"leerkracht"})
    offered = {c["id"] for c in current(early, "leerkracht", "overleg_collega")["choices"]}
    assert offered == {"alleen_stil"}  # the teacher knows no more yet
    say(early, "leerkracht", "overleg_collega", "alleen_stil")
    assert "nog geen reden om te melden" in current(early, "leerkracht", "overleg_collega")["history"][0]["reply"]["nl"]

    later = Session(pietersdam, seed=1, players={"leerkracht"})
    later.advance(7 * WEEK)
    assert later.world.knows("leerkracht", "kevin_schrikachtig")
    say(later, "leerkracht", "overleg_collega", "schrikachtig")
    advice = current(later, "leerkracht", "overleg_collega")["history"][0]["reply"]["nl"]
    assert "Veilig Thuis om advies" in advice
    consult = [r["action"] for r in later.records if r.get("type") == "action" and r.get("conversation")]
    assert consult == [{"do": "consult_colleague", "child": "kevin", "facts": ["kevin_stil", "kevin_schrikachtig"]}]


# -- a scripted player holds a conversation too ------------------------------------------------------
POLICY = """policy: gesprekken
actions:
  - {at: 22d, role: smw, do: converse, conversation: gesprek_kevin, choice: geheim_beloven}
  - {at: 22d, role: smw, do: converse, conversation: gesprek_kevin, choice: tussen_ons}
"""


def _run(*args: str):
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, capture_output=True, text=True)


def test_a_policy_that_holds_a_conversation_runs_the_same_twice_and_is_judged(tmp_path):
    policy = tmp_path / "gesprekken.yaml"
    policy.write_text(POLICY, encoding="utf-8")
    first = _run("run", "pietersdam", "--policy", str(policy), "--role", "smw", "--seed", "4", "--json")
    second = _run("run", "pietersdam", "--policy", str(policy), "--role", "smw", "--seed", "4", "--json")
    assert first.returncode == 0, first.stderr
    assert first.stdout == second.stdout
    rules = {(f["rule"], f["severity"]) for f in json.loads(first.stdout)["findings"]}
    assert ("P-conversation-secrecy", "violation") in rules


def test_a_policy_naming_an_unknown_conversation_gets_did_you_mean(tmp_path):
    policy = tmp_path / "typo.yaml"
    policy.write_text(POLICY.replace("conversation: gesprek_kevin", "conversation: gesprek_kevn", 1), encoding="utf-8")
    result = _run("run", "pietersdam", "--policy", str(policy), "--role", "smw", "--json")
    assert result.returncode == 2
    assert "gesprek_kevn" in result.stderr and '"gesprek_kevin"' in result.stderr


def test_mother_who_said_maybe_later_can_be_talked_with_again_a_week_later(pietersdam):
    """`again_after: 1w`: the talk that was too early (before three weeks she keeps Rob to herself) can be
    held again a week after it ended; not before."""
    s = talk(pietersdam, "leerkracht", "gesprek_moeder", "zorg_benoemen", "vraag_rob", "afsluiten", at=2 * WEEK)
    assert not s.world.knows("leerkracht", "rob_agressief_drank")
    refused = s.act("leerkracht", {"do": "converse", "conversation": "gesprek_moeder", "choice": "zorg_benoemen"})
    assert not refused.ok and "al gevoerd" in refused.reason.nl
    s.advance(s.now + WEEK + 24)
    say(s, "leerkracht", "gesprek_moeder", "verder_praten", "vraag_rob")  # the second talk's own opening
    assert s.world.knows("leerkracht", "rob_agressief_drank")
