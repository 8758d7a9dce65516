"""Assemble the debrief report for one session or a team comparison (issue 8, design.md `report`).

What the trainer hands out after the session: the case, what happened to the children, the timeline,
who knew what when, sharing and feedback, the expert path beside the team's, and three questions."""

from __future__ import annotations

from report.compare import comparison_page
from report.conversations import conversation_blocks
from report.document import Bullets, Cell, Chart, Document, Para, Section, Table
from report.expert import NO_POLICY
from report.facts import SessionFacts, day
from report.figures import knowledge_curve, swimlane
from report.labels import action_sentence, role_name
from report.questions import discussion_questions
from report.scores import faults
from report.session import SessionData
from report.teampage import team_name, team_page
from report.texts import Words
from scoring.rules import cite_for


def build_document(sessions: list[SessionData], lang: str, created: str, expert_policy: str | None = None,
                   names: list[str] | None = None, brief: bool = False) -> Document:
    """The debrief for one or more sessions of the same scenario (issue 19, item 1).

    Several teams: page 1 compares them, then each team's one page; one team: its one page first. The
    detail follows as appendices, left out with `brief`. `names`: the teams' names in log order
    (`report --name`); `expert_policy`: a policy file to compare with instead of the scenario's own."""
    w = Words(lang)
    sc = sessions[0].scenario
    facts = [SessionFacts(s, expert_policy=expert_policy) for s in sessions]
    labels = [team_name(i, s, w, names) for i, s in enumerate(sessions)]
    seeds = ", ".join(str(x) for x in sorted({s.seed for s in sessions}))
    doc = Document(w("report_title", title=w.text(sc.meta.title)),
                   w("subtitle", sessions=w.plural("n_sessions", len(sessions)), seeds=seeds, id=sc.meta.id),
                   w("created", date=created), lang)
    if len(sessions) > 1:
        doc.sections.append(comparison_page(facts, labels, w))
    for f, label in zip(facts, labels):
        doc.sections.append(team_page(f, label, w))
    doc.sections[0].page_break = False
    if brief:
        return doc
    scenario = _scenario_section(sessions, labels, w)
    scenario.page_break = scenario.appendix = True
    scenario.title = w("appendix_scenario", part=scenario.title)
    doc.sections.append(scenario)
    for f, label in zip(facts, labels):
        parts = [(w("sec_scores"), _scores(f, w)), (w("sec_swimlane"), _swimlane(f, w)),
                 (w("sec_knowledge"), _knowledge(f, w)), (w("sec_privacy"), _privacy(f, w)),
                 *_conversations(f, w), (w("sec_feedback"), _loops(f, w)), (w("sec_expert"), _expert(f, w)),
                 (w("sec_question_sources"), _questions(f, w))]
        for j, (title, blocks) in enumerate(parts):
            doc.sections.append(Section(w("appendix_title", team=label, part=title), blocks,
                                        page_break=j == 0, appendix=True))
    return doc


def _role(sc, r: str, w: Words) -> str:
    return role_name(sc, r, w)


def _conversations(f: SessionFacts, w: Words) -> list[tuple[str, list]]:
    """The conversations with choices, when any was held (report.conversations): what was said and
    answered, with the judge's verdict on it."""
    blocks = conversation_blocks(f.session, f.scored, w)
    return [(w("sec_conversations"), blocks)] if blocks else []


def _scenario_section(sessions: list[SessionData], labels: list[str], w: Words) -> Section:
    sc = sessions[0].scenario
    people = [w("family_person", name=p.name_in(w.lang), age=p.age, relation=w.text(p.relation)) for p in sc.family.persons]
    blocks = [Para(w.text(sc.meta.summary), "lead"), Bullets(people),
              Para(w("duration", weeks=round(sc.meta.duration / 168), date=sc.meta.start_date.isoformat()), "muted"),
              Para(w("sources", sources="; ".join(_cites(sc.meta.sources, w))), "muted")]
    for label, s in zip(labels, sessions):
        policy = s.policy if s.policy and s.policy != "lan" else w("policy_players")
        if s.partners and s.players:
            line = w("session_line_solo", seed=s.seed, policy=policy,
                     role=w.text(sc.role_in_sentence(s.players[0])), partners=w(f"partners_{s.partners}"))
        else:
            line = w("session_line", seed=s.seed, policy=policy, roles=w.plural("n_roles", len(s.players)))
        blocks.append(Para(f"{label} · {s.session_id} · {line}", "muted"))
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


def _scores(f: SessionFacts, w: Words) -> list:
    """The findings behind the scores (the scores themselves are on the team's page)."""
    if f.scored is None:
        return [Para(w("scores_absent"), "muted")]
    other = faults(f.scored, ("timeliness", "feedback"))
    if not other:
        return [Para(w("findings_other_none"), "good")]
    return [Para(w("findings_other"), "h3"),
            Table([w("col_time"), w("col_role"), w("col_finding"), w("col_rule"), w("col_seed")],
                  _finding_rows(f.session.scenario, other, w), [0.9, 1.6, 4.2, 1.4, 1.4])]


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
        child = sc.person_by_id[loop.child].name_in(w.lang) if loop.child in sc.person_by_id else "—"
        what = w(f"loop_{loop.kind}", role=_role(sc, loop.role, w), to=_role(sc, loop.to, w), child=child)
        closed = Cell(w("loop_closed_at", d=day(loop.closed)), tone="good") if loop.closed is not None else \
            Cell(w("loop_open"), tone="bad")
        rows.append([Cell(w("day", d=day(loop.opened))), Cell(what), closed])
    return [Para(w("loops_intro"), "muted"),
            Para(w.plural("loops_summary", len(f.loops), x=f.loops_closed)),
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
    return [Para(w("question_sources_intro"), "muted"),
            Bullets([f"{text} ({w('source_label')}: {source})" for text, source in qs], numbered=True)]
