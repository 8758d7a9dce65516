"""The projector before the start (issue 18, item 4): how to join — the code in large letters, the
QR code with the join link, the address for who does not find the session in the list, the line for
a terminal — and who has joined, by role. A part of ui.screens.dashboard; everything comes from the
server (the welcome's `join`, the lobby frames)."""

from __future__ import annotations

import pygame
import pygame_gui

from net.joinline import join_line, join_url
from ui.qr import qr_surface
from ui.widgets import esc


def build_lobby(screen, y: int) -> None:
    """QR code left; the code, how to join and who has joined right."""
    tr, (w, h), pad, g = screen.tr, screen.app.size, screen.pad, screen.app.game
    join = g.join or {}
    address, code = join.get("address", "?"), join.get("code", "?")
    size = max(120, min(h - y - pad, int(w * 0.32)))
    qr = qr_surface(join_url(address, code), size)
    pygame_gui.elements.UIImage(pygame.Rect(pad, y, qr.get_width(), qr.get_height()), qr, screen.app.manager)
    x = pad * 2 + qr.get_width()
    right = w - x - pad
    screen.label(pygame.Rect(x, y, right, screen.row), tr("dash.join_code", code=code), "@title")
    y += screen.row + pad // 2
    how_h = (h - y - pad) * 2 // 5
    screen.textbox(pygame.Rect(x, y, right, how_h), how_html(screen, address, code))
    y += how_h + pad // 2
    screen.textbox(pygame.Rect(x, y, right, h - y - pad), joined_html(screen))


def how_html(screen, address: str, code: str) -> str:
    """The steps of joining, the address, the terminal line."""
    tr = screen.tr
    return "<br>".join([f"<b>{esc(tr('dash.join_how'))}</b>", esc(tr("dash.join_address", address=address)),
                        f"<i>{esc(tr('dash.join_line', line=join_line(address, code)))}</i>"])


def joined_html(screen) -> str:
    """Who has joined, per playable role (roles nobody took are played by the computer)."""
    tr = screen.tr
    lobby = screen.app.game.lobby or {}
    roles = [r for r in lobby.get("roles", []) if r.get("playable")]
    n = sum(len(r["players"]) for r in roles)
    rows = [f"<b>{esc(tr('dash.joined', n=n))}</b>"]
    for r in roles:
        people = ", ".join(r["players"]) or "—"
        rows.append(f"{esc(tr.text(r['name']))}: {esc(people)}")
    if not n:
        rows.append(esc(tr("dash.nobody_yet")))
    return "<br>".join(rows)
