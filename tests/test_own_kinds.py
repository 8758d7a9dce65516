"""A scenario's own kind of professional (issue 20, item 4): a debt counsellor or a mentor the catalogue
lacks is described in the scenario (name, secrecy, care, organisation, task) instead of borrowing another
kind and inheriting its professional secrecy; the judge and the engine use what the scenario says."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim import Session, load_scenario
from sim.errors import ScenarioError

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"
KINDS = """kinds:
  schuldhulp:
    name: {nl: Schuldhulpverlener, en: Debt counsellor}
    secrecy: false
    care: true
    task: {nl: "Helpt het gezin met schulden en post.", en: "Helps the family with debts and letters."}
"""
ROLE = ("  - {id: veilig_thuis,",
        "  - {id: schuldhulp, kind: schuldhulp, organisation: {nl: Schuldhulp, en: Debt help}, "
        "briefing: {nl: Schuld, en: Debt}, clients: [mam]}\n  - {id: veilig_thuis,")


def _write(tmp_path, kind_text=KINDS, role=ROLE):
    text = MINI.read_text(encoding="utf-8").replace(role[0], role[1], 1) + kind_text
    path = tmp_path / "gezin.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_role_of_the_scenarios_own_kind_has_its_name_task_and_no_borrowed_secrecy(tmp_path):
    sc = load_scenario(_write(tmp_path))
    kind = sc.role_kind("schuldhulp")
    assert sc.role_name("schuldhulp").nl == "Schuldhulpverlener"
    assert kind.secrecy is False and kind.care is True and kind.org == "schuldhulp"
    assert sc.role_in_sentence("schuldhulp").nl == "de schuldhulpverlener"
    Session(sc, seed=1).act("schuldhulp", {"do": "vir_register", "child": "anna"})


def test_an_unknown_kind_says_where_kinds_come_from_and_how_to_add_one(tmp_path):
    path = _write(tmp_path, kind_text="", role=(ROLE[0], ROLE[1].replace("kind: schuldhulp", "kind: schuldhulpverlening")))
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    text = err.value.problems[0].render("nl")
    assert "schuldhulpverlening" in text and "kinds:" in text and "in all" not in text
    assert "leerkracht" in text and "wijkteam" in text  # the whole catalogue is listed
