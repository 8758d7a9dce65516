"""`graph`, `new`, the JSON Schema for editors and the guide's worked example: what a trainer
following docs/scenario-schrijven.md does, step by step."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
from ruamel.yaml import YAML

from cli import main
from sim import load_scenario
from sim.runner import play, resolve_policy

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "familie_vos.yaml"
EXPERT = ROOT / "docs" / "examples" / "policies" / "familie_vos_expert.yaml"


def _outcome(path: Path, policy: str) -> dict:
    scenario = load_scenario(path)
    session, refused = play(scenario, resolve_policy(scenario, policy), 1)
    assert not refused, refused
    return session.finish()


def test_the_guides_example_validates_lints_clean_and_only_good_cooperation_prevents_the_incident(capsys):
    assert main(["validate", str(EXAMPLE)]) == 0
    assert main(["lint", str(EXAMPLE), "--strict"]) == 0
    assert _outcome(EXAMPLE, "passive")["incident"] is True
    assert _outcome(EXAMPLE, str(EXPERT))["incident"] is False


def test_new_writes_a_commented_dutch_template_that_validates_lints_clean_and_plays(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "familie_de_boer"]) == 0
    path = tmp_path / "familie_de_boer.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema.json")
    assert "id: familie_de_boer" in text and "# " in text
    assert main(["validate", str(path)]) == 0
    assert main(["lint", str(path), "--strict"]) == 0
    assert _outcome(path, "passive")["incident"] is True
    assert main(["new", "familie_de_boer"]) == 2, "an existing file is never overwritten"


def test_new_with_out_writes_into_that_directory_and_makes_a_valid_id(tmp_path, capsys):
    assert main(["new", "Familie De Vries", "--out", str(tmp_path / "sub")]) == 0
    path = tmp_path / "sub" / "Familie De Vries.yaml"
    assert load_scenario(path).meta.id == "familie_de_vries"


def test_graph_draws_timeline_knowledge_and_incident_paths_in_markdown(tmp_path, capsys):
    out = tmp_path / "vos.md"
    assert main(["graph", str(EXAMPLE), "--out", str(out)]) == 0
    md = out.read_text(encoding="utf-8")
    blocks = re.findall(r"```mermaid\n(.*?)```", md, re.DOTALL)
    assert [b.split("\n", 1)[0] for b in blocks] == ["timeline", "flowchart LR", "flowchart TD"]
    assert "2w : buren_bellen" in blocks[0] and "6w : Incident noor_mishandeld" in blocks[0]
    assert 'R_leerkracht -->|"bij de start"| F_noor_te_laat' in blocks[1]
    assert 'R_smw -->|"talk_parents (alleen als …)"| F_dennis_drinkt' in blocks[1]
    assert 'E_buren_bellen -->|"+1"| INC' in blocks[2]
    assert 'I_vt_veiligheidsafspraken -.->|"-3"| INC' in blocks[2]


def test_graph_html_is_self_contained_and_draws_the_pictures_offline(tmp_path, capsys):
    import re

    out = tmp_path / "vos.html"
    assert main(["graph", "pietersdam", "--out", str(out), "--lang", "en"]) == 0
    page = out.read_text(encoding="utf-8")
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.S)  # the inlined library's own strings aside
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", markup), "nothing is loaded from elsewhere"
    assert "http" not in markup
    assert "mermaid.initialize({startOnLoad: true, securityLevel: 'strict'})" in page
    assert page.count('<pre class="mermaid">') == 3 and "draws the pictures offline" in page
    assert main(["graph", str(EXAMPLE), "--out", str(tmp_path / "vos.png")]) == 2


def _canonical_npc_rules(data: dict) -> dict:
    """NPC rules written inline (`do: …` beside `role:`) in the explicit `action: {do: …}` form, so the
    schema is checked on both forms (the shipped files use the inline one)."""
    own = {"id", "role", "when", "delay", "jitter"}
    for rule in data.get("npc", {}).get("rules", []):
        if "do" in rule:
            action = {k: rule.pop(k) for k in list(rule) if k not in own}
            rule["action"] = action
    return data


def test_the_editor_schema_accepts_the_shipped_scenarios_and_the_example():
    schema = json.loads((ROOT / "scenarios" / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    paths = [ROOT / "scenarios" / f"{name}.yaml" for name in ("pietersdam", "peter", "lisanne_lars")] + [EXAMPLE]
    for path in paths:
        raw = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        for data in (raw, _canonical_npc_rules(YAML(typ="safe").load(path.read_text(encoding="utf-8")))):
            data["meta"]["start_date"] = str(data["meta"]["start_date"])  # YAML reads a date; editors see text
            errors = [e.message for e in validator.iter_errors(data)]
            assert not errors, (path.name, errors[:3])


def test_the_editor_schema_rejects_a_typo_in_a_key():
    schema = json.loads((ROOT / "scenarios" / "schema.json").read_text(encoding="utf-8"))
    data = YAML(typ="safe").load(EXAMPLE.read_text(encoding="utf-8"))
    data["meta"]["start_date"] = str(data["meta"]["start_date"])
    data["events"][0]["obseved_by"] = data["events"][0].pop("observed_by")
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))
