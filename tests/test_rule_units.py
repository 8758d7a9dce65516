"""The rulebook's units (scoring.units) are wired as the judge expects (issue 14, Shape)."""

from scoring.rules import RULES
from scoring.units import MODULES, all_units


def test_every_unit_module_defines_a_unit_and_names_known_rules():
    units = all_units()
    modules = {u.__module__.rsplit(".", 1)[-1] for u in units}
    assert modules == set(MODULES)
    for unit in units:
        assert unit.rules, f"{unit.__name__} names no rules"
        for rid in unit.rules:
            assert rid in RULES, f"{unit.__name__} writes {rid}, which the catalogue does not know"


def test_every_rule_has_a_cite_and_both_languages():
    for rid, rule in RULES.items():
        for texts in (rule.checks, rule.bad, rule.good, rule.cite):
            assert set(texts) >= {"nl", "en"}, rid
