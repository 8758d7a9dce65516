"""A result to keep (issue 17, item 9): a one-page PDF certificate of a finished solo game with the
name, family, role, date, the score per dimension of the player's own role and three lessons with
their public sources."""

from __future__ import annotations

import io
import os

import pytest
from pypdf import PdfReader

from cli import main
from report.certificate import lessons
from sim import FileLog, load_scenario, resolve_scenario
from sim.runner import play, resolve_policy


@pytest.fixture(scope="module")
def solo_logs(tmp_path_factory):
    sc = load_scenario(resolve_scenario("pietersdam"))
    out = {}
    for policy in ("expert", "passive"):
        path = tmp_path_factory.mktemp(policy) / "solo.jsonl"
        log = FileLog(path)
        play(sc, resolve_policy(sc, policy), 5, log=log, role="leerkracht")
        log.close()
        out[policy] = str(path)
    return out


def _text(pdf: str) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(open(pdf, "rb").read()))
    return len(reader.pages), " ".join((p.extract_text() or "") for p in reader.pages)


def test_the_certificate_fits_one_page_with_name_role_score_and_lessons(solo_logs, tmp_path):
    out = tmp_path / "bewijs.pdf"
    assert main(["certificate", solo_logs["passive"], "--out", str(out), "--name", "Anna de Vries",
                 "--created", "2026-12-01"]) == 0
    pages, text = _text(str(out))
    assert pages == 1
    for part in ("Anna de Vries", "Familie Pietersdam", "als leerkracht", "2026-12-01", "Tijdigheid", "Privacy",
                 "Terugkoppeling", "De drie belangrijkste lessen"):
        assert part in " ".join(text.split()), part
    assert "seed 0" not in text.lower()


def test_a_passive_teachers_lessons_are_her_own_faults_first(solo_logs):
    from report.scores import score_session
    from report.session import load_session

    scored = score_session(load_session(solo_logs["passive"]))
    picked = lessons(scored, "leerkracht")
    assert len(picked) == 3
    assert all(f["role"] == "leerkracht" for f in picked)
    assert picked[0]["severity"] == "violation"
    assert len({f["rule"] for f in picked}) == 3


def test_the_same_game_gives_the_same_certificate_bytes(solo_logs, tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    for out in (a, b):
        assert main(["certificate", solo_logs["expert"], "--out", str(out), "--created", "2026-12-01"]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_a_team_session_gets_a_clear_refusal_not_a_certificate(tmp_path, capsys):
    sc = load_scenario(resolve_scenario("pietersdam"))
    path = tmp_path / "team.jsonl"
    log = FileLog(path)
    play(sc, resolve_policy(sc, "expert"), 5, log=log)
    log.close()
    assert main(["certificate", str(path), "--out", str(tmp_path / "x.pdf")]) == 2
    assert "solo game" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_the_debrief_writes_the_certificate_beside_the_saved_game(app):
    """In the window: play to the end, press C on the debrief; the PDF lies beside the log."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from ui.screens.debrief import DebriefScreen

    app.start_new(app.screen.scenario(), "leerkracht")
    app.end_game()
    assert isinstance(app.screen, DebriefScreen)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_c, mod=0, unicode="c", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_c, mod=0, unicode="c", scancode=0))
    app.frame()
    pdf = app.game.path.with_suffix(".pdf")
    assert pdf.exists() and _text(str(pdf))[0] == 1
    assert "opgeslagen" in app.status_html
