"""Soak test (issue 13): fuzz 10,000 scenario and policy files built from the shipped ones with real YAML
features (anchors, aliases, merge keys, tags, !!omap, flow/block styles, quoting, directives, extra
documents, unicode with control characters and surrogates, odd numbers) and trainer-like mistakes, then
check that loading either succeeds or refuses with FILE:LINE:COL problems inside the file, never a
traceback, and that a file that validates plays (`run`, passive and random policies, with scores)
without crashing.

    .venv/bin/python -m bench.soak_fuzz_scenarios [N] [--jobs 2] [--seed 0]

Prints: count, how many loaded / were refused, tracebacks (target 0), messages without a proper
FILE:LINE:COL (target 0), run crashes (target 0), elapsed. Not part of `make bench` (it takes minutes).
The generator `fuzz_text(rng)` is shared with tests/test_fuzz_loader.py (hypothesis drives its rng).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import re
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = [ROOT / "docs" / "examples" / "familie_vos.yaml", *sorted((ROOT / "scenarios").glob("*.yaml"))]
POLICIES = sorted((ROOT / "scenarios" / "policies").glob("*_expert.yaml"))
SCENARIO_TEXTS = [p.read_text(encoding="utf-8") for p in SCENARIOS]
POLICY_TEXTS = [p.read_text(encoding="utf-8") for p in POLICIES]
RENDERED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): \S")
LINE_BREAK = re.compile(r"\r\n|[\r\n]")  # YAML 1.2 line breaks (NEL, LS, PS are not)

TAGS = ["!!str", "!!int", "!!float", "!!bool", "!!null", "!!binary", "!!timestamp", "!!set", "!!map", "!!seq",
        "!!omap", "!!pairs", "!!merge", "!foo", "!<tag:example.com,2000:x>", "!!python/object:os.system", "!e!x",
        "!"]
DIRECTIVES = ["%YAML 1.1\n---\n", "%YAML 1.2\n---\n", "%YAML 9.9\n---\n", "%YAML 1.3\n---\n", "%YAML 2.0\n---\n",
              "%YAML\n---\n", "%TAG !e! tag:example.com,2000:\n---\n", "%FOO bar\n---\n", "---\n",
              "%YAML 1.2\n%YAML 1.2\n---\n", "\ufeff"]
TAILS = ["---\nx: 1\n", "...\n", "---\n", "--- |\n  text\n", "...\n---\n", "\n# end\n", "---\n...\n"]
ESCAPES = ["\\ud800", "\\udfff", "\\ud83d\\ude00", "\\U0001F600", "\\x41", "\\xff", "\\N", "\\_", "\\L", "\\P",
           "\\0", "\\a", "\\e", "\\u00e9", "\\q", "\\uZZZZ", "\\U00110000", "\\\n", "\\t", '\\"']
CHARS = ["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9f", "\u2028", "\u2029", "\ufeff",
         "\ufffe", "\uffff", "\u200b", "é", "€", "😀", "\U0010ffff", "\r", "\r\n", "\t", " ", "#", ":", "- ",
         "{", "}", "[", "]", ",", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", "?"]
NUMBERS = [".nan", ".NaN", ".inf", "-.inf", "+.inf", "1e999", "-1e999", "0x1F", "0o17", "0b101", "1_000", "017",
           "1:30", '"nan"', '"inf"', "nan", "9" * 30, "9" * 5000, "-0", "1e-999", "2w.5", "1e300w", "-3d", "1e400h"]
SCALAR_LINE = re.compile(r"^(?P<indent> *(?:- )?)(?P<key>[a-z_]+): (?P<value>[^&*!|>#{\[\n][^\n]*)$", re.MULTILINE)
ITEM_LINE = re.compile(r"^(?P<indent> *)- (?P<key>id|child|action|role|at): ", re.MULTILINE)
FLOW_TEXT = re.compile(r"\{nl: ([^{},]*), en: ([^{},]*)\}")
NUMBER_LINE = re.compile(r"^(?P<head> *(?:- )?(?:risk|at|start|urgent_at|threshold|chance|delay|jitter|weight|"
                         r"age|duration|feedback|triage|earliest|ideal|latest): )(?P<value>[^\n#]+)$", re.MULTILINE)


def _pick(rng: random.Random, pattern: re.Pattern, text: str) -> re.Match | None:
    found = list(pattern.finditer(text))
    return rng.choice(found) if found else None


def _anchor_alias(rng: random.Random, text: str) -> str:
    found = list(SCALAR_LINE.finditer(text))
    if len(found) < 2:
        return text
    a, b = sorted(rng.sample(found, 2), key=lambda m: m.start())
    if rng.random() < 0.2:
        a, b = b, a  # alias before its anchor: undefined alias
    name = rng.choice(["a", "x1", "base", "a"])
    first = text[:a.start("value")] + f"&{name} " + text[a.start("value"):]
    shift = len(name) + 2 if a.start() < b.start() else 0
    start, end = b.start("value") + shift, b.end("value") + shift
    return first[:start] + f"*{name}" + first[end:]


def _merge(rng: random.Random, text: str) -> str:
    """Anchor one list item's mapping and merge it into a later item at the same indentation."""
    found = list(ITEM_LINE.finditer(text))
    if len(found) < 2:
        return text
    a, b = sorted(rng.sample(found, 2), key=lambda m: m.start())
    if a.group("indent") != b.group("indent") and rng.random() < 0.7:
        return text
    inner = a.group("indent") + "  "
    merge_line = f"\n{inner}<<: {rng.choice(['*m', '[*m]', '*m', '*nope', '{x: 1}', '7'])}"
    line_end = text.find("\n", b.start())
    line_end = len(text) if line_end < 0 else line_end
    text = text[:line_end] + merge_line + text[line_end:]
    dash = a.start() + len(a.group("indent"))
    return text[:dash] + f"- &m\n{inner}" + text[dash + 2:]


def _omap(rng: random.Random, text: str) -> str:
    m = _pick(rng, FLOW_TEXT, text)
    if not m:
        return text
    form = rng.choice(["!!omap [{{nl: {0}}}, {{en: {1}}}]", "!!omap [{{nl: {0}}}, {{nl: {1}}}]",
                       "!!set {{{0}, {1}}}", "!!pairs [{{nl: {0}}}, {{en: {1}}}]", "{{nl: {0}, en: {1}, <<: {{x: 1}}}}",
                       "{{? nl : {0}, en: {1}}}", '{{"nl": "{0}", "en": \'{1}\'}}'])
    return text[:m.start()] + form.format(m.group(1).strip(), m.group(2).strip()) + text[m.end():]


def _tag(rng: random.Random, text: str) -> str:
    m = _pick(rng, SCALAR_LINE, text)
    if not m:
        return text
    return text[:m.start("value")] + rng.choice(TAGS) + " " + text[m.start("value"):]


def _style(rng: random.Random, text: str) -> str:
    m = _pick(rng, SCALAR_LINE, text)
    if not m:
        return text
    value = m.group("value").strip()
    indent = " " * (len(m.group("indent")) + 2)
    choice = rng.randrange(7)
    if choice == 0:
        new = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    elif choice == 1:
        new = "'" + value.replace("'", "''") + "'"
    elif choice == 2:
        new = "|\n" + indent + value
    elif choice == 3:
        new = ">-\n" + indent + value
    elif choice == 4:
        new = '"' + value[: len(value) // 2] + rng.choice(ESCAPES) + value[len(value) // 2:] + '"'
    elif choice == 5:
        new = "[" + value + "]"
    else:
        new = "\n" + indent + value
    return text[:m.start("value")] + new + text[m.end("value"):]


def _number(rng: random.Random, text: str) -> str:
    m = _pick(rng, NUMBER_LINE, text)
    if not m:
        return text
    return text[:m.start("value")] + rng.choice(NUMBERS) + text[m.end("value"):]


def _semantic(rng: random.Random, text: str) -> str:
    """A trainer-like mistake that is valid YAML: no playable role, a trigger waiting for itself or
    for another, an event at a strange time."""
    choice = rng.randrange(4)
    if choice == 0:
        return re.sub(r"^(    kind: .*)$", r"\1\n    playable: false", text, flags=re.MULTILINE)
    ids = re.findall(r"^  - id: ([a-z_0-9]+)$", text.split("\nincident:")[0].split("\nevents:")[-1], re.MULTILINE)
    ivs = re.findall(r"^  - id: ([a-z_0-9]+)$", text.split("\ninterventions:")[-1].split("\nnpc:")[0], re.MULTILINE)
    pool = ids + ivs
    if not pool:
        return text
    target = rng.choice(pool)
    line = re.search(rf"^  - id: {target}$", text, re.MULTILINE)
    if line is None:
        return text
    cond = rng.choice([f"{{event: {target}}}", f"{{event: {rng.choice(pool)}}}", f"{{not: {{event: {target}}}}}",
                       f"{{any: [{{event: {rng.choice(pool)}}}, {{after: 1w}}]}}"])
    insert = f"\n    when: {cond}" if choice != 3 else f"\n    at: {rng.choice(NUMBERS)}"
    if "when:" in text[line.end(): line.end() + 400].split("\n  - ")[0] and choice != 3:
        return text
    return text[:line.end()] + insert + text[line.end():]


def _raw_edit(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    op = rng.randrange(5)
    i = rng.randrange(len(text) + 1)
    j = rng.randrange(len(lines))
    if op == 0:
        return text[:i] + text[i + rng.randrange(1, 40):]
    if op == 1:
        return text[:i] + "".join(rng.choice(CHARS) for _ in range(rng.randrange(1, 4))) + text[i:]
    if op == 2:
        return "\n".join(lines[:j + 1] + [lines[j]] + lines[j + 1:])
    if op == 3:
        return "\n".join(lines[:j] + lines[j + 1:])
    k = rng.randrange(len(lines))
    lines[j], lines[k] = lines[k], lines[j]
    return "\n".join(lines)


def _directive(rng: random.Random, text: str) -> str:
    return rng.choice(DIRECTIVES) + text if rng.random() < 0.6 else text + rng.choice(TAILS)


OPERATIONS = [_anchor_alias, _merge, _omap, _tag, _style, _number, _semantic, _raw_edit, _directive]


def fuzz_text(rng: random.Random) -> tuple[str, bytes]:
    """A fuzzed file: ('scenario' or 'policy', its bytes), made from a shipped file by 1–4 operations."""
    kind = "policy" if rng.random() < 0.1 else "scenario"
    text = rng.choice(POLICY_TEXTS if kind == "policy" else SCENARIO_TEXTS)
    for _ in range(rng.randint(1, 4)):
        text = rng.choice(OPERATIONS)(rng, text)
    raw = text.encode("utf-8", "surrogatepass") if rng.random() < 0.97 else text.encode("latin-1", "replace")
    return kind, raw


def _lines(raw: bytes) -> list[str]:
    text = raw.decode("utf-8", errors="replace")
    return LINE_BREAK.split(text[1:] if text.startswith("\ufeff") else text)


def misplaced(rendered: str, file: str, raw: bytes) -> str | None:
    """Why a rendered problem is not a proper FILE:LINE:COL inside the file (None when it is)."""
    m = RENDERED.match(rendered)
    if not m or m.group("file") != file:
        return "no FILE:LINE:COL"
    if "<unicode string>" in rendered or "Traceback" in rendered:
        return "parser internals in the message"
    lines = _lines(raw)
    line, col = int(m.group("line")), int(m.group("col"))
    if not 1 <= line <= len(lines):
        return f"line {line} outside the file ({len(lines)} lines)"
    if not 1 <= col <= len(lines[line - 1]) + 1:
        return f"column {col} outside line {line} ({len(lines[line - 1])} characters)"
    return None


def check_file(path: Path, kind: str, raw: bytes) -> dict:
    """Load one fuzzed file like `validate` and, when it is a valid scenario, play it like `run` does."""
    from cli.scorejson import add_score
    from sim.errors import ScenarioError
    from sim.policy import load_scenario_or_policy
    from sim.runner import play, resolve_policy, run_summary

    out = {"loaded": 0, "refused": 0, "tracebacks": [], "misplaced": [], "run_crashes": []}
    try:
        loaded = load_scenario_or_policy(path)
    except ScenarioError as exc:
        out["refused"] = 1
        for problem in exc.problems:
            for lang in ("nl", "en"):
                why = misplaced(problem.render(lang), str(path), raw)
                if why:
                    out["misplaced"].append(f"{why}: {problem.render(lang)[:300]}")
        return out
    except Exception:  # noqa: BLE001 — exactly what the soak counts
        out["tracebacks"].append(traceback.format_exc(limit=-6))
        return out
    out["loaded"] = 1
    if kind == "scenario" and hasattr(loaded, "meta"):
        for policy_name in ("passive", "random"):
            try:
                policy = resolve_policy(loaded, policy_name)
                session, _ = play(loaded, policy, 1)
                add_score(run_summary(session, policy.name), loaded, session.records)
            except Exception:  # noqa: BLE001
                out["run_crashes"].append(f"{policy_name}: " + traceback.format_exc(limit=-6))
    return out


def _work(args: tuple[int, int, str]) -> dict:
    start, count, folder = args
    total = {"count": 0, "loaded": 0, "refused": 0, "tracebacks": [], "misplaced": [], "run_crashes": [],
             "examples": []}
    for seed in range(start, start + count):
        rng = random.Random(seed)
        kind, raw = fuzz_text(rng)
        path = Path(folder) / f"fuzz_{seed}.yaml"
        path.write_bytes(raw)
        result = check_file(path, kind, raw)
        total["count"] += 1
        for key in ("loaded", "refused"):
            total[key] += result[key]
        for key in ("tracebacks", "misplaced", "run_crashes"):
            if result[key]:
                total[key] += [f"seed {seed}: {r}" for r in result[key]]
                if len(total["examples"]) < 20:
                    keep = Path(folder).parent / f"soak_fail_{seed}.yaml"
                    keep.write_bytes(raw)
                    total["examples"].append(str(keep))
        path.unlink()
    return total


def soak(n: int, jobs: int = 2, seed: int = 0) -> dict:
    """Fuzz `n` files on `jobs` processes; the figures and the first failures."""
    begin = time.perf_counter()
    keep = Path(tempfile.mkdtemp(prefix="ketenspel_soak_"))
    work = keep / "work"
    work.mkdir()
    chunk = max(1, n // (jobs * 20))
    tasks = [(seed + i, min(chunk, n - i), str(work)) for i in range(0, n, chunk)]
    total = {"count": 0, "loaded": 0, "refused": 0, "tracebacks": [], "misplaced": [], "run_crashes": [],
             "examples": []}
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        for part in pool.imap_unordered(_work, tasks):
            for key in ("count", "loaded", "refused"):
                total[key] += part[key]
            for key in ("tracebacks", "misplaced", "run_crashes", "examples"):
                total[key] += part[key]
    total["elapsed"] = time.perf_counter() - begin
    total["kept_in"] = str(keep)
    return total


def main() -> list[dict]:
    """For `make soak` (bench/__main__.py): 10,000 files, 2 processes, seed 0, as rows of figures."""
    t = _report(soak(10_000, 2, 0), 2)
    rows = [("tracebacks while loading", len(t["tracebacks"])),
            ("messages without FILE:LINE:COL inside the file", len(t["misplaced"])),
            ("run crashes on files that validate", len(t["run_crashes"]))]
    return [{"name": f"{name} ({t['count']} fuzzed scenario and policy files)", "value": value, "unit": "",
             "target": "0", "met": value == 0, "note": f"{t['loaded']} loaded, {t['refused']} refused; "
             f"{t['elapsed']:.0f} s"} for name, value in rows]


def cli(argv: list[str] | None = None) -> int:
    """`python -m bench.soak_fuzz_scenarios [N] [--jobs J] [--seed S]`."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    t = _report(soak(args.n, args.jobs, args.seed), args.jobs)
    return 0 if not (t["tracebacks"] or t["misplaced"] or t["run_crashes"]) else 1


def _report(t: dict, jobs: int) -> dict:
    print(f"files fuzzed:               {t['count']}")
    print(f"  loaded (valid):           {t['loaded']}")
    print(f"  refused (ScenarioError):  {t['refused']}")
    print(f"tracebacks while loading:   {len(t['tracebacks'])} (target 0)")
    print(f"messages without FILE:LINE:COL inside the file: {len(t['misplaced'])} (target 0)")
    print(f"run crashes on valid files: {len(t['run_crashes'])} (target 0)")
    print(f"elapsed:                    {t['elapsed']:.1f} s on {jobs} processes")
    for key in ("tracebacks", "misplaced", "run_crashes"):
        for item in t[key][:5]:
            print(f"--- {key}: {item}", file=sys.stderr)
    if t["examples"]:
        print(f"failing files kept in {t['kept_in']}", file=sys.stderr)
    return t


if __name__ == "__main__":
    raise SystemExit(cli())
