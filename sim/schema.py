"""The JSON Schema of scenario files (scenarios/schema.json), so editors with yaml-language-server
complete keys and show help. Generated from the pydantic model, so it cannot drift."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from sim.files import atomic_write
from sim.model import Scenario


def scenario_schema() -> dict[str, Any]:
    """The schema as a dict (draft 2020-12, as pydantic writes it)."""
    schema = Scenario.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Ketenspel scenario"
    for key in ("content_hash", "source_path"):
        schema.get("properties", {}).pop(key, None)
    _add_help(schema)
    _allow_inline_npc_actions(schema["$defs"])
    return schema


def _add_help(schema: dict[str, Any]) -> None:
    """Bilingual help for fields (sim/data/field_help.yaml), where the model has none of its own."""
    text = resources.files("sim").joinpath("data/field_help.yaml").read_text(encoding="utf-8")
    help_texts = YAML(typ="safe").load(text)
    for key, value in help_texts.items():
        model, field = key.split(".")
        node = schema if model == "Scenario" else schema["$defs"][model]
        prop = node["properties"][field]
        prop["description"] = f"{value['nl']} / {value['en']}"


def _allow_inline_npc_actions(defs: dict[str, Any]) -> None:
    """NPC rules may write the action inline (`- {id, role, when, do: share, to: …}`), as the loader
    accepts: add one inline variant per action so editors accept the shipped scenarios."""
    rule = defs["NpcRule"]
    own = {k: v for k, v in rule["properties"].items() if k != "action"}
    variants = []
    for ref in rule["properties"]["action"]["oneOf"]:
        name = ref["$ref"].rsplit("/", 1)[-1]
        action = defs[name]
        defs[f"NpcRuleInline{name}"] = {
            "type": "object", "additionalProperties": False,
            "title": f"NpcRule with inline {name}", "description": rule.get("description", ""),
            "properties": {**own, **action["properties"]},
            "required": sorted({"id", "role", "when"} | set(action.get("required", []))),
        }
        variants.append({"$ref": f"#/$defs/NpcRuleInline{name}"})
    rules = defs["NpcBehaviour"]["properties"]["rules"]
    rules["items"] = {"anyOf": [{"$ref": "#/$defs/NpcRule"}, *variants]}


def write_schema(path: Path) -> None:
    """Write the schema file (stable key order, so regenerating gives the same bytes)."""
    atomic_write(path, json.dumps(scenario_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n")
