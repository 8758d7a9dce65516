"""The window holds no game rules: ui/ only drives the engine API (Session act/advance/view/finish,
replay/resume, the runner's policies) and shows role views. Checked on the source itself."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parent.parent / "ui"

ALLOWED_SIM_MODULES = {
    "sim",            # Session, FileLog, MemoryLog, load_scenario, read_log, errors
    "sim.actions",    # the vocabulary (ACTION_MODELS / ACTION_IDS) to build dialogs from
    "sim.view",       # RoleView type
    "sim.model",      # Scenario type
    "sim.replay",     # resume
    "sim.runner",     # resolve_policy / steps for screenshots and the expert timeline
    "sim.timefmt",    # parsing --until
    "sim.fields",     # Text, the bilingual text type (a network window builds it from the server's data)
    "sim.partners",   # the partner levels a solo player chooses from (LEVELS)
    "sim.userdata",   # where the player's saves live (platformdirs, owner-only); no rules
}
FORBIDDEN_ATTRIBUTES = {"world", "env", "rng", "emit", "learn", "tell", "change_risk", "later", "_input",
                        "_write", "fire_once", "_react", "inject"}
"""Engine internals a driver must not touch: world state, the SimPy environment, rule services."""


def _sources():
    return sorted(UI.rglob("*.py"))


def test_ui_imports_only_the_engine_api():
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "sim":
                assert node.module in ALLOWED_SIM_MODULES, f"{path.name} imports {node.module}"
            if isinstance(node, ast.Import):
                for alias in node.names:
                    assert alias.name.split(".")[0] not in ("sim", "scoring") or alias.name in ALLOWED_SIM_MODULES, \
                        f"{path.name} imports {alias.name}"


def test_ui_never_touches_engine_internals():
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
                raise AssertionError(f"{path.name}:{node.lineno} uses .{node.attr} — engine internals, not the API")


def test_the_scan_would_catch_a_rule_in_the_ui(tmp_path):
    """The check above is not vacuous: code that mutates the world is found."""
    bad = "def cheat(session):\n    session.world.level = 0\n"
    tree = ast.parse(bad)
    assert any(isinstance(n, ast.Attribute) and n.attr in FORBIDDEN_ATTRIBUTES for n in ast.walk(tree))


RULE_MODULES = {"effects", "npc", "world_events", "consent", "anonymity", "conditions"}


def test_the_ui_does_not_decide_what_is_allowed():
    """No check of the rulebook lives in ui/: it never reaches the engine's rule modules (sim.effects,
    sim.npc, consent, …), neither by import nor as an attribute. (The protocol's data may still say which
    roles the computer plays — `npc_roles` is something to show, not a rule.)"""
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.removeprefix("sim.") not in RULE_MODULES, f"{path.name} imports {node.module}"
                if node.module == "sim":
                    assert not {a.name for a in node.names} & RULE_MODULES, f"{path.name} imports a rule module"
            if isinstance(node, ast.Attribute):
                assert node.attr not in RULE_MODULES, f"{path.name}:{node.lineno} uses .{node.attr}"


def test_the_rule_module_scan_is_not_vacuous():
    tree = ast.parse("from sim import effects\nsession.npc.act()\n")
    hits = [n for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr in RULE_MODULES]
    imports = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and {a.name for a in n.names} & RULE_MODULES]
    assert hits and imports
