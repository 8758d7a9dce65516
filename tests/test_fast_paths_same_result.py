"""The fast paths of loading and of the PDF report give exactly what the slow ones gave (bench/RESULTS.md):
the C composer's YAML 1.2 resolver tags every plain scalar as ruamel.yaml's own resolver does, and a
block measured on a dry run leaves the PDF byte for byte as it was."""

from __future__ import annotations

import datetime as dt
import warnings

from ruamel.yaml import YAML
from ruamel.yaml.nodes import ScalarNode

from report.document import Cell, Document, Para, Section, Table
from report.pdf import FAMILY, Handout, _height, _para, _section, _table
from sim.yamlsource import _compose

PLAIN = ["12", "-3", "+4", "0o17", "017", "0x1F", "0b101", "1_000", "1.5", "-.5", "1e3", "1.0e+3", ".inf", "-.Inf",
         ".nan", "NaN", "true", "True", "TRUE", "false", "yes", "no", "on", "off", "y", "n", "~", "null", "Null", "",
         "2026-11-23", "2026-11-23T14:00:00Z", "2026-1-2 3:04:05", "<<", "=", "3d", "36h", "tekst", "12 jaar",
         "x: y", "a!", "b&", "Noord", "nee", "1:30", "-1.5e-3", "0."]


def _tags(nodes) -> list[tuple[str, str]]:
    out = []

    def walk(node):
        if isinstance(node, ScalarNode):
            out.append((node.value, node.tag))
            return
        for item in node.value:
            for n in item if isinstance(item, tuple) else (item,):
                walk(n)
    for doc in nodes:
        walk(doc)
    return out


def test_plain_scalars_get_the_tags_ruamel_gives_them():
    text = "\n".join(f"- {v}" if v not in ("", "x: y") else f"- '{v}'" for v in PLAIN) + \
        "\n- {a: 1, b: [2.5, yes, ~]}\n- k: &a 3\n  l: *a\n- !!str 5\n- '7'\n"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(YAML(typ="safe", pure=False).compose_all(text))
    assert _tags(_compose(text, pure=False)) == _tags(theirs)


def _doc() -> Document:
    rows = [[Cell(f"rij {i}", bold=i % 3 == 0), Cell("Één tekst met diakrieten: café, reünie " * (i % 4 + 1))]
            for i in range(60)]
    return Document("Verslag", "ondertitel", "2026-11-23", "nl", [
        Section("Eerste", [Para("Een inleiding die over meer dan één regel loopt. " * 6, tone="lead"),
                           Table(["Wie", "Wat"], rows, [1, 3])]),
        Section("Tweede", [Para("Slot.", tone="good")]),
    ], [])


def _render(measure: bool) -> bytes:
    doc = _doc()
    pdf = Handout(doc, dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    pdf.add_page()
    pdf.set_font(FAMILY, "", 9.5)
    for sec in doc.sections:
        if measure:  # measure every block (the table runs over pages) before drawing anything
            for block in sec.blocks:
                draw = _table if isinstance(block, Table) else _para
                assert _height(pdf, lambda p, b=block, d=draw: d(p, b)) > 0
        _section(pdf, sec)
    return bytes(pdf.output())


def test_measuring_blocks_leaves_the_pdf_byte_for_byte_as_it_was():
    assert _render(measure=True) == _render(measure=False)
