"""The report's domain charts: the swimlane timeline, key facts known over time, scores, cohort spreads."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from report.charts import PALETTE, new_figure
from report.knowledge import Knowledge
from report.texts import Words
from report.timeline import KINDS, LaneItem

LABEL_WRAP = 26  # characters per line of a lane's role name

MARKERS = {"observation": "o", "action": "s", "share": ">", "meeting": "D", "report": "^"}
DAY = 24.0


def swimlane(items: list[LaneItem], roles: list[str], names: dict[str, str], end: float, w: Words) -> Figure:
    """Roles × simulated days: what each role saw and did, lines to whoever received information."""
    labels = {r: textwrap.fill(names[r], LABEL_WRAP) for r in roles}  # a long name wraps, never squeezes the lanes
    height = 1.25 + 0.38 * max(len(roles), 1) + 0.12 * sum(labels[r].count("\n") for r in roles)
    label = max((len(line) for r in roles for line in labels[r].splitlines()), default=8)
    fig = new_figure(7.2, height, left=0.25 + 0.068 * label, top=0.65, bottom=0.55)
    ax = fig.add_subplot()
    y = {r: len(roles) - 1 - i for i, r in enumerate(roles)}
    for i in range(len(roles)):
        if i % 2 == 0:
            ax.axhspan(i - 0.5, i + 0.5, color="#f2f4f7", zorder=0, linewidth=0)
    for item in items:
        if item.kind == "incident":
            ax.axvline(item.t / DAY, color=PALETTE["incident"], linewidth=2, linestyle="--", zorder=1)
            continue
        if item.role not in y:
            continue
        x = item.t / DAY
        for to in item.to:
            if to in y:
                ax.plot([x, x], [y[item.role], y[to]], color=PALETTE[item.kind], linewidth=0.8, alpha=0.6, zorder=2)
                ax.plot([x], [y[to]], marker="o", markersize=3, color=PALETTE[item.kind], zorder=3)
        ax.plot([x], [y[item.role]], marker=MARKERS[item.kind], markersize=6, color=PALETTE[item.kind],
                markeredgecolor="white", markeredgewidth=0.5, zorder=4, linestyle="none")
    ax.set_yticks(list(y.values()), [labels[r] for r in roles], fontsize=8)
    ax.set_ylim(-0.6, len(roles) - 0.4)
    ax.set_xlim(0, end / DAY)
    ax.set_xticks(range(0, int(end / DAY) + 1, 7))
    ax.set_xlabel(w("lane_axis"))
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    handles = [Line2D([], [], marker=MARKERS.get(k, "|"), color=PALETTE[k],
                      linestyle="--" if k == "incident" else "none",
                      markersize=6 if k != "incident" else 0, linewidth=2 if k == "incident" else 0,
                      label=w(f"lane_{k}")) for k in KINDS]
    fig.legend(handles=handles, loc="upper center", ncol=3, frameon=False, fontsize=8)
    return fig


def knowledge_curve(k: Knowledge, players: set[str], end: float, w: Words, incident_at: float | None) -> Figure:
    """Key facts known by the players together and by the best single role, day by day."""
    fig = new_figure(7.2, 2.4, bottom=0.55, right=1.75)
    ax = fig.add_subplot()
    times = sorted({0.0, end} | {t for t in k.first.values() if t <= end})
    days = [t / DAY for t in times]
    team = [k.known_at(t, players) for t in times]
    best = [max((k.known_at(t, {r}) for r in k.roles), default=0) for t in times]
    ax.step(days, team, where="post", color=PALETTE["team"], linewidth=2, label=w("knowledge_team"))
    ax.step(days, best, where="post", color=PALETTE["best"], linewidth=2, linestyle="-.", label=w("knowledge_best"))
    ax.axhline(len(k.facts), color="#999999", linewidth=0.8, linestyle=":")
    if incident_at is not None:
        ax.axvline(incident_at / DAY, color=PALETTE["incident"], linewidth=2, linestyle="--", label=w("lane_incident"))
    ax.set_ylim(0, len(k.facts) + 0.5)
    ax.set_xlim(0, end / DAY)
    ax.set_xticks(range(0, int(end / DAY) + 1, 7))
    ax.set_xlabel(w("lane_axis"))
    ax.set_ylabel(w("col_facts"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=8)  # outside the data
    ax.grid(axis="y", color="#eeeeee", linewidth=0.5)
    return fig


def bars(labels: list[str], series: dict[str, list[float]], ylabel: str, limit: float | None = 100) -> Figure:
    """Grouped bars (e.g. scores per dimension for several teams), values printed on the bars."""
    fig = new_figure(7.2, 2.6, right=1.9 if len(series) > 1 else 0.15, top=0.25)
    ax = fig.add_subplot()
    n = max(len(series), 1)
    width = 0.8 / n
    colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
    for i, (name, values) in enumerate(series.items()):
        xs = [j + (i - (n - 1) / 2) * width for j in range(len(labels))]
        rects = ax.bar(xs, values, width * 0.95, label=name, color=colours[i % len(colours)])
        ax.bar_label(rects, labels=[f"{v:.0f}" for v in values], fontsize=7, padding=1)
    ax.set_xticks(range(len(labels)), labels)
    if limit:
        ax.set_ylim(0, limit * 1.12)
    ax.set_ylabel(ylabel)
    if len(series) > 1:
        fig.legend(loc="upper right", frameon=False, fontsize=8)
    return fig


def spread(labels: list[str], values: list[list[float]], ylabel: str) -> Figure:
    """Box plots of a measure per dimension over a cohort of sessions."""
    fig = new_figure(7.2, 2.6)
    ax = fig.add_subplot()
    ax.boxplot(values, tick_labels=labels, patch_artist=True,
               boxprops={"facecolor": "#cfe3f3", "edgecolor": "#0072B2"}, medianprops={"color": "#D55E00"})
    ax.set_ylabel(ylabel)
    ax.grid(axis="y", color="#eeeeee", linewidth=0.5)
    return fig
