"""'Anonymous' consultations in play: the engine (who learns what) and the judge (P-anonymous) ask the
same question of sim.anonymity, with the recipient and what it knew at that moment.

Seed 003, 7 tips, tip 2: "Het gezin mag op geen enkele manier te herleiden zijn. … Als je dat toch denkt
te weten, dan mag je niks met die informatie doen." Seed 003, 9 vragen, vraag 4: "Heb je gebeld voor
een adviesgesprek, dan hoor je uiteraard niks meer, want dat was anoniem." """

from __future__ import annotations

from pathlib import Path

import pytest
from scoring_records import act, learn, verdicts

from scoring import score_log
from sim import Session, load_scenario, resolve_scenario
from sim.runner import play, resolve_policy

ROOT = Path(__file__).resolve().parent.parent
D = 24.0
HOUSEHOLD_AND_PLACE = ["ouders_gescheiden", "gezin_geisoleerd"]
"""Divorced parents, two sons, and a tidy terraced house in a declining working-class street: two
pieces (household, place) — anonymous for a stranger in a medium town, not for who knows the family."""


def _consult(pietersdam, to, facts, players=("smw", "wijkteam", "ggz")):
    session = Session(pietersdam, seed=1, players=list(players))
    for fact in facts:
        session.learn("smw", fact, "start")
    session.advance(D)
    assert session.act("smw", {"do": "consult_anonymous", "to": to, "facts": facts}).ok
    session.finish()
    return session, [f for f in score_log(pietersdam, session.records).findings if f.rule == "P-anonymous"]


def test_a_truly_anonymous_consult_teaches_the_recipient_nothing_about_the_family(pietersdam):
    """The smw asks the wijkteam, which does not know the Pietersdams, 'anonymously' about a divorced
    mother with two sons in a declining street: the wijkteam cannot tell who it is, learns no fact of
    the family, and the smw is praised for consulting truly anonymously (tip 2)."""
    session, found = _consult(pietersdam, "wijkteam", HOUSEHOLD_AND_PLACE)
    assert not any(session.view("wijkteam").knows(f) for f in HOUSEHOLD_AND_PLACE)
    assert [f.severity for f in found] == ["praise"]


def test_the_familys_own_care_provider_recognises_the_family_from_the_same_details(pietersdam):
    """The same two details told to the GGZ, which treats the mother: it recognises its own client, so
    the family is traceable — the GGZ now knows (and may do nothing with it, tip 2), and the judge
    calls the consult not anonymous."""
    session, found = _consult(pietersdam, "ggz", HOUSEHOLD_AND_PLACE)
    assert all(session.view("ggz").knows(f) for f in HOUSEHOLD_AND_PLACE)
    assert [f.severity for f in found] == ["violation"]
    assert "rijtjeshuis" in found[0].message["nl"], "the finding names what pointed at the family"


def test_the_judge_counts_what_the_recipient_knew_before_the_consult():
    """The leerkracht consults the wijkteam 'anonymously' about a quiet boy who is jumpy and does not
    want to go home. Had Kevin's worries been shared with the wijkteam before, it knows who is meant
    (traceable); learning them only afterwards changes nothing about the consult."""
    consult = act(10 * D, "leerkracht", do="consult_anonymous", to="wijkteam",
                  facts=["kevin_stil", "kevin_schrikachtig"])
    knew_before = [learn(5 * D, "wijkteam", "kevin_stil"), learn(5 * D, "wijkteam", "kevin_schrikachtig")]
    knew_after = [learn(11 * D, "wijkteam", "kevin_stil"), learn(11 * D, "wijkteam", "kevin_schrikachtig")]
    assert verdicts([*knew_before, consult], "P-anonymous") == [False]
    assert verdicts([consult, *knew_after], "P-anonymous") == [True]
    assert verdicts([consult], "P-anonymous") == [True]


def test_anonymous_advice_from_veilig_thuis_with_a_name_is_not_anonymous():
    """An 'anonymous' advice call to Veilig Thuis that names Kevin, his age, class and school is no
    advice call but a report without the Meldcode's care (seed 003, 9 vragen, vraag 4; tip 2)."""
    call = act(10 * D, "smw", do="advice_veilig_thuis", anonymous=True, facts=["kevin_stil", "kevin_identiteit"])
    assert verdicts([call], "P-anonymous") == [False]
    call = act(10 * D, "smw", do="advice_veilig_thuis", anonymous=True, facts=["kevin_stil", "rob_agressief_drank"])
    assert verdicts([call], "P-anonymous") == [True]


FAMILIES = [("pietersdam", "expert"), ("peter", "expert"), ("lisanne_lars", "expert"),
            (str(ROOT / "docs/examples/familie_vos.yaml"), str(ROOT / "docs/examples/policies/familie_vos_expert.yaml"))]


@pytest.mark.parametrize(("family", "policy"), FAMILIES)
def test_an_expert_anonymous_consult_is_really_anonymous(family, policy):
    """Every anonymous consult and advice call the expert teams make stays untraceable, and no
    recipient learns a fact of the family through it (tip 2; vraag 4: no feedback after anonymous advice)."""
    scenario = load_scenario(resolve_scenario(family))
    session, refused = play(scenario, resolve_policy(scenario, policy), 1)
    assert not refused
    found = [f for f in score_log(scenario, session.records).findings if f.rule == "P-anonymous"]
    assert all(f.severity == "praise" for f in found), [f.message["nl"] for f in found]
    assert not [r for r in session.records if r.get("type") == "learn" and r.get("via") == "consult_anonymous"]
