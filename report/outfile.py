"""Output files for a person (reports, CSV, xAPI files): the path checked before any work, the bytes
written atomically (sim.files) so that a failure leaves no partial file and any old file intact.

Kept apart from report.render so that `results` and `export-xapi` need not import the charts."""

from __future__ import annotations

from pathlib import Path

from report.session import ReportError
from sim.files import atomic_write

__all__ = ["check_out_path", "write_output"]


def check_out_path(out: str | Path, make: bool = True) -> Path:
    """Refuse an output path that cannot become a file (a folder, a device) before any work is done;
    with `make`, its parent folders are made."""
    path = Path(out)
    if not str(out).strip():
        raise ReportError("--out is empty; give a file name")
    if path.is_dir():
        raise ReportError(f"{out}: this is a folder; give the name of a file (in it, or elsewhere)")
    if path.exists() and not path.is_file():
        raise ReportError(f"{out}: not a regular file (a device, pipe or socket); give a file name")
    if make:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReportError(f"{out}: cannot make its folder: {exc.strerror or exc}") from None
    return path


def write_output(out: str | Path, data: bytes) -> None:
    """Write a file for a person atomically: a failure leaves no partial file and any old file intact."""
    path = check_out_path(out)
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise ReportError(f"{out}: cannot write: {exc.strerror or exc}; nothing was written") from None
