"""The printable handout of a training day (`host --handout PDF`, issue 18, item 4): page 1 for the
room — how to join, the join code, the address, the QR code of the join link, the day's timing plan —
then one role card per playable role: what this kind of professional does, the scenario's briefing
for it, whom it works with, what it knows at the start (with what each fact is: under its secrecy,
sensitive, a signal of unsafety, needed by whom) and what it may and may not share.

Everything comes from the scenario and report/data/handout.yaml (texts nl/en; the sharing rules are
seed 003's "7 tips" and stappenplan, domain.md §6, and the Meldcode, domain.md §4); nothing about one
family is written here. The same scenario, address and code give the same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from fpdf import FPDF
from ruamel.yaml import YAML

from net.joinline import join_line, join_url, qr_matrix
from report.outfile import write_output
from report.pdf import ACCENT, FAMILY, FONT_DIR, INK, MUTED

DEFAULT_SPEED = 1.0
"""Simulated days per real minute the timing plan assumes (the trainer's default pace)."""


@lru_cache(maxsize=None)
def texts() -> dict[str, Any]:
    """report/data/handout.yaml."""
    return YAML(typ="safe").load(resources.files("report").joinpath("data/handout.yaml").read_text(encoding="utf-8"))


class HandoutPdf(FPDF):
    """A4 pages with the bundled DejaVu font and a footer naming the scenario."""

    def __init__(self, title: str, created: dt.datetime):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.title_text = title
        self.add_font(FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, margin=16)
        self.set_creation_date(created)
        self.set_producer("Ketenspel")
        self.set_creator("Ketenspel")
        self.set_title(title)

    def file_id(self) -> str:
        """A file id from the content's title, so the same handout has the same bytes."""
        digest = hashlib.sha256(self.title_text.encode()).hexdigest()[:32].upper()
        return f"<{digest}><{digest}>"

    def footer(self) -> None:
        """The scenario and the page number."""
        self.set_y(-11)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.title_text} · {self.page_no()}", align="R")


def plan_rows(scenario, lang: str, speed: float = DEFAULT_SPEED) -> tuple[list[tuple[str, str]], str]:
    """The day's timing plan: (clock time, what happens) rows from the data, the two play blocks
    sized from the scenario's length at `speed`; and the note saying how the playing time follows."""
    t = texts()
    days = scenario.meta.duration / 24.0
    minutes = max(10, round(days / speed))
    halves = {1: minutes // 2, 2: minutes - minutes // 2}
    h, m = (int(x) for x in t["start_time"].split(":"))
    now, rows = h * 60 + m, []
    for block in t["plan"]:
        length = halves[block["play"]] if "play" in block else int(block["minutes"])
        rows.append((f"{now // 60:02d}:{now % 60:02d}–{(now + length) // 60:02d}:{(now + length) % 60:02d}", block[lang]))
        now += length
    note = t["plan_note"][lang].format(speed=f"{speed:g}", minutes=minutes, days=round(days))
    return rows, note


def _heading(pdf: HandoutPdf, text: str, size: float = 13) -> None:
    pdf.set_font(FAMILY, "B", size)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, size * 0.55, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


def _text(pdf: HandoutPdf, text: str, size: float = 10, bold: bool = False, colour=INK) -> None:
    pdf.set_font(FAMILY, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.ln(1)


def _bullets(pdf: HandoutPdf, items: list[str], size: float = 9.5, numbered: bool = False) -> None:
    pdf.set_font(FAMILY, "", size)
    pdf.set_text_color(*INK)
    for n, item in enumerate(items, 1):
        pdf.set_x(pdf.l_margin)
        pdf.cell(6, size * 0.5, f"{n}." if numbered else "•")
        pdf.multi_cell(0, size * 0.5, item, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(0.6)
    pdf.ln(1)


def _qr(pdf: HandoutPdf, text: str, x: float, y: float, size: float) -> None:
    """The QR code of `text` drawn as filled squares (scans from paper; no image library)."""
    rows = qr_matrix(text)
    module = size / len(rows)
    pdf.set_fill_color(0, 0, 0)
    for j, row in enumerate(rows):
        for i, dark in enumerate(row):
            if dark:
                pdf.rect(x + i * module, y + j * module, module, module, style="F")


def room_page(pdf: HandoutPdf, scenario, address: str, code: str, lang: str) -> None:
    """Page 1: how to join (code, address, QR code, terminal line) and the timing plan."""
    t = texts()
    pdf.add_page()
    _heading(pdf, f"{t['title'][lang]} — {scenario.meta.title.model_dump()[lang]}", 17)
    _heading(pdf, t["join_heading"][lang])
    top = pdf.get_y()
    _qr(pdf, join_url(address, code), pdf.w - pdf.r_margin - 50, top, 50)
    pdf.set_right_margin(pdf.r_margin + 56)
    _bullets(pdf, [step[lang] for step in t["join_steps"]], 10.5, numbered=True)
    _text(pdf, f"{t['code_label'][lang]}: {code}", 20, bold=True)
    _text(pdf, f"{t['address_label'][lang]}: {address}", 13, bold=True)
    _text(pdf, f"{t['terminal_label'][lang]}: {join_line(address, code)}", 8.5, colour=MUTED)
    _text(pdf, t["qr_caption"][lang], 8.5, colour=MUTED)
    pdf.set_right_margin(16)
    pdf.set_y(max(pdf.get_y(), top + 54))
    _heading(pdf, t["plan_heading"][lang])
    rows, note = plan_rows(scenario, lang)
    pdf.set_font(FAMILY, "", 10)
    pdf.set_text_color(*INK)
    with pdf.table(col_widths=(30, 148), text_align="LEFT", line_height=5.5, padding=(1, 1.5), first_row_as_headings=False) as table:
        for when, what in rows:
            row = table.row()
            row.cell(when)
            row.cell(what)
    pdf.ln(2)
    _text(pdf, note, 9, colour=MUTED)


def role_card(pdf: HandoutPdf, scenario, role, lang: str) -> None:
    """One page for one playable role: its task, briefing, clients, start dossier, sharing rules."""
    t = texts()
    kind = scenario.role_kind(role.id)
    pdf.add_page()
    _heading(pdf, scenario.role_name(role.id).model_dump()[lang], 17)
    _text(pdf, role.organisation.model_dump()[lang], 10, colour=MUTED)
    _text(pdf, t["card_only"][lang], 9, bold=True, colour=(179, 38, 30))
    if kind is not None and kind.task:
        _heading(pdf, t["card_task"][lang], 11.5)
        _text(pdf, kind.task.model_dump()[lang], 10)
    _heading(pdf, t["card_briefing"][lang], 11.5)
    _text(pdf, role.briefing.model_dump()[lang], 10)
    _heading(pdf, t["card_clients"][lang], 11.5)
    people = [scenario.person_by_id[p] for p in role.clients if p in scenario.person_by_id]
    _text(pdf, ", ".join(f"{p.name} ({p.age}, {p.relation.model_dump()[lang]})" for p in people)
          or t["card_clients_none"][lang], 10)
    _heading(pdf, t["card_known"][lang], 11.5)
    facts = [scenario.fact_by_id[f] for f in role.knows_at_start if f in scenario.fact_by_id]
    _bullets(pdf, [fact_line(scenario, role.id, f, lang) for f in facts] or [t["card_known_none"][lang]])
    secrecy = bool(kind and kind.secrecy)
    _text(pdf, t["secrecy_yes" if secrecy else "secrecy_no"][lang], 9.5, bold=True)
    if any(f.safety for f in facts):
        _text(pdf, t["safety_note"][lang], 9.5, bold=True, colour=(138, 90, 0))
    _heading(pdf, t["may_heading"][lang], 11.5)
    _bullets(pdf, [item[lang] for item in t["may"]], 9)
    _heading(pdf, t["mayno_heading"][lang], 11.5)
    _bullets(pdf, ([t["mayno_secret"][lang]] if secrecy or any(f.secrecy_of == role.id for f in facts) else [])
             + [item[lang] for item in t["mayno"]], 9)
    _text(pdf, t["source"][lang], 7.5, colour=MUTED)


def fact_line(scenario, role_id: str, fact, lang: str) -> str:
    """A fact this role knows at the start, with what it is: about whom, under this role's secrecy,
    sensitive, a signal of unsafety, and which partners need it for their task."""
    t = texts()
    about = ", ".join(scenario.person_by_id[p].name for p in fact.about if p in scenario.person_by_id)
    marks = [f"{t['card_about'][lang]} {about}"] if about else []
    if fact.secrecy_of == role_id:
        marks.append(t["card_secret"][lang])
    if fact.sensitivity != "ordinary":
        marks.append(t["card_sensitive"][lang])
    if fact.safety:
        marks.append(t["card_safety"][lang])
    needed = [scenario.role_name(r).model_dump()[lang] for r in fact.needed_by if r in scenario.role_by_id]
    if needed:
        marks.append(f"{t['card_needed'][lang]} {', '.join(needed)}")
    return f"{fact.text.model_dump()[lang]} ({'; '.join(marks)})" if marks else fact.text.model_dump()[lang]


def handout_bytes(scenario, address: str, code: str, lang: str = "nl") -> bytes:
    """The handout as PDF bytes: the room's page, then a card per playable role."""
    title = f"{texts()['title'][lang]} — {scenario.meta.title.model_dump()[lang]}"
    created = dt.datetime.combine(scenario.meta.start_date, dt.time(0, 0), tzinfo=dt.timezone.utc)
    pdf = HandoutPdf(title, created)
    room_page(pdf, scenario, address, code, lang)
    for role in scenario.roles:
        if role.playable:
            role_card(pdf, scenario, role, lang)
    return bytes(pdf.output())


def write_handout(scenario, address: str, code: str, out: str | Path, lang: str = "nl") -> Path:
    """Write the handout to `out` (atomically, owner-only like every file with case facts)."""
    write_output(out, handout_bytes(scenario, address, code, lang))
    return Path(out)
