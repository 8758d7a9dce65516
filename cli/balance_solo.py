"""`balance SCENARIO --solo`: every playable role alone — the expert's steps for that role only, then
nothing at all — with competent computer partners (sim.partners), over seeds (issue 14, item 3).

A role marked `pivotal: true` holds a piece without which the chain breaks: alone, its expert play must
prevent the incident and its passivity must let it happen. Balance fails (exit 1, with the reasons)
when a pivotal role cannot tip the outcome either way in at least 90 % of runs. The role's own score
(`score.per_role[R].total`, the `run --json` path) is shown beside the incident rate; its thresholds are
reported as notes."""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from typing import Any

from cli.balance import Said, _policy, _run_all, _scenario, effective_jobs, pct, print_verdict
from sim.model import Scenario
from sim.runner import play, run_summary

SOLO_POLICIES = ("expert", "passive")
SOLO_PARTNERS = "competent"
PIVOTAL_PREVENTS_MIN = 0.9
"""An expert-alone pivotal role prevents the incident in at least this share of runs."""
PIVOTAL_SUFFERS_MIN = 0.9
"""A passive-alone pivotal role suffers the incident in at least this share of runs."""
EXPERT_ALONE_SCORE_MIN = 85.0
PASSIVE_ALONE_SCORE_MAX = 40.0
"""The role's own score alone (issue 14, done-when): a failure for a pivotal role, a note for the others."""


def _solo_one(job: tuple[str, str, str, int]) -> dict[str, Any]:
    path, policy_name, role, seed = job
    from cli.scorejson import add_score  # the same score path as `run --json`

    scenario = _scenario(path)
    session, refused = play(scenario, _policy(path, policy_name), seed, role=role, partners=SOLO_PARTNERS)
    summary = add_score(run_summary(session, policy_name), scenario, session.records)
    own = (summary.get("score", {}).get("per_role") or {}).get(role) or {}
    return {"policy": policy_name, "role": role, "seed": seed, "incident": bool(session.outcome["incident"]),
            "score": own.get("total"), "refused": len(refused)}


@dataclass
class SoloStats:
    """The runs of one role alone with one policy."""

    role: str
    policy: str
    runs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def incident_rate(self) -> float:
        return sum(r["incident"] for r in self.runs) / len(self.runs)

    @property
    def score(self) -> float | None:
        """The mean of the role's own total score (None when scoring has no score for the role)."""
        values = [r["score"] for r in self.runs if r["score"] is not None]
        return statistics.fmean(values) if values else None

    def as_json(self) -> dict[str, Any]:
        score = self.score
        return {"runs": len(self.runs), "incident_rate": round(self.incident_rate, 4),
                "score": None if score is None else round(score, 2),
                "refused_steps": sum(r["refused"] for r in self.runs)}


def run_solo(path: str, scenario: Scenario, runs: int, jobs: int,
             progress: bool = True) -> dict[str, dict[str, SoloStats]]:
    """Every playable role alone with each solo policy over seeds 0…runs-1: {role: {policy: stats}}."""
    roles = [r.id for r in scenario.roles if r.playable]
    work = [(path, p, r, seed) for r in roles for p in SOLO_POLICIES for seed in range(runs)]
    stats = {r: {p: SoloStats(r, p) for p in SOLO_POLICIES} for r in roles}
    for res in _run_all(_solo_one, work, jobs, progress):
        stats[res["role"]][res["policy"]].runs.append(res)
    return stats


def solo_health(scenario: Scenario, stats: dict[str, dict[str, SoloStats]]) -> list[str]:
    """Why the solo balance fails: a pivotal role whose play alone does not decide the incident."""
    problems = []
    for role, by_policy in stats.items():
        if not scenario.role_by_id[role].pivotal:
            continue
        expert, passive = by_policy["expert"], by_policy["passive"]
        if 1 - expert.incident_rate < PIVOTAL_PREVENTS_MIN:
            problems.append(Said(f'spilrol "{role}" kan als expert alleen het incident niet voorkomen: het gebeurt in '
                                 f"{pct(expert.incident_rate)} van de runs (in minstens {pct(PIVOTAL_PREVENTS_MIN)} "
                                 "voorkomen gewenst)",
                                 f'pivotal role "{role}" playing like the expert alone cannot prevent the incident: it '
                                 f"happens in {pct(expert.incident_rate)} of runs (prevented in at least "
                                 f"{pct(PIVOTAL_PREVENTS_MIN)} wanted)"))
        if passive.incident_rate < PIVOTAL_SUFFERS_MIN:
            problems.append(Said(f'spilrol "{role}" laat het incident niet gebeuren als zij niets doet: maar in '
                                 f"{pct(passive.incident_rate)} van de runs (minstens {pct(PIVOTAL_SUFFERS_MIN)} gewenst) — "
                                 "de partners vullen het gat, dus de rol is geen spilrol",
                                 f'pivotal role "{role}" doing nothing alone does not let the incident happen: only '
                                 f"{pct(passive.incident_rate)} of runs (at least {pct(PIVOTAL_SUFFERS_MIN)} wanted) — "
                                 "the partners fill the gap, so the role is not pivotal"))
        e, p = expert.score, passive.score
        if e is None or e < EXPERT_ALONE_SCORE_MIN:
            problems.append(Said(f'spilrol "{role}" scoort als expert alleen {"niets" if e is None else f"{e:.1f}"} '
                                 f"(minstens {EXPERT_ALONE_SCORE_MIN:g} gewenst)",
                                 f'pivotal role "{role}" playing like the expert alone scores '
                                 f'{"nothing" if e is None else f"{e:.1f}"} (at least {EXPERT_ALONE_SCORE_MIN:g} wanted)'))
        if p is not None and p > PASSIVE_ALONE_SCORE_MAX:
            problems.append(Said(f'spilrol "{role}" scoort als zij niets doet {p:.1f} (hoogstens '
                                 f"{PASSIVE_ALONE_SCORE_MAX:g} gewenst)",
                                 f'pivotal role "{role}" doing nothing alone scores {p:.1f} '
                                 f"(at most {PASSIVE_ALONE_SCORE_MAX:g} wanted)"))
    return problems


def solo_notes(scenario: Scenario, stats: dict[str, dict[str, SoloStats]]) -> list[str]:
    """What a trainer should know but what does not fail the check: no pivotal role at all, and a
    role's own score outside the thresholds of issue 14 (they depend on the per-role scoring)."""
    notes = []
    if not any(scenario.role_by_id[r].pivotal for r in stats):
        notes.append(Said("geen rol is als spilrol gemarkeerd: het spel van geen enkele rol alleen beslist over het incident",
                          "no role is marked pivotal: no single role's play decides the incident"))
    for role in scenario.roles:
        if role.pivotal and not role.playable:
            notes.append(Said(f'"{role.id}" is spilrol, maar geen speler kan haar nemen (playable: false); niet gecontroleerd',
                              f'"{role.id}" is marked pivotal but no player can take it (playable: false); not checked'))
    for role, by_policy in stats.items():
        if scenario.role_by_id[role].pivotal:
            continue  # its scores are checked (solo_health)
        if (by_policy["expert"].incident_rate <= 1 - PIVOTAL_PREVENTS_MIN and
                by_policy["passive"].incident_rate >= PIVOTAL_SUFFERS_MIN):
            notes.append(Said(f'"{role}" is geen spilrol, maar beslist wel over het incident: als zij niets doet, gebeurt '
                              f'het in {by_policy["passive"].incident_rate:.0%} van de runs (de partners missen haar '
                              "stukje: een competente partner zet geen stap met feiten die hij niet kent). Zet "
                              "pivotal: true als dat de bedoeling is",
                              f'"{role}" is not marked pivotal but decides the incident: doing nothing, it happens in '
                              f'{by_policy["passive"].incident_rate:.0%} of runs (the partners miss its piece: a competent '
                              "partner takes no step with facts it does not know). Set pivotal: true if that is intended"))
        e, p = by_policy["expert"].score, by_policy["passive"].score
        if e is not None and e < EXPERT_ALONE_SCORE_MIN:
            notes.append(Said(f'"{role}" scoort alleen als expert {e:.1f} (minstens {EXPERT_ALONE_SCORE_MIN:g} gewenst)',
                              f'"{role}" alone like the expert scores {e:.1f} (at least {EXPERT_ALONE_SCORE_MIN:g} wanted)'))
        if p is not None and p > PASSIVE_ALONE_SCORE_MAX:
            notes.append(Said(f'"{role}" scoort alleen en passief {p:.1f} (hoogstens {PASSIVE_ALONE_SCORE_MAX:g} gewenst)',
                              f'"{role}" alone and passive scores {p:.1f} (at most {PASSIVE_ALONE_SCORE_MAX:g} wanted)'))
    return notes


def solo_balance(path: str, scenario: Scenario, args: Any) -> int:
    """CLI entry of `balance SCENARIO --solo`: the table (or JSON); exit 1 when a pivotal role fails."""
    roles = [r.id for r in scenario.roles if r.playable]
    jobs = effective_jobs(args.jobs, args.runs * len(roles) * len(SOLO_POLICIES))
    stats = run_solo(path, scenario, args.runs, jobs, progress=not args.json)
    problems, notes = solo_health(scenario, stats), solo_notes(scenario, stats)
    if args.json:
        print(json.dumps({"scenario": scenario.meta.id, "runs": args.runs, "solo": True, "partners": SOLO_PARTNERS,
                          "roles": {r: {"pivotal": scenario.role_by_id[r].pivotal,
                                        **{p: s.as_json() for p, s in by.items()}} for r, by in stats.items()},
                          "healthy": not problems, "problems": problems, "notes": notes},
                         indent=2, sort_keys=True, ensure_ascii=False))
    else:
        _print_solo(scenario, stats, problems, notes, args.runs, getattr(args, "lang", "nl"))
    return 1 if problems else 0


def _cell(s: SoloStats) -> str:
    score = "—" if s.score is None else f"{s.score:.1f}"
    return f"{score:>8}{s.incident_rate:>10.0%}"


SOLO = {
    "nl": {"head": "solo, partners {partners}, {runs} runs per rol en beleid", "role": "rol", "pivotal": "spilrol",
           "expert": "expert alleen", "passive": "passief alleen", "score": "score", "incident": "incident",
           "yes": "ja", "note": "let op", "unbalanced": "NIET in balans (solo):",
           "balanced": "In balans (solo): elke spilrol beslist over het incident."},
    "en": {"head": "solo, partners {partners}, {runs} runs per role and policy", "role": "role", "pivotal": "pivotal",
           "expert": "expert alone", "passive": "passive alone", "score": "score", "incident": "incident",
           "yes": "yes", "note": "note", "unbalanced": "NOT balanced (solo):",
           "balanced": "Balanced (solo): every pivotal role decides the incident."},
}
"""The solo table's words (Dutch by default, `--lang en`)."""


def _print_solo(scenario: Scenario, stats: dict[str, dict[str, SoloStats]], problems: list[str],
                notes: list[str], runs: int, lang: str = "nl") -> None:
    t = SOLO[lang]
    print(f"{scenario.meta.title.get(lang)} — " + t["head"].format(partners=SOLO_PARTNERS, runs=runs))
    print(f"{t['role']:<18}{t['pivotal']:>8}   {t['expert']:>18}   {t['passive']:>18}")
    print(f"{'':<18}{'':>8}   {t['score']:>8}{t['incident']:>10}   {t['score']:>8}{t['incident']:>10}")
    for role, by in stats.items():
        mark = t["yes"] if scenario.role_by_id[role].pivotal else ""
        print(f"{role:<18}{mark:>8}   {_cell(by['expert'])}   {_cell(by['passive'])}")
    for n in notes:
        print(f"  {t['note']}: {n.get(lang) if isinstance(n, Said) else n}")
    print_verdict(problems, t["unbalanced"], t["balanced"], lang)
