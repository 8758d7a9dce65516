"""The sub-commands of the CLI. Each returns an exit code; problems go to stderr, never as tracebacks."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from cli.selfcmd import invocation
from sim.errors import ScenarioError
from sim.fields import Text
from sim.loader import load_scenario, resolve_scenario
from sim.log import LogError, LogExists
from sim.messages import message
from sim.model import Scenario


def _print_problems(exc: ScenarioError, lang: str = "en") -> int:
    for problem in exc.problems:
        print(problem.render(lang), file=sys.stderr)
    return 2


def _emit(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, sort_keys=True, ensure_ascii=False, indent=2))


def run(args: Any) -> int:
    """`run SCENARIO --policy P [--seed N] [--json] [--log PATH] [--role R [--partners LEVEL]]`."""
    from cli.scorejson import add_score
    from sim.runner import check_solo, open_log, play, resolve_policy, run_summary

    lang = getattr(args, "lang", "nl")
    try:
        scenario = load_scenario(resolve_scenario(args.scenario))
        policy = resolve_policy(scenario, args.policy)
    except ScenarioError as exc:
        return _print_problems(exc, lang)
    role, partners = getattr(args, "role", None), getattr(args, "partners", None)
    problem = check_solo(scenario, role, partners)
    if problem:
        print(_solo_problem_nl(scenario, role) if lang == "nl" else f"error: {problem}", file=sys.stderr)
        return 2
    try:
        log = open_log(args.log, overwrite=args.force)
    except LogExists:
        print(message("log_exists", path=str(args.log)).get(lang), file=sys.stderr)
        return 2
    except LogError as exc:
        print(message("log_unwritable", path=str(args.log), why=str(exc)).get(lang), file=sys.stderr)
        return 2
    session, refused = play(scenario, policy, args.seed, log=log, role=role, partners=partners)
    summary = add_score(run_summary(session, policy.name), scenario, session.records)
    summary["refused"] = [refusal_json(scenario, r) for r in refused]
    for r in summary["refused"]:
        line = message("refused_line", when=Text(**r["when"]), role=r["role"], action=str(r["action"].get("do")),
                       reason=Text(**r["reason"]))
        print(line.get(lang), file=sys.stderr)
    if args.json:
        _emit(summary)
    else:
        _print_human(summary, session.scenario, lang)
    return 0


def refusal_json(scenario: Scenario, r: dict[str, Any]) -> dict[str, Any]:
    """A refused policy step for `run --json` (design.md): `t` in simulated hours, `when` as a trainer
    reads it ('di 6 okt 10:00'), `role`, `action`, `reason: {nl, en}`."""
    from sim.timefmt import calendar_moment

    reason = r.get("reason") or {}
    reason = {"nl": reason.get("nl", ""), "en": reason.get("en", "")} if isinstance(reason, dict) else \
        {"nl": reason.nl, "en": reason.en}
    return {"t": r["t"], "when": {lang: calendar_moment(scenario.meta, r["t"], lang) for lang in ("nl", "en")},
            "role": r["role"], "action": r["action"], "reason": reason}


def _print_human(summary: dict[str, Any], scenario: Scenario, lang: str = "nl") -> None:
    """The run's result as a trainer reads it in the terminal, in `lang` (texts: sim/data/messages.yaml)."""
    def say(key: str, **values: Any) -> None:
        print(message(key, **{k: v if isinstance(v, Text) else f"{v:g}" if isinstance(v, float) else str(v)
                              for k, v in values.items()}).get(lang))

    out = summary["outcome"]
    say("run_header", title=scenario.meta.title, policy=summary["policy"], seed=summary["seed"],
        records=summary["events"])
    if summary.get("player"):
        say("run_solo", player=scenario.role_name(summary["player"]), partners=message(f"partners_{summary['partners']}"))
    if "score" in summary:
        sc = summary["score"]
        say("run_score", total=float(sc["total"]), timeliness=float(sc["timeliness"]), privacy=float(sc["privacy"]),
            feedback=float(sc["feedback"]))
        own = (sc.get("per_role") or {}).get(summary.get("player") or "")
        if own and own.get("total") is not None:
            say("run_own_score", player=scenario.role_name(summary["player"]), total=float(own["total"]))
        elif own:
            say("run_own_nothing", player=scenario.role_name(summary["player"]))
    if out["incident"]:
        say("run_incident", days=f"{out['incident_at'] / 24:.1f}" if lang == "en" else
            f"{out['incident_at'] / 24:.1f}".replace(".", ","),
            softened=message("run_softened") if out["softened"] else "")
    else:
        say("run_prevented")
    for child, res in out["children"].items():
        print(f"  {scenario.person_by_id[child].names.get(lang)}: {res['text'][lang]}")


def validate(args: Any) -> int:
    """`validate PATH…`: exit 0 when every file is valid; else one FILE:LINE:COL line per problem, exit 2.
    Policy files (with `policy:` and `scenario:` at the top) are checked against their scenario."""
    from sim.policy import load_scenario_or_policy

    failed = False
    for path in args.paths:
        try:
            loaded = load_scenario_or_policy(path)  # each file read once
            if not isinstance(loaded, Scenario):
                print(f"{path}: ok (" + _count(args.lang, "policy", loaded.policy, steps=len(loaded.actions)) + ")")
                continue
            scenario = loaded
        except ScenarioError as exc:
            _print_problems(exc, args.lang)
            failed = True
            continue
        print(f"{path}: ok (" + _count(args.lang, "scenario", scenario.meta.id, roles=len(scenario.roles),
                                        facts=len(scenario.facts), events=len(scenario.events)) + ")")
    return 2 if failed else 0


_WORDS = {"nl": {"roles": ("rol", "rollen"), "facts": ("feit", "feiten"), "events": ("gebeurtenis", "gebeurtenissen"),
                 "steps": ("stap", "stappen"), "policy": "beleid"},
          "en": {"roles": ("role", "roles"), "facts": ("fact", "facts"), "events": ("event", "events"),
                 "steps": ("step", "steps"), "policy": "policy"}}


def _count(lang: str, what: str, name: str, **counts: int) -> str:
    """What `validate` found in a valid file, in the trainer's language: 'familie_vos: 4 rollen, 5 feiten,
    1 gebeurtenis' or 'beleid expert: 16 stappen'."""
    words = _WORDS["en" if lang == "en" else "nl"]
    parts = ", ".join(f"{n} {words[k][0] if n == 1 else words[k][1]}" for k, n in counts.items())
    return f"{words['policy']} {name}: {parts}" if what == "policy" else f"{name}: {parts}"


def replay(args: Any) -> int:
    """`replay LOG [--json]`: rebuild the session from its log; same outcome and event count."""
    from cli.scorejson import add_score
    from sim.replay import replay as do_replay
    from sim.runner import run_summary

    try:
        session, warnings = do_replay(args.log, args.scenario)
    except LogError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    if not session.finished:
        print("warning: the session in this log has not ended; showing the state at its last record",
              file=sys.stderr)
    summary = add_score(run_summary(session, str(session.records[0].get("policy", "players"))),
                        session.scenario, session.records)
    if args.json:
        _emit(summary)
    else:
        _print_human(summary, session.scenario, getattr(args, "lang", None) or "nl") if session.outcome else print(
            f"{session.scenario.meta.id}: {summary['events']} records up to {session.now:g}h")
    return 0


def schema(args: Any) -> int:
    """Write the JSON Schema for scenario files (editors use it for completion and help)."""
    from sim.schema import write_schema

    try:
        write_schema(Path(args.out))
    except OSError as exc:
        print(f"error: {args.out}: cannot write the schema: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"{args.out}")
    return 0


def play(args: Any) -> int:
    """Open the game window. Without a display, say what to do instead."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") \
            and os.environ.get("SDL_VIDEODRIVER") not in ("dummy", "offscreen") and sys.platform.startswith("linux"):
        print("Ketenspel: er is geen beeldscherm (DISPLAY is leeg). Start het spel op een computer met een "
              "scherm, of speel zonder venster:\n  " + invocation() + " run pietersdam --policy expert\n"
              "(no display found: run the game on a machine with a screen, or play headless with `run`)",
              file=sys.stderr)
        return 2
    problem = _play_arguments(args)
    if problem is not None:
        return problem
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # pygame's banner is not a message for trainers
    from ui.launch import run_window

    return run_window(args)


def _play_arguments(args: Any) -> int | None:
    """`play`'s scenario, role and moments checked before the window opens, with messages in the player's
    language (exit 2); None when all is well. `--from` with `--screenshot` renders that moment, as
    `--until` does (docs/scenario-schrijven.md tells trainers to check a family with `play --from`)."""
    from sim.errors import msg
    from sim.timefmt import DurationError, parse_duration

    lang = getattr(args, "lang", "nl") or "nl"
    if args.screenshot and args.start_from and not args.until:
        args.until = args.start_from
    for flag, text in (("--from", args.start_from), ("--until", args.until)):
        if text:
            try:
                parse_duration(text)
            except DurationError:
                print(f"{flag} {text}: " + msg("bad_time", got=text).get(lang), file=sys.stderr)
                return 2
    if not args.scenario:
        return None
    try:
        scenario = load_scenario(resolve_scenario(args.scenario))
    except ScenarioError as exc:
        return _print_problems(exc, lang)
    playable = [r.id for r in scenario.roles if r.playable]
    if args.role and args.role not in playable:
        print(_solo_problem_nl(scenario, args.role) if lang == "nl" else
              f'--role {args.role}: not a playable role here; choose one of {", ".join(playable)}', file=sys.stderr)
        return 2
    return None


def _solo_problem_nl(scenario: Scenario, role: str | None) -> str:
    """Why `--role` cannot be played, in Dutch: not in the scenario, or always the computer's."""
    playable = ", ".join(r.id for r in scenario.roles if r.playable)
    if role is None:
        return "--partners hoort bij --role: noem de rol die het beleid alleen speelt"
    if role in scenario.role_by_id and not scenario.role_by_id[role].playable:
        return f"--role {role}: deze rol speelt altijd de computer (playable: false); kies uit {playable}"
    if role in scenario.role_by_id:
        return f"--role {role}: kies --partners uit competent, realistic of passive"
    return f"--role {role}: deze rol is niet speelbaar in dit scenario; kies uit {playable}"


def host(args: Any) -> int:
    """`host SCENARIO …`: a LAN training-day session (net/)."""
    from net.cli import host as net_host

    return net_host(args)


def join(args: Any) -> int:
    """`join HOST[:PORT] --code CODE …`: a player window, a facilitator console or a bot (net/)."""
    from net.cli import join as net_join

    return net_join(args)


def help_action(args: Any) -> int:
    """`help [ACTIE] [--lang en]`: the action reference (authoring.actions_doc, docs/acties.md)."""
    from authoring.actions_doc import help_command

    return help_command(args)


def balance(args: Any) -> int:
    """`balance SCENARIO [--runs N] [--jobs J] [--json]`: is the scenario fair to good cooperation?"""
    from cli.balance import balance as run_balance

    return run_balance(args)


def report(args: Any) -> int:
    """`report LOG… --out PATH [--format html|pdf]` and cohort reports (report/)."""
    from report.cli import report as do_report

    return do_report(args)


def certificate(args: Any) -> int:
    """`certificate LOG --out FILE.pdf [--name N] [--lang] [--created]` (report.certificate)."""
    from report.cli import certificate as do_certificate

    return do_certificate(args)


def results(args: Any) -> int:
    """`results list|show ID|export|add`: the local results store (report/)."""
    from report.cli import results as do_results

    return do_results(args)


def export_xapi(args: Any) -> int:
    """`export-xapi LOG… --lrs URL … | --out FILE` (report/)."""
    from report.cli import export_xapi as do_export

    return do_export(args)


def lint(args: Any) -> int:
    """`lint SCENARIO [--strict]`: what is valid but wrong."""
    from cli.authoring import lint as do_lint

    return do_lint(args)


def graph(args: Any) -> int:
    """`graph SCENARIO --out FILE.md|.html`: a Mermaid picture of the scenario."""
    from cli.authoring import graph as do_graph

    return do_graph(args)


def new(args: Any) -> int:
    """`new NAME [--out PATH]`: a commented Dutch template scenario."""
    from cli.authoring import new as do_new

    return do_new(args)


def studio(args: Any) -> int:
    """`studio [FILE] [--port N] [--no-browser] [--lang en]`: the scenario studio on 127.0.0.1 (issue 21)."""
    try:
        from studio.app import main as studio_main
    except ImportError as exc:
        missing = {"nl": f"de scenario-studio heeft NiceGUI nodig ({exc.name}); start hem met `make studio` of "
                         "installeer hem met: pip install 'ketenspel[studio]'",
                   "en": f"the studio needs NiceGUI ({exc.name}); start it with `make studio` or install it with: "
                         "pip install 'ketenspel[studio]'"}
        print(missing.get(getattr(args, "lang", "nl"), missing["nl"]), file=sys.stderr)
        return 2
    return studio_main(args.file, port=args.port, show=not args.no_browser, lang=args.lang)
