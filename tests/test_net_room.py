"""The room (issue 18, item 4): in the lobby the projector shows the join code, a QR code of the join
link with the address players type (not the loopback the projector may be connected over) and who
joined, by role; a player's window shows the role's briefing when the desk first opens and again on B;
the trainer's people panel fits 20 people at 1280×720 and sorts by role or idle time."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
import pygame_gui

import tests.test_net_window as window_tests
from net.client import Client
from net.joinline import join_url, read_address
from tests.test_net_window import CODE, key, player_window, pump, shown, trainer_window
from ui.app import App
from ui.netplay import NetController
from ui.qr import qr_matrix
from ui.screens.briefing import BriefingScreen
from ui.screens.dashboard import DashboardScreen
from ui.screens.desk import DeskScreen
from ui.screens.facilitator import sort_people
from ui.watchers import DashboardGame

room = window_tests.room            # the hosted game on loopback (a fixture)
NAMES = ["Ans", "Bram", "Cor", "Dewi", "Eva", "Fatima", "Gert", "Hanna", "Ilse", "Jorik", "Karim", "Lotte",
         "Mehmet", "Noor", "Olaf", "Priya", "Quinten", "Rosa", "Sem", "Tess"]


def projector(room, scale=1.5):
    app = App("nl", (1280, 720), scale)
    app.clock = pygame.time.Clock()
    seat = room.link.open(room.addr, CODE, "dashboard")
    NetController(app, room.link, [seat], "dashboard")
    app.game = DashboardGame(seat)
    app.show(DashboardScreen(app))
    room.apps.append(app)
    return app


def join_many(room, names):
    roles = [r.id for r in room.game.scenario.roles if r.playable]
    return [room.link.run(Client.open(room.addr, CODE, name=n, role=roles[i % len(roles)])) for i, n in enumerate(names)]


def test_the_projector_in_the_lobby_shows_the_code_the_qr_code_and_who_joined_by_role(room):
    room.server.public_address = "192.168.1.20:8765"        # what `host` printed for the LAN
    join_many(room, ["Ans", "Bram"])
    app = projector(room)
    pump(app, lambda: "Bram" in shown(app))
    text = shown(app)
    assert f"doe mee met code {CODE}" in text and "192.168.1.20:8765" in text
    assert "Leerkracht: <b>Ans</b>" in text and "Schoolmaatschappelijk werker: <b>Bram</b>" in text
    [image] = [e for e in app.manager.get_sprite_group().sprites() if isinstance(e, pygame_gui.elements.UIImage)]
    modules = qr_matrix(join_url("192.168.1.20:8765", CODE))
    size = image.image.get_width() // len(modules)
    seen = [[image.image.get_at((x * size + size // 2, y * size + size // 2))[0] < 128 for x in range(len(modules))]
            for y in range(len(modules))]
    assert seen == modules, "the QR code on the projector is the LAN join link"
    assert read_address(join_url("192.168.1.20:8765", CODE)) == ("192.168.1.20:8765", CODE)


def test_the_projector_list_of_who_joined_never_scrolls_with_20_people(room):
    join_many(room, NAMES)
    for scale in (1.5, 2.0):
        app = projector(room, scale)
        pump(app, lambda app=app: "Tess" in shown(app))
        boxes = [e for e in app.manager.get_sprite_group().sprites() if isinstance(e, pygame_gui.elements.UITextBox)]
        assert boxes and all(b.scroll_bar is None for b in boxes), scale


def test_a_player_sees_the_briefing_of_their_role_when_the_desk_first_opens_and_again_on_b(room):
    app = player_window(room, name="Anna", role="wijkagent")
    room.control("start", speed=0)
    pump(app, lambda: isinstance(app.screen, BriefingScreen))
    text = shown(app)
    assert "Uw rol: Wijkagent" in text and "Kent de straat" in text and "Wat u bij de start weet" in text
    key(app, pygame.K_RETURN)
    pump(app, lambda: isinstance(app.screen, DeskScreen))
    room.control("advance", to="1d")
    pump(app, lambda: isinstance(app.screen, DeskScreen) and "dag 2" in shown(app))
    key(app, pygame.K_b)
    assert isinstance(app.screen, BriefingScreen)
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, DeskScreen)


def test_the_briefing_is_of_the_players_own_role_only(room):
    app = player_window(room, name="Lies", role="leerkracht")
    room.control("start", speed=0)
    pump(app, lambda: isinstance(app.screen, BriefingScreen))
    text = shown(app)
    assert "Uw rol: Leerkracht" in text and "Wijkagent" not in text
    wijkagent = next(r for r in room.game.scenario.roles if r.id == "wijkagent")
    assert wijkagent.briefing.nl not in text


def test_twenty_people_fit_the_trainers_panel_at_1280x720_and_sort_by_role(room):
    join_many(room, NAMES)
    app = trainer_window(room)
    pump(app, lambda: len((app.game.status or {}).get("players", [])) == 20 or app.game.refresh() and False)
    people = next(b for b in app.screen.scrollables if "Tess" in b.html_text)
    assert people.scroll_bar is None, "20 people fit without scrolling"
    assert "Deelnemers — op binnenkomst [O]" in shown(app)
    key(app, pygame.K_o)
    assert "Deelnemers — op rol [O]" in shown(app)
    people = next(b for b in app.screen.scrollables if "Tess" in b.html_text)
    order = [line.split("</b>")[0].split("<b>")[-1] for line in people.html_text.split("<br>")]
    assert order[:3] == ["Ans", "Jorik", "Sem"], "the leerkrachten first, as the scenario lists the roles"


def test_idle_sorting_puts_who_has_been_quiet_longest_first():
    people = [{"name": "A", "role": "x", "idle_minutes": 2}, {"name": "B", "role": None, "idle_minutes": 14},
              {"name": "C", "role": "y", "idle_minutes": 7}]
    assert [p["name"] for p in sort_people(people, "idle", ["x", "y"])] == ["B", "C", "A"]
    assert [p["name"] for p in sort_people(people, "role", ["y", "x"])] == ["C", "A", "B"]
    assert [p["name"] for p in sort_people(people, "joined", [])] == ["A", "B", "C"]
