"""The debrief's one page per team (issue 19, item 1): what the trainer projects and hands out first.

One A4 page and one 1280×720 slide: what happened to the children, the team's and each role's scores,
the three key moments (day, role, what was or was not done), the gap to the expert on the same seed,
and three discussion questions. Everything else about the session follows as an appendix."""

from __future__ import annotations

from dataclasses import dataclass

from report.document import Bullets, Cell, Para, Section, Table
from report.expert import StepTimes, meets
from report.facts import SessionFacts, day
from report.labels import role_name
from report.questions import discussion_questions
from report.scores import DIMENSIONS, score_session
from report.session import SessionData
from report.texts import Words
from scoring.rules import join_names

STATUS_TONE = {"harmed": "bad", "softened": "warn", "safe_supported": "good", "safe_unsupported": "warn"}
KEYS = ("total",) + DIMENSIONS


def team_name(i: int, s: SessionData, w: Words, names: list[str] | None = None) -> str:
    """How a team is called in the debrief: the name the trainer gave (`report --name`), else the
    session's own team name (log header `team`), else the players' names, else "Team 1", "Team 2" …
    A policy that played every role (a test run) is added in brackets; a LAN session is not labelled
    by its transport ("lan" is how it was played, not who)."""
    if names and i < len(names) and names[i].strip():
        return names[i].strip()
    if str(s.header.get("team") or "").strip():
        return str(s.header["team"]).strip()
    people = sorted(set(s.player_names.values()))
    if people:
        return join_names(people, w.lang)
    label = w("team_n", n=i + 1)
    return f"{label} ({s.policy})" if s.policy and s.policy != "lan" else label


def status_cell(f: SessionFacts, child: str, w: Words) -> Cell:
    """A child's end state as a coloured cell ("Schade", "Veilig en geholpen" …)."""
    out = f.session.outcome
    if not out:
        return Cell("?", tone="muted")
    status = out["children"].get(child, {}).get("status", "")
    return Cell(w.label("status", status), tone=STATUS_TONE.get(status))


def day_cell(t: float | None, w: Words, none: str = "never") -> Cell:
    """A day, or a muted word ("nooit", "voorkomen") when it did not happen."""
    return Cell(w("day", d=day(t))) if t is not None else Cell(w(none), tone="muted")


def outcome_lead(f: SessionFacts, w: Words) -> Para:
    """The session's outcome in one coloured sentence."""
    out = f.session.outcome
    if not out:
        return Para(w("session_unfinished"), "warn")
    if out["incident"]:
        key = "incident_softened" if out.get("softened") else "incident_happened"
        return Para(w(key, d=day(out["incident_at"])), "warn" if out.get("softened") else "bad")
    return Para(w("incident_prevented"), "good")


@dataclass(frozen=True)
class Moment:
    """A key moment of the session: when, who, what was (or was not) done, how it weighs."""

    t: float
    role: str
    text: str
    tone: str
    rank: int


def _doer(st: StepTimes, session: SessionData) -> str | None:
    """The role that took an expected step at the team's time."""
    for r in session.of_type("action"):
        if r["t"] == st.team and meets(st.expectation, r):
            return r["role"]
    return None


def _who(roles: list[str], name, w: Words) -> str:
    """Who could have taken a step: one or two roles by name, more as "X en 3 anderen"."""
    if len(roles) <= 2:
        return join_names([name(r) for r in roles], w.lang)
    return w("and_others", first=name(roles[0]), n=len(roles) - 1)


def key_moments(f: SessionFacts, w: Words, count: int = 3) -> list[Moment]:
    """The `count` moments that matter most, in time order: expected steps the team never took (the
    scenario's expectations, each with its seed), privacy violations, steps taken late, then steps taken
    in time — so a strong team sees what went right, a weak team what was missed."""
    sc = f.session.scenario
    name = lambda r: role_name(sc, r, w)
    found: list[Moment] = []
    for st in f.steps:
        exp = st.expectation
        what = w.text(exp.text).rstrip(".")
        if st.team is None:
            if not exp.optional:
                who = _who(exp.roles, name, w)
                found.append(Moment(st.latest, who, w("km_missed", what=what, d=day(st.latest)), "bad", 0))
        elif st.team > st.latest:
            found.append(Moment(st.team, name(_doer(st, f.session) or exp.roles[0]),
                                w("km_late", what=what, d=day(st.latest)), "warn", 2))
        else:
            found.append(Moment(st.team, name(_doer(st, f.session) or exp.roles[0]), w("km_done", what=what),
                                "good", 3))
    for x in (f.scored or {}).get("findings", []):
        if x.get("severity") == "violation" and x.get("dimension") == "privacy":
            who = name(x["role"]) if x.get("role") else w("team_role")
            found.append(Moment(x.get("t") or 0.0, who, w.text(x.get("message")).rstrip("."), "bad", 1))
    chosen = sorted(found, key=lambda m: (m.rank, m.t))[:count]
    return sorted(chosen, key=lambda m: m.t)


def score_table(f: SessionFacts, w: Words) -> Table | Para:
    """Team and role scores side by side (0–100), the team's row first."""
    if f.scored is None:
        return Para(w("scores_absent"), "muted")
    score = f.scored["score"]
    rows = [[Cell(w("team_row"), bold=True)] + [Cell(_whole(score.get(k)), bold=True) for k in KEYS]]
    per_role = score.get("per_role") or {}
    sc = f.session.scenario
    for r in [x.id for x in sc.roles if x.id in per_role]:
        vals = per_role[r] if isinstance(per_role[r], dict) else {"total": per_role[r]}
        if all(vals.get(k) is None for k in KEYS):
            continue  # a role nothing was asked of: no row of dashes on a one-page summary
        rows.append([Cell(role_name(sc, r, w))] + [Cell(_whole(vals.get(k))) for k in KEYS])
    return Table([w("col_scores")] + [w(f"dim_{k}") for k in KEYS], rows, [3, 1, 1, 1, 1])


def _whole(v) -> str:
    return "—" if v is None else f"{float(v):.0f}"


def steps_in_time(f: SessionFacts, expert: bool = False) -> tuple[int, int]:
    """How many required expected steps were taken by their latest moment, of how many."""
    required = [st for st in f.steps if not st.expectation.optional]
    done = sum(1 for st in required if (st.expert if expert else st.team) is not None
               and (st.expert if expert else st.team) <= st.latest)
    return done, len(required)


def expert_gap(f: SessionFacts, w: Words) -> Table | Para:
    """The team beside the expert on the same seed: steps in time, full picture, first report,
    incident, total score."""
    if not isinstance(f.expert, SessionData):
        return Para(w("expert_unavailable", why=w("expert_no_policy") if f.expert == "no_expert_policy"
                      else f.expert), "muted")
    ex = SessionFacts(f.expert, with_expert=False)
    team_done, n = steps_in_time(f)
    expert_done, _ = steps_in_time(f, expert=True)
    rows = [[Cell(w("gap_steps")), Cell(w("x_of_n", x=team_done, n=n), tone="good" if team_done >= expert_done
                                        else "warn"), Cell(w("x_of_n", x=expert_done, n=n))],
            [Cell(w("moment_picture")), day_cell(f.knowledge.team_at, w), day_cell(ex.knowledge.team_at, w)],
            [Cell(w("moment_report")), day_cell(f.first_report_at, w), day_cell(ex.first_report_at, w)],
            [Cell(w("moment_incident")), day_cell(f.incident_at, w, "prevented"),
             day_cell(ex.incident_at, w, "prevented")]]
    expert_scored = score_session(f.expert) if f.scored is not None else None
    if f.scored is not None and expert_scored is not None:
        rows.append([Cell(w("dim_total")), Cell(_whole(f.scored["score"]["total"])),
                     Cell(_whole(expert_scored["score"]["total"]))])
    return Table([w("col_measure"), w("col_team"), w("col_expert")], rows, [4, 1.6, 1.6])


def team_page(f: SessionFacts, name: str, w: Words) -> Section:
    """The team's one page: a Section kept on one PDF page and shown as one slide (two columns)."""
    sc = f.session.scenario
    out = f.session.outcome or {}
    children = [[Cell(sc.person_by_id[c].name_in(w.lang) if c in sc.person_by_id else c, bold=True), status_cell(f, c, w),
                 Cell(w.text(res["text"]))] for c, res in out.get("children", {}).items()]
    blocks: list = [outcome_lead(f, w)]
    if children:
        blocks.append(Table([w("col_child"), w("col_status"), w("col_what")], children, [1.1, 1.5, 6]))
    blocks += [score_table(f, w), Para(w("gap_title"), "h3"), expert_gap(f, w)]
    left = len(blocks)
    moments = key_moments(f, w)
    rows = [[Cell(w("day", d=day(m.t))), Cell(m.role), Cell(m.text, tone=m.tone)] for m in moments]
    blocks += [Para(w("key_moments"), "h3"),
               Table([w("col_time"), w("col_role"), w("col_what_done")], rows, [0.9, 2.2, 6]) if rows
               else Para(w("key_moments_none"), "muted"),
               Para(w("sec_questions"), "h3"),
               Bullets([text for text, _source in discussion_questions(f, w)], numbered=True)]
    return Section(name, blocks, page_break=True, keep=True, slide=True, split=left)
