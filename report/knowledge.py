"""Who knew what when: key facts × roles over time, and when the full picture could first exist.

The puzzle of seed 004 §1 and §7.4: every partner holds a piece; the picture exists only when the
pieces come together. A fact is `key` in the scenario when it belongs to that full picture."""

from __future__ import annotations

from dataclasses import dataclass

from report.session import SessionData


@dataclass(frozen=True)
class Knowledge:
    """First moment (hours) each role knew each key fact, and the two "full picture" moments.

    `team_at`: earliest time every key fact was known by at least one player role (None: never).
    `single_role`/`single_at`: the first role that held all key facts itself, and when (None: nobody).
    `closest_role`/`closest_count`: when nobody held them all, the role that held the most."""

    facts: tuple[str, ...]
    roles: tuple[str, ...]
    first: dict[tuple[str, str], float]
    team_at: float | None
    missing: tuple[str, ...]
    single_role: str | None
    single_at: float | None
    closest_role: str | None
    closest_count: int

    def first_player(self, fact: str, players: set[str]) -> str | None:
        """The player role that knew `fact` first (ties: scenario order)."""
        known = [(self.first[(fact, r)], i, r) for i, r in enumerate(self.roles)
                 if r in players and (fact, r) in self.first]
        return min(known)[2] if known else None

    def known_at(self, t: float, roles: set[str] | None = None) -> int:
        """How many key facts the given roles (default: all) together knew at time t."""
        return sum(1 for f in self.facts if any(
            (f, r) in self.first and self.first[(f, r)] <= t for r in self.roles if roles is None or r in roles))


def knowledge(session: SessionData) -> Knowledge:
    """Read the `learn` records of a log into the key-fact matrix."""
    scenario = session.scenario
    facts = tuple(f.id for f in scenario.facts if f.key)
    key = set(facts)
    first: dict[tuple[str, str], float] = {}
    for rec in session.of_type("learn"):
        if rec["fact"] in key:
            first.setdefault((rec["fact"], rec["role"]), rec["t"])
    roles = tuple(r.id for r in scenario.roles if any((f, r.id) in first for f in facts) or r.id in session.players)
    players = set(session.players)
    per_fact = {f: [first[(f, r)] for r in players if (f, r) in first] for f in facts}
    missing = tuple(f for f in facts if not per_fact[f])
    team_at = max((min(ts) for ts in per_fact.values()), default=0.0) if not missing else None
    complete = [(max(first[(f, r)] for f in facts), i, r) for i, r in enumerate(roles)
                if all((f, r) in first for f in facts)]
    single = min(complete) if complete else None
    counts = [(-sum((f, r) in first for f in facts), i, r) for i, r in enumerate(roles)]
    closest = min(counts) if counts else (0, 0, None)
    return Knowledge(facts, roles, first, team_at, missing, single[2] if single else None,
                     single[0] if single else None, closest[2], -closest[0])
