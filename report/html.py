"""The report as ONE self-contained HTML file: inline CSS, charts as inline SVG, no external references."""

from __future__ import annotations

from html import escape
from pathlib import Path

from report.charts import to_svg
from report.document import Bullets, Chart, Document, Para, Table

CSS_PATH = Path(__file__).resolve().parent.parent / "assets" / "report" / "report.css"


def _para(p: Para) -> str:
    if p.tone == "h3":
        return f"<h3>{escape(p.text)}</h3>"
    cls = f' class="{p.tone}"' if p.tone else ""
    return f"<p{cls}>{escape(p.text)}</p>"


def _table(t: Table) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in t.header)
    body = []
    for row in t.rows:
        cells = []
        for c in row:
            short = "nw" if len(c.text) <= 12 else None  # days and yes/no never wrap
            classes = " ".join(x for x in (c.tone, "b" if c.bold else None, short) if x)
            text = escape(c.text).replace("\n", "<br>")
            cells.append(f"<td{f' class={chr(34)}{classes}{chr(34)}' if classes else ''}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cols = ""
    if t.widths:
        total = sum(t.widths)
        cols = "<colgroup>" + "".join(f'<col style="width:{100 * x / total:.1f}%">' for x in t.widths) + "</colgroup>"
    return f"<table>{cols}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _bullets(b: Bullets) -> str:
    tag = "ol" if b.numbered else "ul"
    cls = ' class="questions"' if b.numbered else ""
    return f"<{tag}{cls}>" + "".join(f"<li>{escape(i)}</li>" for i in b.items) + f"</{tag}>"


def _chart(c: Chart) -> str:
    svg = to_svg(c.draw())
    caption = f"<figcaption>{escape(c.caption)}</figcaption>" if c.caption else ""
    label = f' role="img" aria-label="{escape(c.caption)}"' if c.caption else ""
    return f"<figure{label}>{svg}{caption}</figure>"


RENDER = {Para: _para, Table: _table, Bullets: _bullets, Chart: _chart}


def render_html(doc: Document) -> str:
    """The document as an HTML page (UTF-8 text); the same document gives the same bytes."""
    css = CSS_PATH.read_text(encoding="utf-8")
    parts = [(f'<!DOCTYPE html>\n<html lang="{doc.lang}">\n<head>\n<meta charset="utf-8">\n'
             f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
             f"<title>{escape(doc.title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n<main>\n"
             f'<header class="title"><h1>{escape(doc.title)}</h1><p>{escape(doc.subtitle)}</p>'
             f"<p>{escape(doc.created)}</p></header>\n")]
    for sec in doc.sections:
        cls = ' class="break"' if sec.page_break else ""
        tag = "h2" if sec.level == 1 else "h3"
        parts.append(f"<section{cls}><{tag}>{escape(sec.title)}</{tag}>\n")
        parts.extend(RENDER[type(b)](b) + "\n" for b in sec.blocks)
        parts.append("</section>\n")
    parts.append(f"<footer>Ketenspel · {escape(doc.created)}</footer>\n</main>\n</body>\n</html>\n")
    return "".join(parts)
