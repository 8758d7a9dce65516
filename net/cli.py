"""`host` and `join` (issue 7): start a LAN session (with the trainer's window, or `--headless`),
join it with a window (player, hot-seat, projector, trainer) or without (terminal console, bot).
Problems are explained in one line (Dutch by default) with exit code 2, never a traceback."""

from __future__ import annotations

import asyncio
import datetime as dt
import socket
import sys
from pathlib import Path
from typing import Any

from net.client import JoinRefused
from net.game import Game
from sim import LogError, ScenarioError, load_scenario, resolve_scenario



def _fail(text: str) -> int:
    print(text, file=sys.stderr)
    return 2


def lan_address() -> str:
    """This machine's address on the LAN (what players type), or 127.0.0.1 without a network."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("10.255.255.255", 1))        # no packet is sent; this only picks the outgoing interface
        return s.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        s.close()


def make_game(args: Any) -> Game:
    """The game `host` serves: a new one, or one resumed from its log (raises ScenarioError/LogError)."""
    if args.resume:
        return Game.resume(args.resume)
    if not args.scenario:
        raise LogError("geef een scenario, bv. `host pietersdam --headless` / give a scenario")
    scenario = load_scenario(resolve_scenario(args.scenario))
    log = args.log or f"ketenspel-{scenario.meta.id}-{dt.datetime.now():%Y%m%d-%H%M%S}.jsonl"
    if Path(log).exists() and Path(log).stat().st_size:
        raise LogError(f"{log} bestaat al; een sessielog wordt nooit overschreven. Kies een andere --log, "
                       f"of hervat met --resume {log} / {log} exists; choose another --log or --resume it")
    return Game(scenario, args.seed, log_path=log, code=args.code)


def host(args: Any) -> int:
    """`host SCENARIO --headless [--code C] [--log PATH] [--port N] [--bind ADDR]` or `host --resume LOG`."""
    from net.server import Server

    nl = args.lang == "nl"
    try:
        game = make_game(args)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem.render(args.lang), file=sys.stderr)
        return 2
    except LogError as exc:
        return _fail(f"error: {exc}")
    where = lan_address() if args.bind in ("0.0.0.0", "", "::") else args.bind

    def print_rows(port: int) -> None:
        join_line = f"python main.py join {where}:{port} --code {game.code}"
        console = f"{join_line} --facilitator --token {game.facilitator_token}"
        rows = [("Adres" if nl else "Address", f"{where}:{port}"),
                ("Deelnamecode" if nl else "Join code", game.code),
                ("Trainerstoken" if nl else "Facilitator token", game.facilitator_token),
                ("Sessielog" if nl else "Session log", str(game.log_path)),
                ("Spelers" if nl else "Players", join_line),
                ("Trainersconsole" if nl else "Console", console + (" [--headless]" if args.headless else "")),
                ("Projector", f"{join_line} --dashboard")]
        for label, value in rows:
            print(f"{label + ':':<19}{value}")
        if args.resume:
            print("Hervat vanuit het sessielog; het spel staat op pauze (hervatten in de trainersconsole)." if nl
                  else "Resumed from the log; the game is paused (resume it in the facilitator console).")
        sys.stdout.flush()

    if not args.headless:
        from ui.netwindow import _bad_window_args, host_window

        if _bad_window_args(args):
            return _fail(_bad_window_args(args))

        try:
            return host_window(args, game, where, print_rows)
        except KeyboardInterrupt:
            return 0
    server = Server(game, args.bind, args.port)

    async def main() -> None:
        await server.start()
        game.save_lobby()
        print_rows(server.port)
        await asyncio.Future()          # until Ctrl-C

    try:
        asyncio.run(main())
    except OSError as exc:
        return _fail(f"{'kan niet luisteren op' if nl else 'cannot listen on'} {args.bind}:{args.port}: "
                     f"{exc.strerror or exc}")
    except KeyboardInterrupt:
        pass
    return 0


def join(args: Any) -> int:
    """`join HOST:PORT --code C`: a player's window (or `--hotseat R1,R2`, `--dashboard`,
    `--facilitator --token T`); with `--headless`: the terminal console (`--facilitator`) or a bot
    (`--policy P`)."""
    lang = args.lang
    if args.facilitator and not args.token:
        return _fail("--facilitator heeft --token nodig (het trainerstoken dat host toont)"
                     if lang == "nl" else "--facilitator needs --token (the facilitator token host prints)")
    if args.policy:
        return _run(_bot(args), lang)
    if args.facilitator and args.headless:
        return _run(_console(args), lang)
    if args.headless:
        return _fail("--headless speelt zonder venster: geef --policy (een bot) of --facilitator --token T (console)"
                     if lang == "nl" else "--headless plays without a window: give --policy (a bot) or "
                     "--facilitator --token T (console)")
    from ui.netwindow import join_window

    try:
        return join_window(args)
    except KeyboardInterrupt:
        return 130


def _run(coro, lang: str) -> int:
    try:
        return asyncio.run(coro)
    except JoinRefused as exc:
        return _fail(("Geweigerd: " if lang == "nl" else "Refused: ") + str(exc))
    except (TimeoutError, OSError) as exc:
        return _fail(("Geen verbinding met de server: " if lang == "nl" else "Cannot reach the server: ")
                     + str(getattr(exc, "strerror", None) or exc or "timeout"))
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem.render(lang), file=sys.stderr)
        return 2
    except ValueError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130


async def _console(args: Any) -> int:
    from net.client import Client
    from net.console import run_console

    client = await Client.open(args.address, args.code, as_="facilitator", token=args.token)
    return await run_console(client, args.token, args.lang)


async def _bot(args: Any) -> int:
    from net.bot import play_role, policy_steps, steps_left
    from net.client import Client

    client = await Client.open(args.address, args.code, as_="bot", name=args.name or (f"bot-{args.role}" if args.role else None), role=args.role, token=args.token)
    role = client.welcome.get("role")
    if role is None:
        await client.close()
        raise ValueError("er is geen rol vrij / no role left")
    steps = policy_steps(client.welcome["scenario"], args.policy, role)
    if args.token and client.welcome.get("state") not in ("lobby", None):
        await client.wait_for(lambda c: c.view is not None or c.debrief is not None, timeout=10)
        steps = steps_left(steps, client.view)
    print(f"bot {client.welcome['name']} speelt {role} ({len(steps)} stappen); token {client.welcome['token']}",
          flush=True)

    def refused(step, reply):
        reason = (reply.get("reason") or reply.get("text") or {}).get(args.lang, "?")
        print(f"  geweigerd op {step[0]:g}u: {step[1].get('do')}: {reason}", file=sys.stderr)

    result = await play_role(client, steps, refused)
    print(f"bot {role}: {result['accepted']} acties, {result['refused']} geweigerd, {result['left']} niet gedaan",
          flush=True)
    await client.close()
    return 0
