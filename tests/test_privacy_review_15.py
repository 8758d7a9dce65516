"""The privacy rules agree with a domain expert's review of issue 15 (cases c5c, c6b, c7c, c7e, c10c,
c13, c14, c15): each test is one situation the review found judged against the seeds, written as the
rule it encodes. Seed 003: "7 tips over informatie delen" (beroepsgeheim, toestemming, tip 3 and 6) and
the Verwijsindex article (uitzonderingen a, goed hulpverlenerschap, and b, conflict van plichten);
domain.md §6."""

from scoring.ledger import Ledger
from scoring.units.steps import acute_unsafety
from tests.scoring_records import PIET, act, consent, findings, learn, verdicts

DANGER = {"type": "risk", "t": 1.0, "level": 8.0, "delta": 3.0, "cause": "escalatie"}
"""The risk rises to where Veilig Thuis acts urgently (pietersdam `risk.urgent_at` 7)."""

GGZ_TO_WIJKTEAM = {"do": "share", "to": "wijkteam", "facts": ["moeder_ggz_behandeling"], "child": "kevin",
                   "basis": "consent"}


def _asked(t, person, asked_by, about, share_with, given=True):
    return {**consent(t, "kevin", person, given), "asked_by": asked_by, "about": about, "share_with": share_with}


def test_secrecy_lifts_only_on_the_subjects_consent_asked_by_or_for_its_holder():
    """The school social worker asked mother and father whether it may share with the wijkteam; the GGZ
    then passes mother's treatment to the wijkteam 'on consent'. That consent was for the school's own
    exchange: the GGZ's professional secrecy lifts only on the consent of whom the secret is about,
    asked by (or for) the GGZ, for this recipient (seed 003, 7 tips: beroepsgeheim — "expliciete
    toestemming is het uitgangspunt"; review case c7c). The finding says the consent for *this* sharing
    was missing, not that mother never consented."""
    schools = [_asked(5, p, "smw", "share", ["wijkteam"]) for p in ("moeder", "vader")]
    recs = [*schools, act(10, "ggz", **GGZ_TO_WIJKTEAM)]
    assert verdicts(recs, "P-secrecy") == [False]
    age = findings(recs, "P-consent-age")
    assert [f["severity"] for f in age] == ["violation"]
    assert "voor dit delen met het sociaal wijkteam ontbrak" in age[0]["message"]["nl"]
    own = [_asked(5, p, "ggz", "share", ["wijkteam"]) for p in ("moeder", "vader")]
    assert verdicts([*own, act(10, "ggz", **GGZ_TO_WIJKTEAM)], "P-secrecy") == [True]
    for_ggz = [_asked(5, p, "wijkteam", "request", ["ggz"]) for p in ("moeder", "vader")]
    assert verdicts([*for_ggz, act(10, "ggz", **GGZ_TO_WIJKTEAM)], "P-secrecy") == [True]


def test_conflict_of_duties_needs_acute_or_structural_unsafety_not_any_old_safety_fact():
    """On day 7, at an ordinary risk, the GGZ gives the police mother's addiction on a written conflict of
    duties. An addiction it always knew is no acute or structural unsafety: "in dat geval zit je al bij
    vermoedens van onveiligheid en moet je de stappen van de Meldcode volgen" (seed 003 VIR; review
    c5c). Once the risk is urgent and the GGZ learns of it, the same share fits."""
    share = {"do": "share", "to": "wijkagent", "facts": ["moeder_medicijnverslaving"], "child": "kevin",
             "basis": "conflict_of_duties", "considerations": "Moeder verslaafd; zij weigert toestemming."}
    calm = [learn(0, "ggz", "moeder_medicijnverslaving"), act(168, "ggz", **share)]
    assert verdicts(calm, "P-basis-fit") == [False]
    assert verdicts(calm, "P-secrecy") == [False]
    urgent = [DANGER, learn(5, "ggz", "moeder_medicijnverslaving"), act(168, "ggz", **share)]
    assert verdicts(urgent, "P-basis-fit") == [True]


def test_danger_for_conflict_of_duties_is_the_meldcodes_own_definition():
    """One definition of acute or structural unsafety: the ledger's answer is the Meldcode rules' answer
    (scoring.units.steps.acute_unsafety) — for a safety signal at an ordinary and at an urgent risk, and
    for Kevin telling his teacher that Rob hit his mother, acute at any risk level (review c16: two rules
    must not disagree about the same moment)."""
    cases = [("smw", [learn(5, "smw", "rob_agressief_drank")]),
             ("smw", [DANGER, learn(5, "smw", "rob_agressief_drank")]),
             ("leerkracht", [learn(5, "leerkracht", "kevin_vertelt")])]
    for role, recs in cases:
        ledger = Ledger(PIET)
        for r in recs:
            ledger.feed(r)
        assert ledger.unsafe_known(role, "kevin", 10) == acute_unsafety(ledger, role, "kevin", 10)
    assert ledger.unsafe_known("leerkracht", "kevin", 10)


def test_goed_hulpverlenerschap_reaches_the_wijkteam_when_help_does_not_get_started():
    """The seed's own example: "als je als leraar of intern begeleider wilt overleggen met een wijkteam
    omdat de hulp niet van de grond komt, maar hiervoor geen toestemming hebt gekregen" (seed 003 VIR,
    uitzondering a; review c13). The wijkteam is where help starts: the basis fits before it took any
    step of its own."""
    recs = [act(10, "leerkracht", do="share", to="wijkteam", facts=["kevin_schrikachtig"], child="kevin",
                basis="goed_hulpverlenerschap", considerations="Moeder weigert; zonder wijkteam geen hulp.")]
    assert verdicts(recs, "P-basis-fit") == [True]


def test_what_the_recipient_needs_for_its_task_is_proportional():
    """Veilig Thuis asks the GGZ (vraag 6); the GGZ gives the addiction and that mother is in treatment,
    which the scenario marks as needed by Veilig Thuis. Proportionality and minimisation agree: both
    praise (seed 003, 7 tips: proportionaliteit, tip 6; review c15)."""
    recs = [act(10, "ggz", do="share", to="veilig_thuis", facts=["moeder_medicijnverslaving", "moeder_ggz_behandeling"],
                child="kevin", basis="meldcode", considerations="Vraag van Veilig Thuis (vraag 6).")]
    assert verdicts(recs, "P-proportionality") == [True]
    assert verdicts(recs, "P-minimisation") == [True]


def test_proportionality_judges_what_is_said_in_a_case_meeting():
    """On a conflict of duties, in acute danger, the school social worker tells the police at the table
    Rob's drinking and aggression — and the parents' divorce, which the police does not need. At a table
    everyone hears it: disproportionate (seed 003, 7 tips: proportionaliteit; review c14)."""
    plan = act(10, "smw", do="case_meeting", kind="mdo", child="kevin", invite=["wijkagent"],
               basis="conflict_of_duties", considerations="Acuut onveilig; de politie kan ingrijpen.")
    meeting = {"type": "meeting", "t": 100, "kind": "mdo", "child": "kevin", "convener": "smw",
               "present": ["smw", "wijkagent"], "with_parents": False, "basis": "conflict_of_duties",
               "said": {"smw": ["rob_agressief_drank", "ouders_gescheiden"]}}
    recs = [DANGER, learn(5, "smw", "rob_agressief_drank"), plan, meeting]
    found = findings(recs, "P-proportionality")
    assert [f["severity"] for f in found] == ["violation"] and "gescheiden" in found[0]["message"]["nl"]
    just = {**meeting, "said": {"smw": ["rob_agressief_drank"]}}
    assert verdicts([DANGER, learn(5, "smw", "rob_agressief_drank"), plan, just], "P-proportionality") == [True]


def test_consent_in_general_covers_the_childs_helpers_not_the_police():
    """Mother and father said yes when asked "in general". Tip 3: the family must know "met wie … met
    welk doel" information goes; a general yes reaches the professionals who help the child (care
    providers, the school), not the police (review c7e)."""
    general = [consent(5, "kevin", p) for p in ("moeder", "vader")]
    share = {"do": "share", "facts": ["kevin_schrikachtig"], "child": "kevin", "basis": "consent"}
    assert verdicts([*general, act(10, "leerkracht", **share, to="wijkagent")], "P-consent-age") == [False]
    assert verdicts([*general, act(10, "leerkracht", **share, to="smw")], "P-consent-age") == [True]


def test_a_request_naming_nothing_on_a_basis_that_does_not_fit_earns_no_praise():
    """The teacher asks the GGZ for information on goed hulpverlenerschap, naming nothing: the GGZ cannot
    pass a teacher anything on that basis (the teacher is no care provider), so the request is not
    praised for its basis (review c6b). The wijkteam asking the same is, and the praise says it asked,
    not that it shared."""
    ask = {"do": "request_info", "from": "ggz", "child": "kevin", "basis": "goed_hulpverlenerschap"}
    assert findings([act(10, "leerkracht", **ask)], "P-basis") == []
    found = findings([act(10, "wijkteam", **ask)], "P-basis")
    assert [f["severity"] for f in found] == ["praise"]
    assert "vroeg" in found[0]["message"]["nl"] and "deelde" not in found[0]["message"]["nl"]


def test_a_verwijsindex_match_is_praised_only_on_a_basis_that_fits():
    """After a VIR match the GGZ passes mother's addiction and treatment to the school social worker
    "under the Meldcode": the Meldcode passes secret data only to Veilig Thuis, so the basis is no
    "geldige grondslag" and the match earns no praise (seed 003 VIR; review c10c)."""
    match = {"type": "vir", "t": 50.0, "kind": "match", "child": "kevin", "roles": ["smw", "ggz"]}
    recs = [match, act(60, "ggz", do="share", to="smw", facts=["moeder_medicijnverslaving", "moeder_ggz_behandeling"],
                       child="kevin", basis="meldcode", considerations="match; zorgen")]
    assert verdicts(recs, "P-basis-fit") == [False]
    assert findings(recs, "F-vir-match-used") == []
