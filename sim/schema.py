"""The JSON Schema of scenario files (scenarios/schema.json), so editors with yaml-language-server
complete keys and show help. Generated from the pydantic model, so it cannot drift."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sim.model import Scenario


def scenario_schema() -> dict[str, Any]:
    """The schema as a dict (draft 2020-12, as pydantic writes it)."""
    schema = Scenario.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Ketenspel scenario"
    for key in ("content_hash", "source_path"):
        schema.get("properties", {}).pop(key, None)
    return schema


def write_schema(path: Path) -> None:
    """Write the schema file (stable key order, so regenerating gives the same bytes)."""
    path.write_text(json.dumps(scenario_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
