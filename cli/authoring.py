"""The trainers' authoring commands: `lint`, `graph` and `new` (issue 9). Problems go to stderr as
FILE:LINE:COL lines; never a traceback."""

from __future__ import annotations

import re
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from sim.errors import ScenarioError
from sim.loader import load_scenario, load_scenario_with_source, resolve_scenario
from sim.model import Scenario

EXIT_OK, EXIT_WARNINGS, EXIT_ERRORS = 0, 1, 2
TEMPLATE = "templates/nieuw_scenario.yaml"


def _load(name: str, lang: str) -> tuple[Scenario, Path] | int:
    try:
        path = resolve_scenario(name)
        return load_scenario(path), path
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem.render(lang), file=sys.stderr)
        return EXIT_ERRORS


def lint(args: Any) -> int:
    """`lint SCENARIO [--strict] [--lang nl|en]`: exit 0 clean, 1 warnings (with --strict), 2 errors.
    The file is read once: the scenario and its positions come from the same bytes."""
    from authoring.lint import LintInput, lint_scenario, render

    try:
        path = resolve_scenario(args.scenario)
        scenario, source = load_scenario_with_source(path)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem.render(args.lang), file=sys.stderr)
        return EXIT_ERRORS
    findings = lint_scenario(LintInput(scenario, source))
    for f in findings:
        print(render(f, str(path), args.lang), file=sys.stderr)
    if any(f.severity == "error" for f in findings):
        return EXIT_ERRORS
    if findings and args.strict:
        return EXIT_WARNINGS
    if not findings:
        print(f"{path}: " + ("geen bevindingen" if args.lang == "nl" else "no findings"))
    return EXIT_OK


def graph(args: Any) -> int:
    """`graph SCENARIO --out FILE.md|.html`: Mermaid pictures of the scenario."""
    from authoring.graph import to_html, to_markdown

    out = Path(args.out)
    if out.suffix.lower() not in (".md", ".html", ".htm"):
        print(f"{out}:1:1: " + ("schrijf naar een .md- of .html-bestand" if args.lang == "nl"
                                else "write to a .md or .html file"), file=sys.stderr)
        return EXIT_ERRORS
    loaded = _load(args.scenario, args.lang)
    if isinstance(loaded, int):
        return loaded
    scenario, _ = loaded
    text = to_markdown(scenario, args.lang) if out.suffix.lower() == ".md" else to_html(scenario, args.lang)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{out}:1:1: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(out)
    return EXIT_OK


def template_text(scenario_id: str) -> str:
    """The commented Dutch template scenario with its id filled in."""
    text = resources.files("authoring").joinpath(TEMPLATE).read_text(encoding="utf-8")
    return text.replace("__ID__", scenario_id)


def scenario_id(name: str) -> str:
    """A valid scenario id from a name a trainer typed ('Familie De Vries' → 'familie_de_vries')."""
    sid = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not sid or not sid[0].isalpha():
        sid = "scenario_" + sid
    return sid[:64].rstrip("_")


def new(args: Any) -> int:
    """`new NAME [--out PATH]`: write NAME.yaml (here, in the --out directory, or to the --out file)."""
    base = Path(args.name).name
    stem = Path(base).stem if base.endswith((".yaml", ".yml")) else base
    sid = scenario_id(stem)
    if args.out and Path(args.out).suffix in (".yaml", ".yml"):
        target = Path(args.out)
    else:
        target = Path(args.out or ".") / f"{stem}.yaml"
    if target.exists():
        print(f"{target}:1:1: bestaat al; kies een andere naam of verwijder het eerst / already exists", file=sys.stderr)
        return EXIT_ERRORS
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template_text(sid), encoding="utf-8")
    except OSError as exc:
        print(f"{target}:1:1: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    print(target)
    return EXIT_OK
