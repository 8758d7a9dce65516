"""`make bench`: run every bench/bench_*.py, print the figures, and write bench/RESULTS.md.
`make soak` (`python -m bench soak`): the long reliability runs, bench/soak_*.py, into bench/SOAK.md.

Each benchmark module has `main()` returning a dict or a list of dicts with at least
`name, value, unit, target` (and optionally `ratio`, `note`). Machines are shared and noisy, so the
figures that matter are ratios measured in the same run (see each benchmark)."""

from __future__ import annotations

import datetime as dt
import importlib
import platform
import sys
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _rows(result):
    return result if isinstance(result, list) else [result]


def main(kind: str = "bench") -> int:
    rows, failures = [], []
    for path in sorted(HERE.glob(f"{kind}_*.py")):
        name = f"bench.{path.stem}"
        print(f"== {name}", flush=True)
        try:
            result = importlib.import_module(name).main()
        except Exception:  # a broken benchmark is reported, the others still run
            failures.append((name, traceback.format_exc()))
            print(failures[-1][1], file=sys.stderr)
            continue
        for row in _rows(result):
            rows.append({"module": path.stem, **row})
    lines = [
        "# Benchmark results" if kind == "bench" else "# Soak results (long reliability runs)",
        "",
        f"Written by `make {kind}` on {dt.date.today().isoformat()} — Python {platform.python_version()}, "
        f"{platform.machine()}, {platform.system()}. Shared machines are noisy: compare the ratios "
        "measured in the same run rather than absolute times across runs.",
        "",
        "| benchmark | figure | target | ratio / note |",
        "|---|---|---|---|",
    ]
    for r in rows:
        value = f"{r['value']:.3g} {r['unit']}" if isinstance(r["value"], (int, float)) else str(r["value"])
        extra = r.get("note", "")
        if "ratio" in r:
            extra = f"{r['ratio']:.2f}× {r.get('ratio_to', '')}".strip() + (f"; {extra}" if extra else "")
        met = r.get("met")
        mark = "" if met is None else (" ✅" if met else " ❌")
        lines.append(f"| {r['module']}: {r['name']} | {value}{mark} | {r['target']} | {extra} |")
    for name, tb in failures:
        lines.append(f"| {name} | failed | — | {tb.strip().splitlines()[-1]} |")
    out = HERE / ("RESULTS.md" if kind == "bench" else "SOAK.md")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:2]))
