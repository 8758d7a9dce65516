"""How Ketenspel starts itself again and how it tells a person to start it (issue 22): the same program
runs from a checkout (`python main.py`), as an installed command (`ketenspel`, from a wheel, pipx or
uv) and as the frozen app (PyInstaller), where `sys.executable` is the app itself and there is no
`main.py` and no Python to hand it to."""

from __future__ import annotations

import os
import sys


def is_frozen() -> bool:
    """Running as the frozen one-folder app built by `make dist`?"""
    return bool(getattr(sys, "frozen", False))


def child_command(*args: str) -> list[str]:
    """The argv that starts Ketenspel with `args` in a new process (e.g. the projector dashboard the
    facilitator's window opens): the app itself when frozen, else this Python with `-m cli`."""
    if is_frozen():
        return [sys.executable, *args]
    return [sys.executable, "-m", "cli", *args]


def invocation() -> str:
    """What a person types to run Ketenspel the way it runs now, for printed hints ("Spelers: … join
    ADRES --code CODE"): `python main.py` in a checkout, the app's own path when frozen, else
    `ketenspel` (the installed command)."""
    if is_frozen():
        exe = sys.executable
        return f'"{exe}"' if " " in exe else exe
    script = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else ""
    if script == "main.py":
        return "python main.py"
    return "ketenspel"
