"""The game's bundled files, shipped inside the package (issue 22): fonts (Noto Sans, DejaVu for the
PDF report), the window theme, the i18n string tables (nl, en), the report's CSS and the Mermaid script.

Read through importlib.resources so that a wheel, a `pipx`/`uv tool` install and the frozen app find them
without a checkout. `ASSETS` is a real directory: pygame, pygame_gui and fpdf2 open fonts by file name,
so an install that is not a plain directory on disk (a zip import) is refused with a clear message."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def _assets_dir() -> Path:
    root = resources.files(__name__)
    if not isinstance(root, Path):  # a zipped install: the fonts need real files
        raise RuntimeError(f"Ketenspel's assets must be installed as files, not inside {root!r}")
    return root


ASSETS = _assets_dir()
