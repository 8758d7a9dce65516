"""xAPI statements of a session, shaped as cmi5 for an LMS (issues 8 and 19).

Per attempt: launched → initialized → experienced (key moments of the case) and answered (each decision
of the players) → completed → passed|failed → terminated. The cmi5-defined statements carry the cmi5
category, the launch's `registration` and the cmi5 session id; passed and failed compare the learner's
scaled score with the mastery score (0.7 unless the course says otherwise) — a pass is a score, not
the mere absence of the incident. Timestamps are the REAL moments the log recorded (`wall`, sim.log);
the simulated time sits in a context extension; durations are real play time (e.g. PT23M), never the
seventy simulated days. Activity ids name the action and its object (role, child, recipient …) and
each id always has the same definition. The same log and options always give the same statements,
with the same ids, so sending twice stores nothing twice."""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ruamel.yaml import YAML

from report.facts import SessionFacts
from report.labels import role_name
from report.scores import DIMENSIONS
from report.session import SessionData
from report.texts import Words, texts
from report.xapi_actor import (
    DEFAULT_MASTERY,
    Identity,
    XapiError,
    actor_key,
    parse_names,
    session_actor,
)
from report.xapi_cmi5 import Cmi5Launch

__all__ = ["Launch", "XapiError", "iso_duration", "session_statements"]

NAMESPACE = uuid.UUID("6f1c2a52-5b7e-4c55-9d0c-6b6574656e73")  # fixed: stable statement ids
ADL = "http://adlnet.gov/expapi/verbs/"
CMI5 = "https://w3id.org/xapi/cmi5/context/"
CMI5_CATEGORY = CMI5 + "categories/cmi5"
MOVEON_CATEGORY = CMI5 + "categories/moveon"
CMI5_SESSION = CMI5 + "extensions/sessionid"
CMI5_MASTERY = CMI5 + "extensions/masteryscore"
CMI5_LAUNCHMODE = CMI5 + "extensions/launchmode"
CMI5_MOVEON = CMI5 + "extensions/moveon"
EXT = "urn:ketenspel:extension:"
EXT_HOURS = EXT + "simulated-hours"
EXT_SEED = EXT + "seed"
EXT_ROLE = EXT + "role"
EXT_CLOCK = EXT + "real-clock"
EXT_DIMENSIONS = EXT + "dimension-scores"
EXT_ROLES = EXT + "role-scores"
EXT_FINDINGS = EXT + "findings"
EXT_INCIDENT = EXT + "incident"
#: The parts of an action that say what it was done to or with (they make up its activity id).
OBJECT_FIELDS = ("child", "to", "from", "kind", "purpose", "request", "conversation", "choice")
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/interaction"


@cache
def _words() -> dict[str, Any]:
    text = resources.files("report").joinpath("data/xapi.yaml").read_text(encoding="utf-8")
    return YAML(typ="safe").load(text)


def _lang_map(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {"nl-NL": value.get("nl", ""), "en-US": value.get("en", "")}
    return {"nl-NL": getattr(value, "nl", str(value)), "en-US": getattr(value, "en", str(value))}


@dataclass
class Launch:
    """What the LMS and the organisation decide: who the learners are, the cmi5 launch parameters
    (`registration`, the AU's `activityId`) and the mastery score. With `cmi5` (an LMS's launch URL,
    report.xapi_cmi5) the launch's actor, registration, activity and context template are used for
    every statement, and `launched` is left to the LMS that recorded it."""

    identity: Identity
    registration: str | None = None
    activity_id: str | None = None
    mastery: float = DEFAULT_MASTERY
    names: list[str] = field(default_factory=list)
    cmi5: Cmi5Launch | None = None


def iso_duration(seconds: float) -> str:
    """Real time as an ISO 8601 duration in hours, minutes and seconds: PT23M, PT1H5M, PT40S."""
    total = max(0, round(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    text = "".join(f"{v}{u}" for v, u in ((h, "H"), (m, "M"), (s, "S")) if v)
    return "PT" + (text or "0S")


def _moment(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)


class RealClock:
    """The real moment of every record: its own `wall`, else the last one before it (the first one
    after it for records before any). A log without any real moment (a headless `run`, or a log from
    before the real clock was kept) falls back on the file's modification time, with no duration."""

    def __init__(self, session: SessionData):
        stamps = [session.header.get("wall"), *(r.get("wall") for r in session.records)]
        known = [s for s in stamps if isinstance(s, str)]
        self.from_log = bool(known)
        if not known:
            try:
                mtime = os.stat(session.path).st_mtime
            except OSError:
                raise XapiError(f"{session.path}: the log has no real clock and no file time") from None
            known = [dt.datetime.fromtimestamp(int(mtime), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")]
        last = known[0]
        self.stamps = []
        for s in stamps:
            last = s if isinstance(s, str) else last
            self.stamps.append(last)
        self.start, self.end = self.stamps[0], self.stamps[-1]

    def at(self, index: int) -> str:
        """The real moment of record `index` (0-based in session.records)."""
        return self.stamps[index + 1]

    def duration(self, until: str) -> str | None:
        """Real play time from the start to `until`; None when the log has no real clock."""
        if not self.from_log:
            return None
        return iso_duration((_moment(until) - _moment(self.start)).total_seconds())


def decision_id(rec: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The path of a decision below the scenario — role, action and its object — and those parts."""
    act = rec["action"]
    parts = {k: str(act[k]) for k in OBJECT_FIELDS if isinstance(act.get(k), (str, int)) and str(act[k])}
    path = "/".join([rec["role"], str(act.get("do")), *(f"{k}/{v}" for k, v in parts.items())])
    return path, parts


def decision_name(session: SessionData, role: str, do: str, parts: dict[str, str]) -> dict[str, str]:
    """The decision's name from its id's parts only, so one id has one definition."""
    sc = session.scenario
    own = (_words().get("actions") or {}).get(do)
    out = {}
    for lang, tag in (("nl", "nl-NL"), ("en", "en-US")):
        w = Words(lang)
        child = parts.get("child")
        values = {"child": sc.person_by_id[child].name if child in sc.person_by_id else w("the_child"),
                  "to": role_name(sc, parts.get("to", ""), w), "from": role_name(sc, parts.get("from", ""), w),
                  "kind": parts.get("kind", "").upper(), "purpose": w.label("purpose", parts.get("purpose")),
                  "n": ""}
        template = own[lang] if own else (texts().get(f"act_{do}") or {}).get(lang, do)
        out[tag] = f"{role_name(sc, role, w)}: {template.format(**values)}"
    return out


def learner_score(session: SessionData, scored: dict[str, Any] | None) -> dict[str, float]:
    """The score of the actor: the player's own role in a solo game (issue 14), else the team's."""
    if not scored:
        return {}
    score = scored["score"]
    if len(session.players) == 1:
        score = (score.get("per_role") or {}).get(session.players[0]) or {}
    return {k: float(score[k]) for k in ("total", *DIMENSIONS) if score.get(k) is not None}


def finding_counts(session: SessionData, scored: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Findings per rule, dimension and severity with their count (a solo player's own role only)."""
    own = session.players[0] if len(session.players) == 1 else None
    counts = Counter((f.get("rule"), f.get("dimension"), f.get("severity"))
                     for f in (scored or {}).get("findings", []) if own is None or f.get("role") == own)
    return [{"rule": r, "dimension": d, "severity": s, "count": n}
            for (r, d, s), n in sorted(counts.items(), key=lambda kv: tuple(map(str, kv[0])))]


class StatementBuilder:
    """Builds the statements of one session; all share registration and cmi5 session id."""

    def __init__(self, session: SessionData, launch: Launch):
        self.s = session
        self.launch = launch
        self.activity = launch.activity_id or f"urn:ketenspel:scenario:{session.scenario.meta.id}"
        self.registration = launch.registration or str(uuid.uuid5(NAMESPACE, session.session_id))
        self.template: dict[str, Any] = {}
        if launch.cmi5 is not None:  # cmi5 §9.2: the launch's Agent is the actor of every statement
            self.activity, self.registration = launch.cmi5.activity_id, launch.cmi5.registration
            self.actor, self.role_agents = launch.cmi5.actor, {}
            self.template = launch.cmi5.context_extensions
        else:
            self.actor, self.role_agents = session_actor(session, launch.identity,
                                                         parse_names(session, launch.names))
        self.clock = RealClock(session)
        if not self.clock.from_log:
            launch.identity.notes.append(f"{session.path}: the log has no real clock (a headless run, or a log "
                                         f"made before it was kept); the statements carry the file's time and "
                                         f"no duration")
        self._key = f"{session.session_id}/{self.registration}/{actor_key(self.actor)}/{self.activity}"
        self.n = 0

    def statement(self, verb: str, when: str, t: float, obj: dict[str, Any] | None = None,
                  result: dict[str, Any] | None = None, actor: dict[str, Any] | None = None,
                  categories: tuple[str, ...] = (), extensions: dict[str, Any] | None = None) -> dict[str, Any]:
        """One statement at the real moment `when` (simulated time t hours in a context extension)."""
        self.n += 1
        context: dict[str, Any] = {"registration": self.registration,
                                   "extensions": {CMI5_SESSION: self.s.session_id, EXT_HOURS: t,
                                                  EXT_SEED: self.s.seed, **(extensions or {}), **self.template}}
        if categories:
            context["contextActivities"] = {"category": [{"id": c, "objectType": "Activity"} for c in categories]}
        out = {"id": str(uuid.uuid5(NAMESPACE, f"{self._key}/{self.n}")), "actor": actor or self.actor,
               "verb": {"id": ADL + verb, "display": _lang_map(_words()["verbs"][verb])},
               "object": obj or self.scenario_object(), "context": context, "timestamp": when}
        if result is not None:
            out["result"] = result
        return out

    def scenario_object(self) -> dict[str, Any]:
        """The scenario as the activity (the cmi5 assignable unit) the learners took part in."""
        sc = self.s.scenario
        return {"objectType": "Activity", "id": self.activity,
                "definition": {"name": _lang_map(sc.meta.title), "description": _lang_map(sc.meta.summary),
                               "type": SIMULATION}}

    def moment(self, path: str, name: dict[str, str] | Any) -> dict[str, Any]:
        """A key moment or decision as an activity below the scenario."""
        return {"objectType": "Activity", "id": f"{self.activity}/{path}",
                "definition": {"name": name if isinstance(name, dict) and "nl-NL" in name else _lang_map(name),
                               "type": INTERACTION}}


def _during(b: StatementBuilder) -> list[dict[str, Any]]:
    """experienced (world events, the incident) and answered (the players' decisions), in log order."""
    sc = b.s.scenario
    out = []
    for i, rec in enumerate(b.s.records):
        typ = rec.get("type")
        if typ == "event":
            ev = sc.event_by_id.get(rec["event"])
            name = ev.message if ev else {"nl": rec["event"], "en": rec["event"]}
            out.append(b.statement("experienced", b.clock.at(i), rec["t"], b.moment(f"event/{rec['event']}", name)))
        elif typ == "incident" and rec.get("happened"):
            out.append(b.statement("experienced", b.clock.at(i), rec["t"],
                                   b.moment(f"incident/{rec['incident']}", sc.incident.message)))
        elif typ == "action" and rec.get("by") == "player":
            path, parts = decision_id(rec)
            name = decision_name(b.s, rec["role"], str(rec["action"].get("do")), parts)
            out.append(b.statement("answered", b.clock.at(i), rec["t"], b.moment(f"decision/{path}", name),
                                   {"response": json.dumps(rec["action"], sort_keys=True, ensure_ascii=False)},
                                   actor=b.role_agents.get(rec["role"]), extensions={EXT_ROLE: rec["role"]}))
    return out


def session_statements(session: SessionData, launch: Launch) -> list[dict[str, Any]]:
    """The statements of one session, in order."""
    b = StatementBuilder(session, launch)
    f = SessionFacts(session, with_expert=False)
    cmi5 = (CMI5_CATEGORY,)
    start = b.clock.start
    out = [] if launch.cmi5 else [b.statement("launched", start, 0.0, categories=cmi5, extensions={
        CMI5_LAUNCHMODE: "Normal", CMI5_MOVEON: "CompletedAndPassed"})]  # under cmi5 the LMS says launched
    out.append(b.statement("initialized", start, 0.0, categories=cmi5, extensions={EXT_CLOCK: b.clock.from_log}))
    out += _during(b)
    if f.knowledge.team_at is not None:
        i = next((n for n, r in enumerate(session.records) if r.get("t", 0.0) >= f.knowledge.team_at), -1)
        out.append(b.statement("experienced", b.clock.at(i) if i >= 0 else b.clock.end, f.knowledge.team_at,
                               b.moment("moment/full_picture", _words()["full_picture"])))
    ends = [n for n, r in enumerate(session.records) if r.get("type") == "end"]
    last_t = max((r.get("t", 0.0) for r in session.records), default=0.0)
    judged = launch.cmi5 is None or launch.cmi5.launch_mode == "Normal"  # cmi5 §10.2.2: Browse/Review judge nothing
    if ends and judged:
        end_i, end_t = ends[-1], session.records[ends[-1]]["t"]
        when = b.clock.at(end_i)
        duration = {"duration": d} if (d := b.clock.duration(when)) else {}
        out.append(b.statement("completed", when, end_t, result={"completion": True, **duration},
                               categories=(CMI5_CATEGORY, MOVEON_CATEGORY)))
        score = learner_score(session, f.scored)
        if "total" in score:
            scaled = round(score["total"] / 100, 4)
            passed = scaled >= launch.mastery
            out.append(b.statement("passed" if passed else "failed", when, end_t, result={
                "success": passed, **duration,
                "score": {"scaled": scaled, "raw": score["total"], "min": 0, "max": 100},
                "extensions": {EXT_DIMENSIONS: {k: v for k, v in score.items() if k != "total"},
                               EXT_FINDINGS: finding_counts(session, f.scored),
                               EXT_INCIDENT: bool((session.outcome or {}).get("incident")),
                               **({EXT_ROLES: _role_scores(session, f.scored)} if len(session.players) > 1 else {})}},
                categories=(CMI5_CATEGORY, MOVEON_CATEGORY), extensions={CMI5_MASTERY: launch.mastery}))
    duration = {"duration": d} if (d := b.clock.duration(b.clock.end)) else {}
    out.append(b.statement("terminated", b.clock.end, last_t, result=duration or None, categories=cmi5))
    return out


def _role_scores(session: SessionData, scored: dict[str, Any] | None) -> dict[str, dict[str, float]]:
    per_role = (scored or {}).get("score", {}).get("per_role") or {}
    return {role: {k: float(v) for k, v in (per_role.get(role) or {}).items()
                   if k in ("total", *DIMENSIONS) and v is not None}
            for role in session.players if per_role.get(role)}
