"""The timeline page in the browser (issue 21): one row per item of studio.timeline — its name, a slider
on the shared axis of simulated time (a range for an expectation's window) and the time field beside it.
Dragging a slider and letting it go (Quasar's `change` event) writes the snapped time through the
document, so undo/redo and the live checks work as for any field; while dragging, the time beside it
shows where the item would land."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from studio.session import tx
from studio.timeline import DAY, WEEK, Row, axis_end, drop, hours, rows, snapped, written
from studio.widgets import Editor, as_hours

COLOURS = {"event": "primary", "incident": "negative", "window": "positive", "ideal": "green-9", "step": "purple"}


class Timeline:
    """The timeline of one browser tab: `ed` edits the scenario, `ped` the expert policy. Kept between
    redraws, so the chosen snap (days or hours) stays."""

    def __init__(self, ed: Editor, ped: Editor):
        self.ed, self.ped = ed, ped
        self.snap = "d"
        self.sliders: dict[str, Any] = {}
        self.shown: dict[str, Any] = {}  # key -> the label with the written time beside a slider
        self.inputs: dict[tuple[bool, tuple[Any, ...]], Any] = {}
        self.layout: tuple[Any, ...] = ()

    def t(self, key: str, **params: Any) -> str:
        return tx(key, self.ed.lang, **params)

    def items(self) -> list[Row]:
        return rows(self.ed.doc.data, self.ped.doc.data if self.ped.doc is not None else None, self.ed.lang)

    def _layout(self, items: list[Row]) -> tuple[Any, ...]:
        return (axis_end(self.ed.doc.data, items), tuple(r.key for r in items), self.ed.readonly, self.ed.lang)

    # -- drawing ---------------------------------------------------------------------------------
    def draw(self) -> None:
        """The page: help, the snap choice, the axis and one row per item."""
        items = self.items()
        self.layout = self._layout(items)
        end = self.layout[0]
        self.sliders, self.shown, self.inputs = {}, {}, {}
        ui.label(self.t("timeline_drag_help")).classes("text-sm text-grey-8")
        with ui.row().classes("items-center gap-2"):
            ui.label(self.t("snap")).classes("text-sm")
            ui.toggle({"d": self.t("snap_d"), "h": self.t("snap_h")}, value=self.snap,
                      on_change=lambda e: setattr(self, "snap", e.value)).props('dense no-caps data-field="snap"').mark("snap")
        with ui.column().classes("w-full gap-0").props('data-timeline="1"'):
            self._axis(end)
            groups = (("tl_events", ("event", "incident")), ("tl_expectations", ("window", "ideal")),
                      ("tl_steps", ("step",)))
            for title, kinds in groups:
                part = [r for r in items if r.kind in kinds]
                if part:
                    ui.label(self.t(title)).classes("text-subtitle2 mt-2")
                    for r in part:
                        self._row(r, end)

    def _axis(self, end: float) -> None:
        with ui.row().classes("w-full no-wrap items-center gap-2"):
            ui.label("").classes("w-56 shrink-0")
            ruler = ui.slider(min=0, max=end, step=WEEK, value=0).props(
                "readonly markers thumb-size=0px track-size=2px color=grey-5").classes("grow")
            ruler.props["marker-labels"] = {int(w): f"{int(w // WEEK)}w" for w in range(0, int(end) + 1, int(WEEK))}
            ui.label("").classes("w-24 shrink-0")
            ui.label("").classes("w-60 shrink-0")

    def _row(self, r: Row, end: float) -> None:
        readonly = self.ped.readonly if r.policy else self.ed.readonly
        label = r.label + (f"  ({self.t('tl_after', event=self._after(r))})" if r.base else "")
        with ui.row().classes("w-full no-wrap items-center gap-2 min-h-8").props(f'data-row="{r.key}"'):
            ui.label(label).classes("w-56 shrink-0 truncate text-sm").tooltip(f"{label}\n{r.tip}")
            step = DAY if self.snap == "d" else 1.0
            if r.kind == "window":
                el = ui.range(min=0, max=end, step=step, value={"min": r.at, "max": r.end})
                el.props("drag-range")
            else:
                el = ui.slider(min=0, max=end, step=step, value=r.at)
            el.LOOPBACK = None  # while dragging, the knob follows the mouse in the browser; the server is told
            el.props["loopback"] = None
            el.props(f'dense color={COLOURS[r.kind]} data-drag="{r.key}"').classes("grow").mark(f"drag:{r.key}")
            el.props["markers"] = int(WEEK)  # a tick each week, as on the axis
            if r.kind != "window":
                el.props["selection-color"] = "transparent"  # a moment, not a stretch from the start
            el.on_value_change(lambda e, row=r: self._dragging(row, e.value))
            el.on("change", lambda e, row=r: self._dropped(row, e.args))
            if readonly:
                el.disable()
            self.sliders[r.key] = el
            self.shown[r.key] = ui.label(self._when(r)).classes("w-24 shrink-0 text-sm text-grey-8").props(
                f'data-when="{r.key}"')
            with ui.row().classes("w-60 shrink-0 no-wrap gap-1"):
                if r.kind == "window":
                    self._field(r, ("earliest",), "earliest")
                    self._field(r, ("latest",), "latest")
                else:
                    self._field(r, (), "tl_ideal" if r.kind == "ideal" else "at")

    def _after(self, r: Row) -> str:
        data = self.ped.doc.data if r.policy else self.ed.doc.data
        return str(data.get(r.path[0])[r.path[1]].get("after_event", "")) if r.kind != "incident" else ""

    def _when(self, r: Row) -> str:
        if r.kind == "window":
            return f"{written(r.at)} – {written(r.end or r.at)}"
        return written(r.at) + (f" ±{written(r.jitter)}" if r.jitter else "")

    def _field(self, r: Row, tail: tuple[str, ...], label: str) -> None:
        """The keyboard's way: the time as written in the file (relative to its event where it has one)."""
        ed = self.ped if r.policy else self.ed
        path = r.path + tail
        value = ed.doc.get(path)

        def typed(e: Any, p: tuple[Any, ...] = path, editor: Editor = ed) -> None:
            new = as_hours(e.value) if e.value else None
            if new != editor.doc.get(p):
                editor.change(p, new)
        with ui.column().classes("gap-0 grow"):
            el = ui.input(self.t(label), value="" if value is None else str(value), on_change=typed).props(
                "dense debounce=500").classes("w-full")
            ed._mark(el, path)
            ed.slot(path)
        self.inputs[(r.policy, path)] = el

    # -- dragging --------------------------------------------------------------------------------
    def _dragging(self, r: Row, value: Any) -> None:
        """While the slider moves: show where the item would land (nothing is written yet)."""
        lab = self.shown.get(r.key)
        if lab is None or value is None:
            return
        if r.kind == "window":
            lab.set_text(f"{written(snapped(r.at, value['min'], self.snap))} – "
                         f"{written(snapped(r.end or r.at, value['max'], self.snap))}")
        else:
            lab.set_text(written(max(snapped(r.at, float(value), self.snap), r.base)))

    def _dropped(self, r: Row, value: Any) -> None:
        """Let go: write the snapped time into the scenario or the expert policy (studio.timeline.drop)."""
        if value is None:
            return
        ed = self.ped if r.policy else self.ed
        if ed.readonly:
            return
        window = ed.doc.get(r.path) if r.kind == "window" else None
        before = ed.doc.version
        drop(r, value, self.snap, lambda path, v, _policy: ed.doc.set(path, v), window)
        if ed.doc.version == before:
            self.refresh()  # dropped where it was (or snapped back): put the knob back in its place
            return
        ed.on_change()

    # -- after a change --------------------------------------------------------------------------
    def refresh(self) -> bool:
        """Bring the sliders, times and fields in line with the documents without redrawing (so a field
        being typed in keeps the focus). False when the rows or the axis changed: then redraw."""
        items = self.items()
        if self._layout(items) != self.layout:
            return False
        for r in items:
            el = self.sliders.get(r.key)
            if el is None:
                return False
            want = {"min": r.at, "max": r.end} if r.kind == "window" else r.at
            el.set_value(want)
            el.props["model-value"] = want  # also where the browser let go of it: put the knob where it landed
            self.shown[r.key].set_text(self._when(r))
        for (policy, path), el in self.inputs.items():
            value = (self.ped if policy else self.ed).doc.get(path)
            text = "" if value is None else str(value)
            if hours(el.value) != hours(text) and el.value != text:
                el.set_value(text)
        return True
