"""The bystander effect as seed 003's VIR story tells it (issue 15, item 5).

Seed 003 VIR, Lisanne and Lars: "Ik ben niet betrokken bij de moeder, maar alleen bij Lisanne. Of: ik
ben er niet voor Lisanne, maar voor haar broer Lars. … Uiteindelijk gebeurt er dan helemaal niks."
Professionals who each know worries — not only safety signals — about children of one family, brothers
and sisters together, and none of whom acts: a finding for each of them."""

from __future__ import annotations

import json

from scoring_records import PIET, D, act, end, header, learn

from scoring import LiveScorer, score_log
from sim import load_scenario, resolve_scenario
from sim.runner import play, resolve_policy


def _bystander(records, players=None):
    head = header() if players is None else header(players)
    return [f for f in score_log(PIET, [head, *records]).as_json()["findings"] if f["rule"] == "F-bystander"]


WORRIES = [learn(0, "leerkracht", "kevin_stil"), learn(0, "zorgcoordinator", "henk_school_slecht")]
"""Kevin's teacher worries about Kevin, Henk's care coordinator about Henk: no safety signal, two
children, one family."""


def test_worries_about_siblings_left_alone_make_each_knower_a_bystander():
    """Kevin's teacher and Henk's care coordinator each know a worry about a child of the family and
    nobody does anything for the window (14 days): each of them gets a finding, naming the children."""
    fs = _bystander([*WORRIES, end(20 * D)])
    assert sorted((f["role"], f["severity"]) for f in fs) == [("leerkracht", "violation"),
                                                              ("zorgcoordinator", "violation")]
    assert all(f["t"] == 14 * D for f in fs)
    teacher = next(f for f in fs if f["role"] == "leerkracht")
    assert "Kevin" in teacher["message"]["nl"] and "zorgcoördinator" in teacher["message"]["nl"]
    assert "omstandereffect" in teacher["message"]["nl"]


def test_one_knower_who_acts_breaks_the_bystander_effect_and_is_praised():
    """The teacher consults a colleague on day 5: the bystander effect is broken; she is praised, the
    care coordinator gets no finding of this rule (her own inaction is judged by the other rules)."""
    fs = _bystander([*WORRIES, act(5 * D, "leerkracht", do="consult_colleague", child="kevin"), end(20 * D)])
    assert [(f["role"], f["severity"]) for f in fs] == [("leerkracht", "praise")]


def test_observing_alone_is_no_step_against_the_bystander_effect():
    """Looking more closely keeps the worry to oneself ("maar weet niet wat ze ermee aan moet")."""
    fs = _bystander([*WORRIES, act(5 * D, "leerkracht", do="observe", child="kevin"), end(20 * D)])
    assert sorted(f["severity"] for f in fs) == ["violation", "violation"]


def test_a_computer_partners_step_breaks_it_for_the_solo_player():
    """In solo play the care coordinator is a computer partner who registers Henk in the VIR: the
    family's worries were acted on, so the player is no bystander."""
    recs = [*WORRIES, act(3 * D, "zorgcoordinator", by="npc", do="vir_register", child="henk"), end(20 * D)]
    assert _bystander(recs, players=["leerkracht"]) == []
    assert [f["severity"] for f in _bystander([*WORRIES, end(20 * D)], players=["leerkracht"])] == ["violation"]


def test_lisanne_and_lars_their_ibers_are_both_bystanders_when_both_leave_it():
    """The seed's own story played by a passive team: Lisanne's IB'er and Lars's IB'er each worry, about
    a sister and a brother in two schools, and both leave it — a finding for each. The GGZ, which
    signalled in the VIR before the story began, is no bystander."""
    sc = load_scenario(resolve_scenario("lisanne_lars"))
    session, _ = play(sc, resolve_policy(sc, "passive"), 1)
    res = score_log(sc, [json.loads(line) for line in session.log.lines])
    fs = [f for f in res.as_json()["findings"] if f["rule"] == "F-bystander"]
    bad = {f["role"] for f in fs if f["severity"] == "violation"}
    assert {"ib_lisanne", "ib_lars"} <= bad
    assert "ggz" not in {f["role"] for f in fs}


def test_the_praise_for_breaking_the_bystander_effect_comes_when_the_step_is_taken():
    """Review of issue 17: the coach praised a step 14 days after it was taken (when the window closed)."""
    live = LiveScorer(PIET)
    for record in [header(), *WORRIES, act(5 * D, "leerkracht", do="consult_colleague", child="kevin")]:
        live.feed(record)
    praise = [f for f in live.result().as_json()["findings"] if f["rule"] == "F-bystander"]
    assert [(f["role"], f["severity"], f["t"]) for f in praise] == [("leerkracht", "praise", 5 * D)]
    live.close()


def test_a_step_after_keeping_the_worry_to_oneself_longer_than_the_window_breaks_no_bystander_effect():
    """Review of issue 17: the debrief praised breaking the bystander effect next to "deed 21 dagen niets".
    The teacher worried from day 0; the care coordinator only knew on day 18; the teacher's consult on day
    20 came after 20 days of silence (the silence rules say so): no praise — and no bystander fault either."""
    recs = [learn(0, "leerkracht", "kevin_stil"), learn(18 * D, "zorgcoordinator", "henk_school_slecht"),
            act(20 * D, "leerkracht", do="consult_colleague", child="kevin"), end(40 * D)]
    assert [f for f in _bystander(recs) if f["role"] == "leerkracht"] == []
    timely = [learn(0, "leerkracht", "kevin_stil"), learn(2 * D, "zorgcoordinator", "henk_school_slecht"),
              act(10 * D, "leerkracht", do="consult_colleague", child="kevin"), end(40 * D)]
    assert [f["severity"] for f in _bystander(timely) if f["role"] == "leerkracht"] == ["praise"]
