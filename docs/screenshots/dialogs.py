"""The guide's pictures of the share dialog, the coach on the desk and the coach history: rendered the
way `play --screenshot` renders (App on the SDL dummy driver), for a screen `play` cannot open by flag.
Run from the repository root: `python docs/screenshots/dialogs.py docs/screenshots`."""
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ["KETENSPEL_DATA_DIR"] = tempfile.mkdtemp()  # no saved games mixed with the player's
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pygame  # noqa: E402

from sim.timefmt import parse_duration  # noqa: E402
from ui import game as games  # noqa: E402
from ui.app import App  # noqa: E402
from ui.launch import save_screenshot  # noqa: E402

out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).parent)


def shot(app: App, name: str) -> None:
    """Draw the window and save it as `name` in `out`."""
    app.manager.update(0.01)
    app.draw()
    save_screenshot(app.window, out / name)
    print("wrote", name)


app = App("nl", (1280, 720), 1.0)
app.clock = pygame.time.Clock()
app.game = games.start_game(games.load("pietersdam"), "smw", None, save=False)
games.apply_policy(app.game, "expert", parse_duration("3w4d1h"))
app.catch_up_coach()

# The share dialog: what the family already knows, the choice about danger, the weighing.
app.open_form("share")
form = app.screen
form.values.update(to="wijkteam", basis="consent", child="kevin",
                   facts=[f.id for f in app.game.view().dossier if "schrik" in f.text["nl"]],
                   considerations="Het wijkteam heeft dit nodig om moeder hulp aan te bieden; "
                                  "moeder en vader weten dat ik het deel.")
form.focus_index = next(i for i, e in enumerate(form.focus) if form.entries.get(e, ("",))[0] == "considerations")
app.rebuild()
shot(app, "delen.png")

# The coach right after a share about a 14-year-old without his consent, then the history.
app.show_desk()
result = app.submit_action({"do": "share", "to": "wijkagent", "facts": [f.id for f in app.game.view().dossier][:2],
                            "basis": "consent", "child": "henk"})
assert result.ok, result
shot(app, "coach.png")
app.open_coach_history()
shot(app, "geschiedenis.png")
