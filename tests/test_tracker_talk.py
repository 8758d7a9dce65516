"""Meldcode step 3 in the tracker (issue 17, item 7; review): the talk with the client counts when the
worry was actually discussed — with the parents, and with the child where age allows (seed 003, "Let op
de leeftijd": from 12 the child has a say, from 16 the child alone). A talk that ended before that
(the parent broke it off, small talk, a promise of secrecy that cannot be kept, a 14-year-old asked
nothing) shows as "begun — not yet talked" with what is left to do. Derived from the conversation's own
data (endings, marks, what was learned), the same rule for every family."""

from __future__ import annotations

import pytest

from sim import MemoryLog, Session, load_scenario, resolve_scenario
from sim.client_talks import client_talks, discussed
from sim.loader import load_scenario as load_file
from ui.i18n import Tr
from ui.tracker import progress, tracker_html

WEEK = 24 * 7
AT = 3 * WEEK + 24


def session(family, role, at=AT):
    sc = load_scenario(resolve_scenario(family)) if not family.endswith(".yaml") else load_file(family)
    s = Session(sc, 1, players={role}, log=MemoryLog())
    s.advance(at)
    return s


def say(s, role, conversation, *choices):
    for choice in choices:
        result = s.act(role, {"do": "converse", "conversation": conversation, "choice": choice})
        assert result.ok, (conversation, choice, result.reason)


def child_progress(s, role, child):
    return next(p for p in progress(s.view(role)) if p.child == child)


def card(s, role, lang="nl"):
    return tracker_html(Tr(lang), s.view(role), lambda pid: pid.capitalize())


def test_a_talk_the_mother_broke_off_is_not_yet_step_three():
    s = session("pietersdam", "leerkracht")
    say(s, "leerkracht", "gesprek_moeder", "beschuldigen", "excuus")
    kevin = child_progress(s, "leerkracht", "kevin")
    assert kevin.done["talk"] is None and kevin.talk_begun == AT
    assert kevin.talk_left == ("talk_left.parents.broken_off",)
    html = card(s, "leerkracht")
    assert "begonnen op dag 23, nog niet echt gesproken" in html
    assert "nog te doen: het gesprek met de ouders stopte voordat uw zorg besproken was" in html


def test_a_talk_in_which_the_worry_was_named_and_answered_is_step_three():
    s = session("pietersdam", "leerkracht")
    say(s, "leerkracht", "gesprek_moeder", "zorg_benoemen")
    kevin = child_progress(s, "leerkracht", "kevin")
    assert kevin.done["talk"] == AT and not kevin.talk_left
    assert "begonnen" not in card(s, "leerkracht")


def test_small_talk_that_never_named_the_worry_is_not_yet_step_three():
    s = session("pietersdam", "leerkracht")
    say(s, "leerkracht", "gesprek_moeder", "koetjes_kalfjes")
    kevin = child_progress(s, "leerkracht", "kevin")
    assert kevin.done["talk"] is None and kevin.talk_left == ("talk_left.parents.broken_off",)


def test_a_promise_of_secrecy_is_not_step_three_even_when_the_mother_then_tells():
    s = session("pietersdam", "leerkracht")
    say(s, "leerkracht", "gesprek_moeder", "geheim_beloven")
    assert s.view("leerkracht").knows("rob_agressief_drank")  # she told, on a promise that cannot be kept
    kevin = child_progress(s, "leerkracht", "kevin")
    assert kevin.done["talk"] is None and kevin.talk_left == ("talk_left.parents.secrecy",)
    assert "geheimhouding die u niet kunt waarmaken" in card(s, "leerkracht")


def test_asking_the_14_year_old_nothing_is_not_yet_step_three():
    s = session("pietersdam", "zorgcoordinator")
    say(s, "zorgcoordinator", "gesprek_henk", "preken", "afspraak_opleggen")
    henk = child_progress(s, "zorgcoordinator", "henk")
    assert henk.done["talk"] is None
    assert henk.talk_left == ("talk_left.parents", "talk_left.child.child_not_asked")
    assert "u vroeg niet wat Henk er zelf van vindt" in card(s, "zorgcoordinator")


def test_a_14_year_old_asked_for_his_view_is_half_of_step_three_the_parents_are_the_other_half():
    s = session("pietersdam", "zorgcoordinator")
    say(s, "zorgcoordinator", "gesprek_henk", "mening_vragen")
    henk = child_progress(s, "zorgcoordinator", "henk")
    assert henk.done["talk"] is None and henk.talk_left == ("talk_left.parents",)
    s.advance(AT + 24)
    assert s.act("zorgcoordinator", {"do": "talk_parents", "child": "henk", "purpose": "concern"}).ok
    henk = child_progress(s, "zorgcoordinator", "henk")
    assert henk.done["talk"] == AT + 24 and not henk.talk_left


def test_a_10_year_old_needs_no_talk_of_his_own_for_step_three():
    s = session("pietersdam", "leerkracht")
    say(s, "leerkracht", "gesprek_moeder", "zorg_benoemen")
    assert child_progress(s, "leerkracht", "kevin").done["talk"] == AT


def test_a_15_year_old_who_was_threatened_and_then_asked_his_view_was_talked_with():
    s = session("lisanne_lars", "ib_lars")
    say(s, "ib_lars", "gesprek_lars", "dreigen", "excuus")
    lars = child_progress(s, "ib_lars", "lars")
    assert lars.talk_left == ("talk_left.parents",), "Lars came back and said how it is at home"


def test_a_15_year_old_who_was_threatened_and_let_go_was_not():
    s = session("lisanne_lars", "ib_lars")
    say(s, "ib_lars", "gesprek_lars", "dreigen", "laten_gaan")
    lars = child_progress(s, "ib_lars", "lars")
    assert lars.done["talk"] is None
    assert lars.talk_left == ("talk_left.parents", "talk_left.child.child_not_asked")


def test_an_ordinary_talk_counts_and_a_15_year_old_needs_both_talks_in_a_family_without_conversations():
    role = _first_role("docs/examples/familie_yilmaz.yaml")
    s = session("docs/examples/familie_yilmaz.yaml", role)
    assert s.act(role, {"do": "talk_parents", "child": "aylin", "purpose": "concern"}).ok
    aylin = child_progress(s, role, "aylin")
    assert aylin.done["talk"] is None and aylin.talk_left == ("talk_left.child",)
    assert s.act(role, {"do": "talk_child", "child": "aylin", "purpose": "concern"}).ok
    assert child_progress(s, role, "aylin").done["talk"] == AT
    assert s.act(role, {"do": "talk_parents", "child": "deniz", "purpose": "concern"}).ok
    assert child_progress(s, role, "deniz").done["talk"] == AT


def _first_role(path):
    sc = load_file(path)
    return next(r.id for r in sc.roles if "talk_parents" in _offered(sc, r.id))


def _offered(sc, role):
    from sim.actions import offered_to

    return offered_to(sc.role_kind(role).org)


# Every opening of every talk with a parent or a child in the three families, and how the rule reads it.
PATHS = [
    ("pietersdam", "gesprek_moeder", ["zorg_benoemen"], None),
    ("pietersdam", "gesprek_moeder", ["beschuldigen", "excuus"], "broken_off"),
    ("pietersdam", "gesprek_moeder", ["beschuldigen", "aandringen"], "broken_off"),
    ("pietersdam", "gesprek_moeder", ["koetjes_kalfjes"], "broken_off"),
    ("pietersdam", "gesprek_moeder", ["geheim_beloven"], "secrecy"),
    ("pietersdam", "gesprek_kevin", ["rustig_vragen"], None),
    ("pietersdam", "gesprek_kevin", ["doorvragen"], "broken_off"),
    ("pietersdam", "gesprek_kevin", ["geheim_beloven"], "secrecy"),
    ("pietersdam", "gesprek_kevin", ["rustig_vragen", "tussen_ons"], "secrecy"),
    ("pietersdam", "gesprek_henk", ["mening_vragen"], None),
    ("pietersdam", "gesprek_henk", ["preken", "afspraak_opleggen"], "child_not_asked"),
    ("lisanne_lars", "gesprek_moeder", ["zorg_benoemen"], None),
    ("lisanne_lars", "gesprek_moeder", ["naar_moeder_vragen", "excuus"], "broken_off"),
    ("lisanne_lars", "gesprek_moeder", ["koetjes_kalfjes"], "broken_off"),
    ("lisanne_lars", "gesprek_moeder", ["geheim_beloven"], "secrecy"),
    ("lisanne_lars", "gesprek_lisanne", ["samen_tekenen"], None),
    ("lisanne_lars", "gesprek_lisanne", ["suggestief"], "broken_off"),
    ("lisanne_lars", "gesprek_lisanne", ["geheim_beloven"], "secrecy"),
    ("lisanne_lars", "gesprek_lars", ["mening_vragen"], None),
    ("lisanne_lars", "gesprek_lars", ["meteen_toestemming", "excuus"], None),
    ("lisanne_lars", "gesprek_lars", ["meteen_toestemming", "laten_gaan"], "child_not_asked"),
    ("peter", "gesprek_moeder", ["zorg_benoemen"], None),
    ("peter", "gesprek_moeder", ["beschuldigen", "excuus"], "broken_off"),
    ("peter", "gesprek_moeder", ["koetjes_kalfjes"], "broken_off"),
    ("peter", "gesprek_peter", ["rustig_vragen"], None),
    ("peter", "gesprek_peter", ["verhoren"], "broken_off"),
    ("peter", "gesprek_peter", ["geheim_beloven"], "secrecy"),
]


@pytest.mark.parametrize(("family", "conversation", "choices", "why_not"), PATHS,
                         ids=[f"{f}-{c}-{'-'.join(ch)}" for f, c, ch, _ in PATHS])
def test_each_talk_counts_for_step_three_only_when_the_worry_was_discussed(family, conversation, choices, why_not):
    sc = load_scenario(resolve_scenario(family))
    conv = sc.conversation_by_id[conversation]
    role = conv.roles[0]
    s = session(family, role)
    say(s, role, conversation, *choices)
    talks = s.view(role).client_talks[conv.child]
    assert [t["conversation"] for t in talks] == [conversation]
    age = sc.person_by_id[conv.child].age
    assert discussed(talks[0], age) == why_not


def test_the_view_says_how_each_talk_went_without_hidden_facts():
    s = session("pietersdam", "leerkracht")
    say(s, "leerkracht", "gesprek_moeder", "beschuldigen", "excuus")
    [talk] = s.view("leerkracht").client_talks["kevin"]
    assert talk["with"] == "parents" and talk["person"] == "moeder" and talk["over"]
    assert [m["marks"] for m in talk["moves"]] == [["accuses"], ["names_concern"]]
    assert [m["ended"] for m in talk["moves"]] == [False, True]
    assert s.view("leerkracht").client_talks["henk"] == []
    assert s.view("leerkracht").as_dict()["client_talks"]["kevin"][0]["conversation"] == "gesprek_moeder"


# ---- issue 17 review, item 1: a one-click talk does not undo what the conversation taught --------------

def _step_three_findings(s):
    from scoring import score_log

    s.finish()
    return [(f.role, f.severity) for f in score_log(s.scenario, s.records).findings
            if f.rule == "T-expectation" and "zorg met moeder bespreken" in f.message["nl"]]


def test_a_one_click_talk_right_after_small_talk_with_mother_is_not_step_three():
    s = session("pietersdam", "leerkracht")
    say(s, "leerkracht", "gesprek_moeder", "koetjes_kalfjes")
    assert s.act("leerkracht", {"do": "talk_parents", "child": "kevin", "purpose": "concern"}).ok
    kevin = child_progress(s, "leerkracht", "kevin")
    assert kevin.done["talk"] is None and kevin.talk_left == ("talk_left.parents",)
    assert ("leerkracht", "praise") not in _step_three_findings(s)  # the debrief does not praise step 3 either


def test_a_talk_that_only_informs_about_sharing_is_not_step_three():
    s = session("peter", "leerkracht", at=24)
    assert s.act("leerkracht", {"do": "talk_parents", "child": "peter", "purpose": "inform"}).ok
    peter = child_progress(s, "leerkracht", "peter")
    assert peter.done["talk"] is None and peter.talk_begun == 24 and peter.talk_left == ("talk_left.parents",)


def test_a_one_click_concern_talk_is_step_three_with_a_parent_the_scenario_gives_no_conversation():
    s = session("pietersdam", "leerkracht")
    assert s.act("leerkracht", {"do": "talk_parents", "child": "kevin", "person": "vader", "purpose": "concern"}).ok
    assert child_progress(s, "leerkracht", "kevin").done["talk"] == AT


def test_a_talk_in_which_mother_slammed_the_door_is_not_praised_as_step_three():
    s = session("pietersdam", "leerkracht")
    say(s, "leerkracht", "gesprek_moeder", "beschuldigen", "aandringen")
    assert child_progress(s, "leerkracht", "kevin").done["talk"] is None
    assert ("leerkracht", "praise") not in _step_three_findings(s)


def test_the_debrief_praises_step_three_when_the_worry_was_discussed_in_the_conversation():
    s = session("pietersdam", "leerkracht", at=2 * WEEK)
    say(s, "leerkracht", "gesprek_moeder", "zorg_benoemen", "vraag_rob", "afsluiten")
    assert child_progress(s, "leerkracht", "kevin").done["talk"] == 2 * WEEK
    assert _step_three_findings(s) == [("leerkracht", "praise")]


def test_once_a_conversation_held_once_is_over_a_later_talk_with_that_parent_is_a_talk_of_its_own():
    """Peter's IB'er holds the talk with mother once (no `again_after`): after it ended, the engine points
    to "Gesprek met de ouders" for a new talk, and that talk counts as any talk does."""
    s = session("peter", "ib", at=2 * WEEK)
    say(s, "ib", "gesprek_moeder", "koetjes_kalfjes")
    s.advance(3 * WEEK)
    assert s.act("ib", {"do": "talk_parents", "child": "peter", "purpose": "concern"}).ok
    assert child_progress(s, "ib", "peter").done["talk"] == 3 * WEEK


def test_while_mother_can_still_be_talked_with_in_the_conversation_a_one_click_talk_is_no_step_three():
    s = session("peter", "ib", at=2 * WEEK)
    assert s.act("ib", {"do": "talk_parents", "child": "peter", "purpose": "concern"}).ok
    assert child_progress(s, "ib", "peter").done["talk"] is None


def test_the_postbox_does_not_say_the_worry_was_discussed_when_the_conversation_decides():
    s = session("pietersdam", "leerkracht")
    assert s.act("leerkracht", {"do": "talk_parents", "child": "kevin", "purpose": "concern"}).ok
    said = [m["text"]["nl"] for m in s.view("leerkracht").inbox if m["kind"] == "talk_parents"][-1]
    assert "besproken" not in said and "Gesprek met moeder over Kevin" in said


def _kevin_talk_findings(s):
    from scoring import score_log

    s.finish()
    return [(f.role, f.severity) for f in score_log(s.scenario, s.records).findings
            if f.rule == "T-expectation" and "Met Kevin zelf praten" in f.message["nl"]]


def test_a_promise_of_secrecy_later_in_the_talk_undoes_step_three_in_the_debrief_too():
    s = session("pietersdam", "leerkracht", at=2 * WEEK)
    say(s, "leerkracht", "gesprek_kevin", "rustig_vragen", "tussen_ons")  # worry named, then "stays between us"
    assert [discussed(k, 10) for k in client_talks(s, "leerkracht")["kevin"]] == ["secrecy"]
    assert ("leerkracht", "praise") not in _kevin_talk_findings(s)


def test_a_talk_with_kevin_that_explains_instead_of_promising_secrecy_is_praised():
    s = session("pietersdam", "leerkracht", at=2 * WEEK)
    say(s, "leerkracht", "gesprek_kevin", "rustig_vragen", "wat_wil_jij", "uitleggen")
    assert [discussed(k, 10) for k in client_talks(s, "leerkracht")["kevin"]] == [None]
    assert _kevin_talk_findings(s) == [("leerkracht", "praise")]
