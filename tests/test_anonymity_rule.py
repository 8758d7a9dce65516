"""When is an 'anonymous' consultation really anonymous? The rule of sim.anonymity, on the Pietersdam
family with a few extra marked facts.

Seed 003, 7 tips, tip 2: "Maar alleen de namen veranderen of weglaten is niet genoeg. Het gezin mag op
geen enkele manier te herleiden zijn." — and, for the one consulted: "Als je dat toch denkt te weten,
dan mag je niks met die informatie doen." Seed 000: "Anoniempje van 12…" in a small town."""

from __future__ import annotations

import pytest
from scoring_records import PIET

from sim.anonymity import PIECES_NEEDED, is_traceable, knows_family, trace, traceable_facts
from sim.model import Scenario

SOURCE = "seed 003, 7 tips, tip 2"


def _fact(fid: str, nl: str, about: list[str], narrows: list[str]) -> dict:
    return {"id": fid, "text": {"nl": nl, "en": nl}, "about": about, "narrows": narrows, "source": SOURCE}


EXTRA = [
    _fact("op_de_wending", "Kevin zit op SBO De Wending.", ["kevin"], ["school"]),
    _fact("in_groep_5", "Kevin zit in groep 5.", ["kevin"], ["class"]),
    _fact("tien_jaar", "Kevin is 10 jaar.", ["kevin"], ["age"]),
    _fact("op_school_bekend", "Iedereen op De Wending weet dat Kevin niet naar huis wil.", ["kevin"], ["school"]),
]
"""Facts the shipped file does not split this finely: the school, the class and the age on their own."""

HUISARTS = {"id": "huisarts", "kind": "huisarts", "playable": False, "organisation": {"nl": "Huisartsenpraktijk",
            "en": "GP practice"}, "briefing": {"nl": "Huisarts van het gezin.", "en": "The family's GP."},
            "clients": ["moeder", "kevin", "henk"]}
"""The family's own GP: its patients are the mother and both boys."""

ONBEKENDE_ARTS = {**HUISARTS, "id": "andere_huisarts", "clients": [],
                  "briefing": {"nl": "Een huisarts die het gezin niet kent.", "en": "A GP who does not know them."}}

SCHOOL_CLASS_RARE = ["op_de_wending", "in_groep_5", "moeder_praat_ernstige_zaken"]
"""School + class + a rare detail (an uncle who was murdered: seed 004 §1)."""


def _scenario(town: str) -> Scenario:
    data = PIET.model_dump(mode="json", by_alias=True)
    data["family"]["town"] = town
    data["facts"] += EXTRA
    data["roles"] += [HUISARTS, ONBEKENDE_ARTS]
    return Scenario.model_validate(data)


@pytest.mark.parametrize("town", ["medium", "large"])
def test_school_class_and_rare_detail_identify_a_family_in_a_city(town):
    """An IB'er asks an expert she does not know, 'anonymously', about a boy at SBO De Wending, in
    groep 5, whose mother talks with him about an uncle who was murdered. No name is said, yet in any
    city there is one such family (seed 003 tip 2: removing the name is not enough)."""
    sc = _scenario(town)
    assert traceable_facts(sc, SCHOOL_CLASS_RARE) == SCHOOL_CLASS_RARE
    for left_out in SCHOOL_CLASS_RARE:
        rest = [f for f in SCHOOL_CLASS_RARE if f != left_out]
        assert not is_traceable(sc, rest), f"two pieces stay anonymous in a {town} town: {rest}"


@pytest.mark.parametrize("town", ["small", "medium", "large"])
def test_one_generic_detail_stays_anonymous(town):
    """'A boy is very quiet and withdrawn' or 'a boy goes to a special primary school' narrows a town
    down to many families: asking an expert about it needs no consent (seed 003 tip 2: "Je mag als
    professional altijd aan een deskundige vragen wat hij of zij van een zaak vindt")."""
    sc = _scenario(town)
    assert not is_traceable(sc, ["kevin_stil"])
    assert not is_traceable(sc, ["kevin_stil", "kevin_schrikachtig", "rob_agressief_drank"]), \
        "unmarked details narrow nothing down"
    assert not is_traceable(sc, ["op_de_wending"])
    assert traceable_facts(sc, ["kevin_stil"]) == []


@pytest.mark.parametrize("town", ["small", "medium", "large"])
def test_a_name_or_address_alone_is_traceable_in_any_town(town):
    """`identifying` marks a direct identifier (name, address, BSN): told 'anonymously' it identifies
    the family on its own, anywhere, to anyone (seed 003 tip 2)."""
    sc = _scenario(town)
    assert traceable_facts(sc, ["kevin_stil", "kevin_identiteit"]) == ["kevin_identiteit"]


def test_a_small_town_needs_fewer_pieces():
    """"Anoniempje van 12" in a village (seed 000): the age and one known event are enough there, where
    a city needs a third piece."""
    pieces = ["tien_jaar", "politie_ruzie_melding"]
    assert is_traceable(_scenario("small"), pieces)
    assert not is_traceable(_scenario("medium"), pieces)
    assert PIECES_NEEDED["small"] < PIECES_NEEDED["medium"] <= PIECES_NEEDED["large"] == 3


def test_own_gp_recognises_the_family_from_less():
    """The smw consults a GP 'anonymously' about a boy at De Wending whose mother talks with him about
    a murdered uncle. A GP who does not know the family cannot tell who it is; the family's own GP
    can: "Als je dat toch denkt te weten, dan mag je niks met die informatie doen" (seed 003 tip 2) —
    the smw should not have put the GP in that position."""
    sc = _scenario("medium")
    told = ["op_de_wending", "moeder_praat_ernstige_zaken"]
    assert not is_traceable(sc, told, "andere_huisarts")
    assert is_traceable(sc, told, "huisarts")
    own = trace(sc, told, "huisarts")
    assert own.recognises and own.needed == PIECES_NEEDED["medium"] - 1
    assert not is_traceable(sc, ["op_de_wending"], "huisarts"), "one piece stays anonymous, also for the own GP"


def test_a_recipient_recognises_what_it_already_knows():
    """The leerkracht consults the smw of her own school 'anonymously' about a quiet boy who is jumpy
    and does not want to go home. The smw already knows both things about Kevin: no name is needed to
    know who is meant. A colleague who knows nothing of the family hears only generic details."""
    sc = _scenario("large")
    told = ["kevin_stil", "kevin_schrikachtig"]
    assert is_traceable(sc, told, "wijkteam", known={"kevin_stil", "kevin_schrikachtig"})
    assert not is_traceable(sc, told, "wijkteam", known=())
    assert knows_family(sc, "wijkteam", {"henk_verzuim"}), "knowing anything about the family counts"
    assert not knows_family(sc, "wijkteam", ())
    assert knows_family(sc, "smw", ()), "the smw has Kevin and his mother as clients"


def test_telling_the_same_trait_twice_narrows_no_further():
    """Two remarks about the school are still one piece (the school); two rare details or two known
    events are two pieces: each points at the family on its own way."""
    sc = _scenario("medium")
    assert not is_traceable(sc, ["op_de_wending", "op_school_bekend", "in_groep_5"])
    assert trace(sc, ["op_de_wending", "op_school_bekend"]).pieces == ("school",)
    assert is_traceable(sc, ["burenmelding_geschreeuw", "politie_ruzie_melding", "moeder_praat_ernstige_zaken"])


def test_a_scenario_without_marks_stays_valid_and_only_names_trace():
    """Old scenario files have no `narrows`: they load unchanged, and then only `identifying` facts
    make a consult traceable — whatever town (the default keeps old files valid)."""
    data = PIET.model_dump(mode="json", by_alias=True)
    for fact in data["facts"]:
        fact.pop("narrows", None)
    data["family"]["town"] = "small"
    sc = Scenario.model_validate(data)
    assert all(f.narrows == [] for f in sc.facts)
    assert not is_traceable(sc, [f.id for f in sc.facts if not f.identifying])
    assert is_traceable(sc, ["kevin_identiteit"])


def test_facts_the_scenario_does_not_know_are_ignored():
    """An id that is no fact of the scenario points at nobody (the action contract checks ids)."""
    assert traceable_facts(_scenario("small"), ["geen_feit"]) == []
