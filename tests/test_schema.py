"""scenarios/schema.json is generated from the model and must stay in step with it (editors rely on it)."""

from __future__ import annotations

import json
from pathlib import Path

from sim.schema import scenario_schema

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_schema_matches_the_model():
    committed = json.loads((ROOT / "scenarios" / "schema.json").read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(scenario_schema())), \
        "run `python main.py schema` to regenerate scenarios/schema.json"


def test_the_schema_describes_the_top_level_keys():
    props = scenario_schema()["properties"]
    assert {"meta", "family", "roles", "facts", "events", "risk", "incident", "expectations"} <= set(props)
