"""A basis must fit the recipient and the purpose (issue 15, item 3): the bases table
(scoring/bases.yaml) is the answer key, never the basis a player claims. Proportionality and
subsidiarity are rules of their own. Seed 003, 7 tips (tip 1 grondslag, tip 2 and 4, beroepsgeheim);
seed 003 VIR (exceptions a: goed hulpverlenerschap, b: conflict van plichten)."""

from tests.scoring_records import GGZ_TO_POLICE, act, findings, learn, verdicts

DANGER = {"type": "risk", "t": 1.0, "level": 8.0, "delta": 3.0, "cause": "escalatie"}
"""The family's risk rises to where Veilig Thuis acts urgently: a safety signal learned after it is
acute or structural unsafety (scoring.ledger.Ledger.unsafe_known, the Meldcode's definition)."""

SAFETY_TO_POLICE = {"do": "share", "to": "wijkagent", "facts": ["rob_agressief_drank"], "child": "kevin"}


def test_meldcode_does_not_cover_passing_ggz_data_to_the_police():
    """The GGZ shares mother's treatment with the community police officer 'under the Meldcode'. The
    Meldcode gives the right to consult and to report to Veilig Thuis, not to pass treatment data to
    others (seed 003, 9 vragen, vraag 2; 7 tips, beroepsgeheim): a violation, and secrecy is broken."""
    recs = [act(10, "ggz", **GGZ_TO_POLICE, basis="meldcode")]
    fs = findings(recs, "P-basis-fit")
    assert [f["severity"] for f in fs] == ["violation"]
    assert "Meldcode" in fs[0]["message"]["nl"] and "stap 2" in fs[0]["cite"]["nl"]
    assert verdicts(recs, "P-secrecy") == [False]


def test_meldcode_covers_consulting_the_school_social_worker_and_reporting_to_veilig_thuis():
    """A teacher consults the school social worker about Kevin under the Meldcode (stap 2), and the
    GGZ passes its secret data to Veilig Thuis (stap 5, meldrecht): both fit."""
    recs = [act(10, "leerkracht", do="share", to="smw", facts=["kevin_schrikachtig"], child="kevin", basis="meldcode"),
            act(20, "ggz", **{**GGZ_TO_POLICE, "to": "veilig_thuis"}, basis="meldcode")]
    assert verdicts(recs, "P-basis-fit") == [True, True]


def test_conflict_of_duties_needs_danger_a_written_weighing_and_someone_who_can_act():
    """Conflict of duties only after a documented weighing, with danger known, towards who can end it
    (seed 003 VIR, exception b)."""
    no_weighing = [DANGER, learn(5, "smw", "rob_agressief_drank"), act(10, "smw", **SAFETY_TO_POLICE, basis="conflict_of_duties")]
    assert verdicts(no_weighing, "P-basis-fit") == [False]
    no_danger = [act(10, "smw", **{**SAFETY_TO_POLICE, "facts": ["kevin_weinig_vriendjes"]},
                     basis="conflict_of_duties", considerations="zwijgen schaadt Kevin")]
    assert verdicts(no_danger, "P-basis-fit") == [False]
    weighed = [DANGER, learn(5, "smw", "rob_agressief_drank"),
               act(10, "smw", **SAFETY_TO_POLICE, basis="conflict_of_duties", considerations="Rob dreigt; politie kan ingrijpen")]
    assert verdicts(weighed, "P-basis-fit") == [True]
    to_school = [DANGER, learn(5, "smw", "rob_agressief_drank"),
                 act(10, "smw", **{**SAFETY_TO_POLICE, "to": "zorgcoordinator"}, basis="conflict_of_duties",
                     considerations="weging")]
    assert verdicts(to_school, "P-basis-fit") == [False]


def test_goed_hulpverlenerschap_reaches_only_care_partners_in_this_childs_care():
    """Goed hulpverlenerschap: only direct care partners of this child (roles.yaml care: true, involved
    with the child). The youth worker helps Henk, not Kevin; the school is no care partner; the
    neighbourhood team that took the regie over Kevin is (seed 003 VIR, exception a)."""
    share = {"do": "share", "facts": ["kevin_schrikachtig"], "child": "kevin", "basis": "goed_hulpverlenerschap"}
    assert verdicts([act(10, "smw", **share, to="jongerenwerk")], "P-basis-fit") == [False]
    assert verdicts([act(10, "smw", **share, to="zorgcoordinator")], "P-basis-fit") == [False]
    recs = [act(5, "wijkteam", do="take_regie", child="kevin"), act(10, "smw", **share, to="wijkteam")]
    assert verdicts(recs, "P-basis-fit") == [True]


def test_a_teacher_asking_the_ggz_for_the_mothers_diagnosis_is_a_finding_even_after_a_talk():
    """Tip 6: ask only what your own task needs. A teacher talks with the parents, then asks the GGZ for
    the mother's treatment claiming goed hulpverlenerschap: outside her task, and the basis does not fit
    (a teacher is no care partner)."""
    recs = [act(5, "leerkracht", do="talk_parents", child="kevin", purpose="concern"),
            act(10, "leerkracht", do="request_info", **{"from": "ggz"}, child="kevin",
                facts=["moeder_ggz_behandeling"], basis="goed_hulpverlenerschap")]
    assert verdicts(recs, "P-request-task") == [False]
    assert verdicts(recs, "P-basis-fit") == [False]


def test_a_request_for_what_the_own_task_needs_is_praised():
    """The school social worker asks the police for what it needs for its own task (tip 6)."""
    recs = [act(10, "smw", do="request_info", **{"from": "wijkagent"}, child="kevin", facts=["rob_gevangenis"],
                basis="meldcode")]
    assert verdicts(recs, "P-request-task") == [True]


def test_proportionality_only_what_is_needed_to_end_the_danger():
    """On a conflict of duties only the safety signals go, not the family's other troubles (seed 003,
    7 tips: proportionaliteit)."""
    recs = [DANGER, learn(5, "smw", "rob_agressief_drank"),
            act(10, "smw", **{**SAFETY_TO_POLICE, "facts": ["rob_agressief_drank", "ouders_gescheiden"]},
                basis="conflict_of_duties", considerations="weging")]
    fs = findings(recs, "P-proportionality")
    assert [f["severity"] for f in fs] == ["violation"] and "gescheiden" in fs[0]["message"]["nl"]
    just = [DANGER, learn(5, "smw", "rob_agressief_drank"),
            act(10, "smw", **SAFETY_TO_POLICE, basis="conflict_of_duties", considerations="weging")]
    assert verdicts(just, "P-proportionality") == [True]


def test_subsidiarity_ask_consent_or_consult_anonymously_before_sharing_by_name():
    """The least intrusive way first (tip 2 and 4): before sharing by name without consent with another
    organisation, ask the client for consent or consult anonymously."""
    share = {"do": "share", "to": "wijkteam", "facts": ["kevin_schrikachtig"], "child": "kevin",
             "basis": "goed_hulpverlenerschap"}
    regie = act(2, "wijkteam", do="take_regie", child="kevin")  # the team is a care partner of Kevin's
    assert verdicts([regie, act(10, "smw", **share)], "P-subsidiarity-share") == [False]
    asked = [regie, act(5, "smw", do="talk_parents", child="kevin", purpose="consent"), act(10, "smw", **share)]
    assert verdicts(asked, "P-subsidiarity-share") == [True]
    anonymous = [regie, act(5, "smw", do="consult_anonymous", to="wijkteam", facts=["kevin_schrikachtig"]),
                 act(10, "smw", **share)]
    assert verdicts(anonymous, "P-subsidiarity-share") == [True]


def test_the_expert_policies_use_bases_that_fit():
    """Every family's expert team shares only on bases that fit (issue 15: the policy is corrected,
    not the rule)."""
    from scoring import score_log
    from sim import load_scenario, resolve_scenario
    from sim.runner import play, resolve_policy

    for family in ("pietersdam", "peter", "lisanne_lars"):
        sc = load_scenario(resolve_scenario(family))
        session, _ = play(sc, resolve_policy(sc, "expert"), 1)
        result = score_log(sc, session.records).as_json()
        bad = [f for f in result["findings"] if f["rule"] in ("P-basis-fit", "P-request-task", "P-proportionality",
                                                              "P-subsidiarity-share") and f["severity"] != "praise"]
        assert not bad, (family, bad)


def test_a_meeting_on_the_meldcode_fits_the_schools_care_structure_not_the_police():
    """The school social worker meets the teacher about Kevin under the Meldcode: consulting within the
    school's care structure (Meldcode stap 2). Bringing the police to that table is not covered."""
    meeting = {"type": "meeting", "t": 100, "kind": "zat", "child": "kevin", "convener": "smw",
               "present": ["smw", "leerkracht"], "with_parents": False, "basis": "meldcode",
               "said": {"smw": ["kevin_schrikachtig"]}}
    assert verdicts([meeting], "P-basis-fit") == [True]
    police = {**meeting, "present": ["smw", "leerkracht", "wijkagent"]}
    assert verdicts([police], "P-basis-fit") == [True, False]


def test_the_regisseur_the_verwijsindex_assigned_is_a_care_partner_of_the_child():
    """After a VIR match names the youth worker regisseur for Kevin, it is in his care: goed
    hulpverlenerschap covers sharing with it (seed 003 VIR: de regisseur)."""
    share = act(10, "smw", do="share", to="jongerenwerk", facts=["kevin_schrikachtig"], child="kevin",
                basis="goed_hulpverlenerschap")
    assert verdicts([share], "P-basis-fit") == [False]
    assigned = {"type": "regisseur", "t": 5, "child": "kevin", "role": "jongerenwerk", "via": "vir"}
    assert verdicts([assigned, share], "P-basis-fit") == [True]


def test_a_meeting_on_conflict_of_duties_needs_the_weighing_written_when_it_was_planned():
    """Mother refuses, the unsafety is structural: the school social worker convenes the regisseur and the
    police on a conflict of duties. It fits only with the weighing written on the planned meeting and with
    danger known (seed 003 VIR, exception b; seed 003, 7 tips: afwegingen vastleggen)."""
    plan = {"do": "case_meeting", "kind": "mdo", "child": "kevin", "invite": ["wijkagent"],
            "basis": "conflict_of_duties"}
    meeting = {"type": "meeting", "t": 100, "kind": "mdo", "child": "kevin", "convener": "smw",
               "present": ["smw", "wijkagent"], "with_parents": False, "basis": "conflict_of_duties",
               "said": {"smw": ["rob_agressief_drank"]}}
    signal = learn(5, "smw", "rob_agressief_drank")
    assert verdicts([DANGER, signal, act(10, "smw", **plan), meeting], "P-basis-fit") == [False]
    weighed = act(10, "smw", **plan, considerations="Moeder weigert; structureel onveilig.")
    assert verdicts([DANGER, signal, weighed, meeting], "P-basis-fit") == [True]
