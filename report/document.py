"""The report as a small document model (sections of paragraphs, tables, figures), rendered to HTML or PDF.

Content is decided once (report.build); the HTML and PDF renderers only lay it out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from matplotlib.figure import Figure as MplFigure


@dataclass(frozen=True)
class Cell:
    """A table cell; `tone` colours it (good, bad, warn, muted) and `bold` stresses it."""

    text: str
    bold: bool = False
    tone: str | None = None
    href: str | None = None
    """a relative link (HTML only), e.g. from the cohort page to a team's own report"""


@dataclass
class Table:
    """A table with a header row; `widths` are relative column widths (PDF), None = equal."""

    header: list[str]
    rows: list[list[Cell]]
    widths: list[float] | None = None


@dataclass
class Para:
    """A paragraph; `tone` as for cells, plus `lead` for an opening summary."""

    text: str
    tone: str | None = None


@dataclass
class Bullets:
    """A list; `numbered` for the discussion questions."""

    items: list[str]
    numbered: bool = False


@dataclass
class Chart:
    """A matplotlib chart, drawn on demand (`draw` returns a Figure) at a size in inches."""

    name: str
    draw: Callable[[], MplFigure]
    caption: str = ""


Block = Para | Table | Bullets | Chart


@dataclass
class Section:
    """A titled part of the report; level 1 = chapter, 2 = sub-part (e.g. per team).

    `keep`: the whole section stays on one PDF page (a team's debrief page, the comparison);
    `slide`: in HTML slide mode it is one 1280×720 screen, its blocks from `split` on in a second column;
    `appendix`: detail left out of a `--brief` report."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 1
    page_break: bool = False
    keep: bool = False
    slide: bool = False
    split: int | None = None
    appendix: bool = False


@dataclass
class Document:
    """The whole report: title, subtitle, creation line, language and sections."""

    title: str
    subtitle: str
    created: str
    lang: str
    sections: list[Section] = field(default_factory=list)
    slides: bool = False
    """HTML for the projector: every `slide` section one 1280×720 screen (issue 19, item 1)"""


def cell(value: object, bold: bool = False, tone: str | None = None) -> Cell:
    """A cell from any value (numbers are shown as they are)."""
    return value if isinstance(value, Cell) else Cell(str(value), bold, tone)
