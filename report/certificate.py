"""A one-page certificate of a solo e-learning attempt: who played which role in which family, when,
the score per dimension (the player's own role, issue 14), how the family fared, and the three most
important lessons with their public sources (issue 17, item 9).

Built as a small Document, rendered with the report's PDF renderer: the same log, name and date
always give the same bytes."""

from __future__ import annotations

from typing import Any

from report.document import Bullets, Cell, Document, Para, Section, Table
from report.facts import day
from report.labels import role_name
from report.scores import DIMENSIONS, SEVERITY_ORDER, score_session
from report.session import ReportError, SessionData
from report.texts import Words

LESSONS = 3


def player_role(session: SessionData) -> str:
    """The role the learner played: a solo session has exactly one player."""
    if len(session.players) != 1:
        raise ReportError("a certificate is for a solo game (one player); this session had "
                          f"{len(session.players)} players — use `report` for a team")
    return session.players[0]


def lessons(scored: dict[str, Any] | None, role: str, count: int = LESSONS) -> list[dict[str, Any]]:
    """The findings about the player's own conduct that teach most: violations first, then warnings,
    then what went well, earliest first within each; one per rule, and from as many dimensions
    (timeliness, privacy, feedback) as there are, so the three lessons are three different things."""
    rank = {**SEVERITY_ORDER, "praise": len(SEVERITY_ORDER)}
    own = sorted((f for f in (scored or {}).get("findings", []) if f.get("role") == role and f.get("severity") in rank),
                 key=lambda f: (rank[f["severity"]], f.get("t") or 0, f.get("rule", "")))
    faults = [f for f in own if f["severity"] != "praise"]
    praise = [f for f in own if f["severity"] == "praise"]
    picked: list[dict[str, Any]] = []
    for group, spread in ((faults, True), (faults, False), (praise, True), (praise, False)):
        for f in group:  # faults before praise; within each, one per dimension first, then fill up
            if len(picked) == count:
                return picked
            if any(p.get("rule") == f.get("rule") or (spread and p.get("dimension") == f.get("dimension"))
                   for p in picked):
                continue
            picked.append(f)
    return picked


def _as_role(sc, role: str, w: Words) -> str:
    """"als leerkracht" / "as class teacher": the role's name as a common noun; a proper name (Veilig
    Thuis) and an abbreviation (IB'er) keep their capitals."""
    text = role_name(sc, role, w)
    kind = sc.role_kind(role) if role in sc.role_by_id else None
    if (kind is not None and kind.proper) or len(text) < 2 or not text[1].islower():
        return text
    return text[0].lower() + text[1:]


def write_certificate(log: str, out: str, lang: str = "nl", name: str | None = None,
                      created_text: str | None = None) -> None:
    """Write the certificate of the solo game in `log` as a PDF (atomically; exit problems as ReportError)."""
    from report.render import date_in_words, parse_created, write_document
    from report.session import load_session

    created = parse_created(created_text)
    doc = certificate_document(load_session(log), lang, date_in_words(created, lang), name)
    write_document(doc, out, "pdf", created)


def certificate_document(session: SessionData, lang: str, created: str, name: str | None = None) -> Document:
    """The certificate of one solo session, in `lang`."""
    w = Words(lang)
    sc = session.scenario
    role = player_role(session)
    scored = score_session(session)
    out = session.outcome
    if out is None:
        raise ReportError("this game was not played to the end; a certificate is given for a finished game")
    person = name or session.player_names.get(role) or w("cert_no_name")
    blocks: list = [
        Para(w("cert_statement", name=person, role=_as_role(sc, role, w), family=w.text(sc.meta.title)), "lead"),
        Para(w("cert_when", date=created, partners=w(f"partners_{session.partners or 'competent'}")), "muted"),
    ]
    if scored is None:
        blocks.append(Para(w("scores_absent"), "muted"))
    else:
        mine = scored["score"].get("per_role", {}).get(role) or {}
        keys = ("total",) + DIMENSIONS
        rows = [[Cell(w(f"dim_{k}"), bold=k == "total"),
                 Cell("—" if mine.get(k) is None else f"{float(mine[k]):.0f}", bold=k == "total")] for k in keys]
        blocks += [Para(w("cert_scores"), "h3"), Table([w("col_dimension"), "0–100"], rows, [3, 1])]
    if out.get("incident"):
        key = "incident_softened" if out.get("softened") else "incident_happened"
        blocks.append(Para(w(key, d=day(out["incident_at"])), "warn" if out.get("softened") else "bad"))
    else:
        blocks.append(Para(w("incident_prevented"), "good"))
    picked = lessons(scored, role)
    if picked:
        blocks.append(Para(w("cert_lessons"), "h3"))
        blocks.append(Bullets([f"{w.text(f.get('message'))} ({w.text(f.get('cite')) or w('cert_no_source')})"
                               for f in picked], numbered=True))
    title = w("cert_title")
    return Document(title=title, subtitle=w.text(sc.meta.title), created=created, lang=lang,
                    sections=[Section(person, blocks)])
