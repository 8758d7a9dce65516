"""The report's CLI entries: `report`, `results` and `export-xapi` (cli/__init__.py holds the flags).

Bad input ends in one clear line on stderr and exit code 2, never a traceback: a missing or damaged
log, a bad filter or URL, a results database that is damaged, foreign, read-only or on a full disk, an
output path that is a folder or cannot be written (then nothing is written and an old file stays)."""

from __future__ import annotations

import sys
from typing import Any

from report.session import ReportError

EXIT_USAGE = 2


def _fail(message: str) -> int:
    from report.session import one_line

    print(f"error: {one_line(message)}", file=sys.stderr)
    return EXIT_USAGE


def _problems() -> tuple[type[Exception], ...]:
    """Every error that is about the user's input or files rather than a bug in Ketenspel."""
    from report.storedb import StoreError
    from sim.errors import ScenarioError
    from sim.files import FileProblem
    from sim.log import LogError

    return ReportError, StoreError, LogError, ScenarioError, FileProblem


def _message(exc: Exception) -> str:
    from sim.errors import ScenarioError
    from sim.files import FileProblem

    if isinstance(exc, FileProblem):
        return exc.render("en")
    if isinstance(exc, ScenarioError):
        return "; ".join(p.render("en") for p in exc.problems) or str(exc)
    return str(exc)


def _check_policy(session: Any, path: str) -> None:
    """A --expert policy file must be valid for the logs' scenario (problems as FILE:LINE:COL)."""
    from sim.errors import ScenarioError
    from sim.runner import resolve_policy

    try:
        resolve_policy(session.scenario, path)
    except ScenarioError as exc:
        raise ReportError("\n".join(p.render("en") for p in exc.problems)) from None


def certificate(args: Any) -> int:
    """`certificate LOG --out FILE.pdf`: the one-page certificate of a finished solo game."""
    from report.certificate import write_certificate
    from report.render import check_out_path

    try:
        if not str(args.out).lower().endswith(".pdf"):
            raise ReportError(f"{args.out}: a certificate is a PDF; end the name in .pdf")
        check_out_path(args.out, make=False)
        write_certificate(args.log, args.out, args.lang, args.name, args.created)
    except _problems() as exc:
        return _fail(_message(exc))
    print(f"wrote {args.out}")
    from report.xapi_export import send_attempt

    for line in send_attempt(args.log, args.name):  # an LRS set up: the attempt's statements (issue 17)
        print(line, file=sys.stderr if line.startswith("warning") else sys.stdout)
    return 0


def report(args: Any) -> int:
    """`report LOG… --out PATH [--format html|pdf] [--lang nl|en] [--cohort | --from-db FILTER]`."""
    from report.build import build_document
    from report.render import (
        check_out_path,
        created_label,
        output_format,
        parse_created,
        write_document,
    )
    from report.session import load_sessions

    try:
        check_out_path(args.out, make=False)
        fmt = output_format(args.out, args.format)
        created = parse_created(args.created)
        if args.cohort or args.from_db:
            from report.cohort import build_cohort_document, cohort_sessions

            sessions = cohort_sessions(args.logs, args.from_db, args.db)
            after_logs, after_db = getattr(args, "after", None) or [], getattr(args, "after_db", None)
            try:
                after = cohort_sessions(after_logs, after_db, args.db) if after_logs or after_db else None
            except ReportError as exc:
                raise ReportError(f"--after/--after-db (the second group): {exc}") from None
            if after and after[0].scenario.meta.id != sessions[0].scenario.meta.id:
                raise ReportError("--after: the second group is of another scenario")
            links = None
            if getattr(args, "team_reports", False):
                if fmt != "html":
                    raise ReportError("--team-reports links each team's report from an HTML cohort report; "
                                      "end --out in .html")
                from report.cohort import write_team_reports

                links = write_team_reports(sessions + (after or []), args.out, args.lang, created)
            doc = build_cohort_document(sessions, args.lang, created_label(created), after, links)
        else:
            sessions = load_sessions(args.logs)
            for s in sessions:
                for warning in s.warnings:
                    print(f"warning: {warning}", file=sys.stderr)
            expert = getattr(args, "expert", None)
            if expert:
                _check_policy(sessions[0], expert)
            names = getattr(args, "name", None) or None
            if names and len(names) != len(sessions):
                raise ReportError(f"--name given {len(names)} times for {len(sessions)} logs; give one name per LOG, "
                                  "in the same order")
            doc = build_document(sessions, args.lang, created_label(created), expert, names,
                                 brief=getattr(args, "brief", False))
        doc.slides = bool(getattr(args, "slides", False))
        if doc.slides and fmt != "html":
            raise ReportError("--slides is for an HTML report (the projector); the PDF has one page per team already")
        write_document(doc, args.out, fmt, created)
    except _problems() as exc:
        return _fail(_message(exc))
    print(f"wrote {args.out}")
    return 0


def results(args: Any) -> int:
    """`results list | show ID | add LOG… | export --out FILE.csv [--pseudonymise]`."""
    from report.store import results_command

    try:
        return results_command(args)
    except _problems() as exc:
        return _fail(_message(exc))


def export_xapi(args: Any) -> int:
    """`export-xapi LOG… [--lrs URL --user U --password P | --out FILE] [--queue FILE] [--homepage URL]
    [--no-pseudonymise] [--registration UUID]`, `export-xapi LOG --cmi5-launch URL` (an LMS's launch) or
    `export-xapi --flush --lrs URL`; exit 3 when statements stayed queued (report.xapi_export)."""
    from report.xapi_actor import XapiError
    from report.xapi_export import export_command

    try:
        return export_command(args)
    except (XapiError, *_problems()) as exc:
        return _fail(_message(exc))
