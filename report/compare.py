"""Page 1 of a debrief with several teams: the teams side by side on one page (issue 19, item 1).

The same case for every team, so the columns compare like with like: what happened to each child, when
the full picture came together and the first report was made, how many required expected steps were
taken in time, the feedback loops, and the scores."""

from __future__ import annotations

import textwrap

from report.document import Cell, Chart, Para, Section, Table
from report.facts import SessionFacts
from report.figures import bars
from report.scores import DIMENSIONS
from report.teampage import day_cell, status_cell, steps_in_time
from report.texts import Words


def loops_cell(f: SessionFacts, w: Words) -> Cell:
    """"3 van 4 gesloten", or that there were none — never "0 van de 0"."""
    if not f.loops:
        return Cell(w("loops_none_short"), tone="muted")
    return Cell(w("x_of_n_closed", x=f.loops_closed, n=len(f.loops)),
                tone="good" if f.loops_closed == len(f.loops) else "warn")


def comparison_page(facts: list[SessionFacts], names: list[str], w: Words) -> Section:
    """The one-page comparison: a table of key measures per team and the scores as grouped bars."""
    sc = facts[0].session.scenario
    header = [w("col_measure")] + names
    rows = [[Cell(w("moment_incident"))] + [day_cell(f.incident_at, w, "prevented") for f in facts]]
    for child in sc.children:
        rows.append([Cell(child.name_in(w.lang))] + [status_cell(f, child.id, w) for f in facts])
    rows.append([Cell(w("moment_picture"))] + [day_cell(f.knowledge.team_at, w) for f in facts])
    rows.append([Cell(w("moment_report"))] + [day_cell(f.first_report_at, w) for f in facts])
    steps = [steps_in_time(f) for f in facts]
    rows.append([Cell(w("gap_steps"))] + [Cell(w("x_of_n", x=x, n=n)) for x, n in steps])
    rows.append([Cell(w("loops_row"))] + [loops_cell(f, w) for f in facts])
    rows.append([Cell(w("moment_actions"))] + [Cell(str(f.player_actions)) for f in facts])
    scored = [f.scored for f in facts]
    keys = ("total",) + DIMENSIONS
    if all(scored):
        for k in keys:
            rows.append([Cell(w(f"dim_{k}"), bold=k == "total")] +
                        [Cell(f"{s['score'][k]:.0f}", bold=k == "total") for s in scored])
    blocks = [Para(w("compare_intro", summary=w.text(sc.meta.summary).split(". ")[0].rstrip(".")), "muted"),
              Table(header, rows, [2.6] + [1.5] * len(facts))]
    split = len(blocks)
    if all(scored):
        labels = [w(f"dim_{k}") for k in keys]
        series = {textwrap.fill(name, 22): [float(s["score"][k]) for k in keys]  # the legend stays beside the bars
                  for name, s in zip(names, scored)}
        blocks.append(Chart("compare_scores", lambda: bars(labels, series, w("score_axis")), w("compare_chart")))
    return Section(w("sec_compare"), blocks, keep=True, slide=True, split=split)
