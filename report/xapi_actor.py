"""Who the xAPI statements are about, and the organisation's settings for its LMS (issue 19, item 3).

Each learner is an xAPI Agent with an `account` on the organisation's home page (the LMS address,
`--homepage` or KETENSPEL_XAPI_HOMEPAGE); a team is a Group of its members. By default names are
pseudonymised: the account name is a keyed hash (HMAC-SHA256) of the name with a secret salt per
organisation (KETENSPEL_XAPI_SALT, else a salt made once in the data folder, owner-only), so the LMS
sees the same learner again without ever seeing the name. An e-mail address given as the name
becomes `mbox_sha1sum` (the form xAPI defines for a hashed address). Clear-text names only with
`--no-pseudonymise`. A learner without a name gets a pseudonym of the session and the role."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from report.session import SessionData

ENV_HOMEPAGE = "KETENSPEL_XAPI_HOMEPAGE"
ENV_SALT = "KETENSPEL_XAPI_SALT"
ENV_MASTERY = "KETENSPEL_XAPI_MASTERY"
ENV_LRS = "KETENSPEL_LRS"
ENV_LRS_USER = "KETENSPEL_LRS_USER"
ENV_LRS_PASSWORD = "KETENSPEL_LRS_PASSWORD"
DEFAULT_MASTERY = 0.7
"""The scaled score (0–1) at which an attempt is `passed`: 70 of 100 points, unless the course says otherwise."""


class XapiError(Exception):
    """The LRS refused the statements (bad credentials, invalid statements) or the arguments are wrong."""


def data_dir() -> Path:
    """The folder of the results store, the offline queue and the pseudonym salt."""
    from report.store import default_db_path

    return default_db_path().parent


def check_homepage(text: str) -> str:
    """The organisation's home page must be an http(s) address (xAPI: an account's homePage is an IRL)."""
    parts = urllib.parse.urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or any(c.isspace() for c in text.strip()):
        raise XapiError(f'--homepage "{text}" is not an http(s) address; give the address of your organisation\'s '
                        f"LMS, e.g. --homepage https://lms.example.org")
    return text.strip()


def salt(folder: Path | None = None) -> str:
    """The organisation's secret salt for pseudonyms: KETENSPEL_XAPI_SALT, else `xapi-salt` in the data
    folder, made once (owner-only). Copy that file (or set the variable) on every trainer's machine of
    one organisation, so that one learner keeps one pseudonym."""
    if os.environ.get(ENV_SALT):
        return os.environ[ENV_SALT]
    path = (folder or data_dir()) / "xapi-salt"
    try:
        return path.read_text(encoding="utf-8").strip() or _new_salt(path)
    except FileNotFoundError:
        return _new_salt(path)
    except OSError as exc:
        raise XapiError(f"{path}: cannot read the pseudonym salt: {exc.strerror or exc}") from None


def _new_salt(path: Path) -> str:
    value = secrets.token_hex(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(value + "\n")
    except FileExistsError:  # another export made it a moment ago: use theirs
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise XapiError(f"{path}: cannot keep the pseudonym salt: {exc.strerror or exc}; set {ENV_SALT} "
                        f"instead") from None
    return value


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def pseudonym(name: str, key: str) -> str:
    """A stable, non-reversible account name for a learner within one organisation (HMAC-SHA256)."""
    return "k-" + hmac.new(key.encode("utf-8"), _normal(name).encode("utf-8"), hashlib.sha256).hexdigest()[:24]


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass
class Identity:
    """How learners appear in the statements: the organisation's LMS home page and whether names are hidden."""

    homepage: str
    pseudonymise: bool = True
    key: str = ""
    notes: list[str] = field(default_factory=list)

    def agent(self, name: str | None, stand_in: str) -> dict[str, Any]:
        """One learner; without a name, the `stand_in` (session and role) is pseudonymised instead."""
        if name and EMAIL.match(name.strip()):
            mbox = "mailto:" + name.strip().lower()
            if self.pseudonymise:
                return {"objectType": "Agent", "mbox_sha1sum": hashlib.sha1(mbox.encode()).hexdigest()}
            return {"objectType": "Agent", "mbox": mbox}
        if name and not self.pseudonymise:
            return {"objectType": "Agent", "name": name, "account": {"homePage": self.homepage, "name": name}}
        return {"objectType": "Agent", "account": {"homePage": self.homepage,
                                                   "name": pseudonym(name or stand_in, self.key)}}


def learners(session: SessionData, names: dict[str, str]) -> dict[str, list[str]]:
    """Per role played by people, who played it: `--name` first, then the names in the log's header."""
    out = {role: list(people) for role, people in session.learners.items() if role in session.players}
    out.update({role: [n] for role, n in names.items()})
    return out


def parse_names(session: SessionData, given: list[str] | None) -> dict[str, str]:
    """`--name NAME` (a solo game: the one player) or `--name ROLE=NAME` (per role of a team)."""
    out: dict[str, str] = {}
    for text in given or []:
        role, sep, name = text.partition("=")
        if sep and role.strip() in session.scenario.role_by_id:
            if role.strip() not in session.players:
                raise XapiError(f'--name {text}: "{role.strip()}" was played by the computer in {session.path}')
            out[role.strip()] = name.strip()
        elif len(session.players) == 1:
            out[session.players[0]] = text.strip()
        else:
            raise XapiError(f"--name {text}: {session.path} is a team game; write --name ROLE=NAME "
                            f"(roles: {', '.join(session.players)})")
    return out


def session_actor(session: SessionData, ident: Identity, names: dict[str, str]) -> tuple[dict[str, Any],
                                                                                          dict[str, dict[str, Any]]]:
    """The actor of the session's statements (one learner's Agent, or the team's Group) and each
    role's own Agent (for that role's decisions)."""
    people = learners(session, names)
    per_role: dict[str, dict[str, Any]] = {}
    members: list[dict[str, Any]] = []
    unnamed = [r for r in session.players if not people.get(r)]
    for role in session.players:
        agents = [ident.agent(n, f"{session.session_id}/{role}") for n in people.get(role) or [None]]
        if len(agents) == 1:
            per_role[role] = agents[0]
        members += [a for a in agents if a not in members]
    if unnamed:
        ident.notes.append(f"{session.path}: no learner name for {', '.join(unnamed)} (give --name); "
                           f"the actor is a pseudonym of this session")
    if len(members) == 1:
        return members[0], per_role
    team = session.header.get("team")
    group: dict[str, Any] = {"objectType": "Group",
                             "account": {"homePage": ident.homepage, "name": f"team-{session.session_id}"},
                             "member": members}
    if isinstance(team, str) and team.strip() and not ident.pseudonymise:
        group["name"] = team.strip()
    return group, per_role


def actor_key(actor: dict[str, Any]) -> str:
    """The actor's identity as text (part of the statement ids: another actor, other statements)."""
    ifi = {k: actor[k] for k in ("mbox", "mbox_sha1sum", "account") if k in actor}
    return json.dumps(ifi, sort_keys=True)
