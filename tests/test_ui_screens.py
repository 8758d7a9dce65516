"""Every screen in Dutch and English at 1280×720, at 100 % and 200 % font: no label too small for its
text, every button wide enough for its label, nothing outside the window. And `play --screenshot`
writes the PNG (issue 6, items 8–9)."""

from __future__ import annotations

import os
import warnings
from types import SimpleNamespace

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from ui import game as games  # noqa: E402
from ui.app import App  # noqa: E402
from ui.i18n import strings  # noqa: E402
from ui.launch import run_window  # noqa: E402


def _check_screen(app, name):
    w, h = app.size
    scrolls = "form" in name  # long forms scroll so that the focused row is on screen
    for b in app.screen.focus:
        if not b.visible:
            continue
        if not hasattr(b, "text"):  # a text field or a text panel: it wraps and scrolls its text
            assert b.rect.right <= w and b.rect.left >= 0, f"{name}: a text field or panel outside the window"
            continue
        assert app.screen.text_width(b.text) <= b.rect.width + 1, f"{name}: button cut off: {b.text!r}"
        assert b.rect.right <= w and b.rect.left >= 0, f"{name}: {b.text!r} outside the window"
        assert scrolls or b.rect.bottom <= h, f"{name}: {b.text!r} below the window"
    if scrolls:
        for _ in range(len(app.screen.focus)):
            app.screen.move_focus(1)
            app.screen.after_build()
            focused = app.screen.focus[app.screen.focus_index]
            assert focused.visible and 0 <= focused.rect.top and focused.rect.bottom <= h, \
                f"{name}: Tab reaches {getattr(focused, 'text', 'a text field')!r} but it is not on screen"
            for element in app.manager.get_sprite_group().sprites():  # nothing scrolls over the header
                if element not in app.screen.fixed and getattr(element, "visible", False) and hasattr(element, "hide"):
                    assert element.rect.top >= app.screen.top, f"{name}: {element} overlaps the header"


def _screens(app):
    """Walk start (with a saved game to resume) → desk → actions → a form → debrief, yielding after each."""
    saved = games.start_game(games.load("pietersdam"), "leerkracht", None)
    saved.session.advance(30.0)
    saved.quit()
    app.to_start("pietersdam", "smw")
    assert app.screen.saves
    yield "start"
    sc = games.load("pietersdam")
    app.game = games.start_game(sc, "smw", None, save=False)
    games.apply_policy(app.game, "expert", 5 * 168)
    app.show_desk()
    yield "desk"
    app.screen.keys[pygame.K_m]()
    yield "network map"
    app.show_map = False
    app.show_desk()
    app.open_actions()
    yield "actions"
    app.open_form("case_meeting")
    yield "case_meeting form"
    app.open_form("share")
    yield "share form"
    app.open_form("report_veilig_thuis")
    app.screen.values["unsafe_to_inform"] = True  # the reason field appears
    app.rebuild()
    yield "report form"
    app.submit_action({"do": "share", "to": "wijkagent", "facts": [app.game.view().dossier[0].id], "basis": "none",
                       "child": "kevin"})
    yield "desk with the coach"
    app.open_coach_history()
    yield "coach history"
    app.end_game()
    yield "debrief"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_no_text_is_cut_off(lang, scale, tmp_path, monkeypatch):
    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path))
    app = App(lang, (1280, 720), scale)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for name in _screens(app):
                app.manager.update(0.01)
                app.draw()
                _check_screen(app, name)
        too_small = [str(c.message) for c in caught if "too small" in str(c.message)]
        assert not too_small, too_small
    finally:
        pygame.quit()


def test_both_languages_have_the_same_strings():
    assert set(strings("nl")) == set(strings("en"))


def test_every_action_has_a_label_and_an_explanation_in_both_languages():
    from sim.actions import ACTION_IDS
    for lang in ("nl", "en"):
        for do in ACTION_IDS:
            assert strings(lang).get(f"action.{do}") and strings(lang).get(f"help.{do}"), (lang, do)


def _args(**kw):
    base = dict(scenario="pietersdam", role="smw", lang="nl", seed=None, policy="expert", until="3w",
                start_from=None, screenshot=None, font_scale=1.0, size="1280x720")
    base.update(kw)
    return SimpleNamespace(**base)


def test_screenshot_of_the_desk_after_the_experts_actions(tmp_path):
    out = tmp_path / "desk.png"
    assert run_window(_args(screenshot=str(out))) == 0
    image = pygame.image.load(str(out))
    assert image.get_size() == (1280, 720)


def test_screenshot_with_bad_input_is_a_clear_error(tmp_path, capsys):
    assert run_window(_args(screenshot=str(tmp_path / "x.png"), until="3 weken")) == 2
    assert "3 weken" in capsys.readouterr().err
    assert run_window(_args(screenshot=str(tmp_path / "x.png"), role="veilig_thuis")) == 2
    assert run_window(_args(screenshot=str(tmp_path / "x.png"), scenario="pietersdamm")) == 2
    assert not (tmp_path / "x.png").exists()


def test_every_parameter_and_option_of_the_vocabulary_has_a_label_in_both_languages():
    """New bases, meeting kinds or requests in sim.actions need a label here, or the dialog shows an id."""
    import typing

    from sim.actions import ACTION_MODELS
    for model in ACTION_MODELS.values():
        for name, info in model.model_fields.items():
            if name == "do":
                continue
            key = info.alias or name
            for lang in ("nl", "en"):
                assert f"param.{key}" in strings(lang), (lang, key)
            for candidate in [info.annotation, *typing.get_args(info.annotation)]:
                if typing.get_origin(candidate) is typing.Literal:
                    for value in typing.get_args(candidate):
                        for lang in ("nl", "en"):
                            assert f"opt.{key}.{value}" in strings(lang), (lang, key, value)


def test_play_from_a_moment_opens_the_desk_there_and_saves_it(tmp_path, monkeypatch):
    """`play pietersdam --role smw --policy expert --from 2w`: the window opens on the desk at 2w, saved."""
    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path))
    from ui import app as app_module

    opened = {}

    def fake_run(self):
        opened["now"] = self.game.session.now
        opened["inputs"] = [r["action"]["do"] for r in self.game.my_inputs()]
        pygame.quit()
        return 0

    monkeypatch.setattr(app_module.App, "run", fake_run)
    assert run_window(_args(until=None, start_from="2w")) == 0
    assert opened["now"] == 2 * 168
    assert opened["inputs"][:2] == ["talk_parents", "vir_register"]  # the expert's first steps as smw
    assert list((tmp_path / "saves").glob("*.jsonl"))
