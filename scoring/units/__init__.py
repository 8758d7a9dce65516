"""Rule units: each rule (or a small family of rules) as a unit of its own over the ledger (issue 14,
Shape; issue 15).

A unit is a subclass of `RuleUnit` in a module of this package. The judge (scoring.judge.LiveScorer)
makes one instance of every unit per session and calls its hooks for every record, after the ledger
has taken the record in: `record` for any record, `tick` before the record's handlers (deadlines),
`action` for an action by a player's role, `end` once
at the end of the session. A unit keeps only its own state and writes findings through `self.add`; the
rule's texts, weight, seed and `cite` live in scoring/rules.yaml or scoring/rulebook/*.yaml.

To add a unit, write its module here and list the module in `MODULES` (the order is the order the
judge calls them in, and so the order of their findings)."""

from __future__ import annotations

from importlib import import_module

from scoring.units.base import RuleUnit, registered

MODULES: tuple[str, ...] = (
    "silence", "bystander", "stuck",  # meldcode: time-driven rules (issue 14 Shape, issue 15 item 5)
    "afwegingskader",  # meldcode: always report acute or structural unsafety (issue 15 item 2)
    "institutions_vt", "institutions_vir", "institutions_raad",  # issue 15: Veilig Thuis, VIR, Raad
    "anonymity",
    "basis_fit", "proportionality",  # privacy: bases that fit, requests per task, proportionality (issue 15)
    "conversation",  # talks with choices: secrecy, the child's own view, the opening (issue 17 item 6)
)
"""The unit modules of this package, in calling order."""


def all_units() -> list[type[RuleUnit]]:
    """Every registered unit class, modules imported in `MODULES` order."""
    for name in MODULES:
        import_module(f"scoring.units.{name}")
    return registered()


__all__ = ["RuleUnit", "all_units"]
