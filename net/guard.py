"""The server's guards against floods and guessing (issue 18, item 6), apart from the game's rules.

* Hellos are rate-limited per address (a token bucket: a classroom behind one router still joins at
  once, a script does not make a thousand members), and wrong join codes back off per connection and
  per address: after a few wrong codes every hello from there waits 1, 2, 4 … up to 60 seconds —
  also a right one, so waiting tells nothing about the code. A right code resets the address.
* `one_line` turns any problem into the single line the trainer's terminal shows (never a traceback).
"""

from __future__ import annotations

import logging
import math
import sys
import time
from dataclasses import dataclass

HELLO_BURST = 60          # hellos one address may send at once (a room of 30 behind one router, twice)
HELLO_RATE = 10.0         # hellos per second one address gets back after the burst
FREE_WRONG = 3            # wrong join codes before the backoff starts (typos happen)
MAX_BACKOFF = 60.0        # seconds
MAX_ADDRESSES = 4096      # remembered addresses (the oldest are forgotten first)


def one_line(text: object, limit: int = 300) -> str:
    """A problem as one short line: newlines folded, cut to `limit` characters."""
    return " ".join(str(text).split())[:limit]


def say(text: str) -> None:
    """One line on the trainer's terminal (stderr)."""
    print(f"server: {one_line(text, 500)}", file=sys.stderr, flush=True)


class OneLineHandler(logging.Handler):
    """Log records of the websockets library as one line each, without their traceback."""

    def emit(self, record: logging.LogRecord) -> None:
        """Print the record's message and, if any, its exception's type and text."""
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            text += f" ({type(exc).__name__}: {exc})"
        say(text)


def quiet_libraries() -> None:
    """Make the websockets and asyncio loggers speak in one line (installed once)."""
    for name in ("websockets", "asyncio"):
        log = logging.getLogger(name)
        if not any(isinstance(h, OneLineHandler) for h in log.handlers):
            log.addHandler(OneLineHandler(logging.WARNING))
        log.propagate = False


def loop_exception(_loop, context: dict) -> None:
    """asyncio's handler for exceptions nobody awaited: one line, never a traceback."""
    exc = context.get("exception")
    say(f"{context.get('message', 'error')}" + (f": {type(exc).__name__}: {exc}" if exc else ""))


@dataclass
class Attempts:
    """Hellos and wrong codes of one address or one connection."""

    tokens: float = HELLO_BURST
    last: float = 0.0
    wrong: int = 0
    blocked_until: float = 0.0

    def backoff(self, now: float) -> None:
        """One more wrong code: after FREE_WRONG, wait twice as long each time."""
        self.wrong += 1
        if self.wrong >= FREE_WRONG:
            self.blocked_until = now + min(MAX_BACKOFF, 2.0 ** (self.wrong - FREE_WRONG))


class HelloGuard:
    """Decides whether a hello may be looked at now; `wait` is None or the seconds to wait."""

    def __init__(self, burst: float = HELLO_BURST, rate: float = HELLO_RATE, clock=time.monotonic):
        self.burst, self.rate, self.clock = burst, rate, clock
        self.addresses: dict[str, Attempts] = {}

    def _address(self, address: str) -> Attempts:
        a = self.addresses.pop(address, None)
        if a is None:
            a = Attempts(tokens=self.burst, last=self.clock())
            while len(self.addresses) >= MAX_ADDRESSES:
                self.addresses.pop(next(iter(self.addresses)))
        self.addresses[address] = a          # most recently used last
        return a

    def wait(self, address: str, conn: Attempts) -> float | None:
        """Seconds this hello must wait (it is refused), or None when it may be checked now."""
        now = self.clock()
        a = self._address(address)
        a.tokens = min(self.burst, a.tokens + (now - a.last) * self.rate)
        a.last = now
        blocked = max(a.blocked_until, conn.blocked_until) - now
        if blocked > 0:
            return blocked
        if a.tokens < 1:
            return (1 - a.tokens) / self.rate
        a.tokens -= 1
        return None

    def wrong(self, address: str, conn: Attempts) -> None:
        """A wrong join code from this address and connection."""
        now = self.clock()
        self._address(address).backoff(now)
        conn.backoff(now)

    def right(self, address: str) -> None:
        """The right join code: the address is trusted again (its wrong codes are forgotten)."""
        a = self._address(address)
        a.wrong, a.blocked_until = 0, 0.0


def seconds(wait: float) -> int:
    """Whole seconds to say in a refusal (at least 1)."""
    return max(1, math.ceil(wait))
