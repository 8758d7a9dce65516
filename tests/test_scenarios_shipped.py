"""The three seed families as shipped: they validate, play with every policy, are deterministic, cite
their seeds, speak both languages, and reward good cooperation (issue 5)."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from pydantic import BaseModel

from cli import main
from sim import load_scenario, resolve_scenario
from sim.consent import consent_complete
from sim.fields import Text
from sim.runner import play, resolve_policy

SCENARIOS = ("peter", "pietersdam", "lisanne_lars")
SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"
POLICY_DIR = SCENARIO_DIR / "policies"
SEEDS = range(40)
_SEED = re.compile(r"seed 00[0-4]")


@pytest.fixture(scope="module", params=SCENARIOS)
def scenario(request):
    return load_scenario(resolve_scenario(request.param))


@pytest.fixture(scope="module")
def runs(scenario):
    """Each policy over 40 seeds: (session, refused steps) per seed."""
    return {name: [play(scenario, resolve_policy(scenario, name), seed) for seed in SEEDS]
            for name in ("expert", "passive", "random")}


def test_every_shipped_scenario_validates(capsys):
    paths = sorted(str(p) for p in SCENARIO_DIR.glob("*.yaml"))
    assert {Path(p).stem for p in paths} >= set(SCENARIOS)
    assert main(["validate", *paths]) == 0
    assert capsys.readouterr().out.count(": ok (") == len(paths)


@pytest.mark.parametrize("name", SCENARIOS)
def test_each_scenario_ships_an_expert_and_a_passive_policy_file(name):
    scenario = load_scenario(resolve_scenario(name))
    passive = resolve_policy(scenario, str(POLICY_DIR / f"{name}_passive.yaml"))
    assert passive.file is not None and passive.file.actions == []
    assert set(passive.roles) == {r.id for r in scenario.roles if r.playable}
    expert = resolve_policy(scenario, "expert")
    assert expert.file is not None and len(expert.file.actions) >= 10


def test_the_expert_policy_never_takes_a_refused_step(runs):
    refused = [r for _, ref in runs["expert"] for r in ref]
    assert refused == []


def test_the_expert_team_prevents_the_incident(runs):
    rate = sum(s.outcome["incident"] for s, _ in runs["expert"]) / len(SEEDS)
    assert rate <= 0.10


def test_a_passive_team_lets_the_incident_happen(runs):
    rate = sum(s.outcome["incident"] for s, _ in runs["passive"]) / len(SEEDS)
    assert rate >= 0.90


def test_a_random_team_lands_in_between(runs):
    rates = {name: sum(s.outcome["incident"] for s, _ in rs) / len(SEEDS) for name, rs in runs.items()}
    assert rates["expert"] < rates["random"] < rates["passive"]


def test_the_expert_team_supports_every_child(runs):
    for session, _ in runs["expert"]:
        assert {c["status"] for c in session.outcome["children"].values()} == {"safe_supported"}


def test_same_seed_gives_the_same_records(scenario):
    for name in ("expert", "random"):
        first, _ = play(scenario, resolve_policy(scenario, name), 11)
        second, _ = play(scenario, resolve_policy(scenario, name), 11)
        assert first.records == second.records


def _sources(scenario):
    yield "fact", scenario.facts
    yield "event", scenario.events
    yield "intervention", scenario.interventions
    yield "expectation", scenario.expectations
    yield "incident", [scenario.incident]


def test_every_fact_event_and_expectation_cites_a_seed_the_scenario_lists(scenario):
    listed = {m for s in scenario.meta.sources for m in _SEED.findall(s)}
    for kind, items in _sources(scenario):
        for item in items:
            cited = set(_SEED.findall(item.source))
            assert cited, f"{kind} {item.id} cites no seed"
            assert cited <= listed, f"{kind} {item.id} cites {cited - listed}, not in meta.sources"


def _texts(value, path="scenario"):
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            yield from _texts(v, f"{path}[{i}]")
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), f"{path}.{name}")


def _placeholders(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}


def test_dutch_and_english_texts_use_the_same_placeholders(scenario):
    texts = list(_texts(scenario))
    assert len(texts) > 50
    for path, text in texts:
        assert _placeholders(text.nl) == _placeholders(text.en), path
        assert text.nl != text.en or len(text.nl) < 20, f"{path}: English is a copy of the Dutch"


def test_every_key_fact_reaches_someone_in_the_expert_run(scenario, runs):
    session, _ = runs["expert"][0]
    known = {f for facts in session.world.knowledge.values() for f in facts}
    missing = [f.id for f in scenario.facts if f.key and f.id not in known]
    assert missing == []


def test_expert_shares_are_lawful(scenario, runs):
    """domain.md §6: a basis, the client informed beforehand, considerations documented; consent-based
    sharing only once everyone who must consent for the child's age has (seed 003, 7 tips)."""
    for session, _ in runs["expert"][:5]:
        informed: set[tuple[str, str]] = set()
        consent: dict[str, dict[str, bool]] = {}
        for rec in session.records[1:]:
            if rec["type"] == "consent":
                consent.setdefault(rec["child"], {})[rec["person"]] = rec["given"]
            if rec["type"] != "action" or rec["by"] != "player":
                continue
            a, role = rec["action"], rec["role"]
            if a["do"] in ("talk_parents", "talk_child") and a.get("purpose") in ("inform", "concern"):
                informed.add((role, a["child"]))
            if a["do"] == "vir_register":
                assert (role, a["child"]) in informed, f"{role} registered {a['child']} without telling the family"
            if a["do"] in ("share", "case_meeting") and a.get("basis") == "consent":
                child = scenario.person_by_id[a["child"]]
                given = {p for p, ok in consent.get(child.id, {}).items() if ok}
                assert consent_complete(child, given), f"{role} relied on consent for {child.id} at {rec['t']}"
            if a["do"] == "share":
                assert a["basis"] != "none" and a["informed"] and a["documented"], a
                assert (role, a["child"]) in informed, f"{role} shared about {a['child']} without informing first"
            if a["do"] == "report_veilig_thuis":
                assert a["parents_informed"] and (role, a["child"]) in informed
            if a["do"] == "advice_veilig_thuis" and a.get("anonymous"):
                assert not any(scenario.fact_by_id[f].identifying for f in a.get("facts", []))


def test_the_expert_team_meets_every_expectation_by_its_ideal_moment(scenario, runs):
    """Scoring's timeliness yardstick (issue 4) must be reachable: each expectation is met by one of its
    roles, with its parameters, between `earliest` and `ideal` (counted from `after_event` if set)."""
    for session, _ in runs["expert"][:10]:
        records = session.records[1:]
        for ex in scenario.expectations:
            start = 0.0
            if ex.after_event:
                start = next((r["t"] for r in records if r.get("type") in ("event", "intervention")
                              and ex.after_event in (r.get("event"), r.get("intervention"))), None)
                if start is None:
                    continue  # it follows what the expert prevents (e.g. the incident): the family's own test plays it
            met = [r["t"] - start for r in records if r["type"] == "action" and r["role"] in ex.roles
                   and r["action"]["do"] == ex.do and all(r["action"].get(k) == v for k, v in ex.match.items())]
            assert any(ex.window.earliest <= t <= ex.window.ideal for t in met), (session.seed, ex.id, met)
