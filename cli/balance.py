"""`balance SCENARIO`: Monte Carlo over seeds with the expert, passive and random policies (and any
policy files given), in parallel processes — a trainer's check that good cooperation wins and
passivity loses before a training day (issue 5). Exits 1 with the reasons when unbalanced."""

from __future__ import annotations

import json
import os
import statistics
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tqdm import tqdm

from sim.errors import ScenarioError
from sim.loader import load_scenario, resolve_scenario
from sim.model import Expectation, Scenario
from sim.runner import play, resolve_policy

DIMENSIONS = ("total", "timeliness", "privacy", "feedback")
EXPERT_MARGIN = 40.0
PASSIVE_INCIDENT_MIN = 0.9
EXPERT_INCIDENT_MAX = 0.1


@cache
def _scenario(path: str) -> Scenario:
    return load_scenario(path)


@cache
def _policy(path: str, name: str):
    return resolve_policy(_scenario(path), name)


def expectation_met(exp: Expectation, records: list[dict[str, Any]], players: set[str]) -> bool:
    """Did a player role in `exp.roles` take the expected action inside its window?"""
    start = 0.0
    if exp.after_event:
        times = [r["t"] for r in records if r.get("event") == exp.after_event or r.get("incident") == exp.after_event
                 or r.get("intervention") == exp.after_event]
        if not times:
            return False
        start = times[0]
    for rec in records:
        if rec.get("type") != "action" or rec["role"] not in players or not exp.fits(rec["role"], rec["action"]):
            continue
        if start + exp.window.earliest <= rec["t"] <= start + exp.window.latest:
            return True
    return False


def window_opened(exp: Expectation, records: list[dict[str, Any]]) -> bool:
    """Did the expectation's window open in this run? Always, unless it follows an event (`after_event`)
    that did not happen — e.g. a duty after the incident that the expert prevented."""
    if not exp.after_event:
        return True
    return any((r.get("type") == "event" and r.get("event") == exp.after_event)
               or (r.get("type") == "incident" and r.get("incident") == exp.after_event and r.get("happened"))
               or (r.get("type") == "intervention" and r.get("intervention") == exp.after_event) for r in records)


def _one(job: tuple[str, str, int]) -> dict[str, Any]:
    path, policy_name, seed = job
    scenario = _scenario(path)
    policy = _policy(path, policy_name)
    session, refused = play(scenario, policy, seed)
    records = session.records[1:]
    from scoring import score_log  # the scoring package judges the log

    scored = score_log(scenario, session.records).as_json()
    players = set(policy.roles)
    return {
        "policy": policy_name, "seed": seed, "incident": session.outcome["incident"],
        "score": {d: scored["score"][d] for d in DIMENSIONS},
        "violations": sorted({f["rule"] for f in scored["findings"] if f["severity"] not in ("praise", "info")}),
        "learned": sorted({r["fact"] for r in records if r.get("type") == "learn"}),
        "met": sorted(e.id for e in scenario.expectations if expectation_met(e, records, players)),
        "opened": sorted(e.id for e in scenario.expectations if window_opened(e, records)),
        "refused": len(refused),
    }


@dataclass
class PolicyStats:
    """What the runs of one policy add up to."""

    name: str
    runs: list[dict[str, Any]] = field(default_factory=list)

    def mean(self, dim: str) -> float:
        return statistics.fmean(r["score"][dim] for r in self.runs)

    def spread(self, dim: str) -> float:
        values = [r["score"][dim] for r in self.runs]
        return statistics.pstdev(values) if len(values) > 1 else 0.0

    @property
    def incident_rate(self) -> float:
        return sum(r["incident"] for r in self.runs) / len(self.runs)

    def top_findings(self, n: int = 5) -> list[tuple[str, int]]:
        return Counter(rule for r in self.runs for rule in r["violations"]).most_common(n)

    def as_json(self) -> dict[str, Any]:
        return {"runs": len(self.runs), "incident_rate": round(self.incident_rate, 4),
                "mean": {d: round(self.mean(d), 2) for d in DIMENSIONS},
                "spread": {d: round(self.spread(d), 2) for d in DIMENSIONS},
                "top_findings": [{"rule": r, "runs": c} for r, c in self.top_findings()],
                "refused_steps": sum(r["refused"] for r in self.runs)}


class Said(str):
    """A line of the balance check: the English words (what `--json` and scripts read) that also know
    their Dutch (what a trainer reads in the table; issue 20, item 2)."""

    nl: str

    def __new__(cls, nl: str, en: str) -> "Said":
        obj = super().__new__(cls, en)
        obj.nl = nl
        return obj

    def get(self, lang: str) -> str:
        """The line in `lang`."""
        return self.nl if lang == "nl" else str(self)


def pct(x: float) -> str:
    """A share as a percentage, '90%'."""
    return f"{x:.0%}"


def health(scenario: Scenario, stats: dict[str, PolicyStats]) -> list[str]:
    """The reasons a scenario is unbalanced (empty when healthy), each a `Said` (English and Dutch)."""
    problems = []
    learned = set().union(*(set(r["learned"]) for s in stats.values() for r in s.runs))
    for fact in scenario.facts:
        if fact.id not in learned:
            problems.append(Said(f'het feit "{fact.id}" leert geen enkele rol in geen enkele run: niemand kan het ooit weten',
                                 f'fact "{fact.id}" is never learned by any role in any run: nobody can ever know it'))
    if "expert" in stats:
        ex = stats["expert"]
        met = Counter(e for r in ex.runs for e in r["met"])
        opened = Counter(e for r in ex.runs for e in r.get("opened", ()))
        reached = Counter(e for s in stats.values() for r in s.runs for e in r.get("opened", ()))
        for e in scenario.expectations:
            if met[e.id] == 0 and opened[e.id] == 0 and reached[e.id] > 0:
                continue  # it follows what the expert prevents (e.g. the incident); other teams reach it
            if met[e.id] == 0 and not e.optional:  # an optional step is credit, not a duty (issue 16)
                problems.append(Said(f'het expertbeleid haalt de verwachting "{e.id}" nooit',
                                     f'expectation "{e.id}" is never met by the expert policy'))
        if ex.incident_rate > EXPERT_INCIDENT_MAX:
            problems.append(Said(f"het incident is niet genoeg te voorkomen: het gebeurt in {pct(ex.incident_rate)} van "
                                 f"de expertruns (hoogstens {pct(EXPERT_INCIDENT_MAX)})",
                                 f"the incident is not preventable enough: it happens in {pct(ex.incident_rate)} of "
                                 f"expert runs (at most {pct(EXPERT_INCIDENT_MAX)})"))
    if "passive" in stats and stats["passive"].incident_rate < PASSIVE_INCIDENT_MIN:
        rate = stats["passive"].incident_rate
        problems.append(Said(f"niets doen wordt niet bestraft: het incident gebeurt in maar {pct(rate)} van de passieve "
                             f"runs (minstens {pct(PASSIVE_INCIDENT_MIN)})",
                             f"passivity is not punished: the incident happens in only {pct(rate)} "
                             f"of passive runs (at least {pct(PASSIVE_INCIDENT_MIN)})"))
    if {"expert", "passive"} <= set(stats):
        e, p = stats["expert"].mean("total"), stats["passive"].mean("total")
        if e < p + EXPERT_MARGIN:
            problems.append(Said(f"de expert scoort gemiddeld {e:.1f}, niet minstens {EXPERT_MARGIN:g} boven passief {p:.1f}",
                                 f"expert mean total {e:.1f} is not at least {EXPERT_MARGIN:g} above passive {p:.1f}"))
        if "random" in stats:
            r = stats["random"].mean("total")
            if not p < r < e:
                problems.append(Said(f"op goed geluk scoort gemiddeld {r:.1f}, niet tussen passief {p:.1f} en expert {e:.1f}",
                                     f"random mean total {r:.1f} is not between passive {p:.1f} and expert {e:.1f}"))
    return problems


def _run_all(fn: Any, work: list[tuple], jobs: int, progress: bool) -> list[dict[str, Any]]:
    """`fn` over every job, in `jobs` processes, in the order of `work` (so results are independent of `jobs`)."""
    bar = tqdm(total=len(work), desc="balance", unit="run", file=sys.stderr, disable=not progress)
    out = []
    if jobs == 1:
        results = map(fn, work)
    else:
        pool = ProcessPoolExecutor(max_workers=jobs)
        results = pool.map(fn, work, chunksize=max(1, len(work) // (jobs * 8)))
    for res in results:
        out.append(res)
        bar.update()
    bar.close()
    if jobs != 1:
        pool.shutdown()
    return out


def run_balance(path: str, policies: list[str], runs: int, jobs: int, progress: bool = True) -> dict[str, PolicyStats]:
    """Play every policy over seeds 0…runs-1 in `jobs` processes; results are independent of `jobs`."""
    work = [(path, p, seed) for p in policies for seed in range(runs)]
    stats = {p: PolicyStats(p) for p in policies}
    for res in _run_all(_one, work, jobs, progress):
        stats[res["policy"]].runs.append(res)
    return stats


#: More seeds than this says nothing more about balance: a run takes ~10 ms and keeps ~1 kB per policy,
#: so the limit means ~1 hour of processor time and ~0.3 GB for the three standard policies.
MAX_RUNS = 100_000
#: More processes than this only costs memory (each loads the scenario and the engine).
MAX_JOBS = 256


def check_limits(runs: int, jobs: int) -> str | None:
    """The one-line problem with --runs or --jobs (None when both are usable)."""
    if not 1 <= runs <= MAX_RUNS:
        return (f"--runs {runs}: geef een aantal seeds van 1 tot {MAX_RUNS} / "
                f"give a number of seeds from 1 to {MAX_RUNS} (200 is plenty)")
    if not 0 <= jobs <= MAX_JOBS:
        return (f"--jobs {jobs}: geef een aantal processen van 1 tot {MAX_JOBS}, of 0 voor één per kern / "
                f"give a number of processes from 1 to {MAX_JOBS}, or 0 for one per core")
    return None


def effective_jobs(jobs: int, work: int) -> int:
    """Processes to start: --jobs (0 = one per core), never more than there are runs."""
    return max(1, min(jobs or os.cpu_count() or 1, work))


def balance(args: Any) -> int:
    """CLI entry: print the table (or JSON) and exit 1 when the scenario is unbalanced, 2 on bad input."""
    try:
        path = str(resolve_scenario(args.scenario))
        scenario = load_scenario(path)
        policies = ["expert", "passive", "random"]
        resolve_policy(scenario, "expert")  # a scenario without its expert policy: one line, before any run
        for extra in args.policy:
            resolve_policy(scenario, extra)  # validate it before spending minutes
            policies.append(extra)
    except ScenarioError as exc:
        for p in exc.problems:
            print(p.render(getattr(args, "lang", "nl")), file=sys.stderr)
        return 2
    problem = check_limits(args.runs, args.jobs)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if getattr(args, "solo", False):
        from cli.balance_solo import solo_balance

        return solo_balance(path, scenario, args)
    jobs = effective_jobs(args.jobs, args.runs * len(policies))
    stats = run_balance(path, policies, args.runs, jobs, progress=not args.json)
    problems = health(scenario, stats)
    if args.json:
        print(json.dumps({"scenario": scenario.meta.id, "runs": args.runs,
                          "policies": {p: s.as_json() for p, s in stats.items()},
                          "healthy": not problems, "problems": problems}, indent=2, sort_keys=True))
    else:
        _print_table(scenario, stats, problems, getattr(args, "lang", "nl"))
    return 1 if problems else 0


TABLE = {
    "nl": {"runs": "runs per beleid", "policy": "beleid", "incident": "incident", "total": "totaal",
           "timeliness": "tijdigheid", "privacy": "privacy", "feedback": "terugkoppeling",
           "top": "vaakste bevindingen", "expert": "expert", "passive": "passief", "random": "op goed geluk",
           "unbalanced": "NIET in balans:", "balanced": "In balans: goed samenwerken wint, passiviteit verliest."},
    "en": {"runs": "runs per policy", "policy": "policy", "incident": "incident", "total": "total",
           "timeliness": "timeliness", "privacy": "privacy", "feedback": "feedback",
           "top": "most frequent findings", "expert": "expert", "passive": "passive", "random": "random",
           "unbalanced": "NOT balanced:", "balanced": "Balanced: good cooperation wins, passivity loses."},
}
"""The balance table's words (Dutch by default, `--lang en`)."""


def _print_table(scenario: Scenario, stats: dict[str, PolicyStats], problems: list[str], lang: str = "nl") -> None:
    t = TABLE[lang]
    print(f"{scenario.meta.title.get(lang)} — {len(next(iter(stats.values())).runs)} {t['runs']}")
    print(f"{t['policy']:<14}" + "".join(f"{t[d]:>17}" for d in DIMENSIONS) + f"{t['incident']:>10}")
    for name, s in stats.items():
        cells = "".join(f"{s.mean(d):>10.1f} ± {s.spread(d):<4.1f}" for d in DIMENSIONS)
        print(f"{t.get(name, name):<14}{cells}{s.incident_rate:>9.0%}")
    for name, s in stats.items():
        top = ", ".join(f"{rule} ({n})" for rule, n in s.top_findings(3)) or "—"
        print(f"  {t['top']}, {t.get(name, name)}: {top}")
    print_verdict(problems, t["unbalanced"], t["balanced"], lang)


def print_verdict(problems: list[str], unbalanced: str, balanced: str, lang: str = "nl") -> None:
    """The closing lines of a balance table: each reason it is unbalanced, or that it is balanced."""
    if problems:
        print(f"\n{unbalanced}")
        for p in problems:
            print(f"  - {p.get(lang) if isinstance(p, Said) else p}")
    else:
        print(f"\n{balanced}")
