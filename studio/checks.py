"""Checked as you type: the CLI's own validate (sim.loader) and lint (authoring.lint) run on the text
being edited, and every problem is mapped from its LINE:COL back to the path of the field it concerns
(sim.yamlsource.Source keeps the position of each path)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sim.errors import ScenarioError
from sim.loader import scenario_from_source
from sim.model import Scenario
from sim.yamlsource import Source, YamlProblem, parse_yaml_bytes

Path_ = tuple[Any, ...]


@dataclass(frozen=True)
class Issue:
    """One problem for the page: where (a path into the scenario), how bad, and the text (with the fix)."""

    path: Path_
    severity: str  # "error" (validate, or a lint error) or "warning" (lint)
    text: str
    line: int
    col: int


@dataclass
class Report:
    """The outcome of one check: the scenario when it loads, and every issue."""

    scenario: Scenario | None
    source: Source | None
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]


def path_at(src: Source, line: int, col: int) -> Path_:
    """The path whose value (or key) stands at LINE:COL, else the last path that starts on that line
    before COL, else the last one before the line (a problem is shown at the field it concerns)."""
    best: tuple[tuple[int, int], Path_] | None = None
    for table in (src.positions, src.key_positions):
        for p, pos in table.items():
            if pos == (line, col):
                return p
            if pos <= (line, col) and (best is None or pos > best[0] or (pos == best[0] and len(p) > len(best[1]))):
                best = (pos, p)
    return best[1] if best else ()


def _strip(rendered: str, file: str) -> str:
    """`FILE:LINE:COL: text` → `text`."""
    head = f"{file}:"
    if rendered.startswith(head):
        rest = rendered[len(head):]
        parts = rest.split(": ", 1)
        return parts[1] if len(parts) == 2 else rest
    return rendered


def check(text: str, file: str = "scenario.yaml", lang: str = "nl") -> Report:
    """validate + lint of `text` as `ketenspel validate` and `ketenspel lint` would see that file."""
    from authoring.lint import LintInput, lint_scenario, render

    try:
        src = parse_yaml_bytes(text.encode("utf-8"), file)
    except YamlProblem as exc:
        p = exc.problem
        return Report(None, None, [Issue((), "error", _strip(p.render(lang), file), p.line, p.col)])
    try:
        scenario = scenario_from_source(src)
    except ScenarioError as exc:
        issues = [Issue(path_at(src, p.line, p.col), "error", _strip(p.render(lang), file), p.line, p.col)
                  for p in exc.problems]
        return Report(None, src, issues)
    except Exception as exc:  # noqa: BLE001 — a half-made family must never take the page down
        return Report(None, src, [Issue((), "error", f"{type(exc).__name__}: {exc}", 1, 1)])
    findings = lint_scenario(LintInput(scenario, src))
    issues = [Issue(path_at(src, f.line, f.col), f.severity, _strip(render(f, file, lang), file), f.line, f.col)
              for f in findings]
    return Report(scenario, src, issues)


def best_slot(issue_path: Path_, slots: list[Path_]) -> Path_ | None:
    """The field on the page an issue belongs beside: the longest field path that is a prefix of the
    issue's path (or, for an issue on a whole item, the first field inside it)."""
    prefixes = [s for s in slots if issue_path[:len(s)] == s]
    if prefixes:
        return max(prefixes, key=len)
    inside = [s for s in slots if s[:len(issue_path)] == issue_path and issue_path]
    return min(inside, key=len) if inside else None


def check_policy(text: str, scenario: Scenario, lang: str = "nl") -> list[Issue]:
    """The expert policy checked against the scenario as `validate` checks a policy file (ids exist,
    steps in time order), each problem at the path of its step."""
    from sim.policy import policy_from_source

    file = "policy.yaml"
    try:
        src = parse_yaml_bytes(text.encode("utf-8"), file)
    except YamlProblem as exc:
        p = exc.problem
        return [Issue((), "error", _strip(p.render(lang), file), p.line, p.col)]
    try:
        policy_from_source(src, scenario)
    except ScenarioError as exc:
        return [Issue(path_at(src, p.line, p.col), "error", _strip(p.render(lang), file), p.line, p.col)
                for p in exc.problems]
    except Exception as exc:  # noqa: BLE001 — a half-made step must never take the page down
        return [Issue((), "error", f"{type(exc).__name__}: {exc}", 1, 1)]
    return []
