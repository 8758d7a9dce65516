"""A result to keep (issue 17, item 9): a one-page PDF certificate of a finished solo game with the
name, family, role, date, the score per dimension of the player's own role and three lessons with
their public sources."""

from __future__ import annotations

import io

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
    for part in ("Anna de Vries", "Familie Pietersdam", "als leerkracht", "1 december 2026", "Tijdigheid", "Privacy",
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


def _press(app, key, text: str | None = None) -> None:
    import pygame

    if text is not None:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    else:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
    app.frame()


def _finished(app):
    from ui.screens.debrief import DebriefScreen

    app.start_new(app.screen.scenario(), "leerkracht")
    app.end_game()
    assert isinstance(app.screen, DebriefScreen)
    return app.screen


def _until_written(app, seconds: float = 60.0) -> None:
    import time

    deadline = time.monotonic() + seconds
    while app.screen.writer is not None:
        assert time.monotonic() < deadline, "the certificate was never written"
        app.frame()
        time.sleep(0.02)


def test_the_debrief_writes_the_certificate_beside_the_saved_game(app):
    """In the window: play to the end, press C on the debrief, Enter in the name field; the PDF lies
    beside the log, and the status names the file and its folder apart."""
    import pygame

    _finished(app)
    _press(app, pygame.K_c)
    _press(app, pygame.K_RETURN)
    _until_written(app)
    pdf = app.game.path.with_suffix(".pdf")
    assert pdf.exists() and _text(str(pdf))[0] == 1
    assert "opgeslagen" in app.status_html
    assert f"{pdf.name} in {pdf.parent}" in app.status_html, "the file's name in one piece, then its folder"


def test_the_window_asks_the_name_for_the_certificate_and_remembers_it(app, tmp_path):
    import pygame

    screen = _finished(app)
    _press(app, pygame.K_c)
    assert screen.asking_name and screen.editing() is not None, "C asks the name, the field has the keyboard"
    _press(app, None, "Anna de Vries")
    _press(app, pygame.K_RETURN)
    _until_written(app)
    pdf = app.game.path.with_suffix(".pdf")
    assert "Anna de Vries" in _text(str(pdf))[1]
    assert (tmp_path / "certificate-name.txt").read_text(encoding="utf-8").strip() == "Anna de Vries"
    _press(app, pygame.K_c)
    assert screen.name_text == "Anna de Vries", "the field is prefilled with the last name used"


def test_an_empty_name_puts_de_speler_on_the_certificate(app):
    import pygame

    _finished(app)
    _press(app, pygame.K_c)
    _press(app, pygame.K_RETURN)
    _until_written(app)
    assert "De speler" in _text(str(app.game.path.with_suffix(".pdf")))[1]


def test_the_window_says_busy_at_once_and_writes_the_pdf_in_the_background(app, monkeypatch):
    import threading

    import pygame

    import report.certificate

    release = threading.Event()
    real = report.certificate.write_certificate

    def slow(*args, **kwargs):
        release.wait(30)
        real(*args, **kwargs)

    monkeypatch.setattr(report.certificate, "write_certificate", slow)
    _finished(app)
    _press(app, pygame.K_c)
    _press(app, pygame.K_RETURN)
    assert "bezig" in app.status_html, "said at once, before the PDF exists"
    assert not app.game.path.with_suffix(".pdf").exists()
    app.frame()  # the window goes on while the PDF is being made
    release.set()
    _until_written(app)
    assert "opgeslagen" in app.status_html and app.game.path.with_suffix(".pdf").exists()


def test_escape_closes_the_name_question_and_stays_on_the_debrief(app):
    import pygame

    screen = _finished(app)
    _press(app, pygame.K_c)
    _press(app, pygame.K_ESCAPE)
    assert app.screen is screen and not screen.asking_name and screen.writer is None


def test_the_c_that_opens_the_name_question_is_not_typed_into_it(app):
    """Review of issue 17: pressing C put "c" in front of the name ("cAnna de Vries"). A real key press
    is a KEYDOWN and then a TEXTINPUT of the same letter; the letter belongs to the command."""
    import pygame

    screen = _finished(app)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_c, mod=0, unicode="c", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text="c"))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_c, mod=0, unicode="c", scancode=0))
    app.frame()
    _press(app, None, "Anna")
    app.frame()  # the field's change reaches the screen on the next frame
    assert screen.asking_name and screen.name_text.endswith("Anna") and "cAnna" not in screen.name_text
    _press(app, None, "c")
    app.frame()
    assert screen.name_text.endswith("Annac"), "a c typed in the field afterwards is typed"
