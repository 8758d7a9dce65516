"""Assemble the debrief report for one session or a team comparison (issue 8, design.md `report`).

What the trainer hands out after the session: the case, what happened to the children, the timeline,
who knew what when, sharing and feedback, the expert path beside the team's, and three questions."""

from __future__ import annotations

from report.conversations import conversation_blocks
from report.document import Bullets, Cell, Chart, Document, Para, Section, Table
from report.expert import NO_POLICY
from report.facts import SessionFacts, day
from report.figures import bars, knowledge_curve, swimlane
from report.labels import action_sentence, role_name
from report.questions import discussion_questions
from report.scores import DIMENSIONS, faults
from report.session import SessionData
from report.texts import Words
from scoring.rules import cite_for

STATUS_TONE = {"harmed": "bad", "softened": "warn", "safe_supported": "good", "safe_unsupported": "warn"}


def team_label(i: int, s: SessionData, w: Words, many: bool) -> str:
    """How a session is named in the report: "Sessie 1 — expert, seed 7" (or the names the trainer typed)."""
    who = ", ".join(sorted(set(s.player_names.values()))) or s.policy or w("policy_players")
    return f"{w('session', n=i + 1)} — {who}" if many else who


def build_document(sessions: list[SessionData], lang: str, created: str,
                   expert_policy: str | None = None) -> Document:
    """The whole report for one or more sessions of the same scenario.

    `expert_policy`: a policy file to compare with instead of the scenario's expert policy."""
    w = Words(lang)
    sc = sessions[0].scenario
    facts = [SessionFacts(s, expert_policy=expert_policy) for s in sessions]
    many = len(sessions) > 1
    seeds = ", ".join(str(x) for x in sorted({s.seed for s in sessions}))
    doc = Document(w("report_title", title=w.text(sc.meta.title)),
                   w("subtitle", n=len(sessions), seeds=seeds, id=sc.meta.id), w("created", date=created), lang)
    doc.sections.append(_scenario_section(sessions, w, many))
    if many:
        doc.sections.append(_comparison(facts, w))
    for i, f in enumerate(facts):
        label = team_label(i, f.session, w, many)
        prefix = f"{label}: " if many else ""
        doc.sections += [
            Section(prefix + w("sec_outcome"), _outcome(f, w), page_break=many and i > 0),
            Section(prefix + w("sec_scores"), _scores(f, w)),
            Section(prefix + w("sec_swimlane"), _swimlane(f, w)),
            Section(prefix + w("sec_knowledge"), _knowledge(f, w)),
            Section(prefix + w("sec_privacy"), _privacy(f, w)),
            *_conversations(f, w, prefix),
            Section(prefix + w("sec_feedback"), _loops(f, w)),
            Section(prefix + w("sec_expert"), _expert(f, w)),
            Section(prefix + w("sec_questions"), _questions(f, w)),
        ]
    return doc


def _conversations(f: SessionFacts, w: Words, prefix: str) -> list[Section]:
    """The conversations with choices, when any was held (report.conversations)."""
    blocks = conversation_blocks(f.session, f.scored, w)
    return [Section(prefix + w("sec_conversations"), blocks)] if blocks else []


def _role(sc, r: str, w: Words) -> str:
    return role_name(sc, r, w)


def _scenario_section(sessions: list[SessionData], w: Words, many: bool) -> Section:
    sc = sessions[0].scenario
    people = [w("family_person", name=p.name, age=p.age, relation=w.text(p.relation)) for p in sc.family.persons]
    blocks = [Para(w.text(sc.meta.summary), "lead"), Bullets(people),
              Para(w("duration", weeks=round(sc.meta.duration / 168), date=sc.meta.start_date.isoformat()), "muted"),
              Para(w("sources", sources="; ".join(_cites(sc.meta.sources, w))), "muted")]
    for i, s in enumerate(sessions):
        if s.partners and s.players:
            line = w("session_line_solo", seed=s.seed, policy=s.policy or w("policy_players"),
                     role=w.text(sc.role_in_sentence(s.players[0])), partners=w(f"partners_{s.partners}"))
        else:
            line = w("session_line", seed=s.seed, policy=s.policy or w("policy_players"), roles=len(s.players))
        blocks.append(Para(f"{team_label(i, s, w, many)} · {s.session_id} · {line}", "muted"))
    return Section(w("sec_scenario"), blocks)


def _cites(sources, w: Words) -> list[str]:
    """The public sources behind seed references, each once, in the player's language: players see the
    source a trainer can look up, never the seed's file name (issue 14, item 8)."""
    out: list[str] = []
    for source in sources:
        text = w.text(cite_for(str(source)))
        if text not in out:
            out.append(text)
    return out


def _fmt_day(t: float | None, w: Words, none: str = "never") -> Cell:
    return Cell(w("day", d=day(t))) if t is not None else Cell(w(none), tone="muted")


def _comparison(facts: list[SessionFacts], w: Words) -> Section:
    sc = facts[0].session.scenario
    header = [w("col_measure")] + [team_label(i, f.session, w, True) for i, f in enumerate(facts)]
    rows = [[Cell(w("moment_incident"))] + [_fmt_day(f.incident_at, w, "prevented") for f in facts]]
    for child in sc.children:
        rows.append([Cell(child.name)] + [_status_cell(f, child.id, w) for f in facts])
    rows.append([Cell(w("moment_picture"))] + [_fmt_day(f.knowledge.team_at, w) for f in facts])
    rows.append([Cell(w("moment_report"))] + [_fmt_day(f.first_report_at, w) for f in facts])
    rows.append([Cell(w("loops_row"))] + [Cell(w("loops_summary", closed=f.loops_closed, total=len(f.loops)))
                                          for f in facts])
    rows.append([Cell(w("moment_actions"))] + [Cell(str(f.player_actions)) for f in facts])
    blocks = [Para(w("compare_intro")), Table(header, rows, [2.2] + [1.6] * len(facts))]
    scored = [f.scored for f in facts]
    if all(scored):
        labels = [w(f"dim_{d}") for d in ("total",) + DIMENSIONS]
        series = {team_label(i, f.session, w, True): [float(s["score"][k]) for k in ("total",) + DIMENSIONS]
                  for i, (f, s) in enumerate(zip(facts, scored))}
        blocks.append(Chart("compare_scores", lambda: bars(labels, series, w("sec_scores"))))
    return Section(w("sec_compare"), blocks)


def _status_cell(f: SessionFacts, child: str, w: Words) -> Cell:
    out = f.session.outcome
    if not out:
        return Cell("?", tone="muted")
    status = out["children"].get(child, {}).get("status", "")
    return Cell(w.label("status", status), tone=STATUS_TONE.get(status))


def _outcome(f: SessionFacts, w: Words) -> list:
    out = f.session.outcome
    sc = f.session.scenario
    if not out:
        return [Para(w("session_unfinished"), "warn")]
    if out["incident"]:
        key = "incident_softened" if out.get("softened") else "incident_happened"
        lead = Para(w(key, d=day(out["incident_at"])), "warn" if out.get("softened") else "bad")
    else:
        lead = Para(w("incident_prevented"), "good")
    rows = [[Cell(sc.person_by_id[c].name, bold=True) if c in sc.person_by_id else Cell(c),
             _status_cell(f, c, w), Cell(w.text(res["text"]))] for c, res in out["children"].items()]
    return [lead, Table([w("col_child"), w("col_status"), w("col_what")], rows, [1.2, 1.6, 6]),
            Para(w("final_risk", level=w.num(out.get("final_level", 0)), start=w.num(sc.risk.start)), "muted")]


def _scores(f: SessionFacts, w: Words) -> list:
    scored = f.scored
    if scored is None:
        return [Para(w("scores_absent"), "muted")]
    score = scored["score"]
    keys = ("total",) + DIMENSIONS
    rows = [[Cell(w(f"dim_{k}"), bold=k == "total"), Cell(f"{score[k]:.0f}", bold=k == "total")] for k in keys]
    blocks: list = [Table([w("col_dimension"), "0–100"], rows, [3, 1])]
    blocks.append(Chart("scores", lambda: bars([w(f"dim_{k}") for k in keys], {"": [float(score[k]) for k in keys]},
                                               "0–100")))
    per_role = score.get("per_role") or {}
    if per_role:
        sc = f.session.scenario
        role_rows = []
        for r in [x.id for x in sc.roles if x.id in per_role]:
            vals = per_role[r] if isinstance(per_role[r], dict) else {"total": per_role[r]}
            role_rows.append([Cell(_role(sc, r, w))] + [Cell(_num(vals.get(k))) for k in keys])
        blocks.append(Table([w("col_role")] + [w(f"dim_{k}") for k in keys], role_rows, [3, 1, 1, 1, 1]))
    other = faults(scored, ("timeliness", "feedback"))
    if other:
        blocks += [Para(w("findings_other"), "h3"),
                   Table([w("col_time"), w("col_role"), w("col_finding"), w("col_rule"), w("col_seed")],
                         _finding_rows(f.session.scenario, other, w), [0.9, 1.6, 4.2, 1.4, 1.4])]
    return blocks


TONE_OF = {"violation": "bad", "warning": "warn"}


def _finding_rows(sc, findings: list[dict], w: Words) -> list[list[Cell]]:
    return [[Cell(w("day", d=day(x.get("t") or 0))),
             Cell(_role(sc, x["role"], w) if x.get("role") else w("team_role")),
             Cell(w.text(x.get("message")), tone=TONE_OF.get(x.get("severity"))), Cell(x.get("rule", "")),
             Cell(w.text(x["cite"]) if x.get("cite") else "; ".join(_cites([x.get("source", "")], w)))]
            for x in findings]


def _num(v) -> str:
    return "—" if v is None else f"{float(v):.0f}"


def _swimlane(f: SessionFacts, w: Words) -> list:
    sc = f.session.scenario
    names = {r: _role(sc, r, w) for r in f.lane_roles}
    return [Chart("swimlane", lambda: swimlane(f.items, f.lane_roles, names, sc.meta.duration, w),
                  w("swimlane_caption"))]


def _knowledge(f: SessionFacts, w: Words) -> list:
    sc = f.session.scenario
    k = f.knowledge
    players = set(f.session.players)
    firsts = {fact: k.first_player(fact, players) for fact in k.facts}
    header = [w("col_role")] + [f"F{i + 1}" for i in range(len(k.facts))]
    rows = []
    for r in k.roles:
        row = [Cell(_role(sc, r, w), tone=None if r in players else "muted")]
        for fact in k.facts:
            t = k.first.get((fact, r))
            row.append(Cell(str(day(t)) if t is not None else "—", bold=firsts[fact] == r,
                            tone=None if t is not None else "muted"))
        rows.append(row)
    legend = [f"F{i + 1}: {w.text(sc.fact_by_id[x].text)}" for i, x in enumerate(k.facts)]  # sources: first page
    n = len(k.facts)
    if k.team_at is not None:
        team = Para(w("picture_team", n=n, d=day(k.team_at)), "good" if f.incident_at is None or
                    k.team_at < f.incident_at else "warn")
    else:
        team = Para(w("picture_team_never", n=n, missing=", ".join(
            f"F{k.facts.index(x) + 1}" for x in k.missing)), "bad")
    if k.single_role:
        single = Para(w("picture_single", role=_role(sc, k.single_role, w), d=day(k.single_at)))
    else:
        single = Para(w("picture_single_never", role=_role(sc, k.closest_role, w) if k.closest_role else "—",
                        k=k.closest_count, n=n))
    return [team, single, Para(w("knowledge_intro"), "muted"),
            Table(header, rows, [3.2] + [0.62] * n), Bullets(legend),
            Chart("knowledge", lambda: knowledge_curve(k, players, sc.meta.duration, w, f.incident_at),
                  w("knowledge_chart"))]


def _privacy(f: SessionFacts, w: Words) -> list:
    sc = f.session.scenario
    blocks: list = []
    if f.scored is not None:
        findings = faults(f.scored, ("privacy",))
        if findings:
            rows = _finding_rows(sc, findings, w)
            blocks += [Para(w("privacy_findings"), "h3"),
                       Table([w("col_time"), w("col_role"), w("col_finding"), w("col_rule"), w("col_seed")], rows,
                             [0.9, 1.6, 4, 1.4, 1.3])]
        else:
            blocks.append(Para(w("privacy_none"), "good"))
    if not f.shares:
        return blocks + [Para(w("shares_none"), "muted")]
    rows = []
    for s in f.shares:
        basis = w.label("basis", s.basis) if s.basis else w("basis_anonymous") if s.how != "report" else "—"
        if s.how == "meeting":
            basis = w("basis_meeting", basis=basis)
        meeting = w("meeting_with" if len(s.to) != 1 else "meeting_with_one", n=len(s.to))
        to = meeting if s.how == "meeting" else ", ".join(_role(sc, r, w) for r in s.to)
        rows.append([Cell(w("day", d=day(s.t))), Cell(_role(sc, s.role, w)), Cell(to),
                     Cell(_fact_list(sc, s.facts, w)),
                     Cell(basis, tone="bad" if s.basis == "none" else None),
                     Cell("—" if s.informed is None else w("yes") if s.informed else w("no"),
                          tone=None if s.informed is not False else "bad")])
    return blocks + [Para(w("shares_intro"), "muted"),
                     Table([w("col_time"), w("col_from"), w("col_to"), w("col_facts"), w("col_basis"),
                            w("col_informed")], rows, [0.9, 2.2, 2.2, 3.0, 1.2, 1.0])]


def short_fact(sc, fact: str, w: Words, limit: int = 48) -> str:
    """A fact's text cut to a table-sized label at a word boundary."""
    text = w.text(sc.fact_by_id[fact].text).rstrip(".")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _fact_list(sc, facts: tuple[str, ...], w: Words, show: int = 3) -> str:
    if not facts:
        return "—"
    shown = "; ".join(short_fact(sc, x, w) for x in facts[:show])
    return shown + (" " + w("more", n=len(facts) - show) if len(facts) > show else "")


def _loops(f: SessionFacts, w: Words) -> list:
    sc = f.session.scenario
    if not f.loops:
        return [Para(w("loops_intro"), "muted"), Para(w("loops_none"), "warn")]
    rows = []
    for loop in f.loops:
        child = sc.person_by_id[loop.child].name if loop.child in sc.person_by_id else "—"
        what = w(f"loop_{loop.kind}", role=_role(sc, loop.role, w), to=_role(sc, loop.to, w), child=child)
        closed = Cell(w("loop_closed_at", d=day(loop.closed)), tone="good") if loop.closed is not None else \
            Cell(w("loop_open"), tone="bad")
        rows.append([Cell(w("day", d=day(loop.opened))), Cell(what), closed])
    return [Para(w("loops_intro"), "muted"),
            Para(w("loops_summary", closed=f.loops_closed, total=len(f.loops))),
            Table([w("col_time"), w("col_loop"), w("col_closed")], rows, [1, 5, 1.6])]


def _expert(f: SessionFacts, w: Words) -> list:
    if not isinstance(f.expert, SessionData):
        why = w("expert_no_policy") if f.expert == NO_POLICY else f.expert
        return [Para(w("expert_unavailable", why=why), "muted")]
    expert = SessionFacts(f.expert, with_expert=False)
    rows = []
    for st in f.steps:
        team_late = st.team is None or st.team > st.latest
        window = w("window", a=day(st.window_from), b=day(st.latest), ideal=day(st.ideal))
        rows.append([Cell(w.text(st.expectation.text)), Cell(window, tone="muted"),
                     Cell(w("not_done"), tone="bad") if st.team is None else
                     Cell(w("day", d=day(st.team)), tone="warn" if team_late else "good"),
                     _fmt_day(st.expert, w, "not_done")])
    moments = [
        [Cell(w("moment_picture")), _fmt_day(f.knowledge.team_at, w), _fmt_day(expert.knowledge.team_at, w)],
        [Cell(w("moment_report")), _fmt_day(f.first_report_at, w), _fmt_day(expert.first_report_at, w)],
        [Cell(w("moment_incident")), _fmt_day(f.incident_at, w, "prevented"),
         _fmt_day(expert.incident_at, w, "prevented")],
        [Cell(w("moment_actions")), Cell(str(f.player_actions)), Cell(str(expert.player_actions))],
    ]
    return [Para(w("expert_intro"), "muted"),
            Table([w("col_expectation"), w("col_window"), w("col_team"), w("col_expert")], rows, [5, 1.6, 1.3, 1.3]),
            Para(w("expert_moments"), "h3"),
            Table([w("col_measure"), w("col_team"), w("col_expert")], moments, [5, 1.8, 1.8]),
            Para(w("paths_title"), "h3"),
            _paths(f.session, expert.session, w)]


def _paths(team: SessionData, expert: SessionData, w: Words) -> Table:
    """The team's and the expert's player actions week by week, side by side."""
    sc = team.scenario

    def by_week(s: SessionData) -> dict[int, list[str]]:
        weeks: dict[int, list[str]] = {}
        for r in s.of_type("action"):
            if r.get("by") == "player":
                who = role_name(sc, r["role"], w)
                line = f"{w('day', d=day(r['t']))} · {who}: {action_sentence(sc, r['action'], w)}"
                weeks.setdefault(int(r["t"] // 168) + 1, []).append(line)
        return weeks

    mine, theirs = by_week(team), by_week(expert)
    rows = [[Cell(str(wk)), Cell("\n".join(mine.get(wk, [])) or "—", tone=None if wk in mine else "muted"),
             Cell("\n".join(theirs.get(wk, [])) or "—", tone=None if wk in theirs else "muted")]
            for wk in range(1, int(sc.meta.duration // 168) + 1)]
    return Table([w("col_week"), w("col_team"), w("col_expert")], rows, [0.7, 4.5, 4.5])


def _questions(f: SessionFacts, w: Words) -> list:
    qs = discussion_questions(f, w)
    return [Bullets([f"{text} ({source})" for text, source in qs], numbered=True)]
