"""A conversation held again remembers the last one (issue 17 review, item 8): two weeks after Kevin's
mother slammed the door, the next talk does not restart word for word ("jas nog aan … Waar gaat het
over?") but opens where a second talk begins (`again_start`, eigen toevoeging). The view and the debrief
report list each talk separately, with its date."""

from __future__ import annotations

from report.build import build_document
from report.document import Para
from report.session import load_session
from sim import load_scenario, resolve_scenario
from sim.client_talks import client_talks
from sim.engine import Session
from sim.log import FileLog, MemoryLog

WEEK = 24 * 7


def say(s, role, conversation, *choices):
    for choice in choices:
        result = s.act(role, {"do": "converse", "conversation": conversation, "choice": choice})
        assert result.ok, (choice, result.reason)


def current(s, role, conversation):
    return next(c for c in s.view(role).conversations if c["id"] == conversation)


def slammed_then_again(log=None):
    s = Session(load_scenario(resolve_scenario("pietersdam")), 1, players={"leerkracht"}, log=log or MemoryLog())
    s.advance(2 * WEEK)
    say(s, "leerkracht", "gesprek_moeder", "beschuldigen", "aandringen")  # she slams the door
    s.advance(4 * WEEK)
    return s


def test_mother_remembers_the_last_talk_when_it_is_held_again():
    s = slammed_then_again()
    again = current(s, "leerkracht", "gesprek_moeder")
    assert again["node"]["id"] == "terug"
    assert "vorige gesprek" in again["node"]["text"]["nl"] and "jas nog aan" not in again["node"]["text"]["nl"]
    assert "verder_praten" in [c["id"] for c in again["choices"]]


def test_a_conversation_without_a_second_opening_opens_as_before():
    for family in ("peter", "lisanne_lars"):
        for conv in load_scenario(resolve_scenario(family)).conversations:
            assert conv.again == conv.first


def test_the_second_talk_in_which_the_worry_is_discussed_is_step_three():
    s = slammed_then_again()
    say(s, "leerkracht", "gesprek_moeder", "verder_praten")
    talks = client_talks(s, "leerkracht")["kevin"]
    assert [k["t"] for k in talks] == [2 * WEEK, 4 * WEEK]
    assert s.view("leerkracht").talk_steps["kevin"]["done"] == 4 * WEEK


def test_the_view_lists_each_talk_with_the_moment_it_began():
    s = slammed_then_again()
    say(s, "leerkracht", "gesprek_moeder", "verder_praten")
    talks = current(s, "leerkracht", "gesprek_moeder")["talks"]
    assert [(k["t"], len(k["history"])) for k in talks] == [(2 * WEEK, 2), (4 * WEEK, 1)]


def test_the_report_shows_each_talk_under_its_own_heading_with_its_date(tmp_path):
    log = tmp_path / "s.jsonl"
    s = slammed_then_again(FileLog(log))
    say(s, "leerkracht", "gesprek_moeder", "verder_praten")
    s.finish()
    doc = build_document([load_session(log)], "nl", "vandaag", expert_policy=None)
    section = next(sec for sec in doc.sections if sec.title.endswith("Gesprekken"))
    headings = [b.text for b in section.blocks if isinstance(b, Para) and b.tone == "h3"]
    assert len(headings) == 2
    assert "21 sep" in headings[0] and "5 okt" in headings[1]  # the scenario starts on Monday 7 September
