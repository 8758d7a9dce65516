"""The coach tells all (issue 14, item 5): after each action and time step every new finding about the
player's role or the team is shown — violations and warnings first, so a consent violation never hides
behind praise — with its public source; a history [G] scrolls through everything the coach said in the
session; exam mode shows nothing until the debrief."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from ui.coach import CoachHistoryScreen  # noqa: E402
from ui.screens.debrief import DebriefScreen  # noqa: E402
from ui.screens.desk import DeskScreen  # noqa: E402

SHARE_WITHOUT_BASIS = {"do": "share", "to": "wijkagent", "facts": ["moeder_weigert_hulp"], "basis": "none",
                       "child": "kevin"}


def _finding(rule, severity, t, role="smw", text=None, cite=True):
    text = text or f"{rule} {severity}"
    f = {"rule": rule, "dimension": "privacy", "severity": severity, "t": t, "role": role,
         "message": {"nl": text, "en": text}, "source": "seed 003, 7 tips"}
    if cite:
        f["cite"] = {"nl": f"Bron van {rule}", "en": f"Source of {rule}"}
    return f


def _feed(app, monkeypatch, batches):
    """The game's scorer returns these findings, one batch per call of new_findings."""
    queue = list(batches)
    monkeypatch.setattr(app.game, "new_findings", lambda: queue.pop(0) if queue else [])


def _key(app, key):
    """A key press: down and up again (a key held down presses nothing a second time)."""
    app.handle(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    app.handle(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))


def test_the_coach_shows_every_new_finding_violations_first(app, monkeypatch):
    app.start_new(app.screen.scenario(), "smw")
    batch = [_finding("praise_a", "praise", 1.0), _finding("praise_b", "praise", 1.0),
             _finding("warn", "warning", 1.0), _finding("consent", "violation", 1.0),
             _finding("other_role", "violation", 1.0, role="leerkracht"), _finding("team", "warning", 1.0, role=None),
             _finding("no_cite", "praise", 1.0, cite=False)]
    _feed(app, monkeypatch, [batch])
    assert app.submit_action({"do": "observe", "child": "kevin"}).ok
    html = app.status_html
    order = [html.index(f"{rule} ") for rule in ("consent", "warn", "team", "praise_a", "praise_b", "no_cite")]
    assert order == sorted(order), "violations, then warnings, then praise — none left out"
    assert "other_role" not in html, "another partner's finding is not the player's"
    assert "Fout:" in html and "Let op:" in html and "Goed:" in html, "the kind in words, not by colour alone"
    assert "Bron van consent" in html and "seed" not in html, "the public source, never the seed"
    assert "6 nieuwe opmerkingen" in html


def test_the_coach_shows_the_consent_violation_at_the_moment_it_happens(app):
    app.start_new(app.screen.scenario(), "smw")
    assert app.submit_action(SHARE_WITHOUT_BASIS).ok
    assert "Fout:" in app.status_html and "grondslag" in app.status_html
    assert app.status_html.index("Fout:") < app.status_html.index("Alles wat de coach zei")


def test_the_coach_speaks_after_time_moves_too(app, monkeypatch):
    app.start_new(app.screen.scenario(), "smw")
    _feed(app, monkeypatch, [[_finding("silence", "warning", 200.0, text="U deed twee weken niets.")]])
    _key(app, pygame.K_w)
    assert isinstance(app.screen, DeskScreen) and "U deed twee weken niets." in app.status_html


def test_exam_mode_shows_no_findings_until_the_debrief(app):
    app.coach_on = False
    app.start_new(app.screen.scenario(), "smw")
    assert app.submit_action(SHARE_WITHOUT_BASIS).ok
    assert "Coach" not in app.status_html and "grondslag" not in app.status_html
    _key(app, pygame.K_d)
    assert "Coach" not in app.status_html
    _key(app, pygame.K_g)
    assert isinstance(app.screen, CoachHistoryScreen)
    html = app.screen.history_html()
    assert "Examenmodus" in html and "grondslag" not in html
    _key(app, pygame.K_ESCAPE)
    app.end_game()
    assert isinstance(app.screen, DebriefScreen)
    assert "grondslag" in app.screen.outcome_html(), "the debrief judges all the same"


def test_the_coach_history_scrolls_through_the_whole_session(app, monkeypatch):
    app.start_new(app.screen.scenario(), "smw")
    batches = [[_finding(f"r{day}_{n}", ("violation", "warning", "praise")[n % 3], day * 24.0 + 1,
                         text=f"Opmerking {day}-{n}: " + "een lange uitleg van de coach " * 3) for n in range(3)]
               for day in range(1, 13)]
    _feed(app, monkeypatch, batches)
    for _ in batches:
        _key(app, pygame.K_d)
    assert len(app.coach.history) == 36
    _key(app, pygame.K_g)
    screen = app.screen
    assert isinstance(screen, CoachHistoryScreen)
    html = screen.history_html()
    assert "Opmerking 1-0" in html and "Opmerking 12-2" in html, "from the first day to the last"
    assert html.index("Opmerking 1-0") < html.index("Opmerking 12-2"), "oldest first"
    assert html.index("Opmerking 3-0") < html.index("Opmerking 3-1") < html.index("Opmerking 3-2"), "faults first"
    assert "wo 9 sep 2026" in html, "grouped by the moment it arose"
    app.manager.update(0.01)
    bar = screen.box.scroll_bar
    assert bar is not None, "the history is longer than the window: it scrolls"
    _key(app, pygame.K_PAGEDOWN)
    app.manager.update(0.01)
    assert bar.start_percentage > 0
    _key(app, pygame.K_END)
    app.manager.update(0.01)
    assert bar.start_percentage + bar.visible_percentage >= 0.99
    _key(app, pygame.K_HOME)
    app.manager.update(0.01)
    assert bar.start_percentage == 0
    _key(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, DeskScreen)


def test_at_200_percent_the_coach_takes_the_panels_place_until_a_tab_is_chosen(app):
    app.set_font_scale(2.0)
    app.start_new(app.screen.scenario(), "smw")
    assert app.submit_action(SHARE_WITHOUT_BASIS).ok
    box = app.screen.boxes["status"][0]
    assert box.rect.height > app.size[1] // 3 and 0 not in app.screen.boxes
    assert box.rect.bottom <= app.size[1]
    _key(app, pygame.K_F2)
    assert 1 in app.screen.boxes and not app.coach_open


def test_the_start_screen_names_public_sources_never_seed_numbers(app):
    html = app.screen.info_html(app.screen.scenario(), "smw")
    assert "seed" not in html.lower()
    assert "Augeo Magazine 18 (2020), Samenwerken rondom gezinnen (VIR, 9 vragen, 7 tips, Brunssum)" in html
    assert "Jeugdketens sluitend verbinden (ZAT, CJG, Veiligheidshuis) (§1, §2, §3, §7, bijlage 1)" in html
