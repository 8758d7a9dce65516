"""The Meldcode tracker (issue 17, item 7): for each child, where the player's role stands in the five
steps — from its own dossier and its own actions only (no hidden facts)."""

from __future__ import annotations

from sim import MemoryLog, Session, load_scenario, resolve_scenario
from ui.tracker import STEPS, progress


def _session(role="leerkracht"):
    sc = load_scenario(resolve_scenario("pietersdam"))
    return Session(sc, 1, players={role}, log=MemoryLog())


def test_a_teacher_who_knows_signals_has_mapped_them_and_nothing_more():
    s = _session()
    kevin = next(p for p in progress(s.view("leerkracht")) if p.child == "kevin")
    assert kevin.done["signals"] == 0.0
    assert all(kevin.done[step] is None for step in STEPS[1:])
    assert kevin.next_step() == "consult"


def test_each_step_is_marked_when_the_role_takes_it_for_that_child():
    s = _session()
    s.advance(24.0)
    assert s.act("leerkracht", {"do": "consult_colleague", "child": "kevin"}).ok
    s.advance(48.0)
    # with the father (the scenario's conversation with choices is the teacher's talk with mother)
    assert s.act("leerkracht", {"do": "talk_parents", "child": "kevin", "person": "vader", "purpose": "concern"}).ok
    kevin = next(p for p in progress(s.view("leerkracht")) if p.child == "kevin")
    assert kevin.done["consult"] == 24.0 and kevin.done["talk"] == 48.0
    assert kevin.done["weigh"] is None and kevin.next_step() == "weigh"
    henk = next(p for p in progress(s.view("leerkracht")) if p.child == "henk")
    assert henk.done["consult"] is None, "a step about Kevin is not a step about Henk"


def test_a_report_is_a_decision():
    s = _session()
    fact = next(f.id for f in s.view("leerkracht").dossier if "kevin" in f.about and f.sensitivity != "identity")
    assert s.act("leerkracht", {"do": "report_veilig_thuis", "child": "kevin", "facts": [fact]}).ok
    kevin = next(p for p in progress(s.view("leerkracht")) if p.child == "kevin")
    assert kevin.done["decide"] == 0.0


def test_background_about_the_whole_family_is_no_signal_about_the_brother():
    """Kevin's teacher knows of the divorce (about Kevin, Henk and both parents) from day 1: that maps no
    signal about Henk (review of issue 17: "Henk — 1. signalen in kaart: dag 1" on the divorce alone)."""
    s = _session()
    view = s.view("leerkracht")
    assert view.knows("ouders_gescheiden")
    henk = next(p for p in progress(view) if p.child == "henk")
    assert henk.done["signals"] is None
