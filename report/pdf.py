"""The report as an A4 PDF handout (fpdf2), with the bundled DejaVu Sans font for Dutch diacritics.

Page numbers in the footer; charts as PNG; fixed creation date and file id so the same log gives the
same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from report.charts import to_png
from report.document import Bullets, Chart, Document, Para, Table
from report.texts import Words

FONT_DIR = Path(__file__).resolve().parent.parent / "assets" / "report" / "fonts"
FAMILY = "DejaVu"
INK, MUTED, ACCENT = (29, 36, 51), (91, 100, 117), (11, 83, 148)
TONES = {"good": ((27, 127, 59), (230, 244, 234)), "bad": ((179, 38, 30), (253, 236, 234)),
         "warn": ((138, 90, 0), (255, 244, 224)), "muted": (MUTED, None)}


class Handout(FPDF):
    """An A4 page with a running title and "Pagina n van m" at the bottom."""

    def __init__(self, doc: Document, created: dt.datetime):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.doc = doc
        self.words = Words(doc.lang)
        self.add_font(FAMILY, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_margins(16, 16, 16)
        self.set_auto_page_break(True, margin=18)
        self.set_creation_date(created)
        self.set_producer("Ketenspel")
        self.set_creator("Ketenspel")
        self.set_title(doc.title)
        self.set_lang(doc.lang)
        self.alias_nb_pages()

    def file_id(self) -> str:
        """A PDF file id from the content's title and date, so the same report has the same bytes."""
        digest = hashlib.sha256(self.doc.title.encode() + self.doc.created.encode()).hexdigest()[:32].upper()
        return f"<{digest}><{digest}>"

    def header(self) -> None:
        """The running title on every page but the first."""
        if self.page_no() == 1:
            return
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.doc.title, align="L")
        self.ln(8)

    def footer(self) -> None:
        """Creation date and "Pagina n van m"."""
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.doc.created, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, self.words("page", n=self.page_no(), total="{nb}"), align="R")


def _para(pdf: Handout, p: Para) -> None:
    if p.tone == "h3":
        pdf.ln(1)
        pdf.set_font(FAMILY, "B", 10.5)
        pdf.set_text_color(*INK)
        pdf.multi_cell(0, 5.5, p.text, new_x="LMARGIN", new_y="NEXT")
        return
    colour, fill = TONES.get(p.tone or "", (INK, None))
    bold = p.tone in ("good", "bad", "warn")
    pdf.set_font(FAMILY, "B" if bold else "", 10.5 if p.tone == "lead" else 9.5)
    pdf.set_text_color(*colour)
    if fill:
        pdf.set_fill_color(*fill)
    pdf.multi_cell(0, 5, p.text, fill=bool(fill), padding=(1.5, 2) if fill else 0, align="L",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5)


PAD = 3.2  # mm of padding and rule per cell


def _widths(pdf: Handout, t: Table) -> list[float]:
    """Column widths (mm) that never split a word: every column gets at least its longest word,
    the rest of the page width is shared out in proportion to the table's relative widths."""
    share = t.widths or [1.0] * len(t.header)
    need = []
    for i, head in enumerate(t.header):
        pdf.set_font(FAMILY, "B", 8)
        longest = max((pdf.get_string_width(word) for word in head.split()), default=0)
        pdf.set_font(FAMILY, "", 8)
        for row in t.rows:
            if i < len(row):
                pdf.set_font(FAMILY, "B" if row[i].bold else "", 8)
                longest = max([longest] + [pdf.get_string_width(word) for word in row[i].text.split()])
        need.append(longest + PAD)
    pdf.set_font(FAMILY, "", 8)
    fixed: set[int] = set()
    while True:
        free = [i for i in range(len(share)) if i not in fixed]
        if not free:
            return need
        room = pdf.epw - sum(need[i] for i in fixed)
        weight = sum(share[i] for i in free)
        widths = [need[i] if i in fixed else room * share[i] / weight for i in range(len(share))]
        short = {i for i in free if widths[i] < need[i]}
        if not short:
            return widths
        fixed |= short


def _table(pdf: Handout, t: Table) -> None:
    pdf.set_font(FAMILY, "", 8)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(200, 206, 216)
    pdf.set_fill_color(255, 255, 255)
    heading = FontFace(emphasis="BOLD", fill_color=(238, 242, 248), color=INK)
    with pdf.table(col_widths=_widths(pdf, t), text_align="LEFT", line_height=4.4, padding=(1, 1.5),
                   headings_style=heading, v_align="TOP", repeat_headings=1) as table:
        row = table.row()
        for h in t.header:
            row.cell(h)
        for cells in t.rows:
            row = table.row()
            for c in cells:
                colour, fill = TONES.get(c.tone or "", (INK, None))
                style = FontFace(emphasis="BOLD" if c.bold else None, color=colour, fill_color=fill)
                row.cell(c.text, style=style)
    pdf.ln(3)


def _bullets(pdf: Handout, b: Bullets) -> None:
    pdf.set_font(FAMILY, "", 10 if b.numbered else 9.5)
    pdf.set_text_color(*INK)
    for i, item in enumerate(b.items, 1):
        mark = f"{i}." if b.numbered else "•"
        pdf.set_x(pdf.l_margin)
        pdf.cell(7, 5, mark)
        pdf.multi_cell(0, 5, item, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(1 if b.numbered else 0.3)
    pdf.ln(1.5)


def _chart(pdf: Handout, c: Chart) -> None:
    fig = c.draw()
    width_in, height_in = fig.get_size_inches()
    width = pdf.epw
    height = width * height_in / width_in
    if pdf.get_y() + height + 8 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(io.BytesIO(to_png(fig)), x=pdf.l_margin, w=width, h=height)
    if c.caption:
        pdf.set_font(FAMILY, "", 8)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 4, c.caption, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


RENDER = {Para: _para, Table: _table, Bullets: _bullets, Chart: _chart}


def render_pdf(doc: Document, created: dt.datetime) -> bytes:
    """The document as PDF bytes (A4, numbered pages, text extractable)."""
    pdf = Handout(doc, created)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 18)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(0, 9, doc.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, "", 9.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 5, doc.subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 5, doc.created, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.set_line_width(0.2)
    pdf.ln(4)
    for sec in doc.sections:
        if sec.page_break and pdf.get_y() > pdf.t_margin + 20 or pdf.get_y() + 30 > pdf.page_break_trigger:
            pdf.add_page()
        pdf.set_font(FAMILY, "B", 13 if sec.level == 1 else 11)
        pdf.set_text_color(*ACCENT)
        pdf.ln(2)
        pdf.multi_cell(0, 7, sec.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_draw_color(217, 222, 231)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)
        for block in sec.blocks:
            RENDER[type(block)](pdf, block)
    return bytes(pdf.output())
