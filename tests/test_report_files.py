"""The report files a trainer hands out: one self-contained HTML file, an A4 PDF with Dutch text,
the same bytes for the same log, and clear errors (exit 2) for bad input."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from report_golden.frozen import FROZEN_EXPERT, frozen_log

from cli import main
from sim import FileLog, load_scenario

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    """The frozen Pietersdam, seed 7: the expert team and a passive team."""
    d = tmp_path_factory.mktemp("logs")
    out = {name: frozen_log(d / f"{name}.jsonl", name, 7) for name in ("expert", "passive")}
    return out


@pytest.fixture(scope="module")
def reports(logs, tmp_path_factory):
    """The team comparison (expert + passive) as HTML and PDF, each made twice."""
    d = tmp_path_factory.mktemp("reports")
    paths = {}
    for fmt in ("html", "pdf"):
        for n in (1, 2):
            out = d / f"r{n}.{fmt}"
            assert main(["report", logs["expert"], logs["passive"], "--out", str(out), "--created", "2026-11-23",
                         "--expert", FROZEN_EXPERT]) == 0
            paths[(fmt, n)] = out
    return paths


def test_same_logs_give_the_same_report_bytes(reports, logs, tmp_path):
    assert reports[("html", 1)].read_bytes() == reports[("html", 2)].read_bytes()
    assert reports[("pdf", 1)].read_bytes() == reports[("pdf", 2)].read_bytes()
    # … also from another process with another hash seed (set order, font subsets, SVG ids).
    out = tmp_path / "other.pdf"
    subprocess.run([sys.executable, str(ROOT / "main.py"), "report", logs["expert"], logs["passive"], "--out",
                    str(out), "--created", "2026-11-23", "--expert", FROZEN_EXPERT], check=True,
                   capture_output=True, timeout=120,
                   env={**os.environ, "PYTHONHASHSEED": "4321"})
    assert out.read_bytes() == reports[("pdf", 1)].read_bytes()


def test_html_is_one_file_without_external_references(reports):
    html = reports[("html", 1)].read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href|xlink:href)\s*=\s*["'](?!#|data:)""", html)
    assert not re.search(r"url\(\s*['\"]?(?!#|data:)", html)
    assert "@import" not in html and "<link" not in html and "<script" not in html
    without_namespaces = re.sub(r'xmlns(:\w+)?="[^"]*"', "", html)
    assert "http://" not in without_namespaces and "https://" not in without_namespaces
    assert html.count("<svg") >= 4  # swimlanes and knowledge curves of both teams, inline


def test_html_says_what_happened_in_dutch(reports):
    html = reports[("html", 1)].read_text(encoding="utf-8")
    for words in ("Wie wist wat wanneer", "Het voorzienbare incident is voorkomen.", "Zorgcoördinator",
                  "Het incident gebeurde op dag 52.", "Vragen voor de nabespreking"):
        assert words in html


def test_pdf_is_a4_with_numbered_pages_and_extractable_dutch_text(reports):
    reader = PdfReader(str(reports[("pdf", 1)]))
    assert len(reader.pages) >= 4
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)
    text = "\n".join(page.extract_text() for page in reader.pages)
    for words in ("Nabespreking — Familie Pietersdam", "Zorgcoördinator", "Het voorzienbare incident is voorkomen.",
                  "Wie wist wat wanneer", f"Pagina 1 van {len(reader.pages)}"):
        assert words in text


def test_english_report_on_request(logs, tmp_path):
    out = tmp_path / "r.html"
    assert main(["report", logs["passive"], "--out", str(out), "--lang", "en", "--created", "2026-11-23"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Who knew what when" in html and "The foreseeable incident happened on day 52." in html


def test_a_damaged_log_is_a_clear_error_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"format":"ketenspel-log/1","hash":"sha256:0","scenario":"pietersdam","seed":1}\nnot json\n{"t":0,"type":"end"}\n')
    assert main(["report", str(bad), "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:2:" in err and "Traceback" not in err


def test_an_unknown_output_suffix_asks_for_a_format(logs, tmp_path, capsys):
    assert main(["report", logs["expert"], "--out", str(tmp_path / "r.docx")]) == 2
    assert "--format" in capsys.readouterr().err


def test_a_bad_creation_date_is_refused(logs, tmp_path, capsys):
    assert main(["report", logs["expert"], "--out", str(tmp_path / "r.html"), "--created", "gisteren"]) == 2
    assert "ISO" in capsys.readouterr().err


@pytest.fixture(scope="module")
def mini_log(tmp_path_factory):
    """A finished session of the tests' mini scenario (no expert policy ships with it)."""
    from sim import Session

    mini = Path(__file__).parent / "fixtures" / "mini.yaml"
    path = tmp_path_factory.mktemp("mini") / "mini.jsonl"
    log = FileLog(path)
    session = Session(load_scenario(mini), 5, log=log, header={"scenario_file": str(mini)})
    session.finish()
    log.close()
    return str(path)


def test_a_scenario_without_expert_policy_still_gets_a_report_that_says_so(mini_log, tmp_path):
    out = tmp_path / "mini.html"
    assert main(["report", mini_log, "--out", str(out), "--created", "2026-11-23"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Nabespreking — Minigezin" in html and "Het expertpad is niet beschikbaar" in html


def test_sessions_of_different_scenarios_are_not_compared(logs, mini_log, tmp_path, capsys):
    assert main(["report", logs["expert"], mini_log, "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert f"{mini_log}:1:1:" in err and "one scenario" in err
