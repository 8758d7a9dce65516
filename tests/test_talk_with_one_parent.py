"""A talk with one parent informs that parent only (issue 17 review, item 2). Before sharing about a
child under 12, every parent with gezag is told (seed 003, 7 tips: "cliënt vooraf informeren" and "Let op
de leeftijd"). A conversation held with mother alone, or a talk action that names one parent, is a talk
with her: it never tells the father, who has gezag too (Kevin: gezag moeder en vader)."""

from __future__ import annotations

from scoring_records import act, verdicts

from sim import MemoryLog, Session, load_scenario, resolve_scenario

WEEK = 24 * 7


def pietersdam(role: str = "leerkracht", at: float = 3 * WEEK + 24) -> Session:
    s = Session(load_scenario(resolve_scenario("pietersdam")), 1, players={role}, log=MemoryLog())
    s.advance(at)
    return s


def test_a_talk_with_the_mother_alone_does_not_inform_the_father():
    s = pietersdam()
    assert s.act("leerkracht", {"do": "converse", "conversation": "gesprek_moeder", "choice": "zorg_benoemen"}).ok
    view = s.view("leerkracht")
    assert [k["with"] for k in view.family_talks["kevin"]] == [["moeder"]]
    assert view.not_yet_informed["kevin"]["report"] == ["vader"]


def test_a_talk_action_naming_one_parent_is_a_talk_with_that_parent_only():
    s = pietersdam()
    result = s.act("leerkracht", {"do": "talk_parents", "child": "kevin", "person": "vader", "purpose": "inform"})
    assert result.ok, result.reason
    view = s.view("leerkracht")
    assert [k["with"] for k in view.family_talks["kevin"]] == [["vader"]]
    assert view.not_yet_informed["kevin"]["share"] == ["moeder"]
    said = [m["text"]["nl"] for m in view.inbox if m["kind"] == "talk_parents"][-1]
    assert "Vader Pietersdam" in said and "Moeder" not in said


def test_a_talk_without_a_person_is_with_both_parents_with_gezag():
    s = pietersdam()
    assert s.act("leerkracht", {"do": "talk_parents", "child": "kevin", "purpose": "inform"}).ok
    assert s.view("leerkracht").family_talks["kevin"][0]["with"] == ["moeder", "vader"]


def test_a_talk_with_someone_outside_the_family_is_refused():
    s = pietersdam()
    result = s.act("leerkracht", {"do": "talk_parents", "child": "kevin", "person": "buurvrouw", "purpose": "inform"})
    assert not result.ok


SHARE = {"do": "share", "to": "smw", "facts": ["kevin_schrikachtig"], "child": "kevin", "basis": "meldcode"}


def test_a_parent_must_be_informed_before_sharing_even_when_the_other_parent_was():
    mother_only = [act(5, "leerkracht", do="talk_parents", child="kevin", person="moeder", purpose="inform"),
                   act(10, "leerkracht", **SHARE)]
    assert verdicts(mother_only, "P-informed") == [False]
    both_alone = [act(4, "leerkracht", do="talk_parents", child="kevin", person="vader", purpose="inform"),
                  *mother_only]
    assert verdicts(both_alone, "P-informed") == [True]


def test_a_report_after_a_talk_with_mother_alone_was_not_discussed_with_the_father():
    report = {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_schrikachtig"]}
    mother_only = [act(5, "leerkracht", do="talk_parents", child="kevin", person="moeder", purpose="concern"),
                   act(10, "leerkracht", **report)]
    assert verdicts(mother_only, "P-report-parents") == [False]
    with_father = [act(6, "leerkracht", do="talk_parents", child="kevin", person="vader", purpose="inform",
                       about="report"), *mother_only]
    assert verdicts(with_father, "P-report-parents") == [True]
