"""The debrief on one page per team (issue 19): a one-page comparison first, each team's page, the
detail as an appendix; team names from the trainer; words, plurals and numbers per language."""

from __future__ import annotations

import re

import pypdf
import pytest

from cli import main
from report.build import build_document
from report.compare import loops_cell
from report.facts import SessionFacts
from report.labels import role_name
from report.session import load_session
from report.teampage import key_moments, team_name
from report.texts import Words
from sim import FileLog, load_scenario, resolve_scenario
from sim.runner import play, resolve_policy

NAMES = ["De Meeuwen", "Het Anker", "Team Zuid"]


@pytest.fixture(scope="module")
def logs(tmp_path_factory):
    """The shipped Pietersdam, seed 7, played by three teams: expert, passive and random."""
    scenario = load_scenario(resolve_scenario("pietersdam"))
    out = []
    for policy in ("expert", "passive", "random"):
        path = tmp_path_factory.mktemp("logs") / f"{policy}.jsonl"
        log = FileLog(path)
        play(scenario, resolve_policy(scenario, policy), 7, log=log)
        log.close()
        out.append(str(path))
    return out


def pages(path) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(str(path)).pages]


def names_args() -> list[str]:
    return [x for name in NAMES for x in ("--name", name)]


def test_three_teams_fit_on_four_pages_with_brief_comparison_first(logs, tmp_path):
    out = tmp_path / "brief.pdf"
    assert main(["report", *logs, "--out", str(out), "--brief", "--created", "2026-12-01", *names_args()]) == 0
    text = pages(out)
    assert len(text) <= 8
    assert len(text) == 4, "page 1 compares, then exactly one page per team"
    assert "Teams naast elkaar" in text[0] and all(name in text[0] for name in NAMES)
    for page, name in zip(text[1:], NAMES):
        assert page.splitlines()[1].strip() == name, "each team's page starts with its name"
        assert "Drie kernmomenten" in page and "Verschil met de expert" in page
        assert "Vragen voor de nabespreking" in page
    assert not any("Bijlage" in p for p in text)


def test_without_brief_the_appendix_follows_the_team_pages(logs, tmp_path):
    out = tmp_path / "full.pdf"
    assert main(["report", *logs, "--out", str(out), "--created", "2026-12-01", *names_args()]) == 0
    text = pages(out)
    assert len(text) > 4
    assert not any("Bijlage" in p for p in text[:4])
    assert text[4].splitlines()[1].startswith("Bijlage — Scenario en gezin")
    assert not any("Drie kernmomenten" in p for p in text[4:]), "no team page inside the appendix"


def test_no_page_ends_with_a_lonely_heading(logs, tmp_path):
    out = tmp_path / "full.pdf"
    assert main(["report", *logs, "--out", str(out), "--created", "2026-12-01", *names_args()]) == 0
    for number, page in enumerate(pages(out), 1):
        lines = [x for x in page.splitlines() if x.strip() and not x.startswith(("Gemaakt op", "Pagina"))]
        assert not lines[-1].startswith("Bijlage"), f"page {number} ends with the heading {lines[-1]!r}"


def test_a_lan_session_is_never_named_after_its_transport(logs):
    s = load_session(logs[0])
    s.header = {**s.header, "policy": "lan"}
    w = Words("nl")
    assert team_name(0, s, w) == "Team 1"
    s.header["team"] = "De Meeuwen"
    assert team_name(0, s, w) == "De Meeuwen"
    assert team_name(0, s, w, ["Klas 3B"]) == "Klas 3B", "report --name wins over the log"


def test_one_name_per_log_or_a_clear_error(logs, tmp_path, capsys):
    assert main(["report", *logs, "--out", str(tmp_path / "x.pdf"), "--name", "Alleen"]) == 2
    assert "--name given 1 times for 3 logs" in capsys.readouterr().err


def test_team_page_names_three_key_moments_with_day_and_role(logs):
    passive = SessionFacts(load_session(logs[1]))
    moments = key_moments(passive, Words("nl"))
    assert len(moments) == 3
    assert all(m.text.startswith("Niet gedaan") for m in moments), "a team that did nothing missed its steps"
    assert [m.t for m in moments] == sorted(m.t for m in moments)
    expert = key_moments(SessionFacts(load_session(logs[0])), Words("nl"))
    assert all(m.text.startswith("Op tijd") for m in expert)


def test_slides_put_the_comparison_and_each_team_on_its_own_screen(logs, tmp_path):
    out = tmp_path / "s.html"
    assert main(["report", *logs, "--out", str(out), "--slides", "--created", "2026-12-01", *names_args()]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.count('<section class="slide">') == 4
    assert "width: 1280px; height: 720px" in html


def test_slides_are_for_html_only(logs, tmp_path, capsys):
    assert main(["report", logs[0], "--out", str(tmp_path / "s.pdf"), "--slides"]) == 2
    assert "--slides is for an HTML report" in capsys.readouterr().err


def test_plural_forms_are_right_in_both_languages():
    nl, en = Words("nl"), Words("en")
    assert nl.plural("n_sessions", 1) == "1 sessie"
    assert nl.plural("n_sessions", 3) == "3 sessies"
    assert en.plural("n_sessions", 1) == "1 session"
    assert en.plural("n_sessions", 3) == "3 sessions"
    assert nl.plural("n_facts", 1) == "1 feit" and nl.plural("n_facts", 2) == "2 feiten"


def test_numbers_are_written_the_way_each_language_writes_them():
    assert Words("nl").num(8.5) == "8,5"
    assert Words("en").num(8.5) == "8.5"
    assert Words("nl").num(8.0) == "8" and Words("en").num(1234.5) == "1,234.5"
    assert Words("nl").num(None) == "—"


def test_a_team_without_feedback_loops_is_told_so_not_zero_of_zero(logs):
    passive = SessionFacts(load_session(logs[1]))
    assert not passive.loops
    assert loops_cell(passive, Words("nl")).text == "geen lussen"


def test_report_text_has_no_seed_names_no_bracket_plurals_and_no_sessie_labels(logs):
    for lang in ("nl", "en"):
        doc = build_document([load_session(p) for p in logs], lang, "2026-12-01")
        words = " ".join(str(b) for sec in doc.sections for b in [sec.title, *sec.blocks])
        assert not re.search(r"seed \d{3}|domain\.md|\w\((?:s|en)\)|\b0 (?:van de|of) 0\b|Sessie \d|Session \d", words)
        assert "lan" not in [team_name(i, load_session(p), Words(lang)) for i, p in enumerate(logs)]


def test_english_role_names_lose_the_dutch_gloss(logs):
    sc = load_session(logs[0]).scenario
    assert role_name(sc, "veilig_thuis", Words("en")) == "Veilig Thuis"
    assert role_name(sc, "zorgcoordinator", Words("en")) == "Care coordinator (secondary school)"
