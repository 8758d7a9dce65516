"""The rule catalogue and machine diagrams are generated from data and committed up to date."""

from __future__ import annotations

import ast
import pathlib

from scoring.catalogue import generated
from scoring.machines import MACHINES, SPECS
from scoring.rules import RULES

ROOT = pathlib.Path(__file__).resolve().parent.parent


def test_committed_rule_docs_are_up_to_date():
    for path, text in generated().items():
        assert path.read_text(encoding="utf-8") == text, f"run: python -m scoring.catalogue ({path.name})"


def test_every_rule_is_listed_in_regels_md():
    text = (ROOT / "docs" / "regels.md").read_text(encoding="utf-8")
    for rid in RULES:
        assert f"`{rid}`" in text


def test_machines_have_no_auto_transitions_and_are_shared():
    for kind, machine in MACHINES.items():
        assert not machine.auto_transitions
        assert set(machine.states) == set(SPECS[kind]["states"])


def test_scoring_imports_no_ui_or_network():
    banned = {"pygame", "pygame_gui", "websockets", "ui", "net", "report"}
    for path in (ROOT / "scoring").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(n.split(".")[0] in banned for n in names), path


def test_scoring_leaves_no_models_on_the_shared_machines():
    from scoring import score_log
    from sim import load_scenario, resolve_scenario

    sc = load_scenario(resolve_scenario("pietersdam"))
    before = {k: len(m.models) for k, m in MACHINES.items()}
    score_log(sc, [{"type": "learn", "t": 1, "role": "smw", "fact": "kevin_schrikachtig", "via": "start",
                    "source": None}, {"type": "end", "t": 2, "outcome": {}}])
    assert {k: len(m.models) for k, m in MACHINES.items()} == before
