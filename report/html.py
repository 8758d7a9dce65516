"""The report as ONE self-contained HTML file: inline CSS, charts as inline SVG, no external references."""

from __future__ import annotations

from html import escape

from report.charts import to_svg
from report.document import Bullets, Chart, Document, Para, Section, Table
from ui.assets import ASSETS

CSS_PATH = ASSETS / "report" / "report.css"


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
            if c.href:
                text = f'<a href="{escape(c.href)}">{text}</a>'
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


def _blocks(blocks: list) -> str:
    return "".join(RENDER[type(b)](b) + "\n" for b in blocks)


def _section(doc: Document, sec: Section) -> str:
    """A section: in slide mode a `slide` section is one 1280×720 screen with two columns."""
    tag = "h2" if sec.level == 1 else "h3"
    if doc.slides and sec.slide:
        split = len(sec.blocks) if sec.split is None else sec.split
        return (f'<section class="slide"><p class="kicker">{escape(doc.title)}</p><{tag}>{escape(sec.title)}</{tag}>\n'
                f'<div class="cols"><div class="col">{_blocks(sec.blocks[:split])}</div>'
                f'<div class="col">{_blocks(sec.blocks[split:])}</div></div></section>\n')
    classes = " ".join(c for c in ("break" if sec.page_break or sec.keep else "", "appendix" if sec.appendix else "") if c)
    cls = f' class="{classes}"' if classes else ""
    return f"<section{cls}><{tag}>{escape(sec.title)}</{tag}>\n{_blocks(sec.blocks)}</section>\n"


def render_html(doc: Document) -> str:
    """The document as an HTML page (UTF-8 text); the same document gives the same bytes. With
    `doc.slides` the team pages and the comparison are 1280×720 slides for the projector (scroll or
    Page Down moves one slide), the appendix follows as an ordinary page."""
    css = CSS_PATH.read_text(encoding="utf-8")
    body = ' class="slides"' if doc.slides else ""
    parts = [(f'<!DOCTYPE html>\n<html lang="{doc.lang}">\n<head>\n<meta charset="utf-8">\n'
             f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
             f"<title>{escape(doc.title)}</title>\n<style>\n{css}</style>\n</head>\n<body{body}>\n")]
    head = (f'<header class="title"><h1>{escape(doc.title)}</h1><p>{escape(doc.subtitle)}</p>'
            f"<p>{escape(doc.created)}</p></header>\n")
    slides = [s for s in doc.sections if doc.slides and s.slide]
    rest = [s for s in doc.sections if s not in slides]
    parts.extend(_section(doc, s) for s in slides)
    if rest or not slides:
        parts.append("<main>\n" + head + "".join(_section(doc, s) for s in rest))
        parts.append(f"<footer>Ketenspel · {escape(doc.created)}</footer>\n</main>\n")
    parts.append("</body>\n</html>\n")
    return "".join(parts)
