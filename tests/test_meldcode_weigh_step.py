"""Meldcode stap 4, weighing, needs something to weigh (issue 17 review, item 6): a written weighing on a
routine step counts as the Meldcode's weighing only once the role knows a safety signal about the child
(step 1; domain.md §4 "Weigh: is there a suspicion? Is there acute or structural unsafety?"). Before that
it is privacy care on a share (seed 003, 7 tips: "afwegingen vastleggen"), not Meldcode stap 4."""

from __future__ import annotations

from sim import MemoryLog, Session, load_scenario, resolve_scenario

NOTE = "Kevin is erg stil; alleen dit feit aan de smw."


def pietersdam() -> Session:
    s = Session(load_scenario(resolve_scenario("pietersdam")), 1, players={"leerkracht"}, log=MemoryLog())
    s.advance(24)
    return s


def share(s: Session, **extra) -> None:
    result = s.act("leerkracht", {"do": "share", "to": "smw", "facts": ["kevin_stil"], "child": "kevin",
                                  "basis": "meldcode", "considerations": NOTE, **extra})
    assert result.ok, result.reason


def test_a_weighing_on_a_routine_share_before_any_safety_signal_is_not_step_four():
    s = pietersdam()
    share(s)
    assert s.view("leerkracht").weigh_steps["kevin"] is None


def test_a_weighing_once_a_safety_signal_about_the_child_is_known_is_step_four():
    s = pietersdam()
    s.learn("leerkracht", "kevin_schrikachtig", "observed", None)
    share(s)
    assert s.view("leerkracht").weigh_steps["kevin"] == 24


def test_a_safety_signal_about_the_household_counts_for_each_child_it_names():
    s = pietersdam()
    s.learn("leerkracht", "politie_ruzie_melding", "told", None)  # about mother, Rob and Kevin
    share(s)
    weighed = s.view("leerkracht").weigh_steps
    assert weighed["kevin"] == 24 and weighed["henk"] is None
