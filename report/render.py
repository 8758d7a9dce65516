"""Write a report file: the document built once, rendered as HTML or PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from report.document import Document
from report.outfile import check_out_path, write_output
from report.session import ReportError


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


MONTHS = {"nl": "januari februari maart april mei juni juli augustus september oktober november december",
          "en": "January February March April May June July August September October November December"}
"""Month names for a date a person reads (the certificate: "2 december 2026", issue 17 review, item 11)."""


def date_in_words(created: dt.datetime, lang: str) -> str:
    """The creation date as a person writes it: '2 december 2026' (nl), '2 December 2026' (en)."""
    month = MONTHS.get(lang, MONTHS["nl"]).split()[created.month - 1]
    return f"{created.day} {month} {created.year}"


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
