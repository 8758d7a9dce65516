"""Try it from the page (issue 21): 'Balans' plays `balance` and `balance --solo` (the CLI's own runs
and verdicts, cli/balance.py), 'Nabespreking' runs the expert and passive policies and builds their
report with the CLI, 'Speel vanaf hier' opens the game window at a moment in a chosen role. All work on
a copy of the document written beside the file, so a half-made family never touches the scenario file."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path
from typing import Any, Callable

from sim.files import atomic_writer
from studio.document import Document

TRY_DIRS: dict[int, Path] = {}


def try_copy(doc: Document, policy: Document | None = None) -> Path:
    """The scenario and its expert policy as they are now (saved or not), in a folder of their own:
    FOLDER/NAME.yaml and FOLDER/policies/ID_expert.yaml. The scenario file itself is never touched."""
    folder = TRY_DIRS.setdefault(id(doc), Path(tempfile.mkdtemp(prefix="ketenspel-studio-")))
    target = folder / (doc.path.name if doc.path is not None else "nieuw_gezin.yaml")
    with atomic_writer(target) as fh:
        fh.write(doc.text)
    if policy is not None:
        sid = str((doc.get(("meta", "id")) or "nieuw_gezin"))
        (folder / "policies").mkdir(exist_ok=True)
        with atomic_writer(folder / "policies" / f"{sid}_expert.yaml") as fh:
            fh.write(policy.text)
    return target


def command(*args: str) -> list[str]:
    """A Ketenspel command as a child process: this Python with `-m cli …`, or the frozen app itself
    (cli.selfcmd)."""
    from cli.selfcmd import child_command

    return child_command(*args)


def balance(path: Path, runs: int, progress: Callable[[float], None]) -> dict[str, Any]:
    """balance (expert, passive, random) and balance --solo over seeds 0…runs-1, one run at a time so
    `progress` (0…1) moves; the table rows and the CLI's own reasons when it is not balanced."""
    from cli import balance as bal
    from cli import balance_solo as solo
    from sim.loader import load_scenario

    bal._scenario.cache_clear()  # the try copy is rewritten between runs: never a stale family
    bal._policy.cache_clear()
    scenario = load_scenario(path)
    policies = ["expert", "passive", "random"]
    bal._policy(str(path), "expert")  # no expert policy: ScenarioError before any run
    roles = [r.id for r in scenario.roles if r.playable]
    work = [(bal._one, (str(path), p, seed)) for p in policies for seed in range(runs)]
    work += [(solo._solo_one, (str(path), p, r, seed)) for r in roles for p in solo.SOLO_POLICIES
             for seed in range(runs)]
    stats = {p: bal.PolicyStats(p) for p in policies}
    solo_stats = {r: {p: solo.SoloStats(r, p) for p in solo.SOLO_POLICIES} for r in roles}
    for n, (fn, job) in enumerate(work, 1):
        res = fn(job)
        if fn is bal._one:
            stats[res["policy"]].runs.append(res)
        else:
            solo_stats[res["role"]][res["policy"]].runs.append(res)
        progress(n / len(work))
    rows = [{"policy": p, "runs": len(s.runs), "incident": f"{s.incident_rate:.0%}",
             "total": f"{s.mean('total'):.1f}"} for p, s in stats.items()]
    solo_rows = [{"role": r, "policy": p, "incident": f"{s.incident_rate:.0%}",
                  "score": "–" if s.score is None else f"{s.score:.1f}"}
                 for r, by in solo_stats.items() for p, s in by.items()]
    problems = bal.health(scenario, stats) + solo.solo_health(scenario, solo_stats)
    return {"rows": rows, "solo_rows": solo_rows, "problems": problems}


async def debrief(path: Path, out_dir: Path, lang: str = "nl") -> tuple[Path | None, str]:
    """Run the expert and the passive policy (seed 1) and build their HTML report with the CLI."""
    out_dir.mkdir(parents=True, exist_ok=True)
    logs = [out_dir / f"{path.stem}.{p}.jsonl" for p in ("expert", "passive")]
    report = out_dir / f"{path.stem.lstrip('.')}.nabespreking.html"
    steps = [command("run", str(path), "--policy", p, "--log", str(log), "--force", "--lang", lang)
             for p, log in zip(("expert", "passive"), logs)]
    steps.append(command("report", *map(str, logs), "--out", str(report), "--lang", lang))
    for cmd in steps:
        proc = await asyncio.create_subprocess_exec(*cmd, stdout=asyncio.subprocess.PIPE,
                                                    stderr=asyncio.subprocess.PIPE)
        out, err = await proc.communicate()
        if proc.returncode != 0:
            return None, (err or out).decode("utf-8", "replace").strip()
    return report, ""


def play_from(path: Path, start: str, role: str, lang: str = "nl") -> Any:
    """`play FILE --from T --role R --policy expert` as a child process (the game window)."""
    import subprocess

    return subprocess.Popen(command("play", str(path), "--from", start, "--role", role, "--policy", "expert",
                                    "--lang", lang))
