"""The fields of the studio's pages: each edits one path of the scenario (studio.document) with the
right control — text in Dutch and English, a number, a time, a pick list of ids (never a typed id) or a
condition — and has a place beside it where the live checks show what is wrong there."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from nicegui import ui

from studio.document import Document
from studio.spec import options, t

Path_ = tuple[Any, ...]
BOOL_DEFAULTS = {"playable": True}  # what a missing yes/no means (sim.model); all others default to no


def plain(value: Any) -> Any:
    """ruamel nodes → plain dicts/lists/scalars (for the condition editor's working copy)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def as_hours(text: Any) -> Any:
    """What a trainer typed as a time: '2w3d' stays text, '36' becomes a number of hours."""
    s = str(text or "").strip()
    try:
        return int(s)
    except ValueError:
        try:
            return float(s)
        except ValueError:
            return s


class Editor:
    """One browser tab's view of a document: its language, whether it may edit, and the check slots."""

    def __init__(self, doc: Document, lang: str = "nl", readonly: bool = False,
                 on_change: Callable[[], None] | None = None):
        self.doc = doc
        self.lang = lang
        self.readonly = readonly
        self.slots: dict[Path_, ui.label] = {}
        self.on_change = on_change or (lambda redraw=False: None)
        self.ids_from: Document | None = None
        self.policy: Document | None = None  # the expert policy beside the scenario (for the timeline)  # where the ids of pick lists come from (the scenario)
        self.pickers: list[tuple[Any, str, dict[str, str]]] = []  # pick lists to update when ids change
        self.open: set[str] = set()  # the items whose box is open (kept open when the page redraws)

    def ids(self) -> Any:
        """The scenario whose persons, roles, facts and events the pick lists offer."""
        return (self.ids_from or self.doc).data

    def t(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)

    def change(self, path: Path_, value: Any) -> None:
        """Write one field and let the page re-check."""
        if self.readonly:
            return
        self.doc.set(path, value)
        self.on_change()

    def picker(self, sel: Any, kind: str, extra: dict[str, str] | None = None) -> Any:
        """Remember a pick list of ids of `kind`, so it follows new, renamed or removed ids at once."""
        self.pickers.append((sel, kind, extra or {}))
        return sel

    def refresh_pickers(self) -> None:
        """Give every pick list on the page the ids of the scenario as it is now."""
        for sel, kind, extra in self.pickers:
            if sel.is_deleted:
                continue
            opts = extra | options(kind, self.ids(), self.lang)
            values = sel.value if isinstance(sel.value, list) else [sel.value] if sel.value not in (None, "") else []
            for v in values:
                opts.setdefault(v, f"{v} ⚠")
            if opts != sel.options:
                sel.set_options(opts, value=sel.value)

    def slot(self, path: Path_) -> None:
        """The place beside a field where its problems appear."""
        where = "/".join(map(str, path))
        self.slots[path] = ui.label("").classes("text-negative text-sm whitespace-pre-line").style(
            "display:none").props(f'data-slot="{where}"').mark(f"s:{where}")

    def _mark(self, el: Any, path: Path_) -> Any:
        where = "/".join(map(str, path))
        el.props(f'data-field="{where}"').mark(f"f:{where}")
        if self.readonly:
            el.disable()
        return el

    # -- one field -------------------------------------------------------------------------------
    def field(self, path: Path_, label: str, editor: str) -> None:
        """Render the control for `editor` (see studio.spec) at `path`, with its check slot."""
        value = self.doc.get(path)
        lab = self.t(label)
        with ui.column().classes("w-full gap-0"):
            if editor == "text":
                self.text_field(path, lab, value)
            elif editor in ("str", "date"):
                def on_str(e: Any, p: Path_ = path, ed: str = editor) -> None:
                    v = e.value
                    if ed == "date":
                        try:
                            v = dt.date.fromisoformat(v)
                        except (TypeError, ValueError):
                            pass
                    self.change(p, v)
                self._mark(ui.input(lab, value="" if value is None else str(value), on_change=on_str)
                           .props("debounce=400 dense").classes("w-full"), path)
            elif editor == "strs":
                self._mark(ui.input_chips(lab, value=[str(v) for v in value or []],
                                          on_change=lambda e, p=path: self.change(p, list(e.value)))
                           .props("dense").classes("w-full"), path)
            elif editor == "hours":
                self._mark(ui.input(lab, value="" if value is None else str(value),
                                    on_change=lambda e, p=path: self.change(p, as_hours(e.value) if e.value else None))
                           .props("debounce=400 dense").classes("w-48"), path)
            elif editor in ("int", "float"):
                def on_num(e: Any, p: Path_ = path, ed: str = editor) -> None:
                    v = e.value
                    if v is not None and ed == "int" or (v is not None and float(v).is_integer()):
                        v = int(v)
                    self.change(p, v)
                self._mark(ui.number(lab, value=value if isinstance(value, (int, float)) else None,
                                     on_change=on_num).props("debounce=400 dense").classes("w-48"), path)
            elif editor == "bool":
                shown = BOOL_DEFAULTS.get(str(path[-1]), False) if value is None else bool(value)
                self._mark(ui.checkbox(lab, value=shown,
                                       on_change=lambda e, p=path: self.change(p, bool(e.value))), path)
            elif editor.startswith(("one:", "many:")):
                many, kind = editor.startswith("many:"), editor.split(":", 1)[1]
                opts = options(kind, self.ids(), self.lang)
                current = [str(v) for v in value or []] if many else (str(value) if value not in (None, "") else None)
                for v in (current if many else [current] if current else []):
                    opts.setdefault(v, f"{v} ⚠")  # an id that does not exist stays visible (and is flagged)

                def on_pick(e: Any, p: Path_ = path, m: bool = many) -> None:
                    self.change(p, list(e.value or []) if m else (e.value or None))
                sel = ui.select(opts, label=lab, value=current, multiple=many, with_input=True, clearable=not many,
                                on_change=on_pick).props("dense" + (" use-chips" if many else "")).classes("w-full")
                self._mark(sel, path)
                self.picker(sel, kind)
            elif editor == "consent":
                self.consent_field(path, lab, value)
            elif editor == "cond":
                from studio.cond import ConditionEditor

                ui.label(lab).classes("text-sm text-grey-8")
                ConditionEditor(self, path, optional=path[-1] in ("when", "softened_by"))
            self.slot(path)

    def text_field(self, path: Path_, lab: str, value: Any) -> None:
        """A text the players read, in Dutch and English side by side."""
        value = value if isinstance(value, dict) else {"nl": value or "", "en": value or ""} if value else {}
        optional = path[-1] == "name" and path[0] == "roles"
        long = path[-1] in ("summary", "briefing", "message", "text", "harmed", "softened", "safe", "unsupported")
        with ui.row().classes("w-full no-wrap gap-2"):
            for lang_ in ("nl", "en"):
                def on_text(e: Any, p: Path_ = path, lg: str = lang_) -> None:
                    if optional and not e.value and not (self.doc.get(p) or {}).get("en" if lg == "nl" else "nl"):
                        self.change(p, None)
                    else:
                        self.change(p + (lg,), e.value)
                el = (ui.textarea if long else ui.input)(f"{lab} — {self.t(lang_ + '_text')}",
                                                        value=str(value.get(lang_, "")), on_change=on_text)
                self._mark(el.props("debounce=400 dense autogrow" if long else "debounce=400 dense")
                           .classes("w-1/2"), path + (lang_,))

    def consent_field(self, path: Path_, lab: str, value: Any) -> None:
        """Gives consent: yes, no, or only once a condition holds (no key: not asked about)."""
        choices = {"": self.t("consent_unset"), "yes": self.t("consent_yes"), "no": self.t("consent_no"),
                   "when": self.t("consent_when")}
        now = "" if value is None else "yes" if value is True else "no" if value is False else "when"
        box = ui.column().classes("w-full")

        def draw() -> None:
            box.clear()
            with box:
                if isinstance(self.doc.get(path), dict):
                    from studio.cond import ConditionEditor

                    ConditionEditor(self, path, optional=False)

        def on_pick(e: Any) -> None:
            new = {"": None, "yes": True, "no": False, "when": {"known_by": {"fact": next(
                iter(options("fact", self.ids())), "")}}}[e.value]
            self.change(path, new)
            draw()
        self._mark(ui.select(choices, label=lab, value=now, on_change=on_pick).props("dense").classes("w-64"), path)
        draw()

    # -- a list of items ---------------------------------------------------------------------------
    def item_list(self, section: str) -> None:
        """A page part listing every item of a section (persons, roles, facts …) with add and delete."""
        from studio.spec import SECTIONS

        spec = SECTIONS[section]
        base = spec["path"]
        items = self.doc.get(base) or []
        known = {f[0].split(".")[0] for f in spec["fields"]}
        for i, item in enumerate(items):
            title = item.get(spec["title"]) if isinstance(item, dict) else None
            if spec["title"] == "do" and title:
                from studio.spec import action_names

                title = action_names(self.lang).get(str(title), title)
            title = title.get(self.lang) or title.get("nl") if isinstance(title, dict) else title
            item = item if isinstance(item, dict) else {}
            name = item.get("id") or f"{item.get('at', '')} {item.get('role', '')}".strip()
            head = f"{self.t(spec['label'])} {i + 1}: {name}"
            tag = f"{section}/{i}"
            box = ui.expansion(f"{head} — {str(title or '')[:70]}", value=tag in self.open,
                               on_value_change=lambda e, k=tag: (self.open.add if e.value else self.open.discard)(k))
            with box.classes("w-full border rounded").props(f'data-item="{tag}"'):
                for key, label, editor in spec["fields"]:
                    self.field(base + (i,) + tuple(key.split(".")), label, editor)
                extra = [k for k in (item or {}) if k not in known]
                if extra:
                    ui.label(self.t("other_keys", keys=", ".join(map(str, extra)))).classes("text-sm text-grey-7")
                if not self.readonly:
                    ui.button(self.t("delete"), icon="delete",
                              on_click=lambda _, p=base + (i,): (self.doc.remove(p), self.on_change(redraw=True))
                              ).props("flat color=negative dense").mark(f"delete:{tag}")
            self.slot(base + (i,))
        if not self.readonly:
            ui.button(f"{self.t(spec['label'])} {self.t('add').lower()}", icon="add",
                      on_click=lambda: self._add(section)).props(f'data-add="{section}"').mark(f"add:{section}")
        self.slot(base)

    def _add(self, section: str) -> None:
        from studio.spec import SECTIONS, new_item

        base = SECTIONS[section]["path"]
        items = self.doc.get(base) or []
        used = {str(x.get("id")) for x in items if isinstance(x, dict)}
        n = len(items) + 1
        while new_item(section, n).get("id") in used:
            n += 1
        i = self.doc.append(base, new_item(section, n))
        self.open.add(f"{section}/{i}")
        self.on_change(redraw=True)
