"""Joining without a terminal (issue 18, item 3): the start screen's "Deelnemen aan een training" opens a
screen with the join code, the participant's name and the sessions `host` announces on the LAN by
mDNS; joining opens the same player window `join` does. Real zeroconf on loopback (multicast works
on 127.0.0.1 here), and a fake browser for a network where multicast is blocked."""

from __future__ import annotations

import asyncio
import os
import time
from types import SimpleNamespace

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
import pytest

from net.discovery import SERVICE_TYPE, Finder, advertise
from net.game import Game
from net.joinline import join_url, read_address
from net.server import Server
from sim import load_scenario, resolve_scenario
from tests.test_net_window import CODE, key, pump, typed
from ui.app import App
from ui.netplay import post_wake
from ui.remote import NetLink
from ui.screens.group import LobbyScreen
from ui.screens.join import JoinScreen

TITLE = {"nl": "Pietersdam", "en": "Pietersdam"}


@pytest.fixture
def lan(tmp_path, monkeypatch):
    """A hosted pietersdam game on loopback, served on a window's network thread as in `host`."""
    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path / "data"))
    game = Game(load_scenario(resolve_scenario("pietersdam")), 1, code=CODE)
    link = NetLink(post_wake)
    server = Server(game, "127.0.0.1", 0)
    link.run(server.start())
    r = SimpleNamespace(game=game, server=server, link=link, addr=f"127.0.0.1:{server.port}", apps=[])
    yield r
    for app in r.apps:
        if app.net is not None:
            app.net.close()
            app.net = None
        if isinstance(app.screen, JoinScreen):
            app.screen.finder.close()
    pygame.quit()
    link.run(asyncio.wait_for(server.stop(), 3.0))
    link.close([])


def window(lan) -> App:
    app = App("nl", (1280, 720), 1.0)
    app.clock = pygame.time.Clock()
    lan.apps.append(app)
    return app


def test_the_start_screen_has_join_a_training(lan):
    app = window(lan)
    app.to_start("pietersdam")
    app.frame()
    assert any(b.text.startswith("Deelnemen aan een training") for b in app.screen.callbacks)
    key(app, pygame.K_j)
    assert isinstance(app.screen, JoinScreen)
    app.screen.finder.close()


def test_a_participant_finds_the_session_on_the_lan_and_joins_with_code_and_name(lan):
    host, port = lan.addr.split(":")
    advert, problem = advertise(host, int(port), TITLE, "pietersdam")
    assert advert is not None, problem
    try:
        app = window(lan)
        app.show(JoinScreen(app, Finder(interfaces=["127.0.0.1"])))
        pump(app, lambda: app.screen.finder.sessions(), timeout=10)
        found = app.screen.finder.sessions()[0]
        assert found.address == lan.addr and found.title["nl"] == "Pietersdam"
        typed(app, CODE.lower())                    # the code line has the keyboard first
        key(app, pygame.K_TAB)
        typed(app, "Ans")
        key(app, pygame.K_DOWN)                     # the session found, chosen with the arrow
        assert app.screen.values["address"] == lan.addr
        key(app, pygame.K_RETURN)
        assert not getattr(app.screen, "problem", ""), (app.screen.problem, app.screen.values)
        pump(app, lambda: isinstance(app.screen, LobbyScreen))
        assert lan.game.members and [m.name for m in lan.game.members.values()] == ["Ans"]
    finally:
        advert.close()


def test_with_one_training_on_the_network_code_and_name_are_enough(lan):
    host, port = lan.addr.split(":")
    advert, problem = advertise(host, int(port), TITLE, "pietersdam")
    assert advert is not None, problem
    try:
        app = window(lan)
        app.show(JoinScreen(app, Finder(interfaces=["127.0.0.1"])))
        pump(app, lambda: app.screen.finder.sessions(), timeout=10)
        typed(app, CODE)
        key(app, pygame.K_TAB)
        typed(app, "Wim")
        key(app, pygame.K_RETURN)
        pump(app, lambda: isinstance(app.screen, LobbyScreen))
        assert [m.name for m in lan.game.members.values()] == ["Wim"]
    finally:
        advert.close()


def test_the_announcement_never_holds_the_join_code(lan):
    host, port = lan.addr.split(":")
    advert, _ = advertise(host, int(port), TITLE, "pietersdam")
    try:
        props = {k.decode(): (v or b"").decode() for k, v in advert.info.properties.items()}
        assert CODE not in " ".join(props.values()) and set(props) == {"title_nl", "title_en", "scenario", "host"}
    finally:
        advert.close()


class BlockedNetwork:
    """A zeroconf that cannot open its multicast socket (a guest wifi that blocks it)."""

    def __call__(self):
        raise OSError(19, "No such device")


def test_without_multicast_the_screen_says_so_and_a_typed_address_still_works(lan):
    app = window(lan)
    app.show(JoinScreen(app, Finder(zeroconf_factory=BlockedNetwork())))
    app.frame()
    help_box = [b for b in app.screen.scrollables][-1]
    assert "multicast" in help_box.html_text and "typ het adres" in help_box.html_text
    typed(app, CODE)
    key(app, pygame.K_TAB)
    typed(app, "Bram")
    key(app, pygame.K_TAB)
    typed(app, lan.addr)
    key(app, pygame.K_RETURN)
    pump(app, lambda: isinstance(app.screen, LobbyScreen))
    assert [m.name for m in lan.game.members.values()] == ["Bram"]


class FakeBrowser:
    """Calls the listener like zeroconf's ServiceBrowser does, with a service info of our own."""

    def __init__(self, zc, type_, listener):
        assert type_ == SERVICE_TYPE
        listener.add_service(self, type_, "Ketenspel trainer 8765." + SERVICE_TYPE)

    def get_service_info(self, type_, name, timeout=0):
        return type("Info", (), {"addresses": [bytes([192, 168, 1, 20])], "port": 8765,
                                 "properties": {b"title_nl": b"Pietersdam", b"host": b"trainer"}})()

    def cancel(self):
        pass


def test_a_session_found_fills_in_the_address():
    finder = Finder(zeroconf_factory=lambda: type("Z", (), {"close": lambda self: None})(), browser_factory=FakeBrowser)
    assert finder.start()
    [s] = finder.sessions()
    assert (s.address, s.title["nl"], s.title["en"], s.host) == ("192.168.1.20:8765", "Pietersdam", "Pietersdam", "trainer")
    finder.remove_service(None, SERVICE_TYPE, s.name)
    assert finder.sessions() == []


def test_a_wrong_code_is_said_in_one_line_and_the_screen_stays(lan):
    app = window(lan)
    app.show(JoinScreen(app, Finder(zeroconf_factory=BlockedNetwork())))
    app.frame()
    for text in ("FOUT99", None, "Cor", None, lan.addr):
        key(app, pygame.K_TAB) if text is None else typed(app, text)
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, JoinScreen) and app.screen.problem.startswith("Geweigerd")
    assert not lan.game.members


def test_the_qr_link_pasted_as_address_brings_its_code():
    assert read_address(join_url("192.168.1.20:8765", "K7QMPT")) == ("192.168.1.20:8765", "K7QMPT")
    assert read_address(" 10.0.0.5:9000 ") == ("10.0.0.5:9000", None)


def test_host_announces_the_session_and_prints_that_it_did(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen([sys.executable, "-u", str(root / "main.py"), "host", "pietersdam", "--headless", "--bind",
                             "127.0.0.1", "--port", "0", "--log", str(tmp_path / "s.jsonl")], cwd=root,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines, deadline = {}, time.monotonic() + 20
        while "Op het netwerk" not in lines:
            line = proc.stdout.readline()
            assert line and time.monotonic() < deadline, lines
            k, _, v = line.partition(":")
            lines[k.strip()] = v.strip()
        assert lines["Op het netwerk"].startswith("aangekondigd")
        finder = Finder(interfaces=["127.0.0.1"])
        assert finder.start()
        end = time.monotonic() + 10
        while not finder.sessions() and time.monotonic() < end:
            time.sleep(0.1)
        assert [s.address for s in finder.sessions()] == [lines["Adres"]]
        finder.close()
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()


class ManySessions(FakeBrowser):
    """A busy training centre: ten sessions on one network."""

    def __init__(self, zc, type_, listener):
        for n in range(10):
            listener.add_service(self, type_, f"Ketenspel zaal{n} 8765." + SERVICE_TYPE)

    def get_service_info(self, type_, name, timeout=0):
        n = int(name.split("zaal")[1].split()[0])
        return type("Info", (), {"addresses": [bytes([10, 0, 0, n + 1])], "port": 8765,
                                 "properties": {b"title_nl": b"Familie Pietersdam", b"host": f"zaal{n}".encode()}})()


def test_ten_sessions_at_200_percent_still_leave_the_buttons_and_the_help_on_screen(lan):
    app = App("nl", (1280, 720), 2.0)
    app.clock = pygame.time.Clock()
    lan.apps.append(app)
    finder = Finder(zeroconf_factory=lambda: type("Z", (), {"close": lambda self: None})(), browser_factory=ManySessions)
    app.show(JoinScreen(app, finder))
    app.frame()
    for _ in range(10):
        key(app, pygame.K_DOWN)                 # down to the last session: the list scrolls with the choice
    last = finder.sessions()[-1]
    assert app.screen.values["address"] == last.address
    elements = list(app.screen.callbacks) + app.screen.scrollables
    assert all(e.rect.bottom <= 720 for e in elements), "nothing below the window"
    assert any("Tab: volgend veld" in b.html_text for b in app.screen.scrollables)
    assert any(f"computer {last.host})" in str(getattr(b, "text", "")) for b in app.manager.get_sprite_group().sprites())
