"""The guided tour (issue 17, item 4), driven like a first-time player would: real pygame key events
through the SDL dummy driver — the offer, every step on a real Pietersdam game as the teacher (the
desk, an observation, a consult, informing the parents, a share on the Meldcode, the coach, the clock), skipping, and the
first-run marker."""

from __future__ import annotations

import os
import stat

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from tests.test_ui_playthrough import focus_on, key  # noqa: E402
from ui import onboarding  # noqa: E402
from ui.coach import CoachHistoryScreen  # noqa: E402
from ui.screens.action import ActionFormScreen, ActionMenuScreen  # noqa: E402
from ui.screens.desk import DeskScreen  # noqa: E402
from ui.screens.start import StartScreen  # noqa: E402
from ui.screens.tour_offer import TourOfferScreen  # noqa: E402


@pytest.fixture()
def window(tmp_path, monkeypatch):
    """A fresh window with an empty profile (a first-time player), offered the tour as `run` does."""
    from ui.app import App

    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("KETENSPEL_TOUR", raising=False)
    made = []

    def open_window(lang="nl", scale=1.0):
        app = App(lang, (1280, 720), scale)
        app.clock = pygame.time.Clock()
        app.to_start("pietersdam", "smw")
        app.offer_tour()
        app.frame()
        made.append(app)
        return app

    yield open_window
    pygame.quit()


def step(app):
    return app.guide.tour.step.id if app.guide is not None else None


def tick(app, text_start):
    """Tab to the checkbox whose text starts with `text_start` and tick it with Space."""
    for _ in range(len(app.screen.focus) + 1):
        focused = app.screen.focus[app.screen.focus_index]
        group = next((g for g in app.screen.groups if g[0] is focused), None)
        if group and " ".join(e.text for e in group[1:]).startswith(text_start):
            key(app, pygame.K_SPACE)
            return
        key(app, pygame.K_TAB, frames=1)
    raise AssertionError(f"no checkbox {text_start!r}")


def choose(app, text_start, wanted):
    """Tab to a choice button and step it with → until its label says `wanted`."""
    focus_on(app, text_start)
    for _ in range(12):
        if wanted in app.screen.focus[app.screen.focus_index].text:
            return
        key(app, pygame.K_RIGHT)
    raise AssertionError(f"{text_start!r} never became {wanted!r}")


def act(app, action_label):
    """From the desk: A, then the action's button in the menu."""
    key(app, pygame.K_a)
    assert isinstance(app.screen, ActionMenuScreen)
    focus_on(app, action_label)
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, ActionFormScreen)


def submit(app):
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)


def walk_the_tour(app):
    """Every step of the tour with the keyboard only, checking that each waits for the real thing."""
    assert isinstance(app.screen, TourOfferScreen)
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, DeskScreen) and app.game.role == "leerkracht"
    assert step(app) == "desk" and app.guide.highlights
    key(app, pygame.K_RETURN)
    assert step(app) == "family"
    key(app, pygame.K_RETURN)
    assert step(app) == "observe"
    key(app, pygame.K_RETURN)  # Enter does not skip a step that asks for an action
    assert step(app) == "observe" and not app.game.my_inputs()
    act(app, "Kind observeren")
    assert step(app) == "observe" and app.guide.highlights  # the submit button is pointed at
    submit(app)
    assert isinstance(app.screen, DeskScreen) and step(app) == "consult"
    assert app.game.my_inputs()[-1]["action"] == {"do": "observe", "child": "kevin"}
    act(app, "Collega raadplegen")
    choose(app, "Over welk kind", "Kevin")
    tick(app, "Kevin is erg stil")
    submit(app)
    assert step(app) == "inform"
    act(app, "Gesprek met de ouders")
    choose(app, "Over welk kind", "Kevin")
    choose(app, "Doel van het gesprek", "informeren")
    submit(app)
    assert step(app) == "share"
    assert app.game.my_inputs()[-1]["action"]["purpose"] == "inform"
    act(app, "Informatie delen")
    tick(app, "Kevin is erg stil")
    choose(app, "Grondslag", "Meldcode")
    choose(app, "Over welk kind", "Kevin")
    submit(app)
    assert isinstance(app.screen, DeskScreen) and step(app) == "coach"
    shared = app.game.my_inputs()[-1]["action"]
    assert shared["to"] == "smw" and shared["basis"] == "meldcode" and shared["facts"] == ["kevin_stil"]
    assert app.coach.history  # the coach spoke about the share
    assert not [f for f in app.findings() if f["rule"] == "P-informed" and f["severity"] != "praise"]
    key(app, pygame.K_g)
    assert isinstance(app.screen, CoachHistoryScreen) and step(app) == "coach_back"
    key(app, pygame.K_g)
    assert isinstance(app.screen, DeskScreen) and step(app) == "clock"
    key(app, pygame.K_d)
    assert step(app) == "clock"  # one day is not the whole first week
    key(app, pygame.K_w)
    assert app.game.now >= 7 * 24 and step(app) == "done"
    key(app, pygame.K_RETURN)
    assert app.guide is None and isinstance(app.screen, DeskScreen)
    assert "rondleiding is klaar" in app.status_html


def test_a_first_time_player_completes_the_tour_with_the_keyboard_only(window):
    app = window()
    walk_the_tour(app)
    assert not app.game.finished  # the tour's game goes on as a normal game
    assert not onboarding.first_run()


def test_the_tour_works_at_200_percent_font(window):
    walk_the_tour(window(scale=2.0))


def test_the_tour_is_offered_only_the_first_time(window, tmp_path):
    assert onboarding.first_run()
    app = window()
    assert isinstance(app.screen, TourOfferScreen)
    key(app, pygame.K_ESCAPE)  # "no, to the start screen"
    assert isinstance(app.screen, StartScreen)
    marker = tmp_path / onboarding.MARKER
    assert marker.exists() and stat.S_IMODE(marker.stat().st_mode) == 0o600
    assert not onboarding.first_run()
    again = window()
    assert isinstance(again.screen, StartScreen)


def test_a_player_with_a_saved_game_is_not_offered_the_tour(window, tmp_path):
    (tmp_path / "saves").mkdir()
    (tmp_path / "saves" / "pietersdam-smw-1.jsonl").write_text("{}\n")
    assert not onboarding.first_run()
    assert isinstance(window().screen, StartScreen)


def test_the_environment_can_switch_the_offer_off_and_on(window, monkeypatch):
    monkeypatch.setenv("KETENSPEL_TOUR", "off")
    assert isinstance(window().screen, StartScreen)
    onboarding.mark_seen()
    monkeypatch.setenv("KETENSPEL_TOUR", "on")
    assert onboarding.first_run()


def test_esc_on_the_desk_leaves_the_tour_and_the_game_goes_on(window):
    app = window()
    key(app, pygame.K_RETURN)
    assert step(app) == "desk"
    key(app, pygame.K_ESCAPE)
    assert app.guide is None and isinstance(app.screen, DeskScreen) and app.game is not None
    assert "rondleiding verlaten" in app.status_html
    key(app, pygame.K_ESCAPE)  # without the tour Esc saves and goes to the start screen, as always
    assert isinstance(app.screen, StartScreen)


def test_the_skip_button_leaves_the_tour_from_the_keyboard(window):
    app = window()
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    focus_on(app, "Sla over")
    key(app, pygame.K_RETURN)  # Enter on the focused skip button skips; it does not go on
    assert app.guide is None and isinstance(app.screen, DeskScreen)


def test_esc_in_a_dialog_goes_back_to_the_desk_and_the_tour_stays(window):
    app = window()
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    act(app, "Kind observeren")
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, DeskScreen) and step(app) == "observe"


def test_sharing_on_another_basis_does_not_complete_the_share_step(window):
    app = window()
    for _ in range(3):
        key(app, pygame.K_RETURN)
    act(app, "Kind observeren")
    submit(app)
    act(app, "Collega raadplegen")
    choose(app, "Over welk kind", "Kevin")
    submit(app)
    act(app, "Gesprek met de ouders")
    choose(app, "Over welk kind", "Kevin")
    choose(app, "Doel van het gesprek", "informeren")
    submit(app)
    assert step(app) == "share"
    act(app, "Informatie delen")
    tick(app, "Kevin is erg stil")
    choose(app, "Grondslag", "toestemming")
    submit(app)
    assert step(app) == "share" and app.guide.tour.mismatch
    box = next(e for e in app.guide.panel.get_container().elements if hasattr(e, "html_text"))
    assert "niet met de schoolmaatschappelijk werker op grond van de Meldcode" in box.html_text


def test_the_tour_can_be_replayed_from_the_start_screen(window, monkeypatch):
    monkeypatch.setenv("KETENSPEL_TOUR", "off")
    app = window()
    assert isinstance(app.screen, StartScreen)
    key(app, pygame.K_t)
    assert isinstance(app.screen, DeskScreen) and step(app) == "desk" and app.game.role == "leerkracht"


def test_the_tour_speaks_english_in_english(window, monkeypatch):
    app = window(lang="en")
    key(app, pygame.K_RETURN)
    box = next(e for e in app.guide.panel.get_container().elements if hasattr(e, "html_text"))
    assert "This is your desk as Kevin's teacher" in box.html_text
    assert any(b.text.startswith("Skip") for b in app.guide.buttons)


def test_every_step_has_both_languages():
    for s in onboarding.tour_data()["steps"]:
        for part in ("text", "form", "retry"):
            if part in s:
                assert s[part]["nl"].strip() and s[part]["en"].strip(), (s["id"], part)
    for name, text in onboarding.tour_data()["labels"].items():
        assert text["nl"].strip() and text["en"].strip(), name


def panel_text(app):
    return next(e for e in app.guide.panel.get_container().elements if hasattr(e, "html_text")).html_text


def test_at_large_letters_the_tour_says_which_tab_shows_the_panel_it_is_about(window):
    app = window(scale=2.0)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    assert step(app) == "family" and "F4 toont dit paneel" in panel_text(app)
    key(app, pygame.K_F4)
    assert step(app) == "family" and 3 in app.screen.boxes and "F4" not in panel_text(app)
    assert app.screen.boxes[3][0].rect in app.guide.highlights


def test_f8_folds_the_panel_and_unfolds_it(window):
    app = window(scale=2.0)
    key(app, pygame.K_RETURN)
    big = app.guide.panel.rect.copy()
    key(app, pygame.K_F8)
    assert app.guide.panel.rect.height < big.height // 2 and step(app) == "desk"
    key(app, pygame.K_F8)
    assert app.guide.panel.rect == big


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_welcome_text_is_whole_at_200_percent(window, lang):
    """Review of issue 17, item 12: at 200 % on 1280×720 the welcome text was cut off mid-sentence while
    half the screen below the buttons was empty. Now the text has the room: no scroll bar, all buttons
    on screen."""
    from ui import textpanel

    app = window(lang, 2.0)
    assert isinstance(app.screen, TourOfferScreen)
    textpanel.finish_pending(app.manager, every=True)
    box = app.screen.scrollables[0]
    assert box.scroll_bar is None, "the welcome text needs scrolling"
    h = app.size[1]
    assert all(b.rect.bottom <= h for b in app.screen.focus), "a button is off the screen"
