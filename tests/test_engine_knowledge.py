"""Knowledge is per role (issue 3): a role knows a fact only after observing it, being told, or
receiving it through a share, a meeting, a VIR match or a report — and its view shows nothing else."""

from __future__ import annotations

from sim import Session


def _all_visible_fact_ids(view) -> set[str]:
    ids = {f.id for f in view.dossier}
    for item in view.inbox:
        ids.update(item["facts"])
    return ids


def test_a_role_starts_knowing_only_its_own_facts(session):
    assert {f.id for f in session.view("ib").dossier} == {"anna_moe"}
    assert {f.id for f in session.view("wijkagent").dossier} == {"ruzie"}
    assert session.view("wijkteam").dossier == []


def test_the_police_fact_stays_with_the_police_until_shared(session):
    session.advance(24 * 10)
    for role in ("ib", "wijkteam", "ggz"):
        assert "ruzie" not in _all_visible_fact_ids(session.view(role))
    assert session.act("wijkagent", {"do": "share", "to": "wijkteam", "facts": ["ruzie"], "basis": "meldcode"}).ok
    assert session.view("wijkteam").knows("ruzie")
    assert not session.view("ib").knows("ruzie")


def test_a_view_never_contains_a_fact_the_role_did_not_learn(mini):
    s = Session(mini, seed=11)
    s.advance(24 * 9)
    s.act("ib", {"do": "talk_child", "child": "anna", "purpose": "concern"})
    s.act("ib", {"do": "share", "to": "wijkteam", "facts": ["anna_bang"], "basis": "consent"})
    s.finish()
    learned = {}
    for rec in s.records:
        if rec.get("type") == "learn":
            learned.setdefault(rec["role"], set()).add(rec["fact"])
    for role in (r.id for r in mini.roles):
        assert _all_visible_fact_ids(s.view(role)) <= learned.get(role, set())


def test_observing_reveals_what_an_event_shows_only_to_its_observers(session):
    session.advance(24 * 7)
    assert session.view("ib").knows("anna_bang")
    assert not session.view("wijkteam").knows("anna_bang")


def test_talking_with_the_child_reveals_what_she_tells(mini):
    s = Session(mini, seed=1)
    assert not s.view("ib").knows("anna_bang")
    s.act("ib", {"do": "talk_child", "child": "anna", "purpose": "concern"})
    assert s.view("ib").knows("anna_bang")
    learned = next(f for f in s.view("ib").dossier if f.id == "anna_bang")
    assert learned.via == "told" and learned.source == "anna"


def test_a_meeting_shares_what_participants_bring_but_secrecy_holds_without_consent(mini):
    s = Session(mini, seed=1)
    s.act("wijkteam", {"do": "case_meeting", "kind": "mdo", "child": "anna", "invite": ["ib", "ggz"],
                       "basis": "consent"})
    s.advance(s.now + 24 * 8)  # planned days ahead, held on a working day
    assert s.view("wijkteam").knows("anna_moe")
    assert not s.view("wijkteam").knows("mam_ggz"), "GGZ keeps its professional secret without consent"


def test_an_anonymous_consult_that_names_the_child_is_not_anonymous(mini):
    s = Session(mini, seed=1)
    s.learn("ib", "anna_naam", "start")  # the IB'er knows Anna's name and class
    s.act("ib", {"do": "consult_anonymous", "to": "wijkteam", "facts": ["anna_moe", "anna_naam"]})
    assert s.view("wijkteam").knows("anna_moe"), "a name is traceable: the recipient learns what was told"
