"""The `export-xapi` command and the certificate's statements (issues 8, 17 item 9 and 19).

Settings come from the flags, else from the environment (KETENSPEL_LRS, KETENSPEL_LRS_USER,
KETENSPEL_LRS_PASSWORD, KETENSPEL_XAPI_HOMEPAGE, KETENSPEL_XAPI_SALT, KETENSPEL_XAPI_MASTERY), so a
trainer's machine can be set up once for the organisation's LMS. Exit codes: 0 all written or
delivered; 2 a usage problem or the LRS refused; 3 (EXIT_QUEUED) statements stayed in the offline
queue because the LRS could not be reached — send them later with `export-xapi --flush`."""

from __future__ import annotations

import json
import math
import os
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report.outfile import check_out_path, write_output
from report.session import ReportError, load_session
from report.xapi import Launch, session_statements
from report.xapi_actor import (
    DEFAULT_MASTERY,
    ENV_HOMEPAGE,
    ENV_LRS,
    ENV_LRS_PASSWORD,
    ENV_LRS_USER,
    ENV_MASTERY,
    Identity,
    XapiError,
    check_homepage,
    salt,
)
from report.xapi_cmi5 import Cmi5Launch
from report.xapi_send import (
    check_lrs,
    check_queue_path,
    default_queue,
    queued_for,
    send,
    statements_url,
)
from sim.errors import ScenarioError
from sim.files import FileProblem
from sim.log import LogError

EXIT_QUEUED = 3
"""`export-xapi` and `export-xapi --flush`: statements stayed in the offline queue (the LRS was not reachable)."""


def _mastery(value: str | None) -> float:
    text = value if value is not None else os.environ.get(ENV_MASTERY)
    if text is None:
        return DEFAULT_MASTERY
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not 0 <= number <= 1:
        raise XapiError(f'--mastery "{text}": a mastery score is a scaled score from 0 to 1 (e.g. 0.7)')
    return number


def _registration(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise XapiError(f'--registration "{text}" is not a UUID; give the registration of the cmi5 launch '
                        f"(e.g. 6b3f0b8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b)") from None


def identity(homepage: str | None, pseudonymise: bool = True) -> Identity:
    """The organisation's learner identity settings; a home page is needed (an account lives there)."""
    page = homepage or os.environ.get(ENV_HOMEPAGE)
    if not page:
        raise XapiError(f"give --homepage https://lms.example.org (or set {ENV_HOMEPAGE}): the address of your "
                        f"organisation's LMS, where the learners' accounts live")
    return Identity(check_homepage(page), pseudonymise, salt() if pseudonymise else "")


def launch_of(args: Any) -> Launch:
    """The launch settings from the flags and the environment."""
    return Launch(identity(args.homepage, not args.no_pseudonymise), _registration(args.registration),
                  args.activity_id, _mastery(args.mastery), list(args.name or []))


def _deliver(lrs: str, user: str | None, password: str | None, batches: list[list[dict[str, Any]]],
             queue: Path, token: str | None = None) -> int:
    delivered, queued, why = send(lrs, user, password, batches, queue, token)
    if delivered or not queued:
        print(f"delivered {delivered} statements to {statements_url(lrs)}")
    if queued:
        print(f"queued: {queued} statements stay in {queue}: {why}; send them later with "
              f"`ketenspel export-xapi --flush --lrs {lrs}`", file=sys.stderr)
        return EXIT_QUEUED
    return 0


def export_command(args: Any) -> int:
    """The `export-xapi` sub-command: every argument is checked before a log is read or a byte sent."""
    if getattr(args, "cmi5_launch", None):
        return _export_cmi5(args)
    lrs_given = args.lrs or (os.environ.get(ENV_LRS) if (args.flush or not args.out) else None)
    user = args.user or os.environ.get(ENV_LRS_USER)
    password = args.password if args.password is not None else os.environ.get(ENV_LRS_PASSWORD)
    if args.flush:
        if args.logs or args.out:
            raise XapiError("--flush sends only the offline queue; leave out the LOG files and --out")
        if not lrs_given:
            raise XapiError(f"--flush: give --lrs URL (or set {ENV_LRS}): the queue is sent to that LRS")
    elif not args.logs:
        raise XapiError("name one or more LOG files, or give --flush to send the offline queue")
    elif not lrs_given and not args.out:
        raise XapiError(f"give --lrs URL (with --user and --password, or set {ENV_LRS}) or --out FILE")
    lrs = check_lrs(lrs_given) if lrs_given else None
    queue = Path(args.queue) if args.queue else default_queue()
    if lrs:
        check_queue_path(queue)
    if args.flush:
        if not queued_for(queue, lrs):
            print(f"nothing queued for {statements_url(lrs)} in {queue}")
            return 0
        return _deliver(lrs, user, password, [], queue)
    if args.out:
        check_out_path(args.out, make=False)
    launch = launch_of(args)
    batches = [session_statements(load_session(p), launch) for p in args.logs]
    if args.out:
        flat = [st for batch in batches for st in batch]
        write_output(args.out, (json.dumps(flat, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"))
        print(f"wrote {len(flat)} statements to {args.out}")
    code = _deliver(lrs, user, password, batches, queue) if lrs else 0
    for note in dict.fromkeys(launch.identity.notes):  # after the work: an error stays one line
        print(f"note: {note}", file=sys.stderr)
    return code


def cmi5_launch_of(args: Any, cmi5: Cmi5Launch) -> Launch:
    """A Launch for a cmi5 launch: actor, registration, activity and mastery score from the LMS (the
    LMS.LaunchData's masteryScore before --mastery); no home page or salt is needed — the LMS named
    the learner."""
    homepage = cmi5.actor["account"]["homePage"]
    mastery = cmi5.mastery if cmi5.mastery is not None else _mastery(getattr(args, "mastery", None) if args else None)
    return Launch(Identity(homepage, pseudonymise=False), cmi5.registration, cmi5.activity_id, mastery, [], cmi5)


def _export_cmi5(args: Any) -> int:
    """`export-xapi LOG --cmi5-launch URL`: the statements of one attempt to the launch's endpoint with
    the token from its fetch URL. The logs are read before the token is fetched (a fetch URL works once)."""
    from report.xapi_cmi5 import open_launch, parse_launch_url

    clash = [flag for flag, value in (("--lrs", args.lrs), ("--registration", args.registration),
                                      ("--activity-id", args.activity_id), ("--flush", args.flush),
                                      ("--name", args.name)) if value]
    if clash:
        raise XapiError(f"--cmi5-launch gives the LRS, the learner, the registration and the activity; leave out "
                        f"{', '.join(clash)}")
    if not args.logs:
        raise XapiError("--cmi5-launch: name the LOG of the attempt")
    parse_launch_url(args.cmi5_launch)  # a malformed URL is refused before anything is read or fetched
    if args.out:
        check_out_path(args.out, make=False)
    queue = Path(args.queue) if args.queue else default_queue()
    check_queue_path(queue)
    sessions = [load_session(p) for p in args.logs]
    cmi5 = open_launch(args.cmi5_launch)
    launch = cmi5_launch_of(args, cmi5)
    batches = [session_statements(s, launch) for s in sessions]
    if args.out:
        flat = [st for batch in batches for st in batch]
        write_output(args.out, (json.dumps(flat, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"))
        print(f"wrote {len(flat)} statements to {args.out}")
    code = _deliver(cmi5.endpoint, None, None, batches, queue, cmi5.token)
    if code == EXIT_QUEUED:  # the launch's token is not kept with them
        cmi5.notes.append("the queue is sent with the LRS's own --user and --password (the launch's token is not "
                          "kept); or launch the attempt again from the LMS")
    for note in dict.fromkeys(cmi5.notes + launch.identity.notes):
        print(f"note: {note}", file=sys.stderr)
    return code


@dataclass
class Attempt:
    """What became of an attempt's statements: `state` is "none" (no LRS set up), "sent", "queued" (the
    LRS could not be reached; they wait in the offline queue) or "failed" (refused, or a setting is
    wrong); `lines` say it for the terminal."""

    state: str
    delivered: int = 0
    queued: int = 0
    lines: list[str] = field(default_factory=list)


def deliver_attempt(log: str, name: str | None = None, cmi5: Cmi5Launch | None = None) -> Attempt:
    """Send one attempt's statements (issue 17, item 9): to a cmi5 launch's LRS as its learner, else to
    the LRS set up for this machine (KETENSPEL_LRS and KETENSPEL_XAPI_HOMEPAGE). Nothing is sent without
    either; an unreachable LRS leaves the statements in the offline queue. Never raises for the user's
    settings or the network: the game window calls this and must stay open."""
    lrs_text = cmi5.endpoint if cmi5 else os.environ.get(ENV_LRS)
    if not lrs_text:
        return Attempt("none")
    try:
        lrs = check_lrs(lrs_text)
        if cmi5 is not None:
            launch = cmi5_launch_of(None, cmi5)
            user = password = None
        else:
            launch = Launch(identity(None), mastery=_mastery(None), names=[name] if name else [])
            user, password = os.environ.get(ENV_LRS_USER), os.environ.get(ENV_LRS_PASSWORD)
        queue = default_queue()
        check_queue_path(queue)
        statements = session_statements(load_session(log), launch)
        delivered, queued, why = send(lrs, user, password, [statements], queue, cmi5.token if cmi5 else None)
    except (XapiError, ReportError, LogError, FileProblem, ScenarioError) as exc:
        return Attempt("failed", lines=[f"warning: the xAPI statements were not sent: {exc}"])
    lines = [f"delivered {delivered} xAPI statements to {statements_url(lrs)}"]
    if queued:
        lines.append(f"warning: {queued} xAPI statements stay queued in {queue}: {why}; "
                     f"send them later with `ketenspel export-xapi --flush`")
    return Attempt("queued" if queued else "sent", delivered, queued, lines)


def send_attempt(log: str, name: str | None) -> list[str]:
    """After `certificate`: the attempt's statements to the LRS set up for this machine, as lines for
    the terminal (deliver_attempt)."""
    return deliver_attempt(log, name).lines
