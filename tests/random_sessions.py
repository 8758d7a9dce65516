"""Random sessions for the reliability tests and the soak run (issue 13): a driver that advances the
clock to absolute moments, checkpoints, acts and may 'crash' (the log closed without an end) and
resume from the file, exactly as the window and the server do."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Iterable

from sim import FileLog, Session
from sim.model import Scenario
from sim.random_policy import impulsive_action
from sim.replay import resume

OPS = ("advance", "checkpoint", "act", "act", "finish")


def random_steps(rng: random.Random, n: int) -> list[tuple[str, float, int]]:
    """`n` steps of (operation, hours to move on, seed of the action chosen)."""
    return [(rng.choice(OPS), rng.choice([rng.uniform(0.001, 80.0), rng.randint(1, 9) / rng.choice([3, 7, 10, 60])]),
             rng.randrange(1 << 30)) for _ in range(n)]


def drive(scenario: Scenario, seed: int, steps: Iterable[tuple[str, float, int]], path: Path,
          crash_before: Iterable[int] = ()) -> Session:
    """Play `steps` on a new session logged to `path`; before each step index in `crash_before` the
    log is closed as by a crash and the session resumed from the file. Times are absolute (the sum of
    the steps so far), so a resumed session is driven to the same moments as an uninterrupted one."""
    crashes = set(crash_before)
    session = Session(scenario, seed, log=FileLog(path))
    target = 0.0
    for i, (op, hours, pick) in enumerate(steps):
        if i in crashes and not session.finished:
            session.log.close()
            session, _warnings = resume(path)
        if op == "finish":
            session.finish()
            break
        target = min(target + hours, session.end)
        session.advance(target, checkpoint=op == "checkpoint")
        if op == "act" and not session.finished:
            rng = random.Random(pick)
            role = rng.choice(sorted(session.players))
            session.act(role, impulsive_action(session, role, rng))
    session.log.close()
    return session
