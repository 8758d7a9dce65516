"""The simulated clock: a SimPy environment that lands exactly on the moment it is asked for.

SimPy's `run(until=t)` schedules a stop event `t - now` ahead, so the clock ends at `now + (t - now)`,
which in floating point can differ from `t` in the last digit. Reaching the same moment from another
start (a resumed game, a replay, a checkpoint) would then give another clock, and the replay would
refuse the log. The design (design.md: the log is the truth) needs simulated time to be exact:
`advance_to(t)` processes every event due at or before `t` and then sets the clock to `t` itself."""

from __future__ import annotations

import simpy


class ExactEnvironment(simpy.Environment):
    """A SimPy environment whose clock is set, not computed, when a driver advances it."""

    def advance_to(self, until: float) -> None:
        """Process every event due at or before `until`, then stand exactly at `until`.

        Events due at `until` itself are processed (as with `run(until)` followed by stepping the
        events of that moment). Moving backwards is not possible; asking for the past changes nothing."""
        while self.peek() <= until:
            self.step()
        if until > self._now:
            self._now = until  # SimPy keeps the clock in _now; there is no public setter
