"""The conversation screen (issue 17, item 6), driven with keys as a player would: the number keys and
Tab + Enter choose what you say, the answer shows, the whole dialogue fits or scrolls at 1280×720 at 100 %
and 200 % font, and the talk with Kevin's mother goes differently by its opening."""

from __future__ import annotations

import os
import warnings

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from ui import game as games  # noqa: E402
from ui.app import App  # noqa: E402
from ui.screens.conversation import ConversationScreen  # noqa: E402

WEEK = 24 * 7


def press(app, key, mod=0):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
    app.frame()
    app.frame()


@pytest.fixture()
def window(tmp_path, monkeypatch):
    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path))
    made = []

    def make(scale: float = 1.0, lang: str = "nl", at: float = 3 * WEEK + 24, role: str = "smw") -> App:
        app = App(lang, (1280, 720), scale)
        app.clock = pygame.time.Clock()
        app.game = games.start_game(games.load("pietersdam"), role, 1, save=False)
        app.game.session.advance(at)
        app.show_desk()
        app.frame()
        made.append(app)
        return app

    yield make
    pygame.quit()


def conversation(app, cid="gesprek_moeder"):
    return next(c for c in app.game.view().conversations if c["id"] == cid)


def test_hold_a_conversation_is_in_the_action_menu_and_opens_the_list(window):
    app = window()
    app.open_actions()
    app.frame()
    labels = [b.text for b in app.screen.focus]
    assert labels.index("Gesprek voeren") == labels.index("Gesprek met de ouders") + 1
    app.screen.press(app.screen.focus[labels.index("Gesprek voeren")])
    app.frame()
    assert isinstance(app.screen, ConversationScreen) and app.screen.conversation is None


def test_number_keys_say_the_choices_and_the_answer_shows(window):
    app = window()
    app.open_form("converse")
    app.frame()
    press(app, pygame.K_1)  # Gesprek met moeder over Kevin
    assert app.screen.conversation == "gesprek_moeder"
    press(app, pygame.K_1)  # the kind opening
    press(app, pygame.K_1)  # asking about Rob
    said = [h["choice"] for h in conversation(app)["history"]]
    assert said == ["zorg_benoemen", "vraag_rob"]
    texts = " ".join(getattr(e, "text", "") for e in app.manager.get_sprite_group().sprites() if e.visible)
    assert "agressief" in texts  # mother's answer about Rob is on screen
    assert app.game.session.world.knows("smw", "rob_agressief_drank")


def test_tab_and_enter_choose_too(window):
    app = window()
    app.open_form("converse")
    app.frame()
    press(app, pygame.K_RETURN)  # the first conversation has the focus
    press(app, pygame.K_TAB)  # from the first choice to the second: the accusation
    press(app, pygame.K_RETURN)
    assert [h["choice"] for h in conversation(app)["history"]] == ["beschuldigen"]
    assert conversation(app)["node"]["id"] == "dicht"


def test_escape_goes_back_to_the_desk_and_the_talk_goes_on_where_it_stood(window):
    app = window()
    app.open_form("converse")
    app.frame()
    press(app, pygame.K_1)
    press(app, pygame.K_1)
    press(app, pygame.K_ESCAPE)
    assert type(app.screen).__name__ == "DeskScreen"
    app.open_form("converse")
    app.frame()
    press(app, pygame.K_1)
    assert conversation(app)["node"]["id"] == "thuis"


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_choice_is_reachable_and_on_screen(window, scale, lang):
    app = window(scale, lang)
    h = app.size[1]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        app.open_form("converse")
        app.frame()
        press(app, pygame.K_1)
        for key in (pygame.K_3, pygame.K_2, None):  # the opening → the promise → announcing the report → over
            for n in range(len(app.screen.focus)):
                app.screen.move_focus(1)
                app.screen.after_build()
                focused = app.screen.focus[app.screen.focus_index]
                assert focused.visible and 0 <= focused.rect.top and focused.rect.bottom <= h, (scale, n)
                assert focused.rect.right <= app.size[0]
            if key is not None:
                press(app, key)
        assert conversation(app)["over"] and len(conversation(app)["history"]) == 2
    too_small = [str(c.message) for c in caught if "too small" in str(c.message)]
    assert not too_small, too_small


def test_a_refused_choice_is_said_on_the_screen(window):
    app = window()
    app.open_form("converse")
    app.frame()
    press(app, pygame.K_1)
    app.screen.say("beschuldigen")
    app.screen.say("excuus")  # mother leaves: the talk is over
    app.screen.say("zorg_benoemen")
    app.frame()
    assert "al gevoerd" in app.screen.note_html


@pytest.mark.parametrize("opening, heard", [
    ("zorg_benoemen", "rustige jongen"),
    ("beschuldigen", "beschuldigen"),
    ("koetjes_kalfjes", "niets gehoord"),
])
def test_the_talk_with_kevins_mother_goes_differently_by_its_opening(window, opening, heard):
    app = window()
    app.open_form("converse")
    app.frame()
    press(app, pygame.K_1)
    choices = [c["id"] for c in conversation(app)["choices"]]
    press(app, pygame.K_1 + choices.index(opening))
    assert heard in conversation(app)["history"][-1]["reply"]["nl"]


def test_the_debrief_window_quotes_the_talk_with_kevins_mother_and_judges_its_opening(window):
    app = window()
    app.open_form("converse")
    app.frame()
    press(app, pygame.K_1)
    press(app, pygame.K_2)  # the accusation
    app.end_game()
    app.frame()
    talks = app.screen.conversations_html()
    assert "Gesprek met moeder over Kevin" in talks and "Er gebeurt thuis iets" in talks
    assert "Ik laat me door de school niet beschuldigen" in talks
    opening = [f for f in app.findings() if f["rule"] == "F-conversation-opening"]
    assert opening and opening[0]["severity"] == "warning"
    assert "Er gebeurt thuis iets" in app.screen.outcome_html()


def _accused_mother_to_the_end(window):
    """The talk with Kevin's mother opened with a reproach (she closes up and tells nothing), to its end."""
    app = window()
    app.open_form("converse")
    app.frame()
    press(app, pygame.K_1)
    choices = [c["id"] for c in conversation(app)["choices"]]
    press(app, pygame.K_1 + choices.index("beschuldigen"))
    while not conversation(app)["over"]:
        press(app, pygame.K_1)
    return app


def test_a_talk_in_which_nothing_was_heard_does_not_say_it_is_in_your_file(window):
    app = _accused_mother_to_the_end(window)
    texts = " ".join(getattr(e, "html_text", "") or getattr(e, "text", "") or ""
                     for e in app.manager.get_root_container().elements)
    assert not any(h["facts"] for h in conversation(app)["history"])
    assert "niets nieuws" in texts and "staat in uw dossier" not in texts


def test_the_debrief_lists_each_talk_with_kevins_mother_apart_with_its_date(window):
    app = _accused_mother_to_the_end(window)
    app.game.session.advance(app.game.session.now + 3 * WEEK)  # she is willing to talk again
    app.show_desk()
    app.open_form("converse")
    app.frame()
    press(app, pygame.K_1)
    press(app, pygame.K_1)
    app.end_game()
    app.frame()
    talks = app.screen.conversations_html()
    assert talks.count("Gesprek met moeder over Kevin — ") == 2
