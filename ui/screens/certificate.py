"""The certificate from the debrief (issue 17, item 9; review of issue 17): the window asks the name
that goes on it (prefilled with the name used last time, remembered in the player's own data folder;
empty means "De speler"), says "bezig…" at once and writes the PDF on a thread of its own — replaying
and scoring the game takes seconds — then says where the file is: its name, "in" its folder, so the
line never breaks inside the file name. The PDF itself is report.certificate's (the same as
`main.py certificate LOG --name N`)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from sim.userdata import user_data_path

NAME_FILE = "certificate-name.txt"
"""In the user's data folder: the name last put on a certificate (one line, owner-only)."""
MAX_NAME = 80
"""A name longer than this is cut (the certificate has one line for it)."""


def last_name() -> str:
    """The name put on the last certificate, or "" (none yet, or the folder cannot be read)."""
    try:
        return (user_data_path() / NAME_FILE).read_text(encoding="utf-8").strip()[:MAX_NAME]
    except OSError:
        return ""


def remember_name(name: str) -> None:
    """Keep `name` for the next certificate (readable by this user only); a folder that cannot be
    written only means the field starts empty next time."""
    try:
        fd = os.open(user_data_path() / NAME_FILE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(name + "\n")
    except OSError:
        pass


def clean_name(text: str) -> str:
    """What was typed, as one line (Enter in the field adds no line break to the certificate)."""
    return " ".join(text.split())[:MAX_NAME]


def where(path: str | Path) -> tuple[str, str]:
    """A file as (its name, its folder): shown as "NAME in FOLDER", so no line breaks inside the name."""
    p = Path(path)
    return p.name, str(p.parent)


class CertificateWriter:
    """Writes one certificate on a thread of its own; `done` once it is written or failed (`error`)."""

    def __init__(self, log: str, out: str, lang: str, name: str | None):
        self.log, self.out, self.lang, self.name = log, out, lang, name
        self.done = False
        self.error: str | None = None
        self.thread = threading.Thread(target=self.run, name="certificate", daemon=True)

    @classmethod
    def start(cls, log: str, out: str, lang: str, name: str | None) -> CertificateWriter:
        """Begin writing now; the window goes on drawing while it is made."""
        writer = cls(log, out, lang, name)
        writer.thread.start()
        return writer

    def run(self) -> None:
        """Write the PDF; whatever goes wrong becomes `error`, never an exception in the window."""
        from report.certificate import write_certificate

        try:
            write_certificate(self.log, self.out, self.lang, name=self.name)
        except Exception as exc:  # noqa: BLE001 — a certificate problem must not close the window
            self.error = str(exc) or type(exc).__name__
        self.done = True
