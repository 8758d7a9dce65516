"""Where a scenario's content comes from (issue 16, item 6; issue 20, item 4): the shipped families cite
a seed passage or say honestly that something is their own addition; a trainer's family may cite its own
references, shown as written; reports never show a seed number to players."""

from __future__ import annotations

import re

import pytest

from scoring.rules import cite_for
from sim import load_scenario, resolve_scenario

SHIPPED = ("pietersdam", "peter", "lisanne_lars")
HONEST = re.compile(r"^(seed 00[0-4]\b|eigen toevoeging\b)")


def _sources(sc):
    yield "meta", sc.meta.sources
    for group in (sc.facts, sc.events, sc.interventions, sc.expectations):
        for item in group:
            yield item.id, [item.source]
    yield sc.incident.id, [sc.incident.source]
    for talk in sc.conversations:
        yield talk.id, [talk.source] + [node.source for node in talk.nodes if node.source]


@pytest.mark.parametrize("name", SHIPPED)
def test_a_shipped_family_cites_a_seed_or_says_it_is_its_own_addition(name):
    sc = load_scenario(resolve_scenario(name))
    wrong = [(where, s) for where, sources in _sources(sc) for s in sources if not HONEST.match(s)]
    assert wrong == []


def test_a_trainers_own_reference_is_shown_as_written():
    assert cite_for("Protocol Meldcode gemeente Dorp, §3") == {"nl": "Protocol Meldcode gemeente Dorp, §3",
                                                               "en": "Protocol Meldcode gemeente Dorp, §3"}


def test_a_seed_reference_is_shown_as_its_public_title_never_as_a_seed_number():
    cite = cite_for("seed 004 §1")
    assert "seed" not in cite["nl"] and "Jeugdketens" in cite["nl"]
