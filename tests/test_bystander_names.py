"""Whom the bystander finding names (issue 15 review, texts of F-bystander).

Seed 003 VIR, Lisanne and Lars: "Uiteindelijk gebeurt er dan helemaal niks" — a bystander is one who
knew and left it. A role whose step broke the silence is praised for acting while others knew too: the
praise names only those who knew at that moment, never a professional who heard of the family later."""

from __future__ import annotations

from scoring_records import PIET, D, act, end, header, learn

from scoring import score_log


def _bystander(records):
    return [f for f in score_log(PIET, [header(), *records]).as_json()["findings"] if f["rule"] == "F-bystander"]


WORRIES = [learn(0, "leerkracht", "kevin_stil"), learn(0, "zorgcoordinator", "henk_school_slecht")]
"""Kevin's teacher and Henk's care coordinator each know a worry from the start."""


def test_bystander_praise_names_only_those_who_knew_when_the_step_was_taken():
    """The teacher consults a colleague on day 5, while the care coordinator knew too; the school social
    worker hears of Kevin only on day 10. The praise names the care coordinator, not the social worker."""
    fs = _bystander([*WORRIES, act(5 * D, "leerkracht", do="consult_colleague", child="kevin"),
                     learn(10 * D, "smw", "kevin_stil"), end(20 * D)])
    teacher = next(f for f in fs if f["role"] == "leerkracht")
    assert teacher["severity"] == "praise"
    assert "zorgcoördinator" in teacher["message"]["nl"]
    assert "maatschappelijk" not in teacher["message"]["nl"]


def test_bystander_praise_at_the_end_names_only_those_who_knew_then():
    """The same step, but the session ends on day 12 (the praise is given at the end): the social worker
    who heard on day 10 is still not named."""
    fs = _bystander([*WORRIES, act(5 * D, "leerkracht", do="consult_colleague", child="kevin"),
                     learn(10 * D, "smw", "kevin_stil"), end(12 * D)])
    teacher = next(f for f in fs if f["role"] == "leerkracht")
    assert teacher["severity"] == "praise" and "maatschappelijk" not in teacher["message"]["nl"]
