"""A Verwijsindex match is a start: who has a match contacts the other professional involved, with the
family's consent or on the exceptions the seed names (seed 003, VIR: "Als er contact tot stand is
gekomen, kunnen die professionals met elkaar én met de ouders in gesprek gaan"; consent for substantive
consultation, except goed hulpverlenerschap and conflict van plichten — then the Meldcode). Acting on
the match earns a positive finding."""

from __future__ import annotations

from tests.scoring_records import act, consent, end, findings

MATCH = {"type": "vir", "t": 50.0, "kind": "match", "child": "kevin", "roles": ["smw", "wijkagent"],
         "regisseur": "wijkteam"}


def test_acting_on_a_vir_match_with_a_basis_is_praised():
    """After the match the wijkagent shares the call-out with the smw on the Meldcode's basis."""
    records = [MATCH, act(60.0, "wijkagent", do="share", to="smw", facts=["politie_ruzie_melding"],
                          basis="meldcode", child="kevin"), end()]
    found = findings(records, "F-vir-match-used")
    assert [f["severity"] for f in found] == ["praise"]
    assert found[0]["role"] == "wijkagent" and "Kevin" in found[0]["message"]["nl"]


def test_a_meeting_with_the_matched_professional_on_consent_is_praised():
    """Both parents consented to a meeting with the wijkagent; the smw invites the wijkagent she matched
    with to it (a consent naming nobody would not reach the police: seed 003, 7 tips, tip 3)."""
    named = {"about": "meeting", "share_with": ["wijkagent"]}
    records = [MATCH, {**consent(55.0, "kevin", "moeder"), **named}, {**consent(55.0, "kevin", "vader"), **named},
               act(60.0, "smw", do="case_meeting", kind="mdo", child="kevin", invite=["wijkagent"],
                   basis="consent"), end()]
    assert [f["severity"] for f in findings(records, "F-vir-match-used")] == ["praise"]


def test_contact_without_consent_or_basis_earns_nothing():
    records = [MATCH, act(60.0, "smw", do="request_info", **{"from": "wijkagent"}, child="kevin"), end()]
    assert findings(records, "F-vir-match-used") == []


def test_contact_with_someone_outside_the_match_earns_nothing():
    records = [MATCH, act(60.0, "smw", do="share", to="wijkteam", facts=["kevin_stil"], basis="meldcode",
                          child="kevin"), end()]
    assert findings(records, "F-vir-match-used") == []


def test_a_sibling_link_counts_as_a_match_for_both_children():
    """The VIR links worries about siblings (seed 003: "niet voor Lisanne, maar voor Lars")."""
    link = {"type": "vir", "t": 50.0, "kind": "family_link", "child": "henk", "sibling": "kevin",
            "roles": ["zorgcoordinator", "smw"]}
    records = [link, act(60.0, "zorgcoordinator", do="share", to="smw", facts=["henk_school_slecht"],
                         basis="meldcode", child="henk"), end()]
    assert [f["severity"] for f in findings(records, "F-vir-match-used")] == ["praise"]
