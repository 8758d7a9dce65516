"""Charts of the cohort report (issue 19, item 2): the role × team heatmap and the paired before/after
figures, each measure in its own panel with the direction that counts as better said in its title."""

from __future__ import annotations

from matplotlib.figure import Figure

from report.charts import new_figure


def heatmap(roles: list[str], teams: list[str], values: list[list[float | None]], label: str,
            no_value: str) -> Figure:
    """Roles (rows) × teams (columns), each cell a role's total score in that team's session; grey
    where the role was not judged. Numbers are written in the cells while they stay legible."""
    import textwrap

    import numpy as np

    roles = [textwrap.fill(r, 24) for r in roles]
    cols = max(len(teams), 1)
    width = min(7.2, 2.6 + 0.34 * cols)
    height = 0.9 + 0.32 * sum(1 + r.count("\n") * 0.6 for r in roles)
    left = 0.25 + 0.062 * max((len(line) for r in roles for line in r.splitlines()), default=8)
    fig = new_figure(max(width, left + 3.2), height, left=left, bottom=0.7, top=0.1, right=1.1)
    ax = fig.add_subplot()
    data = np.array([[np.nan if v is None else v for v in row] for row in values], dtype=float)
    cmap = __import__("matplotlib").colormaps["viridis"].with_extremes(bad="#d9dee7")
    image = ax.imshow(np.ma.masked_invalid(data), cmap=cmap, vmin=0, vmax=100, aspect="auto")
    ax.set_yticks(range(len(roles)), roles, fontsize=8)
    ax.set_xticks(range(len(teams)), teams, fontsize=7, rotation=90 if cols > 8 else 0)
    ax.spines[:].set_visible(False)
    if cols <= 14:
        for i, row in enumerate(values):
            for j, v in enumerate(row):
                text = no_value if v is None else f"{v:.0f}"
                ax.text(j, i, text, ha="center", va="center", fontsize=6.5,
                        color="#1d2433" if v is None or v >= 60 else "white")
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label(label, fontsize=8)
    bar.ax.tick_params(labelsize=7)
    return fig


def paired(panels: list[dict]) -> Figure:
    import textwrap

    from matplotlib.ticker import MaxNLocator

    """One small panel per measure: group A's and group B's value joined by an arrow, each value written
    beside its point with the number of teams it rests on; the panel's title names the measure and
    whether lower or higher is better, so a falling line is never read the wrong way round.

    `panels`: dicts with title, a, b (values), na, nb (labels such as "n = 7 van 20"), lo, hi (axis)."""
    cols = 3
    rows = (len(panels) + cols - 1) // cols
    fig = Figure(figsize=(7.2, 1.9 * rows + 0.35), dpi=100)
    fig.subplots_adjust(left=0.06, right=0.97, top=1 - 0.45 / (1.9 * rows + 0.35), bottom=0.06,
                        hspace=1.1, wspace=0.5)
    colours = {"a": "#0072B2", "b": "#E69F00"}
    for i, p in enumerate(panels):
        ax = fig.add_subplot(rows, cols, i + 1)
        ax.set_title("\n".join(textwrap.fill(part, 30) for part in p["title"].split("\n")), fontsize=7, loc="left")
        ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=p.get("integer", False)))
        ax.set_xlim(-1.3, 2.3)
        margin = 0.06 * (p["hi"] - p["lo"])  # a point at 0 or 100 stays whole, its label off the axis
        ax.set_ylim(p["lo"] - margin, p["hi"] + margin)
        ax.set_xticks([0, 1], ["A", "B"], fontsize=7)
        ax.tick_params(axis="y", labelsize=7)
        ax.grid(axis="y", color="#eeeeee", linewidth=0.5)
        if p["a"] is not None and p["b"] is not None:
            ax.annotate("", xy=(1, p["b"]), xytext=(0, p["a"]),
                        arrowprops={"arrowstyle": "->", "color": "#7f7f7f", "linewidth": 1.2})
        for x, key in ((0, "a"), (1, "b")):
            if p[key] is None:
                ax.text(x, (p["lo"] + p["hi"]) / 2, p["none"], ha="center", fontsize=7, color="#5b6475")
                continue
            ax.plot([x], [p[key]], marker="o", markersize=7, color=colours[key], linestyle="none")
            share = (p[key] - p["lo"]) / ((p["hi"] - p["lo"]) or 1)
            ax.text(x - 0.15 if x == 0 else x + 0.15, p[key], f"{p[key + '_text']}\n{p['n' + key]}",
                    ha="right" if x == 0 else "left", fontsize=6.5,
                    va="bottom" if share < 0.15 else "top" if share > 0.9 else "center")
    return fig
