"""Conditions built from lists, never typed (issue 21): all/any/not, an action done, a role knowing a
fact, an event having happened, after/before a moment, the risk level, consent given, a Verwijsindex
match, a meeting held — the vocabulary
of sim.conditions, each part picked from the scenario's own persons, roles, facts and events."""

from __future__ import annotations

from typing import Any

from nicegui import ui

from studio.spec import options
from studio.widgets import Editor, Path_, as_hours, plain

TYPES = ["all", "any", "not", "done", "known_by", "event", "after", "before", "level", "consented", "vir_match",
         "meeting_held"]
OPS = [">=", ">", "<=", "<"]


class ConditionEditor:
    """Edits the condition at `path` as a small tree of pick lists; every change writes the whole
    condition back (it is one flow line in the file)."""

    def __init__(self, ed: Editor, path: Path_, optional: bool):
        self.ed, self.path, self.optional = ed, path, optional
        self.value = plain(ed.doc.get(path))
        self.box = ui.column().classes("w-full gap-1 pl-2 border-l-2 border-blue-200")
        self.draw()

    def write(self, redraw: bool = False) -> None:
        self.ed.change(self.path, self.value)
        if redraw:
            self.draw()

    def draw(self) -> None:
        self.box.clear()
        with self.box:
            if self.value is None and not self.optional:
                self.value = {"after": "0h"}
            self.node(self.value, None, None)

    def default(self, kind: str) -> Any:
        data = self.ed.ids()
        first = {k: next(iter(options(k, data)), "") for k in ("fact", "event", "child")}
        return {"all": {"all": []}, "any": {"any": []}, "not": {"not": {"after": "0h"}},
                "done": {"done": {"action": "talk_parents"}}, "known_by": {"known_by": {"fact": first["fact"]}},
                "event": {"event": first["event"]}, "after": {"after": "1w"}, "before": {"before": "4w"},
                "level": {"level": ">= 6"}, "consented": {"consented": {"child": first["child"]}},
                "vir_match": {"vir_match": {"child": first["child"]}},
                "meeting_held": {"meeting_held": {"child": first["child"]}}}[kind]

    def node(self, cond: Any, parent: list | dict | None, index: Any) -> None:
        """One condition: a pick list of its type and the fields of that type."""
        kind = next(iter(cond)) if isinstance(cond, dict) and len(cond) == 1 else None
        tname = {k: self.ed.t(f"cond_{k}") for k in TYPES}
        if self.optional and parent is None:
            tname = {"": self.ed.t("cond_none")} | tname
        if kind is not None and kind not in tname:
            ui.label(f"{kind}: {cond[kind]}").classes("text-sm")  # a word this editor does not know: as in the file
            return

        def set_kind(e: Any) -> None:
            new = None if not e.value else self.default(e.value)
            if parent is None:
                self.value = new
            else:
                parent[index] = new
            self.write(redraw=True)
        with ui.row().classes("items-center gap-2 w-full"):
            sel = ui.select(tname, value=kind or "", on_change=set_kind).props("dense").classes("w-44")
            self.ed._mark(sel, self.path)
            if kind is None:
                return
            body = cond[kind]
            if kind in ("all", "any"):
                pass
            elif kind == "done":
                flt = {"action": body} if isinstance(body, str) else body
                cond[kind] = flt
                self.pick(flt, "action", "action", self.ed.t("do"), required=True)
                self.pick(flt, "by", "role", self.ed.t("by"))
                self.pick(flt, "child", "child", self.ed.t("child"))
                self.pick(flt, "to", "role", self.ed.t("to"))
                self.pick(flt, "fact", "fact", self.ed.t("fact"))
                self.pick(flt, "kind", "param:case_meeting:kind", self.ed.t("p_kind"))
                self.pick(flt, "purpose", "param:talk_parents:purpose", self.ed.t("p_purpose"))
                self.pick(flt, "basis", "param:share:basis", self.ed.t("p_basis"))
            elif kind == "known_by":
                self.pick(body, "role", "role", self.ed.t("role"))
                self.pick(body, "fact", "fact", self.ed.t("fact"), required=True)
            elif kind == "event":
                self.pick(cond, "event", "event", self.ed.t("event"), required=True)
            elif kind in ("after", "before"):
                def on_time(e: Any) -> None:
                    cond[kind] = as_hours(e.value)
                    self.write()
                self.ed._mark(ui.input(self.ed.t("at"), value=str(body), on_change=on_time)
                              .props("dense debounce=400").classes("w-36"), self.path)
            elif kind == "level":
                op, num = (str(body).split() + [">=", "6"])[:2] if " " in str(body) else (">=", str(body).lstrip("<>="))

                def on_level(_: Any = None) -> None:
                    cond[kind] = f"{op_sel.value} {num_in.value:g}" if num_in.value is not None else f"{op_sel.value} 0"
                    self.write()
                op_sel = self.ed._mark(ui.select(OPS, value=op if op in OPS else ">=", on_change=on_level)
                                       .props("dense").classes("w-20"), self.path)
                num_in = self.ed._mark(ui.number(value=float(num or 0), min=0, max=10, on_change=on_level)
                                       .props("dense debounce=400").classes("w-20"), self.path)
            elif kind == "consented":
                self.pick(body, "child", "child", self.ed.t("child"), required=True)
                self.pick(body, "person", "person", self.ed.t("person"))
            elif kind == "vir_match":
                self.pick(body, "child", "child", self.ed.t("child"), required=True)
            elif kind == "meeting_held":
                self.pick(body, "kind", "param:case_meeting:kind", self.ed.t("p_kind"))
                self.pick(body, "child", "child", self.ed.t("child"))
                self.pick(body, "present", "role", self.ed.t("present"))
            elif kind == "not":
                pass
        if kind in ("all", "any"):
            with ui.column().classes("w-full gap-1 pl-4 border-l-2 border-blue-100"):
                for i, sub in enumerate(body):
                    with ui.row().classes("items-start w-full no-wrap"):
                        with ui.column().classes("grow gap-1"):
                            self.node(sub, body, i)
                        if not self.ed.readonly:
                            ui.button(icon="close", on_click=lambda _, b=body, j=i: (b.pop(j), self.write(True))
                                      ).props("flat dense round size=sm")
                if not self.ed.readonly:
                    ui.button(self.ed.t("cond_add"), on_click=lambda _, b=body: (b.append({"after": "0h"}),
                                                                                 self.write(True))
                              ).props("flat dense size=sm")
        elif kind == "not":
            with ui.column().classes("w-full gap-1 pl-4 border-l-2 border-blue-100"):
                self.node(body, cond, "not")

    def pick(self, holder: dict, key: str, kind: str, label: str, required: bool = False) -> None:
        """A pick list for one id inside a condition (empty = 'anyone' unless required)."""
        extra = {} if required else {"": self.ed.t("anyone")}
        if kind == "role" and self.path and self.path[0] == "conversations":
            extra["speaker"] = self.ed.t("speaker")  # the role holding the talk (sim.conversations.SPEAKER)
        opts = extra | options(kind, self.ed.ids(), self.ed.lang)
        now = holder.get(key)
        if now is not None:
            opts.setdefault(str(now), f"{now} ⚠")

        def on_pick(e: Any) -> None:
            if e.value:
                holder[key] = e.value
            else:
                holder.pop(key, None)
            self.write()
        sel = ui.select(opts, label=label, value=str(now) if now is not None else ("" if not required else None),
                        with_input=True, on_change=on_pick).props("dense").classes("w-48")
        self.ed._mark(sel, self.path)
        self.ed.picker(sel, kind, extra)
