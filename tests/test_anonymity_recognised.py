"""A professional consulted 'anonymously' who still recognises the family may do nothing with that
knowledge (P-anonymous-recognised, scoring/units/anonymity.py). Seed 003, 7 tips, tip 2: "Je hoeft vaak
niet te weten over wie het gaat. Als je dat toch denkt te weten, dan mag je niks met die informatie
doen." """

from __future__ import annotations

from scoring import score_log
from sim import Session

D = 24.0
HOUSEHOLD_AND_PLACE = ["ouders_gescheiden", "gezin_geisoleerd"]


def _recognised(pietersdam, *later):
    """The smw consults the GGZ (which treats the mother) 'anonymously' with two details; the GGZ
    recognises the family. Then the `later` steps, as (role, action)."""
    session = Session(pietersdam, seed=1, players=["smw", "ggz", "wijkteam"])
    for fact in HOUSEHOLD_AND_PLACE:
        session.learn("smw", fact, "start")
    session.advance(D)
    assert session.act("smw", {"do": "consult_anonymous", "to": "ggz", "facts": HOUSEHOLD_AND_PLACE}).ok
    assert session.view("ggz").knows("gezin_geisoleerd"), "the GGZ recognised its client's family"
    for role, action in later:
        session.advance(session.now + 2 * D)
        assert session.act(role, action).ok, action
    session.finish()
    return [f for f in score_log(pietersdam, session.records).findings if f.rule == "P-anonymous-recognised"]


PASS_ON = ("ggz", {"do": "share", "to": "wijkteam", "facts": ["gezin_geisoleerd"], "child": "kevin",
                   "basis": "meldcode", "considerations": "Zorg over het gezin."})


def test_who_recognises_the_family_may_not_pass_on_what_it_heard_in_confidence(pietersdam):
    """The GGZ passes on to the wijkteam what it heard in the 'anonymous' consult: a violation for the
    GGZ, whatever basis it names — it should not use that knowledge at all (tip 2)."""
    found = _recognised(pietersdam, PASS_ON)
    assert [(f.severity, f.role) for f in found] == [("violation", "ggz")]
    assert "rijtjeshuis" in found[0].message["nl"] and "anoniem" in found[0].message["nl"]


def test_what_the_recipient_is_later_told_by_name_is_its_own_to_use(pietersdam):
    """If the smw afterwards shares the fact with the GGZ by name (with its own basis), the GGZ knows it
    the proper way and may act on it: no finding."""
    told = ("smw", {"do": "share", "to": "ggz", "facts": ["gezin_geisoleerd"], "child": "kevin",
                    "basis": "meldcode", "considerations": "Nodig voor de zorg aan moeder."})
    assert _recognised(pietersdam, told, PASS_ON) == []


def test_recognising_without_passing_anything_on_is_no_finding(pietersdam):
    """Recognising the family is not itself a fault of the recipient (the consulting smw gets
    P-anonymous); doing nothing with it earns no finding either way."""
    assert _recognised(pietersdam) == []
