"""Consent is for a purpose and a recipient, not per child (issue 15, item 4; seed 003, 7 tips, tip 6
and 7; domain.md §6). A talk asking consent says what it is about (`about`) and for whom
(`share_with`); the consent record and the ledger keep both. A holder under professional secrecy gives
secret facts only on consent for this request and requester, and nothing outside the requester's task.
A consent in general (old logs: no subject, nobody named) still covers what it covered before, except
breaking professional secrecy, which needs consent for this recipient."""

from scoring.ledger import Ledger
from sim.engine import Session
from tests.scoring_records import PIET, act, consent, verdicts

SHARE_GGZ = {"do": "share", "to": "ggz", "facts": ["kevin_weinig_vriendjes"], "child": "kevin", "basis": "consent"}


def _consent_for(t, about, share_with, person, given=True):
    return {**consent(t, "kevin", person, given), "about": about, "share_with": share_with}


def test_consent_is_recorded_per_purpose_and_recipient(mini):
    """Asking consent for sharing with the neighbourhood team: the record says what and for whom, and the
    ledger counts it only for that purpose and recipient."""
    s = Session(mini, seed=1, players={"ib", "wijkteam"})
    s.advance(24 * 15)
    assert s.act("ib", {"do": "talk_parents", "child": "anna", "purpose": "consent", "about": "share",
                        "share_with": ["wijkteam"]}).ok
    rec = [r for r in s.records if r.get("type") == "consent"][-1]
    assert rec["about"] == "share" and rec["share_with"] == ["wijkteam"] and rec["given"] is True
    ledger = Ledger(mini)
    for r in s.records:
        ledger.feed(r)
    assert ledger.consent_given("anna", "wijkteam", "share") == {"mam"}
    assert ledger.consent_given("anna", "ggz", "share") == set()
    assert ledger.consent_given("anna", "wijkteam", "meeting") == set()


def test_consent_for_a_meeting_does_not_cover_a_share_with_the_ggz():
    """The parents consented to a case meeting with the neighbourhood team; the school social worker then
    shares with the GGZ 'on consent': that consent was for another purpose and recipient."""
    recs = [_consent_for(5, "meeting", ["wijkteam"], p) for p in ("moeder", "vader")]
    recs.append(act(10, "smw", **SHARE_GGZ))
    assert verdicts(recs, "P-consent-age") == [False]
    right = [_consent_for(5, "share", ["ggz"], p) for p in ("moeder", "vader")] + [act(10, "smw", **SHARE_GGZ)]
    assert verdicts(right, "P-consent-age") == [True]


def test_consent_in_general_still_covers_a_share_as_in_old_logs():
    """A log from before issue 15 (consent without subject or recipients) scores as it did."""
    recs = [consent(5, "kevin", p) for p in ("moeder", "vader")] + [act(10, "smw", **SHARE_GGZ)]
    assert verdicts(recs, "P-consent-age") == [True]


def test_breaking_professional_secrecy_needs_consent_for_this_recipient():
    """The GGZ shares mother's treatment on a consent in general: breaking its own secrecy needs consent
    naming the recipient (explicit consent is the starting point, seed 003 7 tips)."""
    share = {"do": "share", "to": "smw", "facts": ["moeder_ggz_behandeling"], "child": "kevin", "basis": "consent"}
    general = [consent(5, "kevin", p) for p in ("moeder", "vader")] + [act(10, "ggz", **share)]
    assert verdicts(general, "P-secrecy") == [False]
    named = [{**_consent_for(5, "share", ["smw"], p), "asked_by": "ggz"} for p in ("moeder", "vader")] \
        + [act(10, "ggz", **share)]
    assert verdicts(named, "P-secrecy") == [True]


def test_ggz_does_not_hand_over_secret_facts_on_consent_for_another_purpose(mini):
    """Mam consented to a case meeting; the neighbourhood team then asks the GGZ for information. The GGZ
    does not give its secret facts on consent for another purpose; with consent for this request it does."""
    s = Session(mini, seed=1, players={"wijkteam", "ib"})
    s.advance(24 * 15)
    s.act("wijkteam", {"do": "talk_parents", "child": "anna", "purpose": "consent", "about": "meeting",
                       "share_with": ["ib"]})
    s.act("wijkteam", {"do": "request_info", "from": "ggz", "child": "anna", "basis": "consent"})
    s.advance(s.now + 72)
    assert not s.view("wijkteam").knows("mam_ggz")
    assert any(m["kind"] == "request_refused" for m in s.view("wijkteam").inbox)
    s.act("wijkteam", {"do": "talk_parents", "child": "anna", "purpose": "consent", "about": "request",
                       "share_with": ["ggz"]})
    s.act("wijkteam", {"do": "request_info", "from": "ggz", "child": "anna", "basis": "consent"})
    s.advance(s.now + 72)
    assert s.view("wijkteam").knows("mam_ggz")


def test_the_holder_gives_nothing_outside_the_requesters_task(mini):
    """The IB'er asks the GGZ for mam's treatment, which its task does not need (tip 6): refused, even with
    consent for the request."""
    s = Session(mini, seed=1, players={"ib", "wijkteam"})
    s.advance(24 * 15)
    s.act("ib", {"do": "talk_parents", "child": "anna", "purpose": "consent", "about": "request", "share_with": ["ggz"]})
    s.act("ib", {"do": "request_info", "from": "ggz", "child": "anna", "facts": ["mam_ggz"], "basis": "consent"})
    s.advance(s.now + 72)
    assert not s.view("ib").knows("mam_ggz")
    assert any(m["kind"] == "request_outside_task" for m in s.view("ib").inbox)


def test_a_talk_without_subject_keeps_old_policies_valid():
    """Old policies and logs without `about` still load: the talk is in general."""
    from sim.actions import parse_action

    a = parse_action({"do": "talk_parents", "child": "kevin", "purpose": "consent"})
    assert a.about is None and "about" not in a.params()
    assert PIET.person_by_id["kevin"].age == 10


def test_in_lisanne_lars_the_ggz_gives_no_diagnosis_on_consent_for_a_meeting():
    """Lisanne en Lars (seed 003 VIR): mother consented to a meeting with the neighbourhood team; the
    team then asks the GGZ for information. Mother's treatment stays under professional secrecy until she
    consents to this request; even then the diagnosis, which nobody's task needs, is not handed over."""
    from sim import load_scenario, resolve_scenario

    sc = load_scenario(resolve_scenario("lisanne_lars"))
    s = Session(sc, seed=1, players={"ib_lisanne", "wijkteam"})
    s.advance(24 * 17)
    s.act("ib_lisanne", {"do": "vir_register", "child": "lisanne"})
    s.act("ib_lisanne", {"do": "talk_parents", "child": "lisanne", "purpose": "concern"})
    s.act("wijkteam", {"do": "talk_parents", "child": "lisanne", "purpose": "consent", "about": "meeting",
                       "share_with": ["ib_lisanne"]})
    assert s.world.consent["lisanne"]["moeder"] is True
    s.act("wijkteam", {"do": "request_info", "from": "ggz", "child": "lisanne", "basis": "consent"})
    s.advance(s.now + 72)
    assert not s.view("wijkteam").knows("moeder_in_therapie")
    s.act("wijkteam", {"do": "talk_parents", "child": "lisanne", "purpose": "consent", "about": "request",
                       "share_with": ["ggz"]})
    s.act("wijkteam", {"do": "request_info", "from": "ggz", "child": "lisanne", "basis": "consent",
                       "facts": ["moeder_in_therapie", "moeder_stemmingsstoornis"]})
    s.advance(s.now + 72)
    assert s.view("wijkteam").knows("moeder_in_therapie")
    assert not s.view("wijkteam").knows("moeder_stemmingsstoornis")
