"""A consult gives advice on what was told (issue 17, item 6; Meldcode stappen, domain.md §4; seed 003)."""

from importlib import resources

import pytest

from sim.advice import advice_keys
from sim.engine import Session
from sim.loader import load_scenario
from sim.log import MemoryLog


@pytest.fixture(scope="module")
def pietersdam():
    return load_scenario(str(resources.files("scenarios") / "pietersdam.yaml"))


def _keys(sc, done=(), role="leerkracht", child="kevin", facts=(), adviser="colleague"):
    return [k for k, _ in advice_keys(sc, list(done), role, child, list(facts), adviser)]


def test_a_consult_without_signals_is_told_to_map_them_first(pietersdam):
    assert _keys(pietersdam, facts=["kevin_identiteit"]) == ["no_signals"]


def test_signals_of_unsafety_lead_to_veilig_thuis_advice(pietersdam):
    assert "unsafe" in _keys(pietersdam, facts=["kevin_schrikachtig"])


def test_veilig_thuis_says_acute_or_structural_unsafety_is_always_reported(pietersdam):
    keys = _keys(pietersdam, facts=["kevin_schrikachtig"], adviser="veilig_thuis")
    assert "vt_unsafe" in keys and "unsafe" not in keys


def test_a_worry_without_unsafety_points_to_the_verwijsindex(pietersdam):
    assert "worry_vir" in _keys(pietersdam, facts=["kevin_stil"])


def test_a_14_year_old_must_consent_too(pietersdam):
    assert "child_consents" in _keys(pietersdam, child="henk", facts=["kevin_stil"])


def test_a_10_year_old_is_talked_with_and_promised_no_secrecy(pietersdam):
    keys = _keys(pietersdam, facts=["kevin_stil"])
    assert "talk_child" in keys and "child_consents" not in keys


def test_advice_follows_what_the_role_already_did(pietersdam):
    s = Session(pietersdam, 1, players={"leerkracht"}, log=MemoryLog())
    s.advance(3 * 7 * 24)
    assert s.act("leerkracht", {"do": "talk_parents", "child": "kevin", "purpose": "concern"}).ok
    assert s.act("leerkracht", {"do": "vir_register", "child": "kevin"}).ok
    keys = _keys(pietersdam, done=s.world.done, facts=["kevin_stil"])
    assert "talk_parents" not in keys and "worry_vir" not in keys


def test_the_colleague_answers_in_the_inbox_in_both_languages(pietersdam):
    s = Session(pietersdam, 1, players={"leerkracht"}, log=MemoryLog())
    s.advance(3 * 7 * 24)
    known = [f for f in s.world.knowledge["leerkracht"] if f == "kevin_stil"]
    assert s.act("leerkracht", {"do": "consult_colleague", "child": "kevin", "facts": known}).ok
    said = s.world.inbox["leerkracht"][-1].text
    assert "Verwijsindex" in said.nl and "Verwijsindex" in said.en
    assert "Kevin" in said.nl and "10" in said.en
