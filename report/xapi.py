"""xAPI export: cmi5-shaped statements for a Learning Record Store, with an offline queue (issue 8).

Per session: initialized → experienced (key moments of the case) → answered (each decision of the
players) → scored (when scoring exists) → completed → passed/failed → terminated. Statement ids are
derived from the session id, so sending a session twice stores nothing twice. Timestamps are the
simulated moments on the scenario's calendar (meta.start_date + simulated hours), so the same log
always gives the same statements."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from report.facts import SessionFacts
from report.labels import action_sentence, role_name
from report.outfile import check_out_path, write_output
from report.session import SessionData, load_session
from report.texts import Words
from sim.files import MB, FileProblem, atomic_write, read_limited

XAPI_VERSION = "1.0.3"
NAMESPACE = uuid.UUID("6f1c2a52-5b7e-4c55-9d0c-6b6574656e73")  # fixed: stable statement ids
CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
CMI5_SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
EXT_HOURS = "urn:ketenspel:extension:simulated-hours"
EXT_SEED = "urn:ketenspel:extension:seed"
VERBS = {
    "initialized": ("http://adlnet.gov/expapi/verbs/initialized", "gestart", "initialized"),
    "experienced": ("http://adlnet.gov/expapi/verbs/experienced", "meegemaakt", "experienced"),
    "answered": ("http://adlnet.gov/expapi/verbs/answered", "besloten", "answered"),
    "scored": ("http://adlnet.gov/expapi/verbs/scored", "gescoord", "scored"),
    "completed": ("http://adlnet.gov/expapi/verbs/completed", "voltooid", "completed"),
    "passed": ("http://adlnet.gov/expapi/verbs/passed", "geslaagd", "passed"),
    "failed": ("http://adlnet.gov/expapi/verbs/failed", "niet geslaagd", "failed"),
    "terminated": ("http://adlnet.gov/expapi/verbs/terminated", "beëindigd", "terminated"),
}


class XapiError(Exception):
    """The LRS refused the statements (bad credentials, invalid statements) or the arguments are wrong."""


def _text(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {"nl-NL": value.get("nl", ""), "en-US": value.get("en", "")}
    return {"nl-NL": getattr(value, "nl", str(value)), "en-US": getattr(value, "en", str(value))}


class StatementBuilder:
    """Builds the statements of one session; every statement shares actor, registration and session id."""

    def __init__(self, session: SessionData):
        self.s = session
        sc = session.scenario
        self.activity = f"urn:ketenspel:scenario:{sc.meta.id}"
        self.start = dt.datetime.combine(sc.meta.start_date, dt.time(8, 0), tzinfo=dt.UTC)
        self.registration = str(uuid.uuid5(NAMESPACE, session.session_id))
        names = sorted(set(session.player_names.values()))
        self.actor = {"objectType": "Agent", "name": ", ".join(names) or f"team {session.session_id}",
                      "account": {"homePage": "urn:ketenspel:team", "name": session.session_id}}
        self.n = 0

    def statement(self, verb: str, t: float, obj: dict[str, Any] | None = None,
                  result: dict[str, Any] | None = None, cmi5: bool = True) -> dict[str, Any]:
        """One statement at simulated time t (hours)."""
        self.n += 1
        vid, nl, en = VERBS[verb]
        context: dict[str, Any] = {"registration": self.registration,
                                   "extensions": {CMI5_SESSION: self.s.session_id, EXT_SEED: self.s.seed}}
        if cmi5:
            context["contextActivities"] = {"category": [{"id": CMI5_CATEGORY, "objectType": "Activity"}]}
        out = {
            "id": str(uuid.uuid5(NAMESPACE, f"{self.s.session_id}/{self.n}")),
            "actor": self.actor,
            "verb": {"id": vid, "display": {"nl-NL": nl, "en-US": en}},
            "object": obj or self.scenario_object(),
            "context": context,
            "timestamp": (self.start + dt.timedelta(hours=t)).isoformat(),
        }
        if result is not None:
            out["result"] = result
        return out

    def scenario_object(self) -> dict[str, Any]:
        """The scenario as the xAPI activity the team took part in."""
        sc = self.s.scenario
        return {"objectType": "Activity", "id": self.activity,
                "definition": {"name": _text(sc.meta.title), "description": _text(sc.meta.summary),
                               "type": "http://adlnet.gov/expapi/activities/simulation"}}

    def moment(self, kind: str, ident: str, name: Any) -> dict[str, Any]:
        """A key moment or decision as an xAPI activity below the scenario."""
        return {"objectType": "Activity", "id": f"{self.activity}/{kind}/{ident}",
                "definition": {"name": _text(name), "type": "http://adlnet.gov/expapi/activities/interaction"}}


def session_statements(session: SessionData) -> list[dict[str, Any]]:
    """The statements of one session, in order."""
    b = StatementBuilder(session)
    sc = session.scenario
    f = SessionFacts(session, with_expert=False)
    out = [b.statement("initialized", 0.0)]
    for rec in session.records:
        typ = rec.get("type")
        if typ == "event":
            ev = sc.event_by_id.get(rec["event"])
            out.append(b.statement("experienced", rec["t"], b.moment("event", rec["event"], ev.message if ev else
                                                                        {"nl": rec["event"], "en": rec["event"]}),
                                   {"extensions": {EXT_HOURS: rec["t"]}}, cmi5=False))
        elif typ == "incident" and rec.get("happened"):
            out.append(b.statement("experienced", rec["t"], b.moment("incident", rec["incident"], sc.incident.message),
                                   {"extensions": {EXT_HOURS: rec["t"]}}, cmi5=False))
        elif typ == "action" and rec.get("by") == "player":
            act = rec["action"]
            name = {lang: f"{role_name(sc, rec['role'], Words(lang))}: {action_sentence(sc, act, Words(lang))}"
                    for lang in ("nl", "en")}
            out.append(b.statement("answered", rec["t"], b.moment("decision", f"{rec['role']}/{act.get('do')}", name),
                                   {"response": json.dumps(act, sort_keys=True, ensure_ascii=False),
                                    "extensions": {EXT_HOURS: rec["t"]}}, cmi5=False))
    if f.knowledge.team_at is not None:
        out.append(b.statement("experienced", f.knowledge.team_at,
                               b.moment("moment", "full_picture", {"nl": "Volledige beeld bij de spelers samen",
                                                                   "en": "Full picture among the players together"}),
                               {"extensions": {EXT_HOURS: f.knowledge.team_at}}, cmi5=False))
    end = next((r["t"] for r in session.of_type("end")), None)
    last = end if end is not None else max((r.get("t", 0.0) for r in session.records), default=0.0)
    duration = f"PT{last:g}H"
    if f.scored is not None:
        total = float(f.scored["score"]["total"])
        out.append(b.statement("scored", last, result={"score": {"scaled": round(total / 100, 4), "raw": total,
                                                                 "min": 0, "max": 100}}, cmi5=False))
    if end is not None:
        out.append(b.statement("completed", end, result={"completion": True, "duration": duration}))
        passed = not session.outcome.get("incident")
        out.append(b.statement("passed" if passed else "failed", end,
                               result={"success": passed, "duration": duration,
                                       **({"score": {"scaled": round(float(f.scored["score"]["total"]) / 100, 4)}}
                                          if f.scored else {})}))
    out.append(b.statement("terminated", last, result={"duration": duration}))
    return out


def statements_url(lrs: str) -> str:
    """The statements resource of an LRS given as its base (…/xAPI) or the resource itself."""
    base = lrs.rstrip("/")
    return base if base.endswith("/statements") else base + "/statements"


def check_lrs(lrs: str) -> str:
    """The LRS address if it is a usable http(s) URL; otherwise an XapiError saying how to write it."""
    hint = "write it as http://HOST:PORT/xAPI or https://HOST/xAPI"
    try:
        parts = urllib.parse.urlsplit(lrs.strip())
        port = parts.port  # raises ValueError when it is not a number from 0 to 65535
    except ValueError as exc:
        raise XapiError(f'--lrs "{lrs}" is not a valid URL ({exc}); {hint}') from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise XapiError(f'--lrs "{lrs}" is not an http(s) address of an LRS; {hint}')
    if port == 0 or any(ord(c) < 33 or ord(c) == 127 for c in lrs.strip()):
        raise XapiError(f'--lrs "{lrs}" is not a valid URL (a port of 0, a space or a control character); {hint}')
    return lrs.strip()


ANSWER_BYTES = 1 << 20  # at most this much of an LRS's answer is read


def post_statements(lrs: str, user: str | None, password: str | None, statements: list[dict[str, Any]],
                    timeout: float = 10.0) -> None:
    """POST statements to the LRS. Raises XapiError when refused, OSError when unreachable.

    Identical statements already stored are skipped by the LRS (xAPI 1.0.3 §2.1.2), so resending after
    a lost answer is harmless; a *different* statement with the same id (409) is an error."""
    body = json.dumps(statements, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(statements_url(lrs), data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Experience-API-Version": XAPI_VERSION})
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        req.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read(ANSWER_BYTES)  # the statement ids; an endless answer is not read to the end
    except ValueError as exc:  # http.client.InvalidURL and friends: the address itself is wrong
        raise XapiError(f'the LRS address "{lrs}" cannot be used: {exc}') from None
    except urllib.error.HTTPError as exc:
        if exc.code >= 500:
            raise OSError(f"the LRS answered {exc.code}") from None
        detail = " ".join(exc.read(ANSWER_BYTES).decode("utf-8", "replace").split())[:300]
        raise XapiError(f"the LRS refused the statements ({exc.code}): {detail}") from None


def default_queue() -> Path:
    """Where statements wait while the LRS is unreachable (next to the results store)."""
    from report.store import default_db_path

    return default_db_path().parent / "xapi-queue.jsonl"


#: The offline queue: a whole training year of statements stays far below this.
MAX_QUEUE_BYTES = 200 * MB


def check_queue_path(path: Path) -> None:
    """Refuse a queue path that is a folder or a device before anything is sent or read."""
    if path.is_dir():
        raise XapiError(f"{path}: the --queue is a folder; give a file name (e.g. {path / 'xapi-queue.jsonl'})")
    if path.exists() and not path.is_file():
        raise XapiError(f"{path}: the --queue is not a regular file (a device, pipe or socket); give a file name")


def read_queue(path: Path) -> list[dict[str, Any]]:
    """Queued batches: {"lrs": URL, "statements": [...]} per line (no credentials are ever stored).

    Read with a size limit; a damaged queue is an XapiError and is left as it is."""
    if not path.exists():
        return []
    try:
        raw = read_limited(path, MAX_QUEUE_BYTES)
    except FileProblem as exc:
        raise XapiError(f"the offline queue: {exc.render('en')}") from None
    batches = []
    for n, line in enumerate(raw.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            batch = json.loads(line.decode("utf-8"))
            if not isinstance(batch, dict) or not isinstance(batch.get("statements"), list) \
                    or not all(isinstance(st, dict) and isinstance(st.get("id"), str) for st in batch["statements"]):
                raise ValueError("not a batch")
        except (ValueError, UnicodeDecodeError):
            raise XapiError(f"{path}:{n}: this line of the offline queue is damaged; the queue is left as it "
                            f"is — move it aside to start a new one (the logs can be exported again)") from None
        batches.append(batch)
    return batches


def write_queue(path: Path, batches: list[dict[str, Any]]) -> None:
    """Rewrite the queue atomically (empty: the file is removed); a failure is an XapiError and the
    previous queue stays as it was."""
    try:
        if not batches:
            path.unlink(missing_ok=True)
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, "".join(json.dumps(b, ensure_ascii=False, sort_keys=True) + "\n" for b in batches))
    except OSError as exc:
        raise XapiError(f"{path}: cannot write the offline queue: {exc.strerror or exc}; the previous queue is "
                        f"unchanged and the logs can be exported again") from None


CHUNK = 1000  # statements per POST


@contextmanager
def queue_lock(queue: Path) -> Iterator[None]:
    """Hold the queue for one export at a time (an flock on the queue's folder, so no lock file is left
    behind): two exports running at once cannot overwrite each other's queued statements. Without
    fcntl (Windows) there is no lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on the platforms we test
        yield
        return
    folder = queue.parent if str(queue.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise XapiError(f"{folder}: cannot use the folder of the offline queue: {exc.strerror or exc}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def send(lrs: str, user: str | None, password: str | None, batches: list[list[dict[str, Any]]],
         queue: Path) -> tuple[int, int]:
    """Flush the queue for this LRS together with the new statements; what cannot be delivered is queued.

    Everything goes in as few POSTs as possible (Ralph's file backend accepts one write per file).
    Exports running at the same time take turns (queue_lock). Returns (statements delivered, queued)."""
    with queue_lock(queue):
        return _send(lrs, user, password, batches, queue)


def _send(lrs: str, user: str | None, password: str | None, batches: list[list[dict[str, Any]]],
          queue: Path) -> tuple[int, int]:
    url = statements_url(lrs)
    waiting = read_queue(queue)
    pending = [st for b in waiting if b.get("lrs") == url for st in b["statements"]]
    pending += [st for batch in batches for st in batch]
    pending = list({st["id"]: st for st in reversed(pending)}.values())[::-1]  # each statement once, in order
    others = [b for b in waiting if b.get("lrs") != url]
    delivered = 0
    for start in range(0, len(pending), CHUNK):
        chunk = pending[start:start + CHUNK]
        try:
            post_statements(lrs, user, password, chunk)
        except OSError as exc:
            print(f"warning: the LRS at {lrs} is not reachable ({exc}); statements are queued in {queue}",
                  file=sys.stderr)
            left = pending[start:]
            write_queue(queue, others + [{"lrs": url, "statements": left}])
            return delivered, len(left)
        except XapiError as exc:
            write_queue(queue, others + [{"lrs": url, "statements": pending[start:]}])
            raise XapiError(f"{exc}; the statements are kept in {queue} for the next try") from None
        delivered += len(chunk)
    write_queue(queue, others)
    return delivered, 0


def export_command(args: Any) -> int:
    """The `export-xapi` sub-command: every argument is checked before a log is read or a byte sent."""
    if not args.lrs and not args.out:
        raise XapiError("give --lrs URL (with --user and --password) or --out FILE")
    lrs = check_lrs(args.lrs) if args.lrs else None
    queue = Path(args.queue) if args.queue else default_queue()
    if lrs:
        check_queue_path(queue)
    if args.out:
        check_out_path(args.out, make=False)
    batches = [session_statements(load_session(p)) for p in args.logs]
    if args.out:
        flat = [st for batch in batches for st in batch]
        write_output(args.out, (json.dumps(flat, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8"))
        print(f"wrote {len(flat)} statements to {args.out}")
    if lrs:
        delivered, queued = send(lrs, args.user, args.password, batches, queue)
        print(f"delivered {delivered} statements to {statements_url(lrs)}" +
              (f"; {queued} queued for the next try" if queued else ""))
    return 0
