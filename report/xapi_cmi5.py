"""A cmi5 launch: how an LMS starts Ketenspel as an assignable unit (AU) and where its statements go
(cmi5 spec, section 8: "Content Launch Mechanisms"; issue 19, item 3).

The LMS opens the AU with a launch URL whose query carries `endpoint` (the LRS), `fetch` (a one-time
URL that hands out the session's authorization token), `actor` (the learner as an xAPI Agent, JSON),
`registration` (a UUID) and `activityId` (the AU's id). The AU POSTs once to `fetch` and gets
`{"auth-token": "…"}`, which it sends as `Authorization: Basic <token>` to the endpoint (§8.2). It reads
the LMS's `LMS.LaunchData` state document (§10) when the LRS offers it: the mastery score, the launch
mode and the context template (with the cmi5 session id) the AU must use. The LMS itself records
`launched`; the AU sends initialized … terminated with the launch's actor, registration and activity."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any

from report.xapi_actor import XapiError

LAUNCH_PARAMETERS = ("endpoint", "fetch", "actor", "registration", "activityId")
"""The query parameters of a cmi5 launch URL (§8.1)."""
FETCH_ERRORS = {"1": "the token was already fetched (the fetch URL works once per launch)",
                "2": "the launch session has expired or is not known", "3": "the LMS had a general problem"}
"""cmi5 §8.2.3: the error codes a fetch URL may answer with."""
ANSWER_BYTES = 1 << 16


@dataclass
class Cmi5Launch:
    """What an LMS's launch URL says, plus what the AU learns at launch: the session's token and the
    LMS.LaunchData state (mastery score, launch mode, context template)."""

    endpoint: str
    fetch: str | None
    actor: dict[str, Any]
    registration: str
    activity_id: str
    token: str | None = None
    mastery: float | None = None
    launch_mode: str = "Normal"
    context_extensions: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _http_url(text: str, what: str) -> str:
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise XapiError(f'--cmi5-launch: the {what} "{text}" is not an http(s) address')
    return text


def _agent(text: str) -> dict[str, Any]:
    """The launch's `actor`: cmi5 §8.1.2 — a JSON Agent identified by an account (homePage and name)."""
    try:
        actor = json.loads(text)
    except ValueError:
        raise XapiError("--cmi5-launch: the actor is not JSON; the LMS gives the learner as an xAPI Agent, e.g. "
                        'actor={"objectType":"Agent","account":{"homePage":"https://lms.example.org",'
                        '"name":"1625378"}}') from None
    account = actor.get("account") if isinstance(actor, dict) else None
    if not isinstance(account, dict) or not isinstance(account.get("homePage"), str) \
            or not isinstance(account.get("name"), str) or actor.get("objectType", "Agent") != "Agent":
        raise XapiError("--cmi5-launch: the actor must be an Agent with an account (homePage and name), as cmi5 "
                        "requires; a Group cannot be launched")
    return {**actor, "objectType": "Agent"}


def parse_launch_url(url: str) -> Cmi5Launch:
    """The launch parameters of a cmi5 launch URL; a missing or malformed one is an XapiError saying which."""
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url.strip()).query, keep_blank_values=True)
    got = {k: v[-1] for k, v in query.items() if v}
    missing = [k for k in ("endpoint", "actor", "registration", "activityId") if not got.get(k)]
    if missing:
        raise XapiError(f"--cmi5-launch: the launch URL lacks {', '.join(missing)}; give the whole URL the LMS "
                        f"launched Ketenspel with (…?endpoint=…&fetch=…&actor=…&registration=…&activityId=…)")
    try:
        registration = str(uuid.UUID(got["registration"]))
    except ValueError:
        raise XapiError(f'--cmi5-launch: the registration "{got["registration"]}" is not a UUID') from None
    return Cmi5Launch(_http_url(got["endpoint"], "endpoint"), _http_url(got["fetch"], "fetch URL") if got.get("fetch")
                      else None, _agent(got["actor"]), registration, got["activityId"])


def fetch_token(launch: Cmi5Launch, timeout: float = 10.0) -> str:
    """POST to the launch's fetch URL once and return its `auth-token` (cmi5 §8.2)."""
    req = urllib.request.Request(launch.fetch or "", data=b"", method="POST")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            answer = json.loads(resp.read(ANSWER_BYTES).decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise XapiError(f"--cmi5-launch: the LMS's fetch URL answered {exc.code}; launch Ketenspel again from "
                        f"the LMS") from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise XapiError(f"--cmi5-launch: no token from the LMS's fetch URL ({reason}); launch Ketenspel again from "
                        f"the LMS") from None
    if isinstance(answer, dict) and isinstance(answer.get("auth-token"), str) and answer["auth-token"]:
        return answer["auth-token"]
    code = str(answer.get("error-code")) if isinstance(answer, dict) else "?"
    why = FETCH_ERRORS.get(code, "its answer holds no auth-token")
    raise XapiError(f"--cmi5-launch: the LMS gave no token: {why}; launch Ketenspel again from the LMS")


def read_launch_data(launch: Cmi5Launch, timeout: float = 10.0) -> None:
    """Read the LMS.LaunchData state document (cmi5 §10.2) into the launch: masteryScore, launchMode and
    the contextTemplate's extensions (the LMS's cmi5 session id). An LRS without the State API (Ralph
    offers statements only) leaves the launch as it is, with a note."""
    params = urllib.parse.urlencode({"stateId": "LMS.LaunchData", "activityId": launch.activity_id,
                                     "agent": json.dumps(launch.actor, separators=(",", ":")),
                                     "registration": launch.registration})
    req = urllib.request.Request(launch.endpoint.rstrip("/") + "/activities/state?" + params,
                                 headers={"X-Experience-API-Version": "1.0.3"})
    if launch.token:
        req.add_header("Authorization", f"Basic {launch.token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = json.loads(resp.read(ANSWER_BYTES).decode("utf-8"))
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "code", None) or getattr(exc, "reason", None) or exc
        launch.notes.append(f"the LMS.LaunchData state could not be read ({reason}); the mastery score is "
                            f"--mastery's and the cmi5 session id Ketenspel's own")
        return
    if not isinstance(data, dict):
        return
    if isinstance(data.get("masteryScore"), (int, float)) and 0 <= data["masteryScore"] <= 1:
        launch.mastery = float(data["masteryScore"])
    if data.get("launchMode") in ("Normal", "Browse", "Review"):
        launch.launch_mode = data["launchMode"]
    ext = ((data.get("contextTemplate") or {}).get("extensions") or {}) if isinstance(data.get("contextTemplate"),
                                                                                     dict) else {}
    if isinstance(ext, dict):
        launch.context_extensions = dict(ext)


def open_launch(url: str, timeout: float = 10.0) -> Cmi5Launch:
    """Everything an AU does when the LMS launches it: parse the URL, fetch the token (when a fetch URL
    is given) and read the launch data."""
    launch = parse_launch_url(url)
    if launch.fetch:
        launch.token = fetch_token(launch, timeout)
    read_launch_data(launch, timeout)
    return launch
