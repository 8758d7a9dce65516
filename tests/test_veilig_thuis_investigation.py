"""During an investigation Veilig Thuis asks the professionals around the family — after telling the
parents about the report and whom it will ask — and a GP (or another secrecy-bound professional) may
answer after discussing it with the parents and with a child of 12 or older (seed 003, 9 vragen,
vraag 3 and 6: "Dat gebeurt pas nadat we de ouders geïnformeerd hebben over de melding en verteld
hebben wie we gaan benaderen"; "Voordat hij informatie geeft, moet de huisarts dat wel bespreken met de
ouders en kinderen, als die ouder zijn dan 12 jaar")."""

from __future__ import annotations

from scoring import score_log
from sim import Session

D = 24.0


def _reported(pietersdam, players, child="kevin", facts=("kevin_stil",)):
    session = Session(pietersdam, seed=1, players=players)
    session.advance(D)
    assert session.act("smw", {"do": "report_veilig_thuis", "child": child, "facts": list(facts),
                               "urgent": True}).ok
    return session


def _types(session, *types):
    return [r for r in session.records if r.get("type") in types]


def test_veilig_thuis_informs_the_parents_before_it_asks_professionals(pietersdam):
    """The investigation names the parents it told and whom it will ask; the requests come after."""
    session = _reported(pietersdam, ["smw"])
    session.advance(6 * D)
    investigation = _types(session, "vt_investigation")
    requests = _types(session, "vt_request")
    assert investigation and requests
    assert investigation[0]["parents_informed"] == ["moeder", "vader"]
    assert {"ggz", "leerkracht"} <= set(investigation[0]["asks"]) and "smw" not in investigation[0]["asks"]
    assert all(r["t"] > investigation[0]["t"] for r in requests)


def test_a_computer_played_professional_answers_veilig_thuis_after_talking_with_the_parents(pietersdam):
    """The GGZ of mother (the GP of vraag 6 in this family) tells the parents, then shares only what Veilig
    Thuis needs, on the Meldcode's basis."""
    session = _reported(pietersdam, ["smw"])
    session.advance(8 * D)
    ggz = [r for r in _types(session, "action") if r["role"] == "ggz" and r["by"] == "npc"]
    assert [r["action"]["do"] for r in ggz] == ["talk_parents", "share"]
    share = ggz[-1]["action"]
    assert share["to"] == "veilig_thuis" and share["basis"] == "meldcode"
    assert ggz[0]["t"] <= ggz[1]["t"]
    assert session.world.knows("veilig_thuis", "moeder_medicijnverslaving")


def test_the_child_of_14_is_part_of_the_talk_before_answering(pietersdam):
    """Henk is 14: a computer-played professional talks with him too before answering about him."""
    session = _reported(pietersdam, ["smw"], child="henk", facts=("ouders_gescheiden",))
    session.advance(8 * D)
    npc_steps = [(r["role"], r["action"]["do"]) for r in _types(session, "action") if r["by"] == "npc"
                 and r["action"].get("child") == "henk"]
    answering = {role for role, do in npc_steps if do == "share"}
    assert answering, "someone answers about Henk"
    for role in answering:
        assert (role, "talk_child") in npc_steps and (role, "talk_parents") in npc_steps


def test_a_player_gets_the_request_and_is_not_obliged_to_answer(pietersdam):
    """A person playing the GGZ reads Veilig Thuis's request, which says whom to discuss it with; not
    answering is their own weighing and no finding."""
    session = _reported(pietersdam, ["smw", "ggz"])
    session.advance(8 * D)
    asked = [m for m in session.view("ggz").inbox if m["kind"] == "vt_request"]
    assert asked and "Moeder Pietersdam" in asked[0]["text"]["nl"] and "niet verplicht" in asked[0]["text"]["nl"]
    session.finish()
    assert not [f for f in score_log(pietersdam, session.records).findings if f.rule == "P-vt-answer-discussed"]


def _answer(pietersdam, talk_before_request=False, talk_after_request=False, rule="P-vt-answer-discussed"):
    session = Session(pietersdam, seed=1, players=["smw", "ggz"])
    session.advance(D)
    if talk_before_request:  # e.g. telling mother weeks earlier that information may be shared
        assert session.act("ggz", {"do": "talk_parents", "child": "kevin", "purpose": "inform"}).ok
    assert session.act("smw", {"do": "report_veilig_thuis", "child": "kevin", "facts": ["kevin_stil"],
                               "urgent": True}).ok
    session.advance(5 * D)
    assert _types(session, "vt_request")
    if talk_after_request:
        assert session.act("ggz", {"do": "talk_parents", "child": "kevin", "purpose": "inform"}).ok
    assert session.act("ggz", {"do": "share", "to": "veilig_thuis", "facts": ["moeder_medicijnverslaving"],
                               "basis": "meldcode", "child": "kevin"}).ok
    session.finish()
    return [f for f in score_log(pietersdam, session.records).findings if f.rule == rule and f.role == "ggz"]


def test_answering_veilig_thuis_after_discussing_it_with_the_parents_is_right(pietersdam):
    found = _answer(pietersdam, talk_after_request=True)
    assert [f.severity for f in found] == ["praise"] and found[0].role == "ggz"


def test_answering_veilig_thuis_without_discussing_this_answer_is_a_finding(pietersdam):
    """The GGZ had told the parents long before that information may be shared, but did not discuss
    what Veilig Thuis asked before answering: the general rule is met, vraag 6 is not."""
    found = _answer(pietersdam, talk_before_request=True)
    assert [f.severity for f in found] == ["warning"]
    assert "Moeder Pietersdam" in found[0].message["nl"] and "Vader Pietersdam" in found[0].message["nl"]
    assert [f.severity for f in _answer(pietersdam, talk_before_request=True, rule="P-informed")] == ["praise"]


def test_answering_veilig_thuis_behind_the_parents_back_is_one_finding_not_two(pietersdam):
    """Never having told the family at all is P-informed's finding; vraag 6's rule does not add a second."""
    assert [f.severity for f in _answer(pietersdam, rule="P-informed")] == ["warning"]
    assert _answer(pietersdam) == []
