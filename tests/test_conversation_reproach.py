"""A threat at the close of a talk is judged too, not only the opening (issue 17 review, item 9). "U zult
toch hulp moeten accepteren, anders ga ik verdere stappen zetten" closes the talk with Kevin's mother and
makes the next step with the family harder (seed 003, 7 tips, tip 4; 9 vragen, vraag 2: a report is
discussed with the parents, not brought as a threat). Rule id: F-conversation-reproach."""

from __future__ import annotations

from conversation_steps import say

from scoring import score_log
from sim import MemoryLog, Session, load_scenario, resolve_scenario


def reproaches(*choices: str) -> list[tuple[str, str]]:
    s = Session(load_scenario(resolve_scenario("pietersdam")), 1, players={"leerkracht"}, log=MemoryLog())
    s.advance(24 * 14)
    say(s, "leerkracht", "gesprek_moeder", *choices)
    s.finish()
    return [(f.severity, f.message["nl"]) for f in score_log(s.scenario, s.records).findings
            if f.rule == "F-conversation-reproach"]


def test_a_threat_at_the_close_of_the_talk_with_mother_is_a_warning():
    found = reproaches("beschuldigen", "aandringen")
    assert [sev for sev, _ in found] == ["warning"]
    assert "anders ga ik verdere stappen zetten" in found[0][1]


def test_an_apology_after_a_reproaching_opening_is_no_second_reproach():
    assert reproaches("beschuldigen", "excuus") == []  # the opening's reproach is the opening rule's


def test_a_kind_talk_has_no_reproach():
    assert reproaches("zorg_benoemen", "vraag_rob", "afsluiten") == []
