"""The `ketenspel` / `python main.py` command line (design.md contracts: run, validate, replay, play …).

Bad input never ends in a traceback: scenario problems print FILE:LINE:COL lines and exit 2."""

from __future__ import annotations

import argparse
import sys

from cli import commands

EXIT_OK, EXIT_USAGE = 0, 2


def build_parser() -> argparse.ArgumentParser:
    """All sub-commands and their options."""
    p = argparse.ArgumentParser(prog="ketenspel", description="Ketenspel — oefenen met signaleren en samenwerken "
                                "rond kinderen in de knel / practise signalling and cooperating around children at risk")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="open the game window (solo)")
    play.add_argument("scenario", nargs="?", help="scenario id or file (default: choose in the window)")
    play.add_argument("--role", help="role to play")
    play.add_argument("--lang", choices=["nl", "en"], default="nl")
    play.set_defaults(func=commands.play)

    run = sub.add_parser("run", help="play a scenario headless with a policy")
    run.add_argument("scenario")
    run.add_argument("--policy", required=True, help="expert | passive | random | PATH to a policy file")
    run.add_argument("--seed", type=int, default=1)
    run.add_argument("--json", action="store_true", help="print one JSON object")
    run.add_argument("--log", help="write the session log (JSONL) to this file")
    run.set_defaults(func=commands.run)

    val = sub.add_parser("validate", help="check scenario (and policy) files")
    val.add_argument("paths", nargs="+")
    val.set_defaults(func=commands.validate)

    rep = sub.add_parser("replay", help="re-run a session log")
    rep.add_argument("log")
    rep.add_argument("--json", action="store_true")
    rep.add_argument("--scenario", help="the scenario file the log was made with (if not shipped)")
    rep.set_defaults(func=commands.replay)

    sch = sub.add_parser("schema", help="write the JSON Schema of scenario files")
    sch.add_argument("--out", default="scenarios/schema.json")
    sch.set_defaults(func=commands.schema)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script and of main.py."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
