"""The glossary (issue 17, item 5): every term the game uses explained in both languages with a
public source, reachable with '?' from any screen and back to where the player was."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from ui.glossary import glossary  # noqa: E402
from ui.screens.desk import DeskScreen  # noqa: E402
from ui.screens.glossary import GlossaryScreen  # noqa: E402

REQUIRED = ["Meldcode", "Afwegingskader", "Verwijsindex (VIR)", "ZAT (zorg- en adviesteam)",
            "HCO (Hulpverleningscasusoverleg Jeugd)", "Veilig Thuis", "OTS (ondertoezichtstelling)", "Grondslag",
            "Beroepsgeheim", "Gezag", "Regie en regisseur"]


def press(app, k, unicode=""):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=unicode, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=0, unicode=unicode, scancode=0))
    app.frame()
    app.frame()


def test_the_glossary_explains_every_term_the_issue_names_with_a_public_source():
    terms = {e["term"]["nl"]: e for e in glossary()}
    for term in REQUIRED:
        assert term in terms, term
    for entry in glossary():
        for part in ("term", "text", "cite"):
            assert entry[part]["nl"].strip() and entry[part]["en"].strip(), (entry["term"], part)
        assert "seed" not in entry["cite"]["nl"].lower()


def test_the_meldcode_entry_names_its_five_steps():
    meldcode = next(e for e in glossary() if e["term"]["nl"] == "Meldcode")
    for step in range(1, 6):
        assert f"\n{step}. " in meldcode["text"]["nl"] and f"\n{step}. " in meldcode["text"]["en"]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_question_mark_opens_the_glossary_and_escape_returns_to_the_desk(app, lang):
    if lang == "en":
        app.set_lang("en")
    press(app, pygame.K_RETURN)
    assert isinstance(app.screen, DeskScreen)
    now = app.game.session.now
    press(app, pygame.K_SLASH, unicode="?")
    assert isinstance(app.screen, GlossaryScreen)
    shown = app.screen.scrollables[0].html_text
    assert ("Afwegingskader" if lang == "nl" else "Weighing framework") in shown
    press(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, DeskScreen) and app.game.session.now == now


def test_the_start_screen_explains_the_role_its_task_and_its_secrecy(app):
    """Issue 17, item 5: a role picker that explains each role (task, what it knows, its secrecy)."""
    html = app.screen.info_html(app.screen.scenario(), "smw")
    assert "kortdurende hulp" in html and "U hebt beroepsgeheim" in html
    html = app.screen.info_html(app.screen.scenario(), "leerkracht")
    assert "elke dag in de klas" in html and "geen beroepsgeheim" in html
