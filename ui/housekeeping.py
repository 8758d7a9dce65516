"""Garbage collection at moments nobody waits for (issue 17, item 10: input → visible response p95
≤ 50 ms). Every desk build leaves the elements and text layouts it replaced as garbage in reference
cycles, which only Python's cycle collector frees. Left to itself, the collector's full pass comes
at a moment decided by allocation counts — often in the middle of the next key press — and walks
every object of the program (some 50,000: modules, classes, the theme), taking 20–150 ms. Profiling
the desk showed these passes as the slowest responses.

Two things move that work out of the way without changing what the window does:

- `freeze_startup`: once per process, when the window opens, everything that exists then (code,
  modules, the loaded libraries) is moved out of the collector's sight (`gc.freeze`); it lives as
  long as the program anyway. A full pass then only walks what the game made since.
- `tidy`: after a response is on screen and the window is about to wait for the next input, the
  garbage of that response is collected (`gc.collect`) — while the player reads the screen — when the
  response made enough objects to be worth it. The automatic collector stays on for everything else
  (continuous play, long builds).

- `wait_for_input`: waiting for the next key without pygame's own `event.wait`, which looks for
  input every millisecond (about 2.5 % of a core while nothing happens); looking every few
  milliseconds and sleeping in between keeps the idle window under 2 % (issue 6, item 12).

Nothing here knows about the game."""

from __future__ import annotations

import gc
import time

import pygame

ENABLED = True
"""Off: the collector runs only when Python decides (bench/bench_ui.py measures both)."""

_frozen = False


def freeze_startup() -> None:
    """Collect once and move every object alive now out of the collector's sight (once per process;
    later windows of the same process, e.g. in tests, do not freeze again)."""
    global _frozen
    if _frozen:
        return
    _frozen = True
    gc.collect()
    gc.freeze()


def tidy() -> float:
    """Collect the garbage of the last response; returns how long it took, in ms (0 when the response
    made too few objects to be worth a pass — a clock label, a network window's small update)."""
    if not ENABLED or not made_much():
        return 0.0
    start = time.perf_counter()
    gc.collect()
    return (time.perf_counter() - start) * 1000


def made_much() -> bool:
    """Were at least as many objects made since the last collection as start the collector's own
    youngest pass (its first threshold, 700 by default)?"""
    young, middle, old = gc.get_count()
    return young >= gc.get_threshold()[0] or middle > 0 or old > 0


WAIT_STEP_MS = 5
"""How often the idle window looks for input: a key waits at most this long before it is handled."""


def wait_for_input(timeout_ms: int) -> list:
    """The events that arrive within `timeout_ms` (as soon as there is one; [] when none came), looking
    every WAIT_STEP_MS and sleeping in between (pygame.event.wait looks every millisecond)."""
    if not ENABLED:
        first = pygame.event.wait(timeout_ms)
        return ([first] if first.type != pygame.NOEVENT else []) + pygame.event.get()
    end = time.perf_counter() + timeout_ms / 1000
    while True:
        events = pygame.event.get()
        if events:
            return events
        left = end - time.perf_counter()
        if left <= 0:
            return []
        time.sleep(min(WAIT_STEP_MS / 1000, left))
