"""Any input at all gives either a scenario or a ScenarioError (exit 0 or 2) — never a traceback:
random YAML, shipped scenarios with random damage, a YAML 'billion laughs' bomb and deeply nested
input (refused quickly, with bounded memory). Issue 13: the real YAML grammar too (anchors, aliases,
merge keys, tags, flow and block styles, directives, quoting, unicode with surrogates and control
characters), every problem at a FILE:LINE:COL inside the file, and a file that validates plays."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import random
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from bench.soak_fuzz_scenarios import check_file, fuzz_text
from sim import ScenarioError, load_scenario

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = [ROOT / "docs" / "examples" / "familie_vos.yaml", *sorted((ROOT / "scenarios").glob("*.yaml"))]
TEXTS = [p.read_text(encoding="utf-8") for p in SHIPPED]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                      HealthCheck.too_slow])


LINE_BREAK = re.compile(r"\r\n|[\r\n]")  # YAML 1.2 line breaks


def _assert_inside(raw: bytes, exc: ScenarioError, path: Path) -> None:
    """Every problem renders as FILE:LINE:COL with the line and column inside the file."""
    assert exc.problems, "a refusal names at least one problem"
    text = raw.decode("utf-8", errors="replace")
    lines = LINE_BREAK.split(text[1:] if text.startswith("\ufeff") else text)
    for p in exc.problems:
        assert p.message and p.message_nl
        for lang in ("nl", "en"):
            rendered = p.render(lang)
            assert rendered.startswith(f"{path}:{p.line}:{p.col}: ") and "<unicode string>" not in rendered
        assert 1 <= p.line <= len(lines), (p, len(lines))
        assert 1 <= p.col <= len(lines[p.line - 1]) + 1, (p, lines[p.line - 1])


def _outcome(tmp_path: Path, raw: bytes) -> str:
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    try:
        load_scenario(path)
    except ScenarioError as exc:
        _assert_inside(raw, exc, path)
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


# -- issue 13: the real YAML grammar ---------------------------------------------------------------
WORDS = st.sampled_from(["meta", "id", "nl", "en", "risk", "at", "roles", "x", "2w", "seed 003 VIR", "kevin", "<<",
                         "yes", "~", "null", "1e999", ".nan", ".inf", "-.inf", "0x1F", "0o17", "1_000", "2026-09-07",
                         "2026-13-45", "12:30", "a b", "é€😀"])
ESCAPES = st.sampled_from(["\\ud800", "\\udfff", "\\ud83d\\ude00", "\\x41", "\\u00e9", "\\U0001F600", "\\N",
                           "\\q", "\\0", '\\"', "\\t", "\\uD8"])
UNICODE = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from(
    ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffe", "\t", "\r"]), max_size=6)
TAGS = st.sampled_from(["", "", "", "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!binary ",
                        "!!timestamp ", "!!omap ", "!!set ", "!!map ", "!!seq ", "!!pairs ", "!foo ", "!e!x ",
                        "!<tag:x.org,1:y> ", "! "])


@st.composite
def yaml_documents(draw) -> str:
    """A YAML text using the grammar's features: block and flow collections, quoting styles, block
    scalars, anchors, aliases (sometimes undefined or cyclic), merge keys, tags, directives, documents."""
    anchors: list[str] = []

    def scalar() -> str:
        style = draw(st.integers(0, 5))
        word = draw(WORDS)
        if style == 0:
            return word
        if style == 1:
            return "'" + (word + draw(UNICODE)).replace("'", "''") + "'"
        if style == 2:
            return '"' + word + draw(ESCAPES) + draw(UNICODE).replace('"', "") + '"'
        if style == 3:
            return f"*{draw(st.sampled_from(anchors))}" if anchors and draw(st.booleans()) else "*undefined"
        if style == 4:
            return draw(st.sampled_from(["|", ">-", "|+", ">2"])) + "\n" + "  " * 8 + word
        return draw(UNICODE) or word

    def flow(depth: int) -> str:
        if depth > 2 or draw(st.integers(0, 2)) == 0:
            return scalar()
        if draw(st.booleans()):
            return "[" + ", ".join(flow(depth + 1) for _ in range(draw(st.integers(0, 3)))) + "]"
        return "{" + ", ".join(f"{draw(WORDS)}: {flow(depth + 1)}" for _ in range(draw(st.integers(0, 3)))) + "}"

    def props() -> str:
        out = draw(TAGS)
        if draw(st.integers(0, 3)) == 0:
            name = draw(st.sampled_from(["a", "b", "base"]))
            anchors.append(name)
            out = f"&{name} " + out
        return out

    def block(indent: int, depth: int) -> list[str]:
        pad = " " * indent
        lines: list[str] = []
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(st.integers(0, 5))
            key = draw(WORDS)
            if kind == 0 and depth < 3:
                lines.append(f"{pad}{key}: {props()}".rstrip())
                lines += block(indent + 2, depth + 1)
            elif kind == 1 and depth < 3:
                lines.append(f"{pad}{key}:")
                for _ in range(draw(st.integers(1, 3))):
                    lines.append(f"{pad}  - {props()}{flow(depth + 1)}")
            elif kind == 2 and anchors:
                lines.append(f"{pad}<<: {draw(st.sampled_from(['*' + a for a in anchors] + ['[*a, *b]', '{x: 1}']))}")
            elif kind == 3:
                lines.append(f"{pad}? {scalar()}")
                lines.append(f"{pad}: {flow(depth + 1)}")
            else:
                lines.append(f"{pad}{key}: {props()}{flow(depth + 1)}")
        return lines

    head = draw(st.sampled_from(["", "", "---\n", "%YAML 1.1\n---\n", "%YAML 1.2\n---\n", "%YAML 9.9\n---\n",
                                 "%TAG !e! tag:example.com,2000:\n---\n", "%FOO x\n---\n", "\ufeff"]))
    tail = draw(st.sampled_from(["", "", "...\n", "---\nx: 1\n", "---\n"]))
    return head + "\n".join(block(0, 0)) + "\n" + tail


@FUZZ
@given(text=yaml_documents())
def test_yaml_grammar_features_load_or_are_refused_inside_the_file(tmp_path, text):
    _outcome(tmp_path, text.encode("utf-8", "surrogatepass"))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False))
def test_shipped_files_with_yaml_features_load_or_refuse_inside_the_file_and_valid_ones_play(tmp_path, rng):
    """The soak's generator (bench/soak_fuzz_scenarios.py): anchors, merges, !!omap, tags, styles,
    directives, odd numbers, unicode and trainer-like mistakes in the shipped scenarios and policies;
    a valid result plays with the passive and random policies (with scores) without crashing."""
    kind, raw = fuzz_text(random.Random(rng.getrandbits(64)))
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    result = check_file(path, kind, raw)
    assert not result["tracebacks"], result["tracebacks"][0]
    assert not result["misplaced"], result["misplaced"][0]
    assert not result["run_crashes"], result["run_crashes"][0]
