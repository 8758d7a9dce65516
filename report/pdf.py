"""The report as an A4 PDF handout (fpdf2), with the bundled DejaVu Sans font for Dutch diacritics.

Page numbers in the footer; charts as PNG; fixed creation date and file id so the same log gives the
same bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from contextlib import contextmanager
from copy import deepcopy
from typing import Iterator

from fpdf import FPDF
from fpdf.fonts import FontFace

from report.charts import to_png
from report.document import Bullets, Chart, Document, Para, Section, Table
from report.texts import Words
from ui.assets import ASSETS

FONT_DIR = ASSETS / "report" / "fonts"
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
        self.tight = 1.0  # < 1 while a one-page section is set a little smaller to stay on its page

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
    pdf.set_font(FAMILY, "B" if bold else "", (10.5 if p.tone == "lead" else 9.5) * pdf.tight)
    pdf.set_text_color(*colour)
    if fill:
        pdf.set_fill_color(*fill)
    pdf.multi_cell(0, 5 * pdf.tight, p.text, fill=bool(fill), padding=(1.5, 2) if fill else 0, align="L",
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1.5 * pdf.tight)


PAD = 3.2  # mm of padding and rule per cell


def _widths(pdf: Handout, t: Table) -> list[float]:
    """Column widths (mm) that never split a word: every column gets at least its longest word,
    the rest of the page width is shared out in proportion to the table's relative widths."""
    share = t.widths or [1.0] * len(t.header)
    need = []
    for i, head in enumerate(t.header):
        pdf.set_font(FAMILY, "B", 8 * pdf.tight)
        longest = max((pdf.get_string_width(word) for word in head.split()), default=0)
        pdf.set_font(FAMILY, "", 8 * pdf.tight)
        for row in t.rows:
            if i < len(row):
                pdf.set_font(FAMILY, "B" if row[i].bold else "", 8 * pdf.tight)
                longest = max([longest] + [pdf.get_string_width(word) for word in row[i].text.split()])
        need.append(longest + PAD)
    pdf.set_font(FAMILY, "", 8 * pdf.tight)
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
    pdf.set_font(FAMILY, "", 8 * pdf.tight)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(200, 206, 216)
    pdf.set_fill_color(255, 255, 255)
    heading = FontFace(emphasis="BOLD", fill_color=(238, 242, 248), color=INK)
    with pdf.table(col_widths=_widths(pdf, t), text_align="LEFT", line_height=4.4 * pdf.tight,
                   padding=(1 * pdf.tight, 1.5),
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
    pdf.ln(3 * pdf.tight)


def _bullets(pdf: Handout, b: Bullets) -> None:
    pdf.set_font(FAMILY, "", (10 if b.numbered else 9.5) * pdf.tight)
    pdf.set_text_color(*INK)
    for i, item in enumerate(b.items, 1):
        mark = f"{i}." if b.numbered else "•"
        pdf.set_x(pdf.l_margin)
        pdf.cell(7, 5, mark)
        pdf.multi_cell(0, 5 * pdf.tight, item, new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(1 if b.numbered else 0.3)
    pdf.ln(1.5)


def _chart_png(pdf: Handout, c: Chart) -> tuple[bytes, float]:
    """The chart's PNG and its height on the page (mm), drawn once per report."""
    cache = pdf.__dict__.setdefault("_charts", {})
    if id(c) not in cache:
        fig = c.draw()
        width_in, height_in = fig.get_size_inches()
        cache[id(c)] = (to_png(fig), pdf.epw * height_in / width_in)
    return cache[id(c)]


def _chart(pdf: Handout, c: Chart) -> None:
    png, height = _chart_png(pdf, c)
    pdf.image(io.BytesIO(png), x=pdf.l_margin, w=pdf.epw, h=height)
    if c.caption:
        pdf.set_font(FAMILY, "", 8)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(0, 4, c.caption, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


RENDER = {Para: _para, Table: _table, Bullets: _bullets, Chart: _chart}

TOP_SLACK = 12.0   # mm below the top margin that still counts as "at the top of a page" (running title)
FEW_ROWS = 3       # a table that must run over pages starts with at least this many rows on the page


@contextmanager
def _dry_run(pdf: Handout) -> Iterator[Handout]:
    """Draw on `pdf` and then put it back exactly as it was, like fpdf's `offset_rendering` but without
    its cost: that deep-copies the whole document twice per measurement, the fonts' width and glyph
    tables (thousands of entries) and our Document included. Those are only read while drawing (a width
    missing from a font's table is read as the font's default width), so the copy shares them; every
    other part of the state (pages, positions, the fonts' subsets …) is copied and restored."""
    shared: list[object] = [pdf.doc, pdf.words]
    for font in pdf.fonts.values():
        shared += [getattr(font, "cw", None), getattr(font, "glyph_ids", None), getattr(font, "cmap", None)]
    memo = {id(obj): obj for obj in shared if obj is not None}
    saved = deepcopy(vars(pdf), memo)
    try:
        yield pdf
    finally:
        state = vars(pdf)
        state.clear()
        state.update(saved)


def _height(pdf: Handout, draw) -> float:
    """How much page height (mm) `draw(pdf)` takes, measured on a dummy rendering that is then rewound."""
    with _dry_run(pdf) as rec:
        y0, page0 = rec.y, rec.page
        draw(rec)
        return rec.y - y0 + (rec.page - page0) * pdf.eph


def _block_height(pdf: Handout, block) -> float:
    if isinstance(block, Chart):
        return _chart_png(pdf, block)[1] + (8 if block.caption else 2)
    return _height(pdf, lambda p: RENDER[type(block)](p, block))


def _heading(pdf: Handout, sec: Section) -> None:
    pdf.set_font(FAMILY, "B", 13 if sec.level == 1 else 11)
    pdf.set_text_color(*ACCENT)
    pdf.ln(2)
    pdf.multi_cell(0, 7, sec.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(217, 222, 231)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(2)


def _at_top(pdf: Handout) -> bool:
    """Nothing but the running title (or, on page 1, the report's title block) is on the page yet."""
    if pdf.page == 1:
        return pdf.get_y() <= getattr(pdf, "title_end", pdf.t_margin) + 0.5
    return pdf.get_y() <= pdf.t_margin + TOP_SLACK


def _section(pdf: Handout, sec: Section) -> None:
    """A section whose heading keeps with its first block, whose tables and charts are never split when
    they fit on a page, and whose long tables never start with a lone row at a page's foot; a `keep`
    section (a team's page) starts on a fresh page unless the whole of it fits where it stands."""
    room = lambda: pdf.page_break_trigger - pdf.get_y()
    full = pdf.page_break_trigger - pdf.t_margin - TOP_SLACK
    if sec.page_break and not _at_top(pdf):
        pdf.add_page()
    whole = lambda: _height(pdf, lambda p: [_heading(p, sec)] + [RENDER[type(b)](p, b) for b in sec.blocks])
    if sec.keep and not _at_top(pdf) and whole() > room():
        pdf.add_page()
    if sec.keep:
        for step in (0.94, 0.88, 0.82):   # still too long for one page: set it a little smaller
            if whole() <= room():
                break
            pdf.tight = step
    head = _height(pdf, lambda p: _heading(p, sec))
    if sec.blocks and not sec.keep and head + _lead_height(pdf, sec.blocks, full) > room() and not _at_top(pdf):
        pdf.add_page()
    _heading(pdf, sec)
    for i, block in enumerate(sec.blocks):
        if i and not sec.keep and not _at_top(pdf) and not all(isinstance(b, Para) for b in sec.blocks[:i]):
            if isinstance(block, Para) and block.tone == "h3" and i + 1 < len(sec.blocks):
                need = _block_height(pdf, block) + _start_height(pdf, sec.blocks[i + 1], full)  # keep with next
            else:
                need = _start_height(pdf, block, full) if isinstance(block, (Table, Chart)) else 0.0
            if need > room():
                pdf.add_page()
        RENDER[type(block)](pdf, block)
    pdf.tight = 1.0


def _lead_height(pdf: Handout, blocks: list, full: float) -> float:
    """What a heading must keep with: its introductory paragraphs and the start of the first table or chart."""
    need = 0.0
    for block in blocks:
        need += _start_height(pdf, block, full)
        if not isinstance(block, Para):
            break
    return min(need, full)


def _start_height(pdf: Handout, block, full: float) -> float:
    """The height a block needs where it starts: all of it when it fits on a page, else the header and
    the first few rows of a long table (so a table never starts with one lonely row)."""
    need = _block_height(pdf, block)
    if need <= full:
        return need
    if isinstance(block, Table):
        return _block_height(pdf, Table(block.header, block.rows[:FEW_ROWS], block.widths))
    return min(need, full)


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
    pdf.title_end = pdf.get_y()
    for sec in doc.sections:
        _section(pdf, sec)
    return bytes(pdf.output())
