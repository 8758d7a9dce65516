"""The trainer's guide's pictures of a training day (issue 18): the start screen with "Deelnemen aan een
training", the join screen with a session found on the network, the projector in the lobby (QR code,
who joined), the trainer's console with 20 participants, a player's briefing and the pause screen.
A real server on loopback with 20 participants, the windows on the SDL dummy driver.
Run from the repository root: `python docs/screenshots/room.py docs/screenshots [--scale 2.0] [--lang en]`."""
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ["KETENSPEL_DATA_DIR"] = tempfile.mkdtemp()  # no saved games or seats mixed with the player's
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pygame  # noqa: E402

from net.client import Client  # noqa: E402
from net.discovery import Finder, advertise  # noqa: E402
from net.game import Game  # noqa: E402
from net.server import Server  # noqa: E402
from sim import load_scenario, resolve_scenario  # noqa: E402
from ui.app import App  # noqa: E402
from ui.launch import save_screenshot  # noqa: E402
from ui.netplay import NetController, post_wake  # noqa: E402
from ui.remote import NetLink  # noqa: E402
from ui.screens.dashboard import DashboardScreen  # noqa: E402
from ui.screens.join import JoinScreen  # noqa: E402
from ui.watchers import DashboardGame, TrainerGame  # noqa: E402

out = Path(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else Path(__file__).parent)
scale = float(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1.0
lang = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "nl"
suffix = ("" if scale == 1.0 else f"-{round(scale * 100)}") + ("" if lang == "nl" else f"-{lang}")
CODE = "K7QMPT"
NAMES = ["Ans", "Bram", "Cor", "Dewi", "Eva", "Fatima", "Gert", "Hanna", "Ilse", "Jorik", "Karim", "Lotte",
         "Mehmet", "Noor", "Olaf", "Priya", "Quinten", "Rosa", "Sem", "Tess"]


def shot(app: App, name: str) -> None:
    """Draw the window and save it as `name` (with the scale in its name) in `out`."""
    app.manager.update(0.01)
    app.draw()
    path = out / name.replace(".png", f"{suffix}.png")
    save_screenshot(app.window, path)
    print("wrote", path)


def pump(app: App, until, timeout: float = 10.0) -> None:
    """Let the window run until `until()` holds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.frame()
        if until():
            app.frame()
            return
        time.sleep(0.02)
    raise SystemExit(f"timed out on {type(app.screen).__name__}")


def window() -> App:
    app = App(lang, (1280, 720), scale)
    app.clock = pygame.time.Clock()
    return app


scenario = load_scenario(resolve_scenario("pietersdam"))
game = Game(scenario, 1, code=CODE)
link = NetLink(post_wake)
server = Server(game, "127.0.0.1", 0)
link.run(server.start())
addr = f"127.0.0.1:{server.port}"
server.public_address = f"192.168.1.20:{server.port}"     # as `host` prints it on a LAN
advert, _ = advertise("127.0.0.1", server.port, scenario.meta.title.model_dump(), scenario.meta.id)
control = None

# 1. The start screen and the join screen, a session found on the network, code and name typed.
app = window()
app.to_start("pietersdam", "leerkracht")
shot(app, "dag-start.png")
app.show(JoinScreen(app, Finder(interfaces=["127.0.0.1"])))
pump(app, lambda: app.screen.finder.sessions())
app.screen.values.update(code=CODE, name="Ans")
app.rebuild()
app.screen.choose(0)
shot(app, "dag-deelnemen.png")

# 2. Ans joins from that screen; 19 more join (bots in the roles a trainer would spread them over).
app.screen.join()
assert not app.screen.problem if hasattr(app.screen, "problem") else True, app.screen.problem
pump(app, lambda: app.game is not None and app.game.client.lobby is not None)
roles = [r.id for r in scenario.roles if r.playable]
others = [link.run(Client.open(addr, CODE, as_="player", name=n, role=roles[(i + 1) % len(roles)]))
          for i, n in enumerate(NAMES[1:12])]

# 3. The projector in the lobby (opened from the trainer's window at 150 % or more).
proj = App(lang, (1280, 720), max(1.5, scale))
proj.clock = pygame.time.Clock()
seat = link.open(addr, CODE, "dashboard")
NetController(proj, link, [seat], "dashboard")
proj.game = DashboardGame(seat)
proj.show(DashboardScreen(proj))
pump(proj, lambda: sum(len(r["players"]) for r in (proj.game.lobby or {}).get("roles", [])) == 12)
shot(proj, "dag-projector.png")
others += [link.run(Client.open(addr, CODE, as_="player", name=n, role=roles[(i + 12) % len(roles)]))
           for i, n in enumerate(NAMES[12:])]

# 4. The trainer's console with 20 participants, in the lobby.
trainer = window()
tseat = link.open(addr, CODE, "facilitator", token=game.facilitator_token)
tnet = NetController(trainer, link, [tseat], "facilitator")
tnet.trainer = trainer.game = TrainerGame(tseat, game.facilitator_token,
                                          f"python main.py join {server.public_address} --code {CODE}")
tnet.back_to_console()
pump(trainer, lambda: len((trainer.game.status or {}).get("players", [])) == 20 or trainer.game.refresh() and False)
shot(trainer, "dag-trainer-lobby.png")


async def ctl(op, **kw):
    return await others[0].request({"type": "control", "token": game.facilitator_token, "op": op, **kw})

# 5. The start: Ans sees her role's briefing; a few act; the trainer's console sorted by idle time.
link.run(ctl("start", speed=0))
link.run(ctl("advance", to="3d"))
pump(app, lambda: type(app.screen).__name__ == "BriefingScreen")
shot(app, "dag-briefing.png")
for c in others[:6]:
    link.run(c.wait_for(lambda c: c.view is not None))
    link.run(c.request({"type": "act", "action": {"do": "observe", "child": "kevin"}}))
trainer.game.refresh()
trainer.people_sort = "idle"
tnet.back_to_console()
pump(trainer, lambda: trainer.game.now >= 72.0)
shot(trainer, "dag-trainer.png")

# 6. The pause: eyes to the front; the briefing is one key away.
app.screen.to_desk()
link.run(ctl("pause"))
pump(app, lambda: type(app.screen).__name__ == "PauseScreen")
shot(app, "dag-pauze.png")

if advert is not None:
    advert.close()
app.net.close()
link.run(asyncio.wait_for(server.stop(), 3.0))
link.close([])
pygame.quit()
print("done", SimpleNamespace(scale=scale))
