"""Joining a training day from the game's start screen (issue 18, item 3): the participant types the
join code and their name, and picks the trainer's session from the list found on the LAN (net.discovery,
mDNS) — or types the address the trainer shows. Then the same player window opens as `join ADDRESS
--code C --name N` gives (ui.netwindow.player_seats, ui.netplay.NetController): nobody needs a terminal.

When multicast is blocked the screen says so in one line and the typed address still works."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pygame
import pygame_gui

from net.discovery import NO_MULTICAST, Finder
from net.joinline import read_address
from ui.widgets import Screen, esc

FIELDS = ("code", "name", "address")


class JoinScreen(Screen):
    """Code, name, the sessions found on the network (↑/↓ or click), or a typed address; Enter joins."""

    def __init__(self, app, finder: Finder | None = None):
        super().__init__(app)
        self.values = {"code": "", "name": "", "address": ""}
        self.entries: dict[str, pygame_gui.elements.UITextEntryLine] = {}
        self.field = 0                      # which text line has the keyboard
        self.chosen: int | None = None      # which found session is chosen (None: the typed address)
        self.problem = ""                   # the last refusal, in one line
        self.finder = finder if finder is not None else Finder()
        self.searching = self.finder.start() if self.finder.zc is None else True
        self.shown: list[Any] = []

    # -- what was found ------------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        """The list follows the network (a session appears or leaves); the text line gets the keyboard."""
        if getattr(self, "want_focus", False):
            self.want_focus = False
            entry = self.entries.get(FIELDS[self.field])
            if entry is not None:
                self.app.manager.set_focus_set(entry)
                entry.edit_position = len(entry.get_text())
                self.app.dirty = True
        if self.searching and self.finder.sessions() != self.shown:
            self._keep()
            return True
        return False

    def _keep(self) -> None:
        for key, entry in self.entries.items():
            self.values[key] = entry.get_text()

    def on_text(self, element: Any, text: str) -> None:
        """Keep what was typed (the screen is rebuilt when the list changes)."""
        for key, entry in self.entries.items():
            if entry is element:
                self.values[key] = text
                if key == "address" and text.strip():
                    self.chosen = None          # a typed address wins over the list

    def choose(self, index: int | None) -> None:
        """Pick a session from the list (its address goes into the address line)."""
        self._keep()
        found = self.finder.sessions()
        if index is None or not found:
            return
        self.chosen = index % len(found)
        self.values["address"] = found[self.chosen].address
        self.app.rebuild()

    # -- joining -------------------------------------------------------------------------------
    def target(self) -> tuple[str, str]:
        """The address and code to join with (a pasted QR link brings its own code). With no address
        and one training found on the network, that one: the participant gives code and name only."""
        address, code = read_address(self.values["address"])
        found = self.finder.sessions() if self.searching else []
        if not address and len(found) == 1:
            address = found[0].address
        return address, (code or self.values["code"].strip().upper())

    def join(self) -> None:
        """Connect as a player; on success the lobby of the training day replaces this screen."""
        from net.cli import bad_join_args
        from net.client import JoinRefused
        from ui.netplay import NetController, post_wake
        from ui.netwindow import WhichSeat, player_seats
        from ui.remote import NetLink

        self._keep()
        tr, lang = self.tr, self.app.lang
        address, code = self.target()
        name = self.values["name"].strip()
        if not code:
            return self._refuse(tr("join.need_code"))
        if not name:
            return self._refuse(tr("join.need_name"))
        if not address:
            return self._refuse(tr("join.need_address"))
        args = SimpleNamespace(address=address, code=code, name=name, role=None, hotseat=None, token=None, lang=lang)
        bad = bad_join_args(args)
        if bad:
            return self._refuse(bad)
        link = NetLink(post_wake)
        try:
            seats = player_seats(link, args)
        except JoinRefused as exc:
            link.close([])
            return self._refuse(tr("join.refused", why=str(exc)))
        except WhichSeat as exc:
            link.close([])
            return self._refuse(tr("join.which_seat", seats=str(exc)))
        except Exception as exc:  # noqa: BLE001 — no server there, or something that is not Ketenspel
            link.close([])
            why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            return self._refuse(tr("join.no_server", address=address, why=why))
        self.finder.close()
        self.app.status_html = ""
        net = NetController(self.app, link, seats, "player")
        net.route(force=True)

    def _refuse(self, text: str) -> None:
        self.problem = text
        self.app.rebuild()

    def on_escape(self) -> None:
        """Back to the start screen."""
        self.finder.close()
        self.app.to_start()

    # -- layout --------------------------------------------------------------------------------
    def build(self) -> None:
        """Title; code, name and address lines; the sessions found; join / back; help and problems."""
        tr, (w, h), pad = self.tr, self.app.size, self.pad
        self.label(pygame.Rect(pad * 2, pad, w - 4 * pad, self.row), tr("join.title"), "@title")
        y = self.row + 2 * pad
        label_w = min(int(w * 0.3), max(self.text_width(tr(f"join.{k}")) for k in FIELDS))
        self.entries = {}
        for key in FIELDS:
            self.label(pygame.Rect(pad * 2, y, label_w, self.row), tr(f"join.{key}"), "@left")
            entry = pygame_gui.elements.UITextEntryLine(pygame.Rect(pad * 3 + label_w, y, w - label_w - 5 * pad, self.row),
                                                        self.app.manager, initial_text=self.values[key],
                                                        placeholder_text=tr(f"join.{key}_hint"))
            entry.set_text_length_limit(100 if key == "address" else 40)
            self.entries[key] = entry
            y += self.row + pad // 2
        found = self.finder.sessions() if self.searching else []
        self.shown = found
        y += pad // 2
        if found:
            self.label(pygame.Rect(pad * 2, y, w - 4 * pad, self.row), tr("join.found", n=len(found)), "@heading")
            y += self.row
            fit = max(1, (h - y - 4 * self.row) // (self.row + pad // 2))   # the help below keeps 2 rows
            start = 0 if self.chosen is None else max(0, min(self.chosen - fit + 1, len(found) - fit))
            items = []
            for n, s in list(enumerate(found))[start:start + fit]:
                mark = "[x]" if self.chosen == n else "[ ]"
                text = tr("join.session", title=tr.text(s.title), address=s.address, host=s.host or "?")
                items.append((text, (lambda n=n: self.choose(n)), None, None, mark))
            y = self.flow(pad * 2, y, w - 4 * pad, items)
        actions = [(tr("join.go") + "  [Enter]", self.join, None), (tr("join.back") + "  [Esc]", self.on_escape, None)]
        y = self.flow(pad * 2, y + pad // 2, w - 4 * pad, actions, {0: "@toggle_on"})
        if y + self.row < h:
            self.textbox(pygame.Rect(pad * 2, y, w - 4 * pad, h - y - pad), self.help_html(bool(found)),
                         "@refusal" if self.problem else None)

    def help_html(self, found: bool) -> str:
        """The last problem; whether the network search works; how to join."""
        tr, rows = self.tr, []
        if self.problem:
            rows += [f"<b>{esc(self.problem)}</b>", ""]
        if not self.searching:
            rows.append(esc(NO_MULTICAST[self.app.lang]))
        elif not found:
            rows.append(esc(tr("join.searching")))
        rows.append(esc(tr("join.help")))
        return "<br>".join(rows)

    def after_build(self) -> None:
        """The current text line gets the keyboard (from the next frame on)."""
        self.want_focus = True

    def editing(self) -> Any:
        """The text line that has the keyboard: keys type there, they are no shortcuts."""
        return next((entry for entry in self.entries.values() if entry.is_focused), None)

    def handle_key(self, event) -> None:
        """Enter joins; Tab moves between the lines; ↑/↓ choose a session found; Escape goes back."""
        k = event.key
        if k in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.join()
        elif k == pygame.K_TAB:
            self._keep()
            focused = [n for n, key in enumerate(FIELDS) if key in self.entries and self.entries[key].is_focused]
            current = focused[0] if focused else self.field     # a line clicked with the mouse counts
            self.field = (current + (-1 if event.mod & pygame.KMOD_SHIFT else 1)) % len(FIELDS)
            self.want_focus = True
        elif k in (pygame.K_UP, pygame.K_DOWN) and self.finder.sessions():
            step = 1 if k == pygame.K_DOWN else -1
            self.choose(0 if self.chosen is None else self.chosen + step)
        elif k == pygame.K_ESCAPE:
            self.on_escape()
