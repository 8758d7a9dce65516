"""The network map drawn as a picture: you in the middle, the partners around you. A line means
'in contact'; an arrow towards a partner means 'I informed them', an arrow towards you means 'they
informed me'. Shapes and a legend carry the meaning, not colour alone (Okabe–Ito colours)."""

from __future__ import annotations

import math

import pygame

from ui.widgets import measure_font

INK = (26, 26, 26)
CONTACT = (0, 114, 178)     # blue
INFORMED = (213, 94, 0)     # vermillion
FAINT = (170, 170, 170)
CARD = (255, 255, 255)


def _arrow(surface: pygame.Surface, colour, start, end, width: int, head: int) -> None:
    pygame.draw.line(surface, colour, start, end, width)
    ang = math.atan2(end[1] - start[1], end[0] - start[0])
    left = (end[0] - head * math.cos(ang - 0.45), end[1] - head * math.sin(ang - 0.45))
    right = (end[0] - head * math.cos(ang + 0.45), end[1] - head * math.sin(ang + 0.45))
    pygame.draw.polygon(surface, colour, [end, left, right])


def _wrap(font: pygame.font.Font, text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and font.size(trial)[0] > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return lines + [line] if line else lines


def _card_rect(font, text: str, centre, max_w: int) -> pygame.Rect:
    lines = _wrap(font, text, max_w)
    rect = pygame.Rect(0, 0, max(font.size(line)[0] for line in lines) + 12, font.get_linesize() * len(lines) + 8)
    rect.center = (int(centre[0]), int(centre[1]))
    return rect


def _edge(rect: pygame.Rect, direction: pygame.Vector2) -> float:
    """Distance from the centre of `rect` to its border along `direction` (unit vector)."""
    tx = (rect.width / 2) / abs(direction.x) if direction.x else math.inf
    ty = (rect.height / 2) / abs(direction.y) if direction.y else math.inf
    return min(tx, ty)


def _card(surface, font, text: str, centre, max_w: int, border) -> pygame.Rect:
    lines = _wrap(font, text, max_w)
    lh = font.get_linesize()
    rect = _card_rect(font, text, centre, max_w)
    pygame.draw.rect(surface, CARD, rect, border_radius=4)
    pygame.draw.rect(surface, border, rect, 2, border_radius=4)
    for i, line in enumerate(lines):
        img = font.render(line, True, INK)
        surface.blit(img, (rect.centerx - img.get_width() // 2, rect.y + 4 + i * lh))
    return rect


def draw_network(view, tr, size: tuple[int, int], scale: float) -> pygame.Surface:
    """The map of `view.partners` around the role itself, with a legend, on a surface of `size`."""
    w, h = size
    surface = pygame.Surface(size)
    surface.fill((244, 241, 234))
    font = measure_font(max(11, round(12 * scale)))
    legend_h = font.get_linesize() * 2 + 10
    cx, cy = w / 2, (h - legend_h) / 2
    rx, ry = w / 2 - 70 * scale, (h - legend_h) / 2 - 26 * scale
    me_rect = _card_rect(font, tr.text(view.name), (cx, cy), int(120 * scale))
    n = max(1, len(view.partners))
    cards = []
    for i, p in enumerate(view.partners):
        ang = -math.pi / 2 + 2 * math.pi * i / n
        px, py = cx + rx * math.cos(ang), cy + ry * math.sin(ang)
        start = pygame.Vector2(cx, cy)
        end = pygame.Vector2(px, py)
        cards.append((p, (px, py)))
        direction = (end - start).normalize() if end != start else pygame.Vector2(1, 0)
        a = start + direction * (_edge(me_rect, direction) + 3)
        b = end - direction * (_edge(_card_rect(font, tr.text(p.name), (px, py), int(110 * scale)), direction) + 3)
        if p.in_contact:
            pygame.draw.line(surface, CONTACT, a, b, max(2, round(3 * scale)))
        else:
            pygame.draw.line(surface, FAINT, a, b, 1)
        head = round(10 * scale)
        if p.informed_by_me:
            _arrow(surface, INFORMED, a + direction * 4, b - direction * 2, max(2, round(2 * scale)), head)
        if p.informed_me:
            offset = pygame.Vector2(-direction.y, direction.x) * 6 * scale
            _arrow(surface, INFORMED, b + offset, a + offset + direction * 4, max(2, round(2 * scale)), head)
    _card(surface, font, tr.text(view.name), (cx, cy), int(120 * scale), INK)
    for p, centre in cards:
        _card(surface, font, tr.text(p.name), centre, int(110 * scale), CONTACT if p.in_contact else FAINT)
    y = h - legend_h + 4
    x = 8
    pygame.draw.line(surface, CONTACT, (x, y + 8), (x + 30, y + 8), 3)
    surface.blit(font.render(tr("net.in_contact"), True, INK), (x + 36, y))
    _arrow(surface, INFORMED, (x, y + 8 + font.get_linesize()), (x + 30, y + 8 + font.get_linesize()), 2, 8)
    surface.blit(font.render(tr("map.arrows"), True, INK), (x + 36, y + font.get_linesize()))
    return surface
