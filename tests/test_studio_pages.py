"""The studio's pages, driven as a trainer would (NiceGUI's simulated user, issue 21): a new family made
from an empty start page by page — without typing a single id that refers to something — checked as
it is made, saved, and the saved file is what `validate` loads and what the pages show."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

pytest.importorskip("nicegui", reason="the studio runs in .venv/studio: make test runs these tests there")

from nicegui import ui  # noqa: E402
from nicegui.testing import User  # noqa: E402

from cli import main as cli_main  # noqa: E402
from sim.loader import available_scenarios, load_scenario  # noqa: E402
from tests.studio_pages_steps import both, field, pick_options, put, selects, studio, tab  # noqa: E402,F401


async def test_a_new_family_made_page_by_page_validates_and_is_saved_as_shown(user: User, studio, tmp_path):
    target = studio(tmp_path / "familie_jansen.yaml")
    await user.open("/")
    await user.should_see(marker="status")
    # About the scenario
    put(user, "meta/id", "familie_jansen")
    both(user, "meta/title", "Familie Jansen", "The Jansen family")
    both(user, "meta/summary", "Noor (9) is vaak moe en stil op school.", "Noor (9) is often tired and quiet at school.")
    put(user, "meta/sources", ["seed 003 9 vragen"])
    put(user, "meta/duration", "6w")
    both(user, "family/name", "familie Jansen", "the Jansen family")
    # The family: a child and her mother, gezag picked from the persons on the page
    await tab(user, "family")
    user.find(marker="add:persons").click()
    put(user, "family/persons/0/id", "noor")
    put(user, "family/persons/0/name", "Noor")
    put(user, "family/persons/0/age", 9)
    both(user, "family/persons/0/relation", "dochter", "daughter")
    user.find(marker="add:persons").click()
    put(user, "family/persons/1/id", "moeder")
    put(user, "family/persons/1/name", "Moeder Jansen")
    put(user, "family/persons/1/age", 38)
    both(user, "family/persons/1/relation", "moeder", "mother")
    await tab(user, "family")
    assert set(pick_options(user, "family/persons/0/gezag")) == {"noor", "moeder"}
    put(user, "family/persons/0/gezag", ["moeder"])
    put(user, "family/persons/1/consents", "yes")
    # Roles: the kind from the catalogue, the child from the family
    await tab(user, "roles")
    user.find(marker="add:roles").click()
    assert "leerkracht" in pick_options(user, "roles/0/kind")
    put(user, "roles/0/id", "leerkracht")
    put(user, "roles/0/kind", "leerkracht")
    both(user, "roles/0/organisation", "Basisschool De Linde", "De Linde primary school")
    both(user, "roles/0/briefing", "U bent de leerkracht van Noor.", "You are Noor's teacher.")
    put(user, "roles/0/clients", ["noor"])
    user.find(marker="add:roles").click()
    put(user, "roles/1/id", "veilig_thuis")
    put(user, "roles/1/kind", "veilig_thuis")
    put(user, "roles/1/playable", False)
    both(user, "roles/1/organisation", "Veilig Thuis regio", "Regional Veilig Thuis")
    both(user, "roles/1/briefing", "Advies- en meldpunt.", "Advice and reporting centre.")
    # Facts
    await tab(user, "facts")
    user.find(marker="add:facts").click()
    put(user, "facts/0/id", "noor_moe")
    both(user, "facts/0/text", "Noor is moe en stil in de klas.", "Noor is tired and quiet in class.")
    put(user, "facts/0/about", ["noor"])
    put(user, "facts/0/sensitivity", "school")
    put(user, "facts/0/needed_by", ["veilig_thuis"])
    put(user, "facts/0/key", True)
    put(user, "facts/0/source", "seed 003 9 vragen (vraag 2)")
    await tab(user, "roles")
    put(user, "roles/0/knows_at_start", ["noor_moe"])
    # Risk and incident, with the outcome for Noor and a condition picked from lists
    await tab(user, "incident")
    put(user, "incident/at", "4w")
    both(user, "incident/sender", "Op school", "At school")
    both(user, "incident/message", "Noor valt flauw in de klas.", "Noor faints in class.")
    put(user, "incident/observed_by", ["leerkracht"])
    put(user, "incident/source", "seed 003 9 vragen")
    user.find(marker="add:outcomes").click()
    put(user, "incident/outcomes/0/child", "noor")
    both(user, "incident/outcomes/0/harmed", "Noor wordt ziek.", "Noor falls ill.")
    both(user, "incident/outcomes/0/softened", "Het gebeurt, maar er is hulp.", "It happens, but help is there.")
    both(user, "incident/outcomes/0/safe", "Noor is veilig.", "Noor is safe.")
    both(user, "incident/outcomes/0/unsupported", "Rustig, maar geen hulp.", "Calm, but no help.")
    conds = [e for e in user.find(marker="f:incident/outcomes/0/supported_when").elements
             if isinstance(e, ui.select) and "known_by" in e.options]
    conds[0].set_value("known_by")
    known = [e for e in user.find(marker="f:incident/outcomes/0/supported_when").elements
             if isinstance(e, ui.select) and "noor_moe" in e.options]
    assert known, "the fact is picked from the facts of the family"
    known[-1].set_value("noor_moe")
    # Checked as it is made: everything in order
    # An event on the timeline that raises the risk, and what a skilled team does about it
    await tab(user, "facts")
    put(user, "facts/0/narrows", ["class"])
    await tab(user, "roles")
    put(user, "roles/1/clients", ["noor"])
    await tab(user, "events")
    user.find(marker="add:events").click()
    put(user, "events/0/id", "noor_slaapt")
    put(user, "events/0/at", "1w")
    both(user, "events/0/sender", "In de klas", "In class")
    both(user, "events/0/message", "Noor valt in slaap.", "Noor falls asleep.")
    put(user, "events/0/observed_by", ["leerkracht"])
    put(user, "events/0/facts", ["noor_moe"])
    put(user, "events/0/risk", 2)
    put(user, "events/0/source", "seed 003 9 vragen (vraag 2)")
    await tab(user, "interventions")
    user.find(marker="add:interventions").click()
    put(user, "interventions/0/id", "moeder_betrokken")
    kinds = [e for e in user.find(marker="f:interventions/0/when").elements if isinstance(e, ui.select)]
    kinds[0].set_value("done")
    action = [e for e in user.find(marker="f:interventions/0/when").elements
              if isinstance(e, ui.select) and "talk_parents" in e.options and e.value == "talk_parents"]
    assert action, "a new 'action done' condition starts at a talk with the parents"
    child = [e for e in user.find(marker="f:interventions/0/when").elements
             if isinstance(e, ui.select) and "noor" in e.options]
    child[0].set_value("noor")
    put(user, "interventions/0/delay", "2d")
    put(user, "interventions/0/risk", -3)
    both(user, "interventions/0/sender", "Moeder", "Mother")
    both(user, "interventions/0/message", "Moeder zorgt dat Noor op tijd slaapt.", "Mother sees that Noor sleeps on time.")
    put(user, "interventions/0/tell", ["leerkracht"])
    put(user, "interventions/0/source", "seed 003 9 vragen (vraag 3)")
    await tab(user, "expectations")
    user.find(marker="add:expectations").click()
    put(user, "expectations/0/id", "gesprek_moeder")
    both(user, "expectations/0/text", "De zorg met moeder bespreken", "Discuss the concern with mother")
    put(user, "expectations/0/roles", ["leerkracht"])
    put(user, "expectations/0/do", "talk_parents")
    put(user, "expectations/0/match/child", "noor")
    put(user, "expectations/0/source", "seed 003 9 vragen (vraag 3)")
    await tab(user, "timeline")
    await user.should_see("noor_slaapt")
    await tab(user, "check")
    await user.should_see(marker="all-ok")
    user.find(marker="save").click()
    await user.should_see("Opgeslagen")
    assert cli_main(["validate", str(target)]) == 0
    sc = load_scenario(target)
    # The saved file is what the pages show
    await tab(user, "family")
    assert field(user, "family/persons/0/name").value == sc.person_by_id["noor"].name == "Noor"
    assert field(user, "family/persons/0/gezag").value == list(sc.person_by_id["noor"].gezag) == ["moeder"]
    await tab(user, "meta")
    assert field(user, "meta/title/nl").value == sc.meta.title.nl == "Familie Jansen"
    assert sc.meta.start_date == dt.date(2026, 9, 7)
    assert sc.incident.outcomes[0].supported_when.model_dump(exclude_none=True) == \
        {"known_by": {"fact": "noor_moe"}}
    assert sc.person_by_id["moeder"].consents is True
    # The expert team's steps, on the same timeline, and 'Balans' from the page: good cooperation wins
    await tab(user, "policy")
    user.find(marker="add:steps").click()
    put(user, "actions/0/at", "1w1d")
    put(user, "actions/0/role", "leerkracht")
    put(user, "actions/0/do", "talk_parents")
    put(user, "actions/0/child", "noor")
    put(user, "actions/0/purpose", "concern")
    await tab(user, "check")
    await user.should_see(marker="all-ok")
    await tab(user, "try")
    next(iter(user.find(kind=ui.number).elements)).set_value(10)
    user.find(marker="balance").click()
    await user.should_see(marker="balance-result", retries=1200)
    problems = [lab.text for lab in user.find(kind=ui.label).elements if lab.text.startswith("• ")]
    assert problems == []
    await user.should_see(marker="balanced")
    user.find(marker="save").click()
    policy = tmp_path / "policies" / "familie_jansen_expert.yaml"
    passive = tmp_path / "policies" / "familie_jansen_passive.yaml"  # beside it, as the shipped families have
    assert cli_main(["validate", str(target), str(policy), str(passive)]) == 0
    await tab(user, "passive")
    await user.should_see(marker="passive-no-steps")
    assert cli_main(["balance", str(target), "--runs", "10", "--jobs", "1"]) == 0
    assert cli_main(["balance", str(target), "--solo", "--runs", "10", "--jobs", "1"]) == 0


async def test_a_wrong_value_is_shown_beside_its_field_in_dutch(user: User, studio, tmp_path):
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(available_scenarios()["peter"], copy)
    studio(copy)
    await user.open("/")
    put(user, "meta/duration", "tien weken")
    slot = next(iter(user.find(marker="s:meta/duration").elements))
    assert "schrijf" in slot.text and "tien weken" in slot.text
    put(user, "meta/duration", "10w")
    assert slot.text == ""
    assert copy.read_bytes() == available_scenarios()["peter"].read_bytes()  # autosave went to the side file
    assert (tmp_path / ".peter.studio-autosave.yaml").exists()


async def test_undo_in_the_page_puts_the_field_back(user: User, studio, tmp_path):
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(available_scenarios()["peter"], copy)
    studio(copy)
    await user.open("/")
    await tab(user, "family")
    put(user, "family/persons/0/age", 12)
    user.find(marker="undo").click()
    await tab(user, "family")
    assert field(user, "family/persons/0/age").value == 11


async def test_a_second_tab_on_the_same_file_is_read_only(user: User, create_user, studio, tmp_path):
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(available_scenarios()["peter"], copy)
    studio(copy)
    await user.open("/")
    second = create_user()
    await second.open("/")
    await second.should_see(marker="readonly")
    await second.should_not_see(marker="save")
    await user.should_not_see(marker="readonly")


async def test_balance_runs_from_the_page_and_shows_the_table(user: User, studio, tmp_path):
    (tmp_path / "policies").mkdir()
    copy = tmp_path / "peter.yaml"
    shutil.copyfile(available_scenarios()["peter"], copy)
    shutil.copyfile(available_scenarios()["peter"].parent / "policies" / "peter_expert.yaml",
                    tmp_path / "policies" / "peter_expert.yaml")
    studio(copy)
    await user.open("/")
    await tab(user, "try")
    runs = [e for e in user.find(kind=ui.number).elements][0]
    runs.set_value(2)
    user.find(marker="balance").click()
    await user.should_see(marker="balance-result", retries=600)
    table = next(iter(user.find(marker="balance-result").elements))
    assert [r["policy"] for r in table.rows] == ["expert", "niets doen", "willekeurig"]
    assert all(r["runs"] == 2 for r in table.rows)


@pytest.mark.parametrize("name", sorted(available_scenarios()))
async def test_a_shipped_family_opened_and_saved_in_the_studio_is_the_identical_file(user: User, studio, tmp_path,
                                                                                   name):
    copy = tmp_path / f"{name}.yaml"
    shutil.copyfile(available_scenarios()[name], copy)
    studio(copy)
    await user.open("/")
    for page in ("family", "roles", "facts", "events", "incident", "expectations", "npc", "vir", "conversations",
                 "policy", "passive", "check"):
        await tab(user, page)
    user.find(marker="save").click()
    await user.should_see("Opgeslagen")
    assert copy.read_bytes() == available_scenarios()[name].read_bytes()
    # beside it only the lock of the open studio: no autosave side file, no copied policy
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".{name}.studio-lock", f"{name}.yaml"]
