"""Soak (issue 13): 1,000 random solo sessions with checkpoints and up to three crashes each all
replay identically, and a whole saved game resumes and replays when cut at every byte offset.
Targets: 0 sessions that do not replay; 0 offsets that do not resume (cuts inside the header excepted:
nothing was acknowledged yet, and they are refused with a reason)."""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from sim import LogError, load_scenario, resolve_scenario
from sim.replay import replay, resume

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from random_sessions import drive, random_steps  # noqa: E402

SESSIONS = 1000


def _sessions(folder: Path) -> dict:
    scenarios = [load_scenario(resolve_scenario(n)) for n in ("peter", "pietersdam", "lisanne_lars")]
    failed, start = [], time.perf_counter()
    for seed in range(SESSIONS):
        rng = random.Random(seed)
        path = folder / f"s{seed}.jsonl"
        try:
            played = drive(rng.choice(scenarios), seed, random_steps(rng, 60), path,
                           crash_before=rng.sample(range(60), rng.randint(0, 3)))
            if replay(path)[0].records != played.records:
                failed.append(seed)
        except LogError as exc:
            failed.append(seed)
            print(f"seed {seed}: {exc}", file=sys.stderr)
    print(f"{SESSIONS} sessions: {len(failed)} not replaying", flush=True)
    return {"name": f"random solo sessions with checkpoints and crashes ({SESSIONS})", "value": len(failed),
            "unit": "not replaying", "target": "0", "met": not failed,
            "note": f"{time.perf_counter() - start:.0f} s"}


def _offsets(folder: Path) -> dict:
    scenario = load_scenario(resolve_scenario("peter"))
    rng = random.Random(5)
    full = folder / "full.jsonl"
    drive(scenario, 5, [s for s in random_steps(rng, 12) if s[0] != "finish"], full)
    raw = full.read_bytes()
    header_end = raw.index(b"\n")
    failed, start = [], time.perf_counter()
    for offset in range(header_end, len(raw) + 1):
        cut = folder / "cut.jsonl"
        cut.write_bytes(raw[:offset])
        try:
            session, _ = resume(cut)
            session.finish()
            if replay(cut)[0].records != session.records:
                failed.append(offset)
        except LogError as exc:
            failed.append(offset)
            print(f"offset {offset}: {exc}", file=sys.stderr)
    return {"name": f"every truncation offset of a saved game ({len(raw) - header_end + 1} offsets)",
            "value": len(failed), "unit": "not resuming", "target": "0", "met": not failed,
            "note": f"{time.perf_counter() - start:.0f} s"}


def main() -> list[dict]:
    with tempfile.TemporaryDirectory() as tmp:
        rows = [_sessions(Path(tmp)), _offsets(Path(tmp))]
    for row in rows:
        print(f"{row['name']}: {row['value']} {row['unit']} (target {row['target']}; {row['note']})")
    return rows


if __name__ == "__main__":
    main()
