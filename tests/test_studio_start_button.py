"""The scenario studio from the game's start screen (issue 21: "and a button on the game's start screen"):
a button (and key W) that starts `ketenspel studio` as a program of its own, through the same child
command the game uses for its other windows; where NiceGUI is not installed it says plainly how to
install it (`make studio`); and the button stays on screen at every size and font (tests/test_ui_screens
checks every start-screen control at 1280×720, 100 % and 200 %; here also 1920×1080)."""

from __future__ import annotations

import os
import subprocess
import sys

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pygame_gui  # noqa: E402
import pytest  # noqa: E402

from ui.screens import start as start_screen  # noqa: E402
from ui.screens.start import StartScreen  # noqa: E402


def press(app, key) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
    app.frame()
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0))
    app.frame()


def click(app, button) -> None:
    """A mouse click on a button, as pygame_gui reports it."""
    pygame.event.post(pygame.event.Event(pygame_gui.UI_BUTTON_PRESSED, ui_element=button))
    app.frame()


def studio_button(app):
    found = [b for b in app.screen.focus if hasattr(b, "select") and b.text.startswith(("Scenario-studio",
                                                                                          "Scenario studio"))]
    assert len(found) == 1, [getattr(b, "text", "") for b in app.screen.focus]
    return found[0]


@pytest.fixture
def started(monkeypatch):
    """Every process the start screen starts, recorded (and ended after the test)."""
    procs: list[subprocess.Popen] = []
    real = subprocess.Popen

    def popen(argv, **kw):
        procs.append(real(argv, **kw))
        return procs[-1]
    monkeypatch.setattr(start_screen.subprocess, "Popen", popen)
    yield procs
    for p in procs:
        if p.poll() is None:
            p.kill()
        p.wait()


def test_the_studio_is_started_with_the_games_own_studio_command(monkeypatch):
    monkeypatch.setattr(start_screen.importlib.util, "find_spec", lambda name: object())  # NiceGUI here
    argv, cwd = start_screen.studio_command("nl", 8123)
    assert argv == [sys.executable, "-m", "cli", "studio", "--port", "8123", "--lang", "nl"]
    assert cwd is None


def test_without_nicegui_the_studios_own_environment_is_used(monkeypatch, tmp_path):
    python = tmp_path / ".venv" / "studio" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("")
    monkeypatch.setattr(start_screen.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(start_screen, "STUDIO_ENVS", (python,))
    monkeypatch.setattr(start_screen, "ROOT", tmp_path)
    argv, cwd = start_screen.studio_command("en", 8124)
    assert argv == [str(python), "-m", "cli", "studio", "--port", "8124", "--lang", "en"]


def test_the_button_starts_the_studio_as_its_own_process_and_says_where(app, started, monkeypatch):
    waits = [sys.executable, "-c", "import time; time.sleep(30)"]  # stands in for a studio that runs
    monkeypatch.setattr(start_screen, "studio_command", lambda lang, port: (waits, None))
    assert isinstance(app.screen, StartScreen)
    click(app, studio_button(app))
    assert len(started) == 1 and started[0].poll() is None  # running on its own; the game goes on
    assert "opent in uw browser (http://127.0.0.1:" in app.status_html
    assert isinstance(app.screen, StartScreen)


def test_key_w_on_the_start_screen_opens_the_studio_too(app, started, monkeypatch):
    monkeypatch.setattr(start_screen, "studio_command",
                        lambda lang, port: ([sys.executable, "-c", "import time; time.sleep(30)"], None))
    press(app, pygame.K_w)
    assert len(started) == 1
    assert "127.0.0.1" in app.status_html


def test_without_nicegui_anywhere_the_screen_says_to_run_make_studio(app, started, monkeypatch):
    monkeypatch.setattr(start_screen.importlib.util, "find_spec", lambda name: None)
    monkeypatch.setattr(start_screen, "STUDIO_ENVS", ())
    click(app, studio_button(app))
    assert started == []
    assert "make studio" in app.status_html and "NiceGUI" in app.status_html
    assert "make studio" in app.screen.info_html(app.screen.scenario(), app.screen.role())


def test_a_studio_that_cannot_start_is_told_in_its_own_words(app, started, monkeypatch):
    says = [sys.executable, "-c", "import sys; print('poort 8090 is bezet', file=sys.stderr); sys.exit(2)"]
    monkeypatch.setattr(start_screen, "studio_command", lambda lang, port: (says, None))
    click(app, studio_button(app))
    assert "De scenario-studio startte niet: poort 8090 is bezet" in app.status_html


def test_the_real_studio_command_without_nicegui_says_how_to_install_it(app, started, monkeypatch):
    """The game's own `studio` subcommand in an interpreter without NiceGUI: its message reaches the
    screen (this runs in the game's environment, where NiceGUI is not installed)."""
    if start_screen.importlib.util.find_spec("nicegui") is not None:
        pytest.skip("NiceGUI is installed in this environment; the studio would really start")
    from cli.selfcmd import child_command

    monkeypatch.setattr(start_screen, "studio_command",
                        lambda lang, port: (child_command("studio", "--port", str(port), "--no-browser"), None))
    click(app, studio_button(app))
    assert "make studio" in app.status_html


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_studio_button_is_on_screen_and_whole_at_every_size(lang, scale, size, tmp_path, monkeypatch):
    from ui import game as games
    from ui.app import App

    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path))
    saved = games.start_game(games.load("pietersdam"), "leerkracht", None)  # 'resume' makes the screen fuller
    saved.session.advance(30.0)
    saved.quit()
    app = App(lang, size, scale)
    try:
        app.to_start("pietersdam", "smw")
        app.manager.update(0.01)
        app.draw()
        w, h = size
        for b in [b for b in app.screen.focus if hasattr(b, "select")]:
            assert app.screen.text_width(b.text) <= b.rect.width + 1, f"cut off: {b.text!r}"
            assert 0 <= b.rect.left and b.rect.right <= w and 0 <= b.rect.top and b.rect.bottom <= h, b.text
        button = studio_button(app)
        assert button.visible
    finally:
        pygame.quit()
