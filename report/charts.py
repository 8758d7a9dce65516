"""Charts for the report (matplotlib, Agg backend), byte-for-byte reproducible.

SVG for HTML and PNG for PDF; no dates or software versions in their metadata, a fixed SVG id salt."""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")
from matplotlib import rcParams
from matplotlib.figure import Figure

rcParams.update({
    "svg.hashsalt": "ketenspel-report",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "path.simplify": True,
})

# Colour-blind-safe palette (Okabe–Ito), one colour per kind of mark.
PALETTE = {
    "observation": "#0072B2", "action": "#7f7f7f", "share": "#009E73", "meeting": "#E69F00",
    "report": "#CC79A7", "incident": "#D55E00", "team": "#0072B2", "expert": "#E69F00", "best": "#009E73",
}


_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)  # RDF block naming external vocabularies


def new_figure(width: float, height: float, left: float = 0.65, bottom: float = 0.5, top: float = 0.15,
               right: float = 0.15) -> Figure:
    """A figure not tied to pyplot's global state, with fixed margins in inches (a layout engine would
    cost a second drawing pass: the report must render in well under half a second)."""
    fig = Figure(figsize=(width, height), dpi=100)
    fig.subplots_adjust(left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height)
    return fig


def to_svg(fig: Figure) -> str:
    """The chart as an inline SVG string without date metadata."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.find("<svg"):]
    return _METADATA.sub("", text)


def to_png(fig: Figure, dpi: int = 160) -> bytes:
    """The chart as PNG bytes without software metadata (for the PDF)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None})
    return buf.getvalue()
