"""A solo game played at full speed by a script, printing each acknowledged input's number — the
process the kill -9 test (tests/test_kill_solo.py) shoots at a random moment. Usage:
    python tests/kill_target_solo.py SCENARIO SEED"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sim.random_policy import impulsive_action  # noqa: E402
from ui.game import start_game  # noqa: E402


def main() -> None:
    scenario_id, seed = sys.argv[1], int(sys.argv[2])
    from sim import load_scenario, resolve_scenario

    scenario = load_scenario(resolve_scenario(scenario_id))
    rng = random.Random(seed)
    role = rng.choice([r.id for r in scenario.roles if r.playable])
    game = start_game(scenario, role, seed)
    print(f"path {game.path}", flush=True)
    while not game.finished:
        game.session.advance(game.now + rng.uniform(0.01, 30.0), checkpoint=rng.random() < 0.3)
        if game.now >= game.end:
            break
        result = game.act(impulsive_action(game.session, role, rng))
        if result.ok:
            print(f"ack {result.seq}", flush=True)
    game.session.finish()
    print("done", flush=True)


if __name__ == "__main__":
    main()
