"""`balance`: good cooperation wins and passivity loses in every shipped family (issue 5), and the
health checks catch a scenario in which a key fact can never be learned."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli.balance import run_balance, health
from sim import load_scenario

ROOT = Path(__file__).resolve().parent.parent
RUNS = 200


@pytest.mark.slow
@pytest.mark.parametrize("scenario", ["pietersdam", "peter", "lisanne_lars"])
def test_expert_beats_passive_by_40_and_random_sits_in_between_over_200_seeds(scenario):
    path = str(ROOT / "scenarios" / f"{scenario}.yaml")
    stats = run_balance(path, ["expert", "passive", "random"], RUNS, jobs=2, progress=False)
    expert, passive, random = (stats[p] for p in ("expert", "passive", "random"))
    assert expert.mean("total") >= passive.mean("total") + 40
    assert passive.mean("total") < random.mean("total") < expert.mean("total")
    assert passive.incident_rate >= 0.9 and expert.incident_rate <= 0.1
    assert health(load_scenario(path), stats) == []


def test_balance_exits_0_with_a_table_and_json():
    result = subprocess.run([sys.executable, "main.py", "balance", "pietersdam", "--runs", "20", "--json"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["healthy"] and set(data["policies"]) == {"expert", "passive", "random"}
    assert data["policies"]["passive"]["incident_rate"] == 1.0


def test_a_key_fact_nobody_can_ever_learn_makes_the_scenario_unbalanced(tmp_path):
    broken = tmp_path / "pietersdam.yaml"
    text = (ROOT / "scenarios" / "pietersdam.yaml").read_text(encoding="utf-8")
    text = text.replace(", kevin_identiteit]", "]")
    broken.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "scenarios" / "policies", tmp_path / "policies")
    result = subprocess.run([sys.executable, "main.py", "balance", str(broken), "--runs", "10"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert 'het feit "kevin_identiteit" leert geen enkele rol' in result.stdout  # the table speaks Dutch
    english = subprocess.run([sys.executable, "main.py", "balance", str(broken), "--runs", "10", "--lang", "en"],
                             cwd=ROOT, capture_output=True, text=True)
    assert 'fact "kevin_identiteit" is never learned' in english.stdout


def test_results_do_not_depend_on_the_number_of_processes():
    path = str(ROOT / "scenarios" / "peter.yaml")
    one = run_balance(path, ["random"], 6, jobs=1, progress=False)["random"]
    two = run_balance(path, ["random"], 6, jobs=2, progress=False)["random"]
    assert sorted(r["score"]["total"] for r in one.runs) == sorted(r["score"]["total"] for r in two.runs)


def test_the_writing_guides_example_family_is_balanced():
    """docs/scenario-schrijven.md walks trainers through this family; it must pass `balance` (issue 9),
    with its expert policy found beside the scenario file (policies/familie_vos_expert.yaml)."""
    path = str(ROOT / "docs" / "examples" / "familie_vos.yaml")
    stats = run_balance(path, ["expert", "passive", "random"], 40, jobs=2, progress=False)
    assert health(load_scenario(path), stats) == []
