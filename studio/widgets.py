"""The fields of the studio's pages: each edits one path of the scenario (studio.document) with the
right control — text in Dutch and English, a number, a time, a pick list of ids (never a typed id) or a
condition — and has a place beside it where the live checks show what is wrong there."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from nicegui import ui
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from studio.document import Document, flow
from studio.spec import options, t, value_name

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


def block(value: Any) -> Any:
    """A list of items as block YAML (one key a line, nested lists of items likewise); plain values and
    lists of ids stay in flow style (`[a, b]`, `{nl: …, en: …}`)."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return CommentedSeq(block(v) for v in value)
    if isinstance(value, dict):
        return CommentedMap((k, block(v) if isinstance(v, list) and v and isinstance(v[0], dict) else flow(v))
                            for k, v in value.items())
    return flow(value)


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
        self.width = "w-48"  # of a time or number field (a page with long labels in a grid widens it)
        self.prefill: dict[Path_, dict[str, Any]] = {}  # written whole before a first setting inside it

    def ids(self) -> Any:
        """The scenario whose persons, roles, facts and events the pick lists offer."""
        return (self.ids_from or self.doc).data

    def t(self, key: str, **params: Any) -> str:
        return t(key, self.lang, **params)

    def change(self, path: Path_, value: Any) -> None:
        """Write one field and let the page re-check."""
        if self.readonly:
            return
        for base, full in self.prefill.items():  # e.g. the realistic partners: the model's own values first
            if path[:len(base)] == base and len(path) > len(base) and self.doc.get(base) is None:
                self.doc.set(base, dict(full))
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
    def field(self, path: Path_, label: str, editor: str, default: Any = None) -> None:
        """Render the control for `editor` (see studio.spec) at `path`, with its check slot. `default` is
        what the engine uses when the file leaves the field out (shown in the label: 'standaard 2d')."""
        from studio.spec_parts import shown_default

        value = self.doc.get(path)
        lab = self.t(label)
        shown = shown_default(default, editor) if editor != "bool" else ""
        if shown and editor.startswith("one:param:"):  # basis: none → 'geen', purpose: concern → 'zorg bespreken'
            shown = value_name(editor.split(":")[3], shown, self.lang)
        if shown:
            lab = f"{lab} ({self.t('default_is')} {shown})"
        if editor.startswith("list:"):
            ui.label(lab).classes("text-subtitle2 mt-1")
            with ui.column().classes("w-full gap-1 pl-3 border-l-2 border-grey-4"):
                self.item_list(editor[5:], base=path)
            return
        if editor in ("action", "match", "counts_as"):
            from studio.actionfields import action_field, counts_as_field, match_field

            {"action": action_field, "match": match_field, "counts_as": counts_as_field}[editor](self, path, lab)
            return
        if editor == "name":
            self.name_field(path, lab, value)
            return
        if editor == "str" and isinstance(value, dict):
            editor = "text"  # a name in two languages ({nl: Moeder Jansen, en: Mrs Jansen})
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
                           .props("debounce=400 dense").classes(self.width), path)
            elif editor in ("int", "float"):
                def on_num(e: Any, p: Path_ = path, ed: str = editor) -> None:
                    v = e.value
                    if v is not None and ed == "int" or (v is not None and float(v).is_integer()):
                        v = int(v)
                    self.change(p, v)
                self._mark(ui.number(lab, value=value if isinstance(value, (int, float)) else None,
                                     on_change=on_num).props("debounce=400 dense").classes(self.width), path)
            elif editor == "bool":
                fallback = default if isinstance(default, bool) else BOOL_DEFAULTS.get(str(path[-1]), False)
                shown = fallback if value is None else bool(value)
                self._mark(ui.checkbox(lab, value=shown,
                                       on_change=lambda e, p=path: self.change(p, bool(e.value))), path)
            elif editor.startswith(("one:", "many:")):
                many, kind = editor.startswith("many:"), self.in_context(editor.split(":", 1)[1], path)
                opts = options(kind, self.ids(), self.lang)
                current = [str(v) for v in value or []] if many else (str(value) if value not in (None, "") else None)
                for v in (current if many else [current] if current else []):
                    opts.setdefault(v, f"{v} ⚠")  # an id that does not exist stays visible (and is flagged)

                def on_pick(e: Any, p: Path_ = path, m: bool = many) -> None:
                    if p[-1] == "do" and not self.readonly:  # an expectation's match follows its action
                        cleared = not e.value and len(p) > 1 and p[-2] == "counts_as"
                        self.doc.set(p[:-1] if cleared else p, e.value or None)  # counts for nothing: no counts_as
                        self.on_change(redraw=True)
                        return
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

    def name_field(self, path: Path_, lab: str, value: Any) -> None:
        """A person's name as players see it: one name ('Noor'), or a describing name in two languages
        ('Moeder Jansen' / 'Mrs Jansen'), written `name: {nl: …, en: …}` once the English differs."""
        two = value if isinstance(value, dict) else {"nl": str(value or ""), "en": ""}

        def on_name(e: Any, lg: str) -> None:
            now = self.doc.get(path)
            both = dict(now) if isinstance(now, dict) else {"nl": str(now or ""), "en": ""}
            both[lg] = e.value or ""
            self.change(path, both if both["en"] and both["en"] != both["nl"] else both["nl"])
        with ui.column().classes("w-full gap-0"):
            with ui.row().classes("w-full no-wrap gap-2"):
                self._mark(ui.input(lab, value=str(two.get("nl", "")), on_change=lambda e: on_name(e, "nl"))
                           .props("debounce=400 dense").classes("w-1/2"), path)
                self._mark(ui.input(self.t("name_en"), value=str(two.get("en", "")),
                                    on_change=lambda e: on_name(e, "en")).props("debounce=400 dense")
                           .classes("w-1/2"), path + ("en",))
            self.slot(path)

    def in_context(self, kind: str, path: Path_) -> str:
        """A pick list of nodes or choices offers those of the conversation the field belongs to."""
        if kind == "node" and path[:1] == ("conversations",) and len(path) > 1:
            return f"node@{path[1]}"
        if kind == "choice":
            return f"choice@{self.doc.get(path[:-1] + ('conversation',)) or ''}"
        return kind

    def text_field(self, path: Path_, lab: str, value: Any) -> None:
        """A text the players read, in Dutch and English side by side."""
        value = value if isinstance(value, dict) else {"nl": value or "", "en": value or ""} if value else {}
        optional = (path[-1] == "name" and path[0] in ("roles", "kinds")) or path[-1] == "task"
        long = path[-1] in ("summary", "briefing", "message", "text", "harmed", "softened", "safe", "unsupported",
                            "say", "task")
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
    def item_list(self, section: str, base: Path_ | None = None) -> None:
        """A page part listing every item of a section (persons, roles, facts …) with add and delete;
        `base` places it inside another item (the ways a fact is found out, a conversation's nodes)."""
        from studio.spec import SECTIONS
        from studio.spec_parts import action_params

        spec = SECTIONS[section]
        nested = base is not None and tuple(base) != spec["path"]
        base = tuple(base) if base is not None else spec["path"]
        items = self.doc.get(base) or []
        known = {f[0].split(".")[0] for f in spec["fields"]}
        for i, item in enumerate(items):
            title = item.get(spec["title"]) if isinstance(item, dict) else None
            if spec["title"] in ("do", "action") and title:
                from studio.spec import action_names

                title = action_names(self.lang).get(str(title), title)
            title = title.get(self.lang) or title.get("nl") if isinstance(title, dict) else title
            item = item if isinstance(item, dict) else {}
            name = item.get("id") or f"{item.get('at', '')} {item.get('role', '')}".strip()
            head = f"{self.t(spec['label'])} {i + 1}" + (f": {name}" if name else "")
            tag = "/".join(map(str, base + (i,))) if nested else f"{section}/{i}"
            mine = known | ({"do"} | {k for k, *_ in action_params(str(item.get("do")))} if "do" in item else set())
            box = ui.expansion(f"{head} — {str(title or '')[:70]}", value=tag in self.open,
                               on_value_change=lambda e, k=tag: (self.open.add if e.value else self.open.discard)(k))
            with box.classes("w-full border rounded").props(f'data-item="{tag}"'):
                for key, label, editor in spec["fields"]:
                    self.field(base + (i,) + tuple(key.split(".")), label, editor)
                extra = [k for k in (item or {}) if k not in mine]
                if extra:
                    ui.label(self.t("other_keys", keys=", ".join(map(str, extra)))).classes("text-sm text-grey-7")
                if not self.readonly:
                    ui.button(self.t("delete"), icon="delete",
                              on_click=lambda _, p=base + (i,): (self.doc.remove(p), self.on_change(redraw=True))
                              ).props("flat color=negative dense").mark(f"delete:{tag}")
            self.slot(base + (i,))
        if not self.readonly:
            where = "/".join(map(str, base)) if nested else section
            ui.button(f"{self.t(spec['label'])} {self.t('add').lower()}", icon="add",
                      on_click=lambda: self._add(section, base if nested else None)).props(
                f'data-add="{where}" flat dense' if nested else f'data-add="{where}"').mark(f"add:{where}")
        self.slot(base)

    def _add(self, section: str, base: Path_ | None = None) -> None:
        from studio.spec import SECTIONS, new_item
        from studio.spec_parts import NESTED, new_nested

        make = new_nested if section in NESTED else new_item
        base = base if base is not None else SECTIONS[section]["path"]
        items = self.doc.get(base) or []
        used = {str(x.get("id")) for x in items if isinstance(x, dict)}
        n = len(items) + 1
        while make(section, n).get("id") in used:
            n += 1
        item = make(section, n)
        inner = {k: v for k, v in item.items() if isinstance(v, list) and v and isinstance(v[0], dict)}
        i = self.doc.append(base, {k: v for k, v in item.items() if k not in inner})
        for k, v in inner.items():  # lists of items (nodes, choices, answers) one a block, as in the shipped files
            self.doc.set(tuple(base) + (i, k), block(v))
        nested = tuple(base) != SECTIONS[section]["path"]
        self.open.add("/".join(map(str, tuple(base) + (i,))) if nested else f"{section}/{i}")

        def open_first(tag: str, value: dict[str, Any]) -> None:  # a new conversation opens at its first reply
            for k, v in value.items():
                if isinstance(v, list) and v and isinstance(v[0], dict):
                    self.open.add(f"{tag}/{k}/0")
                    open_first(f"{tag}/{k}/0", v[0])
        open_first("/".join(map(str, tuple(base) + (i,))), item)
        if nested:  # the items it sits in stay open too
            for k in range(1, len(base)):
                if isinstance(base[k], int):
                    top = next((s for s, sp in SECTIONS.items() if sp["path"] == tuple(base[:k])), None)
                    self.open.add(f"{top}/{base[k]}" if top else "/".join(map(str, base[:k + 1])))
        self.on_change(redraw=True)
