"""How a participant is told where to join (issue 18, items 3 and 4): the line `host` prints, the
trainer's window and the projector show, and the handout prints; the link in the QR code and its modules; and the
reading of what a participant types in the join screen (an address, or that link pasted whole)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

SCHEME = "ketenspel"


def join_line(address: str, code: str) -> str:
    """The command a participant with a terminal types (the join screen needs only the code)."""
    return f"python main.py join {address} --code {code}"


def join_url(address: str, code: str) -> str:
    """The link in the QR code: address and code in one string (`ketenspel://HOST:PORT/?code=C`);
    pasted into the join screen's address field it fills in both."""
    return f"{SCHEME}://{address}/?code={code}"


def read_address(text: str) -> tuple[str, str | None]:
    """What was typed in the address field: (HOST:PORT, code or None). Accepts `HOST`, `HOST:PORT`,
    `ws://HOST:PORT` and the QR link `ketenspel://HOST:PORT/?code=C`."""
    text = text.strip()
    if "://" not in text:
        return text, None
    parts = urlsplit(text)
    code = (parse_qs(parts.query).get("code") or [None])[0]
    return parts.netloc, (code.strip().upper() or None) if code else None


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of `text`'s QR code (segno, error correction M), quiet zone included: True is
    dark. Drawn by the projector (ui.qr) and the handout (report.handout)."""
    import segno

    code = segno.make(text, error="m", micro=False)
    return [[bool(v) for v in row] for row in code.matrix_iter(scale=1, border=4)]
