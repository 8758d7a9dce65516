"""One answer to "is this the step that was asked for" (sim.actions.is_a), fast enough to be asked tens
of thousands of times per simulated week (issue 17, item 10) and still the answer `as_report` gives."""

from __future__ import annotations

from sim.actions import ACTION_IDS, as_report, is_a


def test_a_zorgmelding_counts_as_a_report_to_veilig_thuis():
    assert is_a("zorgmelding", "report_veilig_thuis")
    assert is_a("report_veilig_thuis", "report_veilig_thuis")


def test_a_report_to_veilig_thuis_is_no_zorgmelding_and_no_other_step():
    assert not is_a("report_veilig_thuis", "zorgmelding")
    assert not is_a("share", "report_veilig_thuis") and not is_a(None, "report_veilig_thuis")


def test_every_step_is_what_as_report_makes_of_it():
    kinds = sorted(ACTION_IDS) + ["zorgmelding", "onbekend"]
    for do in kinds + [None]:
        for wanted in kinds:
            meant = do == wanted or (do is not None and as_report({"do": do}).get("do") == wanted)
            assert is_a(do, wanted) == meant, (do, wanted)
