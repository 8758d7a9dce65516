"""Opening the game window from the command line: `play`'s arguments checked once (exit 2 with one
line when wrong), the solo game started at a moment for screenshots, and the window run."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pygame

from sim import ScenarioError
from sim.timefmt import DurationError, parse_duration
from ui import game as games
from ui.app import App
from ui.i18n import Tr


def fail(message: str) -> int:
    """One line on stderr and exit code 2 (bad arguments never end in a traceback)."""
    print(f"error: {message}", file=sys.stderr)
    return 2


def parse_size(text: str) -> tuple[int, int] | None:
    """`1280x720` → (1280, 720); None when it is not WIDTHxHEIGHT."""
    try:
        w, h = (int(x) for x in str(text).lower().split("x"))
    except ValueError:
        return None
    return (w, h)


def run_window(args: Any) -> int:
    """`play [SCENARIO] [--role R] [--lang] [--policy P --until T | --from T] [--screenshot PNG]`."""
    size = parse_size(args.size)
    if size is None:
        return fail(f"--size {args.size!r}: write WIDTHxHEIGHT, e.g. 1280x720")
    if not 1.0 <= args.font_scale <= 2.0:
        return fail(f"--font-scale {args.font_scale}: choose a value from 1.0 to 2.0")
    scenario = None
    try:
        if args.scenario:
            scenario = games.load(args.scenario)
    except ScenarioError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    role = args.role
    if scenario is not None:
        playable = [r.id for r in scenario.roles if r.playable]
        if role is None:
            try:
                role = _policy_role(scenario, args.policy) or playable[0]
            except ScenarioError as exc:
                print(str(exc), file=sys.stderr)
                return 2
        if role not in playable:
            return fail(f"--role {role!r}: choose one of {', '.join(playable)}")
    moment_text = args.until if args.screenshot else args.start_from
    try:
        moment = parse_duration(moment_text) if moment_text else None
    except DurationError as exc:
        return fail(str(exc))
    if args.screenshot and scenario is None and (args.policy or args.until):
        return fail("--policy/--until need a SCENARIO")
    cmi5 = None
    if getattr(args, "cmi5_launch", None):  # launched by an LMS: the token is fetched now, once (cmi5 §8.2)
        from report.xapi_actor import XapiError
        from report.xapi_cmi5 import open_launch

        try:
            cmi5 = open_launch(args.cmi5_launch)
        except XapiError as exc:
            return fail(str(exc))
    app = App(args.lang, size, args.font_scale)
    app.cmi5 = cmi5
    app.seed = args.seed
    app.partners = getattr(args, "partners", None) or "competent"
    try:
        if scenario is not None and (args.screenshot or moment is not None or args.policy):
            app.game = games.start_game(scenario, role, args.seed, save=not args.screenshot, partners=app.partners)
            games.apply_policy(app.game, args.policy, moment or 0.0)
            app.catch_up_coach()
            if app.game.session.now >= app.game.session.end:
                app.end_game()  # --until at (or past) the end: the debrief
            else:
                app.show_desk()
        else:
            app.to_start(args.scenario and scenario.meta.id, role)
    except ScenarioError as exc:
        pygame.quit()
        print(str(exc), file=sys.stderr)
        return 2
    if args.screenshot:
        app.clock = pygame.time.Clock()
        app.manager.update(0.01)
        app.draw()
        try:
            save_screenshot(app.window, Path(args.screenshot))
        except (OSError, pygame.error) as exc:
            pygame.quit()
            why = str(getattr(exc, "strerror", None) or exc)
            print(Tr(args.lang)("cli.screenshot_failed", path=args.screenshot, why=why), file=sys.stderr)
            return 2
        pygame.quit()
        print(Tr(args.lang)("cli.screenshot_written", path=args.screenshot))
        return 0
    code = app.run()
    if cmi5 is not None:
        send_at_close(app, cmi5)
    return code


def send_at_close(app: App, cmi5: Any) -> None:
    """The window closed on a game launched by an LMS: that attempt's statements go to the launch's LRS
    (initialized … terminated; completed and passed/failed once the game ended), or wait in the queue."""
    from report.xapi_export import deliver_attempt

    path = getattr(app.game, "path", None) if app.game is not None else None
    if path is None or not Path(path).exists():
        print("note: no game was played; no xAPI statements were sent to the LMS", file=sys.stderr)
        return
    for line in deliver_attempt(str(path), cmi5=cmi5).lines:
        print(line, file=sys.stderr if line.startswith("warning") else sys.stdout)


def save_screenshot(surface: pygame.Surface, target: Path) -> None:
    """Save the window as an image beside `target` and rename it into place (never a half PNG)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.stem}.tmp{target.suffix}")
    try:
        pygame.image.save(surface, str(tmp))
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _policy_role(scenario, policy: str | None) -> str | None:
    """For screenshots of a policy: the first role the policy plays."""
    if not policy:
        return None
    from sim.runner import resolve_policy

    roles = resolve_policy(scenario, policy).roles
    return roles[0] if roles else None
