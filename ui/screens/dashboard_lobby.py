"""The projector before the start (issue 18, item 4): how to join — the code in large letters, the
QR code with the join link, the address for who does not find the session in the list, the line for
a terminal — and who has joined, by role. A part of ui.screens.dashboard; everything comes from the
server (the welcome's `join`, the lobby frames). Sized to be read from the back of the room: the list
of who joined shrinks its type before it would have to scroll."""

from __future__ import annotations

import pygame
import pygame_gui

from net.joinline import join_line, join_url
from ui.qr import qr_surface
from ui.widgets import BASE_FONT, esc, measure_font

MIN_PX = 14
"""The smallest type the list of who joined uses (pixels) before it scrolls."""


def build_lobby(screen) -> None:
    """Title with the code across the top; QR code left; how to join and who has joined right."""
    tr, (w, h), pad, g = screen.tr, screen.app.size, screen.pad, screen.app.game
    join = g.join or {}
    address, code = join.get("address", "?"), join.get("code", "?")
    title = tr("dash.lobby_title", title=tr.text(g.scenario.meta.title.model_dump()), code=code)
    screen.label(pygame.Rect(pad, pad, w - 2 * pad, screen.row), title, "@title")
    y = pad * 2 + screen.row
    size = max(120, min(h - y - pad, int(w * 0.3)))
    qr = qr_surface(join_url(address, code), size)
    pygame_gui.elements.UIImage(pygame.Rect(pad, y, qr.get_width(), qr.get_height()), qr, screen.app.manager)
    x = pad * 2 + qr.get_width()
    right = w - x - pad
    how = how_lines(screen, address, code)
    start = round(BASE_FONT * screen.scale)
    how_h = min(_height(how, right, start), (h - y) * 2 // 5)
    px = fitting_px(how, right, how_h, start)
    screen.textbox(pygame.Rect(x, y, right, how_h),
                   f"<font pixel_size={px}>" + "<br>".join(esc(line) for line in how) + "</font>")
    y += how_h + pad
    screen.textbox(pygame.Rect(x, y, right, h - y - pad), joined_html(screen, h - y - pad, right))


def _line_height(px: int) -> int:
    return int(measure_font(px).get_linesize() * 1.25) + 1


def _height(lines: list[str], width: int, px: int) -> int:
    """Pixels a text panel needs for `lines` at `px` (wrapped to `width`, with its margins)."""
    font = measure_font(px)
    rows = sum(1 + font.size(line)[0] * 21 // 20 // max(1, width - 40) for line in lines)
    return rows * _line_height(px) + 24


def fitting_px(lines: list[str], width: int, height: int, start: int) -> int:
    """The largest type (pixels, at most `start`, at least MIN_PX) at which `lines` fit the panel."""
    px = start
    while px > MIN_PX and _height(lines, width, px) > height:
        px -= 1
    return px


def how_lines(screen, address: str, code: str) -> list[str]:
    """The steps of joining, the address, the terminal line."""
    tr = screen.tr
    return [tr("dash.join_how"), tr("dash.join_address", address=address),
            tr("dash.join_line", line=join_line(address, code))]


def joined_html(screen, height: int, width: int) -> str:
    """Who has joined, per playable role, in a type small enough to fit without scrolling (down to
    MIN_PX); roles nobody took show a dash (the computer will play them)."""
    tr = screen.tr
    lobby = screen.app.game.lobby or {}
    roles = [r for r in lobby.get("roles", []) if r.get("playable")]
    n = sum(len(r["players"]) for r in roles)
    lines = [(f"{tr.text(r['name'])}: ", ", ".join(r["players"]) or "—") for r in roles]
    heading = tr("dash.joined", n=n)
    plain = [heading] + [a + b for a, b in lines] + ([] if n else [tr("dash.nobody_yet")])
    px = fitting_px(plain, width, height, round(BASE_FONT * screen.scale))
    rows = [f"<b>{esc(heading)}</b>"] + [f"{esc(a)}<b>{esc(b)}</b>" for a, b in lines]
    if not n:
        rows.append(esc(tr("dash.nobody_yet")))
    return f"<font pixel_size={px}>" + "<br>".join(rows) + "</font>"
