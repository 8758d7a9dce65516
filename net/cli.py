"""`host` and `join` (issue 7): start a LAN session (with the trainer's window, or `--headless`),
join it with a window (player, hot-seat, projector, trainer) or without (terminal console, bot).
Problems are explained in one line (Dutch by default) with exit code 2, never a traceback."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import re
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cli.selfcmd import invocation
from net.client import JoinRefused
from net.game import LOBBY, Game
from sim import LogError, ScenarioError, load_scenario, resolve_scenario
from sim.files import FileProblem

CODE_SHAPE = re.compile(r"[A-Za-z0-9]{1,16}")


def _fail(text: str) -> int:
    print(text, file=sys.stderr)
    return 2


def _port(value: Any, lang: str, zero: bool, label: str = "--port") -> str | None:
    low = 0 if zero else 1
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= 65535:
        return None
    if lang == "nl":
        return f"{label} {value}: kies een poort van {low} tot 65535" + (" (0 = een vrije poort)" if zero else "")
    return f"{label} {value}: choose a port from {low} to 65535" + (" (0 = any free port)" if zero else "")


def bad_host_args(args: Any) -> str | None:
    """What is wrong with `host`'s arguments, in one line, before anything is started or written."""
    nl = args.lang == "nl"
    problem = _port(args.port, args.lang, zero=True)
    if problem:
        return problem
    if args.code is not None and not CODE_SHAPE.fullmatch(args.code):
        return ("--code: 1 tot 16 letters of cijfers (geen spaties of leestekens)" if nl
                else "--code: 1 to 16 letters or digits (no spaces or punctuation)")
    if not args.bind or any(ch.isspace() or ord(ch) < 32 for ch in args.bind):
        return "--bind: geef een adres, bv. 0.0.0.0 of 127.0.0.1" if nl else "--bind: give an address, e.g. 0.0.0.0"
    if args.resume and args.scenario:
        return ("geef een scenario óf --resume LOG, niet allebei" if nl
                else "give a scenario or --resume LOG, not both")
    if args.log and args.resume:
        return "--log en --resume LOG gaan niet samen" if nl else "--log and --resume LOG do not go together"
    if getattr(args, "handout", None):
        from report.outfile import check_out_path
        from report.session import ReportError

        try:
            check_out_path(args.handout, make=False)
        except ReportError as exc:
            return f"--handout {exc}"
    return None


def bad_join_args(args: Any) -> str | None:
    """What is wrong with `join`'s arguments (the address above all), in one line, before connecting."""
    nl = args.lang == "nl"
    address = args.address.strip()
    if "://" in address:
        address = address.split("://", 1)[1].rstrip("/")
    host, sep, port = address.rpartition(":") if ":" in address else (address, "", "")
    if not host or any(ch.isspace() or ord(ch) < 32 for ch in address):
        return (f"adres {args.address!r}: schrijf HOST of HOST:POORT, bv. 192.168.1.20:8765" if nl
                else f"address {args.address!r}: write HOST or HOST:PORT, e.g. 192.168.1.20:8765")
    problem = _port(int(port) if port.isdigit() else port, args.lang, zero=False,
                    label="poort" if nl else "port") if sep else None
    if problem:
        return problem
    if not args.code.strip() or len(args.code) > 100:
        return "--code: geef de deelnamecode die host toont" if nl else "--code: give the join code host prints"
    if args.name is not None and not args.name.strip():
        return "--name: geef een naam" if nl else "--name: give a name"
    return None


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
        try:
            return Game.resume(args.resume)
        except (KeyError, TypeError, ValueError, IndexError) as exc:    # a log the reader did not foresee
            raise LogError(f"{args.resume}: this log cannot be resumed ({type(exc).__name__}: {exc})") from None
    if not args.scenario:
        raise LogError("geef een scenario, bv. `host pietersdam --headless` / give a scenario")
    scenario = load_scenario(resolve_scenario(args.scenario))
    log = Path(args.log or f"ketenspel-{scenario.meta.id}-{dt.datetime.now():%Y%m%d-%H%M%S}.jsonl")
    if log.exists() and (log.is_dir() or log.stat().st_size):
        raise LogError(f"{log} bestaat al; een sessielog wordt nooit overschreven. Kies een andere --log, "
                       f"of hervat met --resume {log} / {log} exists; choose another --log or --resume it")
    folder = log.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder, os.W_OK):
        raise LogError(f"{log}: in deze map mag niet geschreven worden / cannot write in this folder")
    return Game(scenario, args.seed, log_path=log, code=args.code, team=getattr(args, "team", None))


def host(args: Any) -> int:
    """`host SCENARIO --headless [--code C] [--log PATH] [--port N] [--bind ADDR]` or `host --resume LOG`."""
    from net.server import Server

    nl = args.lang == "nl"
    bad = bad_host_args(args)
    if bad:
        return _fail(bad)
    try:
        game = make_game(args)
    except ScenarioError as exc:
        for problem in exc.problems:
            print(problem.render(args.lang), file=sys.stderr)
        return 2
    except FileProblem as exc:
        return _fail(f"error: {exc.render(args.lang)}")
    except (LogError, OSError) as exc:
        return _fail(f"error: {exc}")
    where = lan_address() if args.bind in ("0.0.0.0", "", "::") else args.bind

    def print_rows(port: int) -> None:
        join_line = f"{invocation()} join {where}:{port} --code {game.code}"
        console = f"{TOKEN_ENV}={game.facilitator_token} {join_line} --facilitator"
        rows = [("Adres" if nl else "Address", f"{where}:{port}"),
                ("Deelnamecode" if nl else "Join code", game.code),
                ("Trainerstoken" if nl else "Facilitator token", game.facilitator_token),
                ("Sessielog" if nl else "Session log", str(game.log_path)),
                ("Spelers" if nl else "Players", join_line),
                ("Trainersconsole" if nl else "Console", console + (" [--headless]" if args.headless else "")),
                ("Projector", f"{join_line} --dashboard")]
        wall = firewall_hint(port, nl) if args.bind in ("0.0.0.0", "", "::") else None
        for label, value in rows + ([("Firewall", wall)] if wall else []):
            print(f"{label + ':':<19}{value}")
        sys.stdout.flush()
        for label, value in room_rows(args, game, where, port):     # takes a moment: after the rest
            print(f"{label + ':':<19}{value}", flush=True)
        if args.resume and game.state == LOBBY:
            print("Hervat vanuit het sessielog; het spel was nog niet gestart: de lobby staat weer open." if nl
                  else "Resumed from the log; the game had not started: the lobby is open again.")
        elif args.resume:
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
        except (LogError, OSError) as exc:      # e.g. the session log cannot be written (the thread is a daemon)
            return _fail(f"error: {exc}")
    server = Server(game, args.bind, args.port)

    async def main() -> int:
        try:
            await server.start()
        except (OSError, OverflowError) as exc:
            return _fail(f"{'kan niet luisteren op' if nl else 'cannot listen on'} {args.bind}:{args.port}: "
                         f"{getattr(exc, 'strerror', None) or exc}")
        try:
            game.save_lobby()           # the lobby log and lobby file exist from now on
        except (LogError, OSError) as exc:
            await server.stop()
            return _fail(f"{'kan het sessielog niet schrijven' if nl else 'cannot write the session log'}: {exc}")
        server.public_address = f"{where}:{server.port}"
        print_rows(server.port)
        await asyncio.Future()          # until Ctrl-C
        return 0

    try:
        return asyncio.run(main())
    except KeyboardInterrupt:
        return 0


def room_rows(args: Any, game: Game, where: str, port: int) -> Iterator[tuple[str, str]]:
    """Announce the session on the LAN (mDNS) and write `--handout PDF` (issue 18, items 3 and 4);
    one row each, as it is done, saying what happened. Neither stops the session when it fails."""
    nl = args.lang == "nl"
    if not getattr(args, "no_announce", False):
        import atexit

        from net.discovery import advertise

        advert, problem = advertise(where, port, game.scenario.meta.title.model_dump(), game.scenario.meta.id)
        if advert is not None:
            atexit.register(advert.close)
            yield ("Op het netwerk" if nl else "On the network",
                   "aangekondigd: deelnemers kiezen 'Deelnemen aan een training' in het startscherm" if nl
                   else "announced: participants choose 'Join a training' on the start screen")
        else:
            yield ("Op het netwerk" if nl else "On the network",
                   f"niet aangekondigd ({problem}); deelnemers typen het adres" if nl
                   else f"not announced ({problem}); participants type the address")
    if getattr(args, "handout", None):
        from report.handout import write_handout
        from report.session import ReportError

        try:
            write_handout(game.scenario, f"{where}:{port}", game.code, args.handout, args.lang)
            yield ("Hand-out", str(args.handout))
        except ReportError as exc:
            yield ("Hand-out", str(exc))


TOKEN_ENV = "KETENSPEL_TOKEN"


def firewall_hint(port: int, nl: bool, platform: str = sys.platform) -> str | None:
    """What the host sees the first time a session listens on the LAN on Windows or macOS: the system
    asks whether Ketenspel may accept connections; without a yes, nobody can join (issue 22,
    docs/installeren.md). Linux asks nothing (a firewall there is configured by hand)."""
    if platform == "win32":
        return (f"Windows vraagt toestemming: kies Privénetwerken › Toegang toestaan (TCP-poort {port})" if nl
                else f"Windows asks for permission: choose Private networks › Allow access (TCP port {port})")
    if platform == "darwin":
        return ("macOS vraagt of inkomende verbindingen mogen: kies Sta toe" if nl
                else "macOS asks whether to accept incoming connections: choose Allow")
    return None
"""The facilitator token from the environment: not on the command line, so not visible in `ps`."""


def given_token(args: Any) -> str | None:
    """The token from `--token`, `--token-file PATH` (its first line) or, for `--facilitator`, the
    environment variable KETENSPEL_TOKEN (issue 18: a token in argv is visible to everyone in `ps`).
    Raises ValueError with one line when the file cannot be read."""
    from sim.files import read_limited

    path = getattr(args, "token_file", None)
    if path:
        try:
            text = read_limited(path, 4096).decode("utf-8", "replace")
        except (FileProblem, OSError) as exc:
            where = exc.render(args.lang) if isinstance(exc, FileProblem) else f"{path}: {exc.strerror or exc}"
            raise ValueError(f"--token-file {where}") from None
        token = (text.strip().splitlines() or [""])[0].strip()
        if not token:
            raise ValueError(f"--token-file {path}: "
                             + ("het bestand is leeg" if args.lang == "nl" else "the file is empty"))
        return token
    if args.token:
        return args.token
    if getattr(args, "facilitator", False):
        return os.environ.get(TOKEN_ENV, "").strip() or None
    return None


def join(args: Any) -> int:
    """`join HOST:PORT --code C`: a player's window (or `--hotseat R1,R2`, `--dashboard`,
    `--facilitator --token T`); with `--headless`: the terminal console (`--facilitator`) or a bot
    (`--policy P`)."""
    lang = args.lang
    bad = bad_join_args(args)
    if bad:
        return _fail(bad)
    try:
        args.token = given_token(args)
    except ValueError as exc:
        return _fail(str(exc))
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
    from net.bot import come_back, play_role, policy_steps, steps_left
    from net.client import Client

    if not args.token:          # check the policy before joining: a typo must not leave a bot's name in a role
        peek = await Client.open(args.address, args.code, as_="dashboard")
        await peek.close()
        policy_steps(peek.welcome["scenario"], args.policy, args.role or "")
    client = await Client.open(args.address, args.code, as_="bot", name=args.name or (f"bot-{args.role}" if args.role else None),
                               role=args.role, token=args.token)
    role, token = client.welcome.get("role"), client.welcome["token"]
    if role is None and client.welcome.get("state") in ("lobby", None):
        await client.close()
        raise ValueError("er is geen rol vrij / no role left")
    if role is None:            # the game has started: the trainer places the bot (issue 18)
        print(f"bot {client.welcome['name']} wacht tot de trainer een rol geeft; token {token}", flush=True)
        await client.wait_for(lambda c: c.view is not None or c.debrief is not None, timeout=None)
        role = (client.view or {}).get("role")
    all_steps = policy_steps(client.welcome["scenario"], args.policy, role) if role else []
    steps = all_steps
    if args.token and client.welcome.get("state") not in ("lobby", None):
        await client.wait_for(lambda c: c.view is not None or c.debrief is not None, timeout=10)
        steps = steps_left(steps, client.view)
    print(f"bot {client.welcome['name']} speelt {role} ({len(steps)} stappen); token {token}", flush=True)

    def refused(step, reply):
        reason = (reply.get("reason") or reply.get("text") or {}).get(args.lang, "?")
        print(f"  geweigerd op {step[0]:g}u: {step[1].get('do')}: {reason}", file=sys.stderr)

    totals = {"accepted": 0, "refused": 0, "left": len(steps)}
    while True:
        result = await play_role(client, steps, refused)
        totals["accepted"] += result["accepted"]
        totals["refused"] += result["refused"]
        totals["left"] = result["left"]
        if client.debrief is not None:
            break
        await client.close()
        print(f"bot {role}: de server is weg; opnieuw verbinden met het token", file=sys.stderr, flush=True)
        client = await come_back(args.address, args.code, token)          # like a window (issue 18)
        if client is None:
            print(f"bot {role}: de server laat de bot niet meer toe / the server no longer lets the bot in",
                  file=sys.stderr, flush=True)
            return 1
        steps = steps_left(all_steps, client.view)
    print(f"bot {role}: {totals['accepted']} acties, {totals['refused']} geweigerd, {totals['left']} niet gedaan",
          flush=True)
    await client.close()
    return 0
