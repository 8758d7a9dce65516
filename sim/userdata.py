"""Where a player's and a trainer's own files live (issue 22): saved games, the results store, the xAPI
offline queue and the remembered join addresses. The platform's own per-user folder (platformdirs:
%LOCALAPPDATA%\\ketenspel on Windows, ~/Library/Application Support/ketenspel on macOS,
~/.local/share/ketenspel on Linux), or KETENSPEL_DATA_DIR when set (tests, a trainer's USB stick).

Session logs hold what participants typed about a (fictional) family; the folder is made owner-only
(0700) so other accounts on a shared laptop cannot read them. No game rules here."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV = "KETENSPEL_DATA_DIR"
OWNER_ONLY = 0o700


def owner_only_dir(path: Path) -> Path:
    """Make `path` (and missing parents) as a folder only its owner may enter; an existing folder of
    ours that others could read is tightened. A folder we may not change (not ours) is left as it is."""
    path.mkdir(mode=OWNER_ONLY, parents=True, exist_ok=True)
    try:
        if os.name == "posix" and path.stat().st_mode & 0o077:
            path.chmod(OWNER_ONLY)
    except OSError:
        pass
    return path


def user_data_path() -> Path:
    """The user's Ketenspel folder (made, owner-only): KETENSPEL_DATA_DIR if set, else platformdirs'."""
    override = os.environ.get(ENV)
    base = Path(override) if override else Path(platformdirs.user_data_dir("ketenspel", appauthor=False))
    return owner_only_dir(base)
