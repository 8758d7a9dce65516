"""The training day through its windows (issue 7): a player's window, a hot-seat, the trainer's console
and the projector, each driven like a person would (key events through the SDL dummy driver) against
a real server on loopback. The server runs on the window's network thread, as in `host`."""

from __future__ import annotations

import asyncio
import gc
import os
import time
from types import SimpleNamespace

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame
import pytest

from net.client import Client
from net.game import Game
from net.server import Server
from sim import load_scenario, read_log, resolve_scenario
from ui.app import App
from ui.netplay import NetController, post_wake
from ui.netwindow import player_seats
from ui.remote import NetLink
from ui.screens.briefing import BriefingScreen
from ui.screens.dashboard import DashboardScreen
from ui.screens.debrief import DebriefScreen
from ui.screens.desk import DeskScreen
from ui.screens.facilitator import FacilitatorScreen
from ui.screens.facilitator_forms import InjectScreen, MessageScreen
from ui.screens.group import HandoverScreen, LobbyScreen, PauseScreen
from ui.screens.team_debrief import TeamDebriefScreen
from ui.watchers import DashboardGame, TrainerGame

CODE = "TRAIN1"


@pytest.fixture
def room(tmp_path, monkeypatch):
    """A hosted pietersdam game on loopback (logged to a file) and a facilitator connection."""
    monkeypatch.setenv("KETENSPEL_DATA_DIR", str(tmp_path / "data"))
    scenario = load_scenario(resolve_scenario("pietersdam"))
    game = Game(scenario, 1, log_path=tmp_path / "s.jsonl", code=CODE)
    link = NetLink(post_wake)
    server = Server(game, "127.0.0.1", 0)
    link.run(server.start())
    r = SimpleNamespace(game=game, server=server, link=link, addr=f"127.0.0.1:{server.port}", log=tmp_path / "s.jsonl")
    r.fac = link.run(Client.open(r.addr, CODE, as_="facilitator", token=game.facilitator_token))
    r.control = lambda op, **kw: link.run(r.fac.request({"type": "control", "token": game.facilitator_token,
                                                          "op": op, **kw}))
    r.apps = []
    yield r
    for app in r.apps:
        app.net = None
    pygame.quit()
    if not link.loop.is_closed():  # every handler ends while its loop still runs (none is left to the GC)
        try:
            link.run(asyncio.wait_for(r.server.stop(), 3.0))
        except (TimeoutError, RuntimeError):
            pass  # a server a test stopped itself: nothing left to end here
    link.close([])
    gc.collect()  # finalizers run here, not inside a later import (CPython 3.11: AST recursion mismatch)


def player_window(room, name="Anna", role="leerkracht", hotseat=None, lang="nl", scale=1.0):
    """`join ADDR --code TRAIN1 --name … --role …` (or `--hotseat …`) as a window."""
    app = App(lang, (1280, 720), scale)
    app.clock = pygame.time.Clock()
    args = SimpleNamespace(address=room.addr, code=CODE, name=name, role=role, hotseat=hotseat, token=None, lang=lang)
    net = NetController(app, room.link, player_seats(room.link, args))
    net.route(force=True)
    room.apps.append(app)
    return app


def trainer_window(room, lang="nl", scale=1.0):
    """The trainer's console window (what `host SCENARIO` opens), connected with the token."""
    app = App(lang, (1280, 720), scale)
    app.clock = pygame.time.Clock()
    seat = room.link.open(room.addr, CODE, "facilitator", token=room.game.facilitator_token)
    net = NetController(app, room.link, [seat], "facilitator")
    net.trainer = app.game = TrainerGame(seat, room.game.facilitator_token, f"join {room.addr} --code {CODE}",
                                         str(room.log))
    net.back_to_console()
    room.apps.append(app)
    return app


def at_desk(app) -> bool:
    """The player reads the role's briefing (shown once, when the desk first opens; issue 18) and goes
    on to the desk: is the desk on screen?"""
    if isinstance(app.screen, BriefingScreen):
        app.screen.to_desk()
    return isinstance(app.screen, DeskScreen)


def pump(app, until=lambda: True, timeout=8.0):
    """Let the window run (frames, network events) until `until()` holds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.frame()
        if until():
            app.frame()
            return
        time.sleep(0.01)
    raise AssertionError(f"timed out; screen is {type(app.screen).__name__}")


def key(app, k, mod=0, text=""):
    """A key press (and the text it types, for text lines)."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=text, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode=text, scancode=0))
    if text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    app.frame()
    app.frame()


def typed(app, text):
    """Type a line of text, letter by letter."""
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
    app.frame()
    app.frame()


def shown(app) -> str:
    """All text on the window now (labels, buttons, text panels)."""
    parts = []
    for e in app.manager.get_sprite_group().sprites():
        if getattr(e, "visible", True):
            parts.append(str(getattr(e, "html_text", "") or getattr(e, "text", "") or ""))
    return "\n".join(parts)


def fact_text(fact_id: str) -> str:
    sc = load_scenario(resolve_scenario("pietersdam"))
    return next(f.text.nl for f in sc.facts if f.id == fact_id)


def test_player_window_from_lobby_through_pause_and_message_to_debrief(room):
    app = player_window(room)
    other = room.link.run(Client.open(room.addr, CODE, as_="player", name="Bram", role="wijkagent"))
    pump(app, lambda: isinstance(app.screen, LobbyScreen) and "Bram" in shown(app))
    assert room.control("start")["type"] == "reply"
    pump(app, lambda: at_desk(app))
    own = fact_text("kevin_stil")
    assert own in shown(app) and "de trainer bepaalt het tempo" in shown(app)

    room.control("message", text="Kijk vandaag goed naar Kevin.", role="leerkracht")
    pump(app, lambda: "Kijk vandaag goed naar Kevin." in shown(app))
    assert "Bericht van de trainer" in shown(app)
    room.link.run(other.wait_for(lambda c: c.view is not None))
    assert all("Kevin" not in str(m["text"]) for m in other.view["inbox"]), "the message went to one role only"

    room.control("pause")
    pump(app, lambda: isinstance(app.screen, PauseScreen))
    assert own not in shown(app), "the desk is hidden while the trainer talks"
    assert "Kijk vandaag goed naar Kevin." in shown(app)
    room.control("resume")
    pump(app, lambda: at_desk(app))

    key(app, pygame.K_a)                                  # act: the first action is "observe"
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN, mod=pygame.KMOD_CTRL)
    pump(app, lambda: at_desk(app) and "Gedaan" in shown(app))
    inputs = [r for r in read_log(room.log).records if r.get("type") == "input" and r.get("role") == "leerkracht"]
    assert inputs and inputs[-1]["action"]["do"] == "observe", "an acknowledged action is in the log"

    room.control("end")
    pump(app, lambda: isinstance(app.screen, DebriefScreen))
    text = shown(app)
    assert "Score" in text and "Wie wist wat wanneer" in text and "Kind observeren" in text
    room.link.run(other.close())


def test_refused_action_is_explained_in_the_window(room):
    app = player_window(room)
    room.control("start")
    pump(app, lambda: at_desk(app))
    result = app.submit_action({"do": "share", "to": "wijkagent", "child": "kevin", "facts": ["kevin_stil"],
                                "basis": "none", "client_informed": False})
    assert not result.ok and result.reason.nl


def test_window_comes_back_after_the_server_is_killed_and_resumed(room):
    app = player_window(room)
    room.control("start")
    pump(app, lambda: at_desk(app))
    assert app.submit_action({"do": "observe", "child": "kevin"}).ok
    port = room.server.port
    room.link.run(room.server.stop())                     # the server process dies …
    pump(app, lambda: app.net.lost)
    assert "Verbinding met de server verbroken" in shown(app)
    resumed = Game.resume(room.log)                       # … and `host --resume LOG` starts it again
    room.server = Server(resumed, "127.0.0.1", port)
    room.link.run(room.server.start())
    pump(app, lambda: not app.net.lost and isinstance(app.screen, PauseScreen), timeout=15)
    room.fac = room.link.run(Client.open(room.addr, CODE, as_="facilitator", token=resumed.facilitator_token))
    room.control("resume")
    pump(app, lambda: at_desk(app))
    assert [a["do"] for a in app.game.client.view["my_actions"]] == ["observe"], "nothing acknowledged was lost"


def test_join_again_on_the_same_computer_returns_to_the_same_role(room):
    first = player_window(room, name="Anna", role="leerkracht")
    token = first.net.seats[0].seat.token
    first.net.close = lambda: None
    again = room.link.open(room.addr, CODE, "player", token=token)
    assert again.client.welcome["role"] == "leerkracht" and again.client.welcome["name"] == "Anna"
    args = SimpleNamespace(address=room.addr, code=CODE, name="Anna", role=None, hotseat=None, token=None, lang="nl")
    seats = player_seats(room.link, args)                 # the same command, no token typed
    assert seats[0].token == token


def test_hot_seat_hides_one_desk_before_the_next_player_sees_theirs(room):
    app = player_window(room, name="Tafel", role=None, hotseat="leerkracht,wijkagent")
    room.control("start")
    pump(app, lambda: at_desk(app))
    teacher_only = fact_text("kevin_stil")
    police_only = fact_text("rob_gevangenis")
    assert app.game.role == "leerkracht" and teacher_only in shown(app)
    key(app, pygame.K_h)
    assert isinstance(app.screen, HandoverScreen)
    assert teacher_only not in shown(app) and police_only not in shown(app), "nobody's desk on the hand-over screen"
    key(app, pygame.K_RETURN)
    pump(app, lambda: at_desk(app))
    assert app.game.role == "wijkagent" and police_only in shown(app) and teacher_only not in shown(app)
    room.control("end")
    pump(app, lambda: isinstance(app.screen, DebriefScreen))
    key(app, pygame.K_h)                                  # each role's own debrief in turn
    assert isinstance(app.screen, DebriefScreen) and app.game.role == "leerkracht"


def test_trainer_window_starts_messages_injects_looks_and_ends(room):
    player = room.link.run(Client.open(room.addr, CODE, as_="player", name="Anna", role="leerkracht"))
    app = trainer_window(room)
    pump(app, lambda: isinstance(app.screen, FacilitatorScreen) and "Anna" in shown(app))
    assert CODE in shown(app)
    key(app, pygame.K_s)
    pump(app, lambda: room.game.state == "running")

    key(app, pygame.K_b, text="b")
    assert isinstance(app.screen, MessageScreen)
    app.frame()
    key(app, pygame.K_TAB)                                # to: Leerkracht (the first role)
    typed(app, "Bel de ouders vandaag.")
    key(app, pygame.K_RETURN)
    assert isinstance(app.screen, FacilitatorScreen) and "Bericht verstuurd aan Leerkracht" in shown(app)
    sent = [r for r in room.game.session.records if r.get("type") == "input" and "message" in r]
    assert sent[-1]["message"] == {"to": "leerkracht", "text": {"nl": "Bel de ouders vandaag.",
                                                                "en": "Bel de ouders vandaag."}}

    key(app, pygame.K_i)
    assert isinstance(app.screen, InjectScreen)
    app.screen.press(app.screen.focus[0])
    assert isinstance(app.screen, FacilitatorScreen)
    assert any(r.get("type") == "input" and "inject" in r for r in room.game.session.records)

    key(app, pygame.K_k)                                  # the teacher's desk, read-only
    assert isinstance(app.screen, DeskScreen) and app.game.readonly
    assert fact_text("kevin_stil") in shown(app) and "Handelen" not in shown(app)
    key(app, pygame.K_ESCAPE)
    assert isinstance(app.screen, FacilitatorScreen)

    key(app, pygame.K_SPACE)
    pump(app, lambda: room.game.state == "paused")
    key(app, pygame.K_e)
    assert room.game.state == "paused", "ending asks once more"
    key(app, pygame.K_e)
    for _ in range(5):
        app.frame()
    assert room.game.state == "paused", "a second key press never ends the game: only the confirm button does"
    confirm = next(b for b in app.screen.focus if b.text == "Beëindigen: de computer speelt de rest uit")
    app.screen.press(confirm)
    pump(app, lambda: isinstance(app.screen, TeamDebriefScreen))
    assert "Wie wist wat wanneer" in shown(app) and "Score" in shown(app)
    key(app, pygame.K_r)
    assert room.log.with_suffix(".html").exists()
    room.link.run(player.close())


def test_projector_shows_steps_but_no_facts_until_the_debrief(room):
    bot = room.link.run(Client.open(room.addr, CODE, as_="player", name="Bram", role="wijkagent"))
    app = App("nl", (1280, 720), 1.5)
    app.clock = pygame.time.Clock()
    seat = room.link.open(room.addr, CODE, "dashboard")
    NetController(app, room.link, [seat], "dashboard")
    app.game = DashboardGame(seat)
    app.show(DashboardScreen(app))
    room.apps.append(app)
    room.control("start")
    share = {"do": "share", "to": "smw", "facts": ["rob_gevangenis"], "basis": "meldcode", "informed": True,
             "documented": True, "child": "kevin"}
    ack = room.link.run(bot.request({"type": "act", "action": share}))
    assert ack["ok"], ack
    pump(app, lambda: "Informatie delen" in shown(app))
    secret = fact_text("rob_gevangenis")
    assert secret not in shown(app) and "Kevin" in shown(app)
    room.control("end")
    pump(app, lambda: "Wie wist wat wanneer" in shown(app))
    assert secret in shown(app), "the debrief reveals who knew what when"
    room.link.run(bot.close())


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_group_screens_fit_at_1280x720(room, lang, scale):
    from tests.test_ui_screens import _check_screen

    app = player_window(room, name="Tafel", role=None, hotseat="leerkracht,wijkagent", lang=lang, scale=scale)
    pump(app, lambda: isinstance(app.screen, LobbyScreen))
    _check_screen(app, "lobby")
    room.control("start")
    pump(app, lambda: at_desk(app))
    _check_screen(app, "group desk")
    app.net.hand_over()
    _check_screen(app, "hand-over")
    app.net.take_seat(0)
    room.control("pause")
    pump(app, lambda: isinstance(app.screen, PauseScreen))
    _check_screen(app, "pause")
    trainer = TrainerGame(app.net.seats[0].seat, room.game.facilitator_token, f"python main.py join {room.addr} "
                          f"--code {CODE}", str(room.log))
    trainer.seat = room.link.open(room.addr, CODE, "facilitator", token=room.game.facilitator_token)
    app.net.kind, app.net.trainer, app.game = "facilitator", trainer, trainer
    for screen in (FacilitatorScreen(app), MessageScreen(app), InjectScreen(app)):
        app.show(screen)
        _check_screen(app, type(screen).__name__)
    room.control("end")
    pump(app, lambda: trainer.client.debrief is not None)
    app.show(TeamDebriefScreen(app))
    _check_screen(app, "team debrief")


def test_wrong_code_is_refused_before_a_window_opens(room, capsys):
    from ui.netwindow import join_window

    args = SimpleNamespace(address=room.addr, code="FOUT99", name="Anna", role=None, hotseat=None, token=None,
                           lang="nl", dashboard=False, facilitator=False, size="1280x720", font_scale=1.0)
    assert join_window(args) == 2
    assert "Geweigerd" in capsys.readouterr().err
    assert not pygame.display.get_init() or pygame.display.get_surface() is None


def test_the_card_every_window_gets_tells_nothing_of_the_case(room):
    card = room.fac.welcome["card"]
    assert set(card["meta"]) == {"id", "title", "duration", "start_date", "start_time"}
    text = str(card)
    summary = room.game.scenario.meta.summary.nl
    assert summary not in text and "verslaafd" not in text, "the summary tells what only the GGZ knows"


def test_a_late_answer_is_never_taken_for_the_next_request(room):
    async def give_up_then_ask():

        msg = {"type": "control", "token": room.game.facilitator_token, "op": "status"}
        try:
            await room.fac.request(msg, timeout=0.0)       # gives up before the answer arrives
        except TimeoutError:
            pass
        return await room.fac.request({"type": "control", "token": room.game.facilitator_token, "op": "start"})

    reply = room.link.run(give_up_then_ask())
    assert reply["op"] == "start" and room.game.state == "running"


def test_a_player_takes_another_role_in_the_lobby_and_comes_back_to_it(room):
    app = player_window(room, name="Anna", role="leerkracht")
    pump(app, lambda: isinstance(app.screen, LobbyScreen))
    key(app, pygame.K_RIGHT)                              # the focus is on "Uw rol: … ‹ ›"
    assert app.game.role != "leerkracht"
    new_role = app.game.role
    assert [m.role for m in room.game.members.values() if m.name == "Anna"] == [new_role]
    args = SimpleNamespace(address=f"ws://{room.addr}", code=CODE.lower(), name=None,
                           role=new_role, hotseat=None, token=None, lang="nl")
    again = player_seats(room.link, args)                 # another spelling of the same server and code
    assert again[0].token == app.net.seats[0].seat.token
