"""Inform means inform about this (issue 15, item 9): a talk counts for a share or a report only when it
precedes it, concerns it (its subject `about` and, where named, its recipients `share_with`) and includes
everyone the child's age requires. A talk without a subject is "in general" and counts as before (old
logs score the same). Seed 003, 7 tips (cliënt vooraf informeren); 9 vragen, vraag 2 and 6; Meldcode stap 3."""

from sim.claims import Talk
from tests.scoring_records import REPORT, act, verdicts, with_age

SHARE_SMW = {"do": "share", "to": "smw", "facts": ["kevin_schrikachtig"], "child": "kevin", "basis": "meldcode",
             "considerations": "weging"}


def test_a_talk_about_a_vir_registration_does_not_inform_of_a_report():
    """The school social worker told mother it registers Kevin in the Verwijsindex; that talk is no
    discussion of a report to Veilig Thuis."""
    recs = [act(5, "smw", do="talk_parents", child="kevin", purpose="inform", about="vir"),
            act(10, "smw", **REPORT, considerations="weging")]
    assert verdicts(recs, "P-report-parents") == [False]
    about = [act(5, "smw", do="talk_parents", child="kevin", purpose="inform", about="report"),
             act(10, "smw", **REPORT, considerations="weging")]
    assert verdicts(about, "P-report-parents") == [True]


def test_a_talk_about_sharing_with_the_smw_does_not_inform_of_a_share_with_the_police():
    """Told of a share with the school social worker, the family has not been told of one with the police."""
    told = act(5, "leerkracht", do="talk_parents", child="kevin", purpose="inform", about="share", share_with=["smw"])
    assert verdicts([told, act(10, "leerkracht", **SHARE_SMW)], "P-informed") == [True]
    police = {**SHARE_SMW, "to": "wijkagent"}
    assert verdicts([told, act(10, "leerkracht", **police)], "P-informed") == [False]


def test_a_talk_in_general_still_informs_as_in_old_logs():
    """A talk without a subject (logs before issue 15) counts for a share and a report as it did."""
    told = act(5, "leerkracht", do="talk_parents", child="kevin", purpose="inform")
    assert verdicts([told, act(10, "leerkracht", **SHARE_SMW)], "P-informed") == [True]


def test_a_child_of_12_or_older_must_be_part_of_the_talk_about_this():
    """Henk is 14: the parents and Henk himself are told of the share (seed 003, 7 tips, by age)."""
    sc = with_age("kevin", 14)
    share = act(10, "leerkracht", **SHARE_SMW)
    parents = act(5, "leerkracht", do="talk_parents", child="kevin", purpose="inform", about="share", share_with=["smw"])
    assert verdicts([parents, share], "P-informed", sc) == [False]
    child = act(6, "leerkracht", do="talk_child", child="kevin", purpose="inform", about="share", share_with=["smw"])
    assert verdicts([parents, child, share], "P-informed", sc) == [True]


def test_a_talk_counts_only_for_its_own_step():
    """The talk's own answer: which steps it informs the family of, by purpose and subject."""
    def talk(purpose, about=None):
        return Talk(t=0, role="smw", child="kevin", with_=frozenset({"moeder"}), purpose=purpose, about=about)
    assert talk("inform").counts_for() == ["share", "report"]
    assert talk("inform", "report").counts_for() == ["report"]
    assert talk("consent", "share").counts_for() == ["share"]
    assert talk("inform", "vir").counts_for() == []
    assert talk("concern").counts_for() == ["report"]
