"""Session logs of the frozen Pietersdam copy (tests/report_golden/pietersdam_golden.yaml)."""

from __future__ import annotations

import json
from pathlib import Path

from sim import FileLog, load_scenario
from sim.runner import play, resolve_policy

HERE = Path(__file__).resolve().parent
FROZEN = HERE / "pietersdam_golden.yaml"
FROZEN_EXPERT = str(HERE / "pietersdam_golden_expert.yaml")
POLICIES = {"expert": FROZEN_EXPERT, "passive": "passive", "random": "random"}


def frozen_log(path: Path, policy: str, seed: int, **people) -> str:
    """Play the frozen scenario with a policy (expert, passive, random) and write its log; the header
    names the scenario file so the report can find it. `people` (role=, wall=, names=) as in
    sim.runner.play: a solo game, a real clock, the players' names."""
    scenario = load_scenario(FROZEN)
    log = FileLog(path)
    play(scenario, resolve_policy(scenario, POLICIES[policy]), seed, log=log, **people)
    log.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["scenario_file"] = str(FROZEN)
    lines[0] = json.dumps(header, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)
