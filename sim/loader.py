"""Loading and validating scenario files: YAML → checked, immutable Scenario, or every problem found."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sim.errors import Problem, ScenarioError, hint, known_list, msg
from sim.model import Scenario
from sim.pydantic_errors import validate_mapping
from sim.references import check_refs, conversation_problems, duplicate_ids, id_sets, scenario_refs
from sim.soundness import model_soundness, nonfinite_in_data, nonfinite_in_model, scenario_soundness
from sim.yamlsource import Source, YamlProblem, parse_yaml_bytes, read_yaml


def _shipped_dir() -> Path:
    """The folder of the shipped scenarios: the package `scenarios`, read with importlib.resources, so it
    is found in a checkout, an installed wheel and the frozen app alike (issue 22)."""
    root = resources.files("scenarios")
    if not isinstance(root, Path):  # a zipped install; the scenarios are read as files
        raise RuntimeError(f"Ketenspel's scenarios must be installed as files, not inside {root!r}")
    return root


SCENARIO_DIR = _shipped_dir()


def scenario_from_source(src: Source) -> Scenario:
    """Validate parsed YAML into a Scenario; raise ScenarioError listing every problem.

    A source parsed without positions is re-parsed with positions before any problem is reported,
    so every message still points at FILE:LINE:COL."""
    if not src.has_positions:
        try:
            return _scenario_from_source(src)
        except ScenarioError:
            try:
                src = parse_yaml_bytes(src.raw, src.file)
            except YamlProblem as exc:
                raise ScenarioError([exc.problem]) from None
    return _scenario_from_source(src)


def validate_finite(src: Source, model: type, not_mapping: str):
    """`validate_mapping`, with `.nan`/`.inf` anywhere reported as such (not as 'out of range' at the
    same place) and non-finite values that only appear in validation ("nan" as text) refused too."""
    nonfinite = [src.problem(path, text) for path, text in nonfinite_in_data(src.data)]
    try:
        validated = validate_mapping(src, model, not_mapping)
    except ScenarioError as exc:
        if not nonfinite:
            raise
        places = {(p.line, p.col) for p in nonfinite}
        raise ScenarioError(nonfinite + [p for p in exc.problems if (p.line, p.col) not in places]) from None
    nonfinite += [src.problem(path, text) for path, text in nonfinite_in_model(validated)]
    if nonfinite:
        raise ScenarioError(nonfinite)
    return validated


def _scenario_from_source(src: Source) -> Scenario:
    scenario = validate_finite(src, Scenario, "not_a_scenario")
    problems = [src.problem(path, text) for path, text in duplicate_ids(src.data)]
    problems += [src.problem(path, text) for path, text in check_refs(scenario_refs(src.data), id_sets(src.data))]
    problems += [src.problem(path, text) for path, text in conversation_problems(src.data)]
    problems += [src.problem(path, text) for path, text in scenario_soundness(src.data)]
    problems += [src.problem(path, text) for path, text in model_soundness(scenario)]
    if problems:
        raise ScenarioError(problems)
    return scenario.model_copy(update={"content_hash": "sha256:" + src.sha256, "source_path": src.file})


def load_scenario(path: str | Path) -> Scenario:
    """Read (once, bounded) and validate one scenario file (raises ScenarioError with FILE:LINE:COL
    problems; a missing, oversize or non-regular file is refused at FILE:1:1 without being read)."""
    try:
        src = read_yaml(path)
    except YamlProblem as exc:
        raise ScenarioError([exc.problem]) from None
    return scenario_from_source(src)


def load_scenario_with_source(path: str | Path) -> tuple[Scenario, Source]:
    """`load_scenario`, also returning the parsed Source (for `lint`, which needs the positions) so the
    file is read from disk only once."""
    try:
        src = read_yaml(path)
    except YamlProblem as exc:
        raise ScenarioError([exc.problem]) from None
    return scenario_from_source(src), src


def available_scenarios(directory: Path = SCENARIO_DIR) -> dict[str, Path]:
    """Shipped scenarios by id (file stem): peter, pietersdam, lisanne_lars, …"""
    return {p.stem: p for p in sorted(directory.glob("*.yaml"))}


def resolve_scenario(name: str | Path) -> Path:
    """A scenario given as a path or as a shipped id ('pietersdam'); ScenarioError if neither."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.exists():
            raise ScenarioError([Problem.of(str(name), 1, 1, msg("no_such_file"))])
        return path
    shipped = available_scenarios()
    if str(name) in shipped:
        return shipped[str(name)]
    raise ScenarioError([Problem.of(str(name), 1, 1, msg("unknown_scenario", name=name, hint=hint(name, shipped),
                                                          known=known_list(shipped)))])
