"""The `ketenspel` / `python main.py` command line (design.md contracts: run, validate, replay, play …).

Bad input never ends in a traceback: scenario problems print FILE:LINE:COL lines and exit 2."""

from __future__ import annotations

import argparse
import multiprocessing
import sys

from cli import commands

EXIT_OK, EXIT_USAGE = 0, 2


def build_parser() -> argparse.ArgumentParser:
    """All sub-commands and their options."""
    p = argparse.ArgumentParser(prog="ketenspel", description="Ketenspel — oefenen met signaleren en samenwerken "
                                "rond kinderen in de knel / practise signalling and cooperating around children at risk")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="open het spelvenster (solo) / open the game window (solo)")
    play.add_argument("scenario", nargs="?", help="scenario-id of -bestand (anders: kies in het venster) / scenario id or file")
    play.add_argument("--role", help="de rol die u speelt / role to play")
    play.add_argument("--lang", choices=["nl", "en"], default="nl")
    play.add_argument("--seed", type=int, default=None, help="seed of the world (default: a fixed one)")
    play.add_argument("--partners", choices=["competent", "realistic", "passive"], default="competent",
                      help="how the computer plays the other professionals (default: competent)")
    play.add_argument("--policy", help="zet de stappen van dit beleid tot --from/--until / apply this policy's actions (with --until / --from)")
    play.add_argument("--until", help="met --screenshot: het moment in het spel, bv. 3w (--from werkt ook) / with --screenshot: simulated time to render")
    play.add_argument("--from", dest="start_from", help="begin te spelen op dit moment, bv. 3w / start playing at this simulated time")
    play.add_argument("--screenshot", help="schrijf het venster naar dit PNG-bestand en stop / render the window to this PNG and exit")
    play.add_argument("--font-scale", type=float, default=1.0, help="1.0 to 2.0")
    play.add_argument("--size", default="1280x720", help="window size, e.g. 1920x1080")
    play.add_argument("--cmi5-launch", metavar="URL", help="started by an LMS (cmi5): the attempt's xAPI statements "
                      "go to the launch's LRS as its learner when the game ends")
    play.set_defaults(func=commands.play)

    host = sub.add_parser("host", help="host a training-day session on the LAN")
    host.add_argument("scenario", nargs="?")
    host.add_argument("--port", type=int, default=8765)
    host.add_argument("--bind", default="0.0.0.0", help="address to listen on (127.0.0.1 for local only)")
    host.add_argument("--headless", action="store_true", help="no window; control it from a facilitator console")
    host.add_argument("--code", help="join code (default: generated)")
    host.add_argument("--log", help="session log file")
    host.add_argument("--resume", metavar="LOG", help="restart a crashed session from its log")
    host.add_argument("--seed", type=int, default=1)
    host.add_argument("--team", help="the team's name, for the debrief report (e.g. 'Team Noord')")
    host.add_argument("--lang", choices=["nl", "en"], default="nl")
    host.add_argument("--size", default="1280x720", help="window size WIDTHxHEIGHT")
    host.add_argument("--font-scale", type=float, default=1.0, help="font size 1.0–2.0")
    host.add_argument("--handout", metavar="PDF", help="write a printable handout: join line, QR code, timing "
                      "plan and one role card per role")
    host.add_argument("--no-announce", action="store_true", help="do not announce the session on the LAN (mDNS)")
    host.set_defaults(func=commands.host)

    join = sub.add_parser("join", help="join a hosted session")
    join.add_argument("address", help="HOST[:PORT]")
    join.add_argument("--code", required=True)
    join.add_argument("--name", default=None)
    join.add_argument("--role", default=None)
    join.add_argument("--token", default=None, help="reconnect token, or the facilitator token")
    join.add_argument("--token-file", default=None, metavar="PATH",
                      help="read the token from this file (not visible in ps); for --facilitator also "
                           "the environment variable KETENSPEL_TOKEN")
    join.add_argument("--facilitator", action="store_true",
                      help="the facilitator's console (a window; with --headless in the terminal)")
    join.add_argument("--hotseat", metavar="ROLE,ROLE", help="several roles taking turns at this computer")
    join.add_argument("--dashboard", action="store_true", help="the projector dashboard for the room")
    join.add_argument("--policy", help="play the role from a policy (bot): expert | passive | PATH")
    join.add_argument("--headless", action="store_true", help="no window: a bot (--policy) or the terminal console")
    join.add_argument("--lang", choices=["nl", "en"], default="nl")
    join.add_argument("--size", default="1280x720", help="window size WIDTHxHEIGHT")
    join.add_argument("--font-scale", type=float, default=1.0, help="font size 1.0–2.0")
    join.set_defaults(func=commands.join)

    bal = sub.add_parser("balance", help="speel het scenario vele keren: wint goed samenwerken? / does good cooperation win?")
    bal.add_argument("scenario")
    bal.add_argument("--runs", type=int, default=200)
    bal.add_argument("--jobs", type=int, default=0, help="parallel processes (default: all cores)")
    bal.add_argument("--json", action="store_true")
    bal.add_argument("--policy", action="append", default=[], help="extra policy file(s) to include")
    bal.add_argument("--lang", choices=["nl", "en"], default="nl", help="language of the messages (default nl)")
    bal.add_argument("--solo", action="store_true", help="every playable role alone (expert and passive) with "
                     "competent computer partners; fails when a pivotal role cannot tip the outcome")
    bal.set_defaults(func=commands.balance)

    run = sub.add_parser("run", help="speel een scenario zonder venster met een beleid / play headless with a policy")
    run.add_argument("scenario")
    run.add_argument("--policy", required=True, help="expert | passive | random | PATH to a policy file")
    run.add_argument("--seed", type=int, default=1)
    run.add_argument("--json", action="store_true", help="print one JSON object")
    run.add_argument("--log", help="write the session log (JSONL) to this new file")
    run.add_argument("--force", action="store_true", help="with --log: replace an existing file")
    run.add_argument("--role", help="solo: play only this role from the policy; the computer plays the others")
    run.add_argument("--partners", choices=["competent", "realistic", "passive"], default=None,
                     help="with --role: how the computer plays the other roles (default competent)")
    run.add_argument("--lang", choices=["nl", "en"], default="nl", help="language of the messages (default nl)")
    run.set_defaults(func=commands.run)

    val = sub.add_parser("validate", help="controleer scenario- en beleidsbestanden / check scenario and policy files")
    val.add_argument("paths", nargs="+", metavar="BESTAND", help="scenario- of beleidsbestand(en) / scenario or policy file(s)")
    val.add_argument("--lang", choices=["nl", "en"], default="nl", help="language of the messages (default nl)")
    val.set_defaults(func=commands.validate)

    rep = sub.add_parser("replay", help="re-run a session log")
    rep.add_argument("log")
    rep.add_argument("--json", action="store_true")
    rep.add_argument("--scenario", help="the scenario file the log was made with (if not shipped)")
    rep.set_defaults(func=commands.replay)

    rpt = sub.add_parser("report", help="debrief report (HTML or PDF) from session logs")
    rpt.add_argument("logs", nargs="*", metavar="LOG")
    rpt.add_argument("--out", required=True)
    rpt.add_argument("--format", choices=["html", "pdf"], default=None, help="default: from the --out suffix")
    rpt.add_argument("--lang", choices=["nl", "en"], default="nl")
    rpt.add_argument("--cohort", action="store_true", help="a cohort report over many logs")
    rpt.add_argument("--from-db", metavar="FILTER", help="cohort from the results store: all, or key=value,… "
                     "with scenario, policy, seed, since, until, id")
    rpt.add_argument("--db", help="results database (default: in the user data directory)")
    rpt.add_argument("--created", help="pin the creation date (ISO) for reproducible bytes")
    rpt.add_argument("--after", nargs="+", metavar="LOG", help="cohort: logs of a second group (e.g. after training)")
    rpt.add_argument("--after-db", metavar="FILTER", help="cohort: a second group from the results store")
    rpt.add_argument("--expert", metavar="POLICY", help="compare with this policy file instead of the scenario's expert")
    rpt.add_argument("--name", action="append", default=None, metavar="TEAM",
                     help="the team's name, once per LOG in the same order (default: the log's team name)")
    rpt.add_argument("--brief", action="store_true", help="only the comparison and one page per team, no appendix")
    rpt.add_argument("--slides", action="store_true", help="HTML: each page a 1280x720 slide for the projector")
    rpt.add_argument("--team-reports", action="store_true",
                     help="cohort: also write each team's own report beside the cohort report and link to it")
    rpt.set_defaults(func=commands.report)

    cert = sub.add_parser("certificate", help="a one-page PDF certificate of a finished solo game")
    cert.add_argument("log", metavar="LOG")
    cert.add_argument("--out", required=True, help="the PDF to write")
    cert.add_argument("--name", help="the learner's name as it should appear")
    cert.add_argument("--lang", choices=["nl", "en"], default="nl")
    cert.add_argument("--created", help="pin the date (ISO) for reproducible bytes")
    cert.set_defaults(func=commands.certificate)

    res = sub.add_parser("results", help="the local results store of finished sessions")
    res.add_argument("action", choices=["list", "show", "export", "add", "delete", "prune"])
    res.add_argument("ident", nargs="*", help="ID for show; LOG files for add; FILTER for list, export and delete "
                     "(e.g. scenario=pietersdam,since=2026-11-01 or team=Rood or id=S1a2b)")
    res.add_argument("--retain-days", type=int, metavar="N", help="add, prune: delete sessions added more than "
                     "N days ago (or KETENSPEL_RESULTS_RETAIN_DAYS)")
    res.add_argument("--db")
    res.add_argument("--out", help="CSV file for export")
    res.add_argument("--pseudonymise", action="store_true")
    res.set_defaults(func=commands.results)

    xapi = sub.add_parser("export-xapi", help="send xAPI (cmi5-shaped) statements to an LRS or a file; "
                          "exit 3 when statements stayed in the offline queue")
    xapi.add_argument("logs", nargs="*", metavar="LOG")
    xapi.add_argument("--lrs", help="the LRS, e.g. https://lrs.example.org/xAPI (or KETENSPEL_LRS)")
    xapi.add_argument("--user", help="(or KETENSPEL_LRS_USER)")
    xapi.add_argument("--password", help="(or KETENSPEL_LRS_PASSWORD, which ps does not show)")
    xapi.add_argument("--out")
    xapi.add_argument("--queue", help="offline queue file (default: in the user data directory)")
    xapi.add_argument("--flush", action="store_true", help="send only the offline queue to --lrs")
    xapi.add_argument("--homepage", help="your organisation's LMS address, where the learners' accounts live "
                      "(or KETENSPEL_XAPI_HOMEPAGE)")
    xapi.add_argument("--pseudonymise", dest="no_pseudonymise", action="store_false", default=False,
                      help="learners as salted hashes of their names (the default)")
    xapi.add_argument("--no-pseudonymise", dest="no_pseudonymise", action="store_true",
                      help="learners' names in clear text (only when the LMS needs them)")
    xapi.add_argument("--name", action="append", metavar="NAME|ROLE=NAME", help="the learner (solo) or "
                      "who played a role (team); default: the names in the log")
    xapi.add_argument("--registration", metavar="UUID", help="the cmi5 launch's registration "
                      "(default: derived from the session)")
    xapi.add_argument("--activity-id", metavar="IRI", help="the cmi5 launch's activityId (default: the scenario)")
    xapi.add_argument("--mastery", metavar="0-1", help="the scaled score to pass (default 0.7, or "
                      "KETENSPEL_XAPI_MASTERY)")
    xapi.add_argument("--cmi5-launch", metavar="URL", help="the launch URL an LMS opened Ketenspel with (cmi5: "
                      "endpoint, fetch, actor, registration, activityId); the statements go to its LRS as its learner")
    xapi.set_defaults(func=commands.export_xapi)

    lint = sub.add_parser("lint", help="zoek wat geldig is maar niet klopt / find what is valid but wrong")
    lint.add_argument("scenario")
    lint.add_argument("--strict", action="store_true", help="waarschuwingen tellen als fout / warnings count as errors")
    lint.add_argument("--lang", choices=["nl", "en"], default="nl")
    lint.set_defaults(func=commands.lint)

    graph = sub.add_parser("graph", help="teken het scenario (Mermaid) / draw a scenario as Mermaid pictures")
    graph.add_argument("scenario")
    graph.add_argument("--out", required=True, help="FILE.md or FILE.html")
    graph.add_argument("--lang", choices=["nl", "en"], default="nl")
    graph.set_defaults(func=commands.graph)

    new = sub.add_parser("new", help="schrijf een sjabloon om mee te beginnen / write a template scenario to start from")
    new.add_argument("name")
    new.add_argument("--out", help="directory or file (default: NAME.yaml here)")
    new.set_defaults(func=commands.new)

    hlp = sub.add_parser("help", help="uitleg bij een actie (docs/acties.md) of de lijst / the reference of an action, or the list")
    hlp.add_argument("action", nargs="?")
    hlp.add_argument("--lang", choices=["nl", "en"], default="nl")
    hlp.set_defaults(func=commands.help_action)

    studio = sub.add_parser("studio", help="de scenario-studio in de browser / the scenario studio in the browser")
    studio.add_argument("file", nargs="?", help="scenario file to open (new or existing; default: a new family)")
    studio.add_argument("--port", type=int, default=8090)
    studio.add_argument("--no-browser", action="store_true", help="do not open the browser")
    studio.add_argument("--lang", choices=["nl", "en"], default="nl")
    studio.set_defaults(func=commands.studio)

    sch = sub.add_parser("schema", help="schrijf het JSON-schema voor editors / write the JSON Schema of scenario files")
    sch.add_argument("--out", default="scenarios/schema.json")
    sch.set_defaults(func=commands.schema)
    return p


def _give_windowed_app_streams() -> None:
    """The windowed app (`ketenspelw.exe`, no terminal) starts with no stdout/stderr on Windows; writes
    to them would fail, so they go nowhere instead."""
    import os

    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script, of main.py and of the frozen app. With no command at all (a
    double-click on the app, `ketenspel` alone) the game window opens on its start screen, like `play`;
    `ketenspel --help` still prints the commands (issue 22)."""
    multiprocessing.freeze_support()  # the frozen app's process pools (balance --jobs) on Windows/macOS
    _give_windowed_app_streams()
    parser = build_parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser.parse_args(argv or ["play"])
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `run … | head`: the reader left; not an error of ours
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
