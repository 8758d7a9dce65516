"""Windows survive everything the server survives (issue 18, item 1), and the trainer's window
decides who plays which role and how the day ends (items 2 and 5): real windows (SDL dummy driver)
against a real server on loopback that is stopped and resumed from its log, as `host --resume` does."""

from __future__ import annotations

import subprocess
import sys
import time
from types import SimpleNamespace

import pygame

from net.client import Client
from net.game import Game
from net.server import Server
from tests import test_net_window as window_tests
from tests.test_net_resume import ROOT, kill
from tests.test_net_session import run
from tests.test_net_window import CODE, at_desk, fact_text, key, player_window, pump, shown
from ui.app import App
from ui.netplay import NetController
from ui.netwindow import player_seats
from ui.remote import NetLink
from ui.screens.desk import DeskScreen
from ui.screens.facilitator import FacilitatorScreen
from ui.screens.group import LobbyScreen, PauseScreen
from ui.screens.team_debrief import TeamDebriefScreen
from ui.watchers import TrainerGame


class Window:
    """One window of several in this process: pygame has one event queue for all of them, so each
    window here gets its own network thread whose wake-ups go to this window only."""

    def __init__(self, room, kind="player", lang="nl", **join):
        self.wakes: list[str] = []
        self.link = NetLink(self.wakes.append)
        app = self.app = App(lang, (1280, 720), 1.0)
        app.clock = pygame.time.Clock()
        room.apps.append(app)
        room.links.append(self.link)
        if kind == "player":
            args = SimpleNamespace(address=room.addr, code=CODE, token=None, lang=lang, **join)
            NetController(app, self.link, player_seats(self.link, args)).route(force=True)
        else:
            seat = self.link.open(room.addr, CODE, "facilitator", token=room.game.facilitator_token)
            net = NetController(app, self.link, [seat], "facilitator")
            net.trainer = app.game = TrainerGame(seat, room.game.facilitator_token, f"join {room.addr}", str(room.log))
            net.back_to_console()

    def pump(self, until, timeout=10.0):
        """Run this window (its own network wake-ups, then a frame) until `until()` holds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            while self.wakes:
                self.app.net.on_event(SimpleNamespace(kind=self.wakes.pop(0)))
            self.app.frame()
            if until():
                return
            time.sleep(0.01)
        raise AssertionError(f"timed out; screen is {type(self.app.screen).__name__}")


room = window_tests.room            # the hosted game on loopback (a fixture)


def restart(room) -> Game:
    """The server dies and `host --resume LOG` starts it again on the same port."""
    port = room.server.port
    room.link.run(room.server.stop())
    game = Game.resume(room.log)
    room.server = Server(game, "127.0.0.1", port)
    room.link.run(room.server.start())
    room.game = game
    room.fac = room.link.run(Client.open(room.addr, CODE, as_="facilitator", token=game.facilitator_token))
    return game


def test_a_window_never_rebuilds_from_a_view_it_has_not_received(room):
    app = player_window(room)
    room.control("start", speed=0)
    pump(app, lambda: at_desk(app))
    seat = app.net.seats[0].seat
    fresh = Client(ws=None)                     # a new connection: welcomed, its first view not yet here
    fresh.welcome, fresh.state = seat.client.welcome, "paused"
    seat.attach(fresh)
    app.net.connection_changed("reconnected")   # the rebuild that crashed with a TypeError in sim/view.py
    app.frame()
    assert isinstance(app.screen, DeskScreen) and fact_text("kevin_stil") in shown(app)


def test_kill_and_resume_three_times_leaves_every_window_on_its_role_and_the_trainer_on_the_true_day(room):
    room.links = []
    anna_w = Window(room, name="Anna", role="leerkracht", hotseat=None)
    table_w = Window(room, name="Tafel", role=None, hotseat="smw,wijkagent")
    trainer_w = Window(room, kind="facilitator")
    anna, table, trainer = anna_w.app, table_w.app, trainer_w.app
    room.control("start", speed=0)
    room.control("advance", to="3d")
    for w in (anna_w, table_w):
        w.pump(lambda w=w: at_desk(w.app))
    assert anna.submit_action({"do": "observe", "child": "kevin"}).ok
    room.control("speed", speed=3)
    room.control("pause")
    for cycle in range(3):
        restart(room)
        for w in (anna_w, table_w, trainer_w):
            w.pump(lambda w=w: not w.app.net.lost and w.app.net.raw_seats[0].connected, timeout=15)
        for w in (anna_w, table_w):
            w.pump(lambda w=w: isinstance(w.app.screen, PauseScreen))
        room.control("resume")
        room.control("speed", speed=0)
        for w in (anna_w, table_w):
            w.pump(lambda w=w: at_desk(w.app) and w.app.game.client.view is not None)
        assert anna.game.role == "leerkracht" and fact_text("kevin_stil") in shown(anna), cycle
        assert table.game.role == "smw" and [g.role for g in table.net.seats] == ["smw", "wijkagent"]
        trainer_w.pump(lambda: isinstance(trainer.screen, FacilitatorScreen) and "dag 4 van" in shown(trainer))
        assert "de klok staat stil" in shown(trainer) or trainer.game.speed == 0.0
        room.control("speed", speed=3)
        trainer_w.pump(lambda: trainer.game.speed == 3.0)
        status = room.control("status")
        who = {p["name"]: p for p in status["players"]}
        assert who["Anna"]["actions"] == 1 and who["Anna"]["last_act_t"] == 72.0, "counts survive"
        assert who["Anna"]["idle_seconds"] >= cycle, "idle time goes on counting, it is not reset"
        room.control("pause")
    for link in room.links:
        link.close([])


def test_the_trainer_approves_a_role_request_and_places_a_newcomer_in_the_trainers_window(room):
    room.links = []
    anna_w = Window(room, name="Anna", role="leerkracht", hotseat=None)
    bram = room.link.run(Client.open(room.addr, CODE, name="Bram", role="wijkagent"))
    trainer_w = Window(room, kind="facilitator")
    anna, trainer = anna_w.app, trainer_w.app
    room.control("start", speed=0)
    anna_w.pump(lambda: at_desk(anna))
    asked = anna.game.choose_role("wijkagent")
    assert asked.get("pending") and anna.game.role == "leerkracht", asked
    trainer_w.pump(lambda: "Anna (Leerkracht) vraagt om de rol Wijkagent" in shown(trainer))
    key(trainer, pygame.K_j)                                   # approve
    anna_w.pump(lambda: anna.game.role == "wijkagent" and "Uw rol: Wijkagent" in shown(anna))  # its briefing first
    anna_w.pump(lambda: at_desk(anna) and fact_text("rob_gevangenis") in shown(anna))
    assert "Familie Pietersdam — Wijkagent ·" in shown(anna), "the whole desk is the new role's, header too"
    eva_w = Window(room, name="Eva", role=None, hotseat=None)
    eva = eva_w.app
    eva_w.pump(lambda: isinstance(eva.screen, LobbyScreen) and "De trainer geeft u een rol" in shown(eva))
    trainer_w.pump(lambda: "Wacht op een rol: Eva" in shown(trainer))
    place = next(b for b in trainer.screen.focus if b.text == "Plaatsen")
    trainer.screen.press(place)
    eva_w.pump(lambda: at_desk(eva))
    key(trainer, pygame.K_e)
    texts = [b.text for b in trainer.screen.focus]
    assert "Beëindigen: de computer speelt de rest uit" in texts and "Beëindigen: hier stoppen en beoordelen" in texts
    assert "Er zijn nog 70 dagen in de casus" in shown(trainer)
    trainer.screen.press(next(b for b in trainer.screen.focus if b.text == "Beëindigen: hier stoppen en beoordelen"))
    trainer_w.pump(lambda: isinstance(trainer.screen, TeamDebriefScreen))
    assert room.game.session.records[-1]["stopped"] is True
    room.link.run(bram.close())
    for link in room.links:
        link.close([])


def host_on(port: int, *args: str):
    """`python main.py host … --headless` on a fixed loopback port (a resumed host keeps its port)."""
    proc = subprocess.Popen([sys.executable, "-u", str(ROOT / "main.py"), "host", *args, "--headless",
                             "--bind", "127.0.0.1", "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    seen, deadline = {}, time.monotonic() + 20
    while "Trainerstoken" not in seen:
        line = proc.stdout.readline()
        assert line and time.monotonic() < deadline, f"host did not start: {seen}"
        key_, _, value = line.partition(":")
        seen[key_.strip()] = value.strip()
    return proc, f"127.0.0.1:{port}", seen["Trainerstoken"]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_bot_comes_back_after_the_server_is_killed_and_resumed(tmp_path):
    log = tmp_path / "bots.jsonl"
    port = free_port()
    proc, addr, token = host_on(port, "pietersdam", "--code", "BOTTEN", "--log", str(log))
    bot = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "join", addr, "--code", "BOTTEN", "--policy",
                            "expert", "--role", "smw", "--headless"], cwd=ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    try:
        async def status(op="status", **kw):
            fac = await Client.open(addr, "BOTTEN", as_="facilitator", token=token)
            reply = await fac.request({"type": "control", "token": token, "op": op, **kw})
            await fac.close()
            return reply

        deadline = time.monotonic() + 20
        while not any(p["role"] == "smw" for p in run(status())["players"]):
            assert time.monotonic() < deadline, "the bot did not join"
            time.sleep(0.2)
        run(status("start", speed=0))
        kill(proc)
        proc, _addr, token2 = host_on(port, "--resume", str(log))
        assert token2 == token
        deadline = time.monotonic() + 20
        while True:
            bots = [p for p in run(status())["players"] if p["bot"]]
            if bots and bots[0]["connected"]:
                break
            assert time.monotonic() < deadline and bot.poll() is None, "the bot did not come back"
            time.sleep(0.3)
        assert len(bots) == 1 and bots[0]["role"] == "smw"
        run(status("resume"))
        run(status("end", mode="stop_here"))
        out, _ = bot.communicate(timeout=20)
        assert bot.returncode == 0 and "opnieuw verbinden" in out and "Traceback" not in out, out
    finally:
        if bot.poll() is None:
            bot.kill()
        kill(proc)


def test_a_window_the_trainer_removed_says_so_and_does_not_come_back(room):
    room.links = []
    room.link.run(Client.open(room.addr, CODE, name="Ans", role="smw"))
    room.control("start", speed=0)
    eva_w = Window(room, name="Eva", role=None, hotseat=None)
    eva = eva_w.app
    eva_w.pump(lambda: isinstance(eva.screen, LobbyScreen))
    eva_id = next(m.id for m in room.game.members.values() if m.name == "Eva")
    assert room.control("remove", player=eva_id)["type"] == "reply"
    eva_w.pump(lambda: "De trainer heeft u uit het spel gehaald" in shown(eva))
    time.sleep(1.5)
    eva_w.pump(lambda: True)
    assert not eva.net.raw_seats[0].connected and "Eva" not in [m.name for m in room.game.members.values()]
    for link in room.links:
        link.close([])
