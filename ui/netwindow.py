"""`host SCENARIO` and `join HOST --code C` with a window (issue 7): connect first — a wrong code, a
full room or no server is a one-line refusal with exit code 2 before any window opens — then open the
game window with the screens of ui.netplay.

* `host SCENARIO [--port N]`: the server runs in this process; the window is the trainer's console,
  connected over loopback like any other client.
* `join HOST[:PORT] --code C [--name N] [--role R]`: a player's window. Its token is kept on this
  computer, so the same command after a crash or a closed window returns to the same role.
* `join … --hotseat ROLE,ROLE`: one window, several roles taking turns.
* `join … --dashboard`: the projector. `join … --facilitator --token T`: the trainer's console from
  another computer."""

from __future__ import annotations

import sys
from typing import Any

from cli.selfcmd import invocation
from net.client import JoinRefused
from ui.app import App
from ui.launch import parse_size
from ui.netplay import NetController, post_wake
from ui.remote import NetLink, Seat, save_tokens, saved_tokens
from ui.watchers import DashboardGame, TrainerGame

NO_SERVER = {"nl": "Geen verbinding met de server: ", "en": "Cannot reach the server: "}
REFUSED = {"nl": "Geweigerd: ", "en": "Refused: "}


def _fail(text: str) -> int:
    print(text, file=sys.stderr)
    return 2


def _bad_window_args(args: Any) -> str | None:
    """A wrong --size or --font-scale, said before anything connects."""
    if parse_size(getattr(args, "size", "1280x720")) is None:
        return f"--size {args.size!r}: write WIDTHxHEIGHT, e.g. 1280x720"
    scale = float(getattr(args, "font_scale", 1.0))
    if not 1.0 <= scale <= 2.0:
        return f"--font-scale {scale}: choose a value from 1.0 to 2.0"
    return None


def _window(args: Any) -> App:
    """The window, with --size and --font-scale already checked by `_bad_window_args`."""
    return App(args.lang, parse_size(getattr(args, "size", "1280x720")), float(getattr(args, "font_scale", 1.0)))


def player_seats(link: NetLink, args: Any) -> list[Seat]:
    """Join as one player, or as the roles of a hot-seat; come back to saved seats where this
    computer had them (same server address and code)."""
    roles = [r.strip() for r in args.hotseat.split(",") if r.strip()] if args.hotseat else [args.role]
    saved = saved_tokens(args.address, args.code) if not args.token else []
    seats = []
    for n, role in enumerate(roles):
        name = args.name or None
        if args.hotseat:
            name = f"{args.name or ('Speler' if args.lang == 'nl' else 'Player')} {n + 1}"
        token = args.token if (args.token and len(roles) == 1) else None
        old = earlier_seat(saved, name, role)
        if token is None and old is not None:
            token = old["token"]
        try:
            seat = link.open(args.address, args.code, "player", token=token,
                             **({} if token else {"name": name, "role": role}))
        except JoinRefused:
            if token is None or args.token:
                raise
            seat = link.open(args.address, args.code, "player", name=name, role=role)  # an old token of another game
        seats.append(seat)
    save_tokens(args.address, args.code, [{"token": s.token, "role": s.client.welcome.get("role"),
                                           "name": s.client.welcome.get("name")} for s in seats])
    for s in seats:
        w = s.client.welcome
        print(f"{'Verbonden als' if args.lang == 'nl' else 'Joined as'} {w.get('name')} ({w.get('role') or '-'}); "
              f"token {s.token}", flush=True)
    return seats


class WhichSeat(Exception):
    """This computer had several seats in the session: the player must say which one is theirs."""


def earlier_seat(saved: list[dict[str, Any]], name: str | None, role: str | None) -> dict[str, Any] | None:
    """The seat this computer had before that fits the name and role asked for (None: join anew)."""
    fits = [s for s in saved if (name is None or s.get("name") == name) and (role is None or s.get("role") == role)]
    if len(fits) > 1 and name is None and role is None:
        raise WhichSeat(", ".join(f"{s.get('name')} ({s.get('role')})" for s in fits))
    return fits[0] if fits else None


def join_window(args: Any) -> int:
    """`join` with a window: a player, a hot-seat, the projector, or the trainer's console."""
    lang = args.lang
    bad = _bad_window_args(args)
    if bad:
        return _fail(bad)
    link = NetLink(post_wake)
    try:
        if args.dashboard:
            seats, kind = [link.open(args.address, args.code, "dashboard")], "dashboard"
        elif args.facilitator:
            if not args.token:
                link.close([])
                return _fail("--facilitator heeft --token nodig (het trainerstoken dat host toont)" if lang == "nl"
                             else "--facilitator needs --token (the facilitator token host prints)")
            seats, kind = [link.open(args.address, args.code, "facilitator", token=args.token)], "facilitator"
        else:
            seats, kind = player_seats(link, args), "player"
    except JoinRefused as exc:
        link.close([])
        return _fail(REFUSED[lang] + str(exc))
    except WhichSeat as exc:
        link.close([])
        return _fail(f"Deze computer had meerdere plaatsen in dit spel: {exc}. Kies de uwe met --name of --role."
                      if lang == "nl" else f"This computer had several seats in this game: {exc}. "
                      "Choose yours with --name or --role.")
    except (TimeoutError, OSError) as exc:
        link.close([])
        return _fail(NO_SERVER[lang] + str(getattr(exc, "strerror", None) or exc or "timeout"))
    except Exception as exc:  # noqa: BLE001 — e.g. something else answers on that port (no websocket)
        link.close([])
        return _fail(NO_SERVER[lang] + f"{type(exc).__name__}: {exc}")
    app = _window(args)
    net = NetController(app, link, seats, kind)
    if kind == "player":
        net.route(force=True)
    elif kind == "dashboard":
        from ui.screens.dashboard import DashboardScreen

        app.game = DashboardGame(seats[0])
        app.show(DashboardScreen(app))
    else:
        line = f"{invocation()} join {args.address} --code {args.code.upper()}"
        net.trainer = app.game = TrainerGame(seats[0], args.token, line)
        net.back_to_console()
    return app.run()


def host_window(args: Any, game: Any, where: str, print_rows) -> int:
    """`host SCENARIO`: run the server on the window's network thread and open the trainer's console."""
    from net.server import Server

    lang = args.lang
    link = NetLink(post_wake)
    server = Server(game, args.bind, args.port)
    try:
        link.run(server.start())
    except OSError as exc:
        link.close([])
        return _fail(f"{'kan niet luisteren op' if lang == 'nl' else 'cannot listen on'} {args.bind}:{args.port}: "
                     f"{exc.strerror or exc}")
    async def save_lobby() -> None:      # the lobby file is only ever written on the network thread
        game.save_lobby()

    link.run(save_lobby())
    server.public_address = f"{where}:{server.port}"
    print_rows(server.port)
    app = _window(args)
    local = "127.0.0.1" if args.bind in ("0.0.0.0", "", "::") else args.bind   # where the server listens
    try:
        seat = link.open(f"{local}:{server.port}", game.code, "facilitator", token=game.facilitator_token)
    except Exception as exc:  # noqa: BLE001 — say it in one line; the log is durable
        link.run(server.stop())
        link.close([])
        return _fail(f"{'het trainersvenster kan de server niet bereiken' if lang == 'nl' else 'the trainer window cannot reach the server'}: {exc}")
    net = NetController(app, link, [seat], "facilitator")
    net.server, net.address = server, f"{local}:{server.port}"
    line = f"{invocation()} join {where}:{server.port} --code {game.code}"
    net.trainer = app.game = TrainerGame(seat, game.facilitator_token, line, str(game.log_path) if game.log_path else None)
    net.back_to_console()
    return app.run()
