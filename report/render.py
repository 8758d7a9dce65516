"""Write a report file: the document built once, rendered as HTML or PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from report.document import Document
from report.session import ReportError
from sim.files import atomic_write


def parse_created(text: str | None) -> dt.datetime:
    """The creation moment shown in the report: --created (ISO date or date-time), else today (UTC, date only)."""
    if not text:
        today = dt.datetime.now(dt.UTC).date()
        return dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ReportError(f'--created "{text}" is not an ISO date; write e.g. 2026-11-23 or 2026-11-23T14:00') from None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def created_label(created: dt.datetime) -> str:
    """The creation moment as printed (date, plus the time when one was given)."""
    has_time = created.hour or created.minute
    return created.strftime("%Y-%m-%d %H:%M") if has_time else created.strftime("%Y-%m-%d")


def output_format(out: str, fmt: str | None) -> str:
    """html or pdf: the --format, else from the suffix of --out."""
    if fmt:
        return fmt
    suffix = Path(out).suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    if suffix == ".pdf":
        return "pdf"
    raise ReportError(f'{out}: cannot tell the format from the name; end it in .html or .pdf, or give --format')


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


def write_document(doc: Document, out: str, fmt: str, created: dt.datetime) -> None:
    """Render and write the file (parent folders are made); a failure while rendering or writing leaves
    no partial file and the previous file, if any, as it was."""
    check_out_path(out, make=False)
    if fmt == "html":
        from report.html import render_html

        data = render_html(doc).encode("utf-8")
    else:
        from report.pdf import render_pdf

        data = render_pdf(doc, created)
    write_output(out, data)
