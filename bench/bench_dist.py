"""The frozen app on a trainer's laptop (issue 22, item 4): installed size of the one-folder app and
its cold start to the first frame (goal ≤ 2 s), next to `python main.py` started the same way.

Uses dist/ketenspel when `make dist` has built it; otherwise builds the app with PyInstaller into a
temporary folder first (about a minute and a half here). Without PyInstaller (`pip install .[dist]`)
the rows say so instead of a figure. The first frame is the Pietersdam desk written as a PNG
(`play pietersdam --screenshot`, SDL dummy driver): start of the process to the picture on disk."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.dist_check import environment, first_frames, folder_size, program

ROOT = Path(__file__).resolve().parent.parent
TARGET_START_S = 2.0


def _build(into: Path) -> Path:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath",
                    str(into / "dist"), "--workpath", str(into / "build"), str(ROOT / "ketenspel.spec")],
                   cwd=ROOT, check=True, capture_output=True)
    return into / "dist" / "ketenspel"


def _source_first_frame(work: Path, env: dict[str, str]) -> float:
    best = float("inf")
    for n in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py"), "play", "pietersdam", "--screenshot",
                        str(work / f"src{n}.png")], cwd=ROOT, env=env, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> list[dict]:
    built = ROOT / "dist" / "ketenspel"
    with tempfile.TemporaryDirectory() as tmp:
        if not (built / "ketenspel").exists() and not (built / "ketenspel.exe").exists():
            if importlib.util.find_spec("PyInstaller") is None:
                note = "not measured: PyInstaller is not installed (pip install .[dist]) and dist/ketenspel is not built"
                return [{"name": "frozen app: cold start to first frame", "value": "—", "unit": "",
                         "target": f"≤ {TARGET_START_S} s", "note": note}]
            built = _build(Path(tmp))
        exe = program(built)
        work = Path(tmp, "elders")
        work.mkdir()
        env = environment(Path(tmp, "data"))
        times = first_frames(exe, work, env)
        first, frozen = times[0], min(times)
        source = _source_first_frame(work, env | {"PYTHONPATH": str(ROOT)})
        size, files = folder_size(built)
    print(f"frozen app: first frame {frozen:.2f} s (first start {first:.2f} s; target ≤ {TARGET_START_S} s), python main.py {source:.2f} s; "
          f"{size / 1e6:.0f} MB in {files} files", flush=True)
    return [
        {"name": "frozen app: cold start to first frame", "value": frozen, "unit": "s",
         "target": f"≤ {TARGET_START_S} s", "met": frozen <= TARGET_START_S, "ratio": frozen / source,
         "ratio_to": f"of `python main.py` ({source:.2f} s) in the same run",
         "note": f"best of 3; the first start {first:.2f} s"},
        {"name": "frozen app: installed size", "value": size / 1e6, "unit": "MB", "target": "—",
         "note": f"{files} files in the one-folder app ({os.path.basename(built)})"},
    ]


if __name__ == "__main__":
    for row in main():
        print(row)
