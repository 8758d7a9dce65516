"""Any input at all gives either a scenario or a ScenarioError (exit 0 or 2) — never a traceback:
random YAML, shipped scenarios with random damage, a YAML 'billion laughs' bomb and deeply nested
input (refused quickly, with bounded memory)."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from sim import ScenarioError, load_scenario

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [ROOT / "docs" / "examples" / "familie_vos.yaml", *sorted((ROOT / "scenarios").glob("*.yaml"))]
TEXTS = [p.read_text(encoding="utf-8") for p in SHIPPED]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])


def _outcome(tmp_path: Path, raw: bytes) -> str:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    try:
        load_scenario(path)
    except ScenarioError as exc:
        assert exc.problems, "a refusal names at least one problem"
        for p in exc.problems:
            assert p.line >= 1 and p.col >= 1 and p.message
        return "refused"
    return "loaded"


YAML_BITS = st.sampled_from([":", "- ", "  ", "\n", "\t", "{", "}", "[", "]", ",", "&a ", "*a", "!!str ", "'", '"',
                             "#", "id: x", "risk: ", "at: 2w", "nl: ", "en: ", "?", "|", ">", "%", "@", "\\", "\x00",
                             "é", "2026-13-45", "1e999", "-", ".inf", "~", "null", "yes", "0x1F"])
MUTATION = st.tuples(st.sampled_from(["delete", "insert", "dup_line", "drop_line", "swap"]),
                     st.integers(0, 10**6), st.integers(0, 40), st.lists(YAML_BITS, max_size=4))


def _mutate(text: str, ops: list) -> str:
    for op, pos, size, bits in ops:
        i = pos % (len(text) + 1)
        lines = text.split("\n")
        j = pos % len(lines)
        if op == "delete":
            text = text[:i] + text[i + size:]
        elif op == "insert":
            text = text[:i] + "".join(bits) + text[i:]
        elif op == "dup_line":
            text = "\n".join(lines[:j + 1] + [lines[j]] + lines[j + 1:])
        elif op == "drop_line":
            text = "\n".join(lines[:j] + lines[j + 1:])
        else:
            k = (j + size) % len(lines)
            lines[j], lines[k] = lines[k], lines[j]
            text = "\n".join(lines)
    return text


@FUZZ
@given(which=st.integers(0, len(TEXTS) - 1), ops=st.lists(MUTATION, min_size=1, max_size=4))
def test_damaged_shipped_scenarios_never_crash_the_loader(tmp_path, which, ops):
    _outcome(tmp_path, _mutate(TEXTS[which], ops).encode("utf-8", "surrogatepass"))


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=12), st.sampled_from(["2w", "3d", "seed 003 VIR", "kevin", "smw", ">= 6"]))
KEYS = st.sampled_from(["meta", "family", "roles", "facts", "events", "risk", "incident", "id", "nl", "en", "at",
                        "when", "all", "any", "not", "done", "known_by", "persons", "source", "x"])
DATA = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(KEYS, inner, max_size=5)), max_leaves=25)


@FUZZ
@given(data=st.dictionaries(KEYS, DATA, max_size=8))
def test_random_yaml_never_crashes_the_loader(tmp_path, data):
    path = tmp_path / "gen.yaml"
    with path.open("w", encoding="utf-8") as fh:
        YAML(typ="safe").dump(data, fh)
    _outcome(tmp_path, path.read_bytes())


@FUZZ
@given(raw=st.binary(max_size=300))
def test_random_bytes_never_crash_the_loader(tmp_path, raw):
    _outcome(tmp_path, raw)


def _refused_quickly(tmp_path: Path, text: str, seconds: float, megabytes: float | None = None) -> None:
    """Refused within `seconds` (timed without tracing) and within `megabytes` of Python memory."""
    start = time.perf_counter()
    assert _outcome(tmp_path, text.encode()) == "refused"
    assert time.perf_counter() - start < seconds
    if megabytes is None:
        return
    tracemalloc.start()
    try:
        _outcome(tmp_path, text.encode())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < megabytes * 1e6


def test_a_billion_laughs_bomb_is_refused_quickly_with_bounded_memory(tmp_path):
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    prev = "a"
    for name in "bcdefghi":
        text += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
        prev = name
    _refused_quickly(tmp_path, text, seconds=5, megabytes=100)


def test_deeply_nested_input_is_refused_quickly(tmp_path):
    _refused_quickly(tmp_path, "[" * 300 + "]" * 300, seconds=5, megabytes=50)
    _refused_quickly(tmp_path, "{a: " * 1000 + "1" + "}" * 1000, seconds=5)
    _refused_quickly(tmp_path, "".join("  " * i + "- \n" for i in range(500)), seconds=5)
