"""Where the guided tour's balloon may go (issue 17, item 4; review of the tour at 200 % font): what
the current step points the player to must stay visible — the highlighted buttons and tabs, the text
of a highlighted panel, and the lines that just arrived in the inbox or the dossier (what the player's
last step produced). The balloon is placed where it covers none of that and as little as possible of
the other buttons; when no place leaves it all visible, the balloon folds itself (the overlay says so).

Pure geometry over pygame rectangles and pygame_gui text boxes; no game state is changed here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pygame
import pygame_gui


def rows(box: Any) -> list[tuple[pygame.Rect, str]]:
    """The rows of text a text box shows now, each as its rectangle on the screen and its text (the
    part scrolled out of the box or below its bottom is left out)."""
    layout = getattr(box, "text_box_layout", None)
    if layout is None:
        return []
    area = box.text_wrap_rect
    offset = 0
    bar = getattr(box, "scroll_bar", None)
    if bar is not None:
        offset = int(bar.start_percentage * layout.layout_rect.height)
    out = []
    for row in layout.layout_rows:
        rect = pygame.Rect(area.x, area.y + row.y - offset, max(row.width, 1), row.height).clip(box.rect)
        if rect.h > 0:
            out.append((rect, "".join(getattr(chunk, "text", "") for chunk in row.items)))
    return out


def text_rect(box: Any) -> pygame.Rect | None:
    """The part of a text box that holds text (its rows with something in them), None when empty."""
    filled = [r for r, text in rows(box) if text.strip()]
    return filled[0].unionall(filled[1:]) if filled else None


def first_entries(box: Any, n: int) -> pygame.Rect | None:
    """The part of a text box that holds its first `n` entries — the inbox and the dossier list the
    newest first, one entry after another with an empty row between them."""
    if n <= 0:
        return None
    taken: list[pygame.Rect] = []
    for rect, text in rows(box):
        if not text.strip():
            n -= 1
            if n == 0:
                break
            continue
        taken.append(rect)
    return taken[0].unionall(taken[1:]) if taken else None


def focused(screen: Any, size: tuple[int, int]) -> list[pygame.Rect]:
    """Where the player is: the widget that has the focus, with the label beside it (a checkbox's
    text), when it is on the window — the field being filled in stays visible too."""
    widget = screen.focus[screen.focus_index] if screen.focus else None
    if widget is None or not getattr(widget, "visible", True) or not widget.rect.colliderect(pygame.Rect((0, 0), size)):
        return []
    group = next((g for g in getattr(screen, "groups", []) if g and g[0] is widget), [widget])
    return [group[0].rect.unionall([e.rect for e in group[1:]])]


def candidates(size: tuple[int, int], box: tuple[int, int], margin: int,
               avoid: Iterable[pygame.Rect]) -> list[tuple[int, int]]:
    """Top-left corners to try for a balloon of size `box`: the corners, sides and middle of the
    window, and every place just beside, above or below a rectangle that must stay visible (bottom
    right first: the order breaks ties)."""
    w, h = size
    bw, bh = box
    gap = margin
    xs = [w - bw - margin, margin, (w - bw) // 2]
    ys = [h - bh - margin, (h - bh) // 2, int(h * 0.35), int(h * 0.2), margin]
    for r in avoid:
        xs += [r.right + gap, r.left - bw - gap]
        ys += [r.bottom + gap, r.top - bh - gap]
    xs = [x for x in dict.fromkeys(xs) if margin <= x <= w - bw - margin] or [max(0, (w - bw) // 2)]
    ys = [y for y in dict.fromkeys(ys) if margin <= y <= h - bh - margin] or [max(0, min(margin, h - bh))]
    return [(x, y) for y in ys for x in xs]


def overlap(rect: pygame.Rect, others: Iterable[tuple[pygame.Rect, int]]) -> int:
    """How much of the weighted rectangles `rect` hides (area times weight)."""
    total = 0
    for other, weight in others:
        clip = rect.clip(other)
        total += weight * clip.w * clip.h
    return total


def best_spot(size: tuple[int, int], boxes: list[tuple[int, int]], margin: int, keep: list[pygame.Rect],
              soft: list[tuple[pygame.Rect, int]], forced: bool = False,
              firm: list[pygame.Rect] | None = None) -> pygame.Rect | None:
    """The best place for the balloon, trying each of its possible `boxes` (sizes) in order: one that
    covers nothing of `keep` and the least of `soft` (on a tie: the first size). None when every place covers something of
    `keep` — unless `forced` (the player opened the balloon anyway): then the place that covers least, and
    never the `firm` ones (the button the step asks to press) where any place leaves them free (review of
    issue 17, item 5: the opened balloon of step 4 hid Handelen)."""
    best: tuple[tuple[int, int, int, int], pygame.Rect] | None = None
    for n, box in enumerate(boxes):
        for spot in candidates(size, box, margin, keep):
            rect = pygame.Rect(spot, box)
            hidden = overlap(rect, ((k, 1) for k in keep))
            if hidden and not forced:
                continue
            score = (overlap(rect, ((k, 1) for k in firm or ())), hidden, overlap(rect, soft), n)
            if best is None or score < best[0]:
                best = (score, rect)
    return best[1] if best is not None else None


def cost(rect: pygame.Rect, keep: list[pygame.Rect], soft: list[tuple[pygame.Rect, int]]) -> tuple[int, int]:
    """What a place hides: of `keep`, and of `soft` (weighted)."""
    return overlap(rect, ((k, 1) for k in keep)), overlap(rect, soft)


def fit(size: tuple[int, int], box: tuple[int, int], margin: int, keep: list[pygame.Rect],
        soft: list[tuple[pygame.Rect, int]]) -> pygame.Rect:
    """A small thing (the folded balloon) where it covers none of `keep` if it can, else the least."""
    return best_spot(size, [box], margin, keep, soft, forced=True, firm=keep) or pygame.Rect((margin, margin), box)


def texts(manager: Any) -> list[pygame.Rect]:
    """Where the screen shows text that is not a button: a label's words (a title, the clock, a form's
    line) and the rows of a text panel that hold something (a form's explanation, the coach's words).
    The balloon should rather not hide them (review of issue 17, item 5: step 5 hid the form's title and
    explanation while the lower half of the window was empty)."""
    out = []
    for element in manager.get_sprite_group().sprites():
        if not getattr(element, "visible", True):
            continue
        if hasattr(element, "text_box_layout"):
            out += [r for r, text in rows(element) if text.strip()]
            continue
        if not isinstance(element, pygame_gui.elements.UILabel):
            continue  # buttons are weighed as focusable widgets
        text, font = element.text, getattr(element, "font", None)
        if not text.strip() or font is None:
            continue
        width = min(element.rect.w, font.size(text)[0])
        align = getattr(element, "text_horiz_alignment", "center")
        left = element.rect.left if align == "left" else element.rect.right - width if align == "right" \
            else element.rect.centerx - width // 2
        out.append(pygame.Rect(left, element.rect.top, width, element.rect.h))
    return out


def sizes(width_options: list[int], height_of: Callable[[int], int], max_h: int) -> list[tuple[int, int]]:
    """The balloon's possible sizes: each width with the height its text needs (too tall ones dropped)."""
    out = []
    for width in dict.fromkeys(width_options):
        height = height_of(width)
        if height <= max_h:
            out.append((width, height))
    return out


def edges(rect: pygame.Rect, width: int) -> list[pygame.Rect]:
    """The four sides of a rectangle's outline, as thin rectangles."""
    return [pygame.Rect(rect.left, rect.top, rect.w, width), pygame.Rect(rect.left, rect.bottom - width, rect.w, width),
            pygame.Rect(rect.left, rect.top, width, rect.h), pygame.Rect(rect.right - width, rect.top, width, rect.h)]


def minus(strip: pygame.Rect, hole: pygame.Rect) -> list[pygame.Rect]:
    """A thin strip without the part that lies under `hole` (at most two pieces)."""
    if not strip.colliderect(hole):
        return [strip]
    if strip.w >= strip.h:  # horizontal
        pieces = [pygame.Rect(strip.left, strip.top, hole.left - strip.left, strip.h),
                  pygame.Rect(hole.right, strip.top, strip.right - hole.right, strip.h)]
    else:
        pieces = [pygame.Rect(strip.left, strip.top, strip.w, hole.top - strip.top),
                  pygame.Rect(strip.left, hole.bottom, strip.w, strip.bottom - hole.bottom)]
    return [p for p in pieces if p.w > 0 and p.h > 0]


def soft(highlights: list[pygame.Rect], screen: Any) -> list[tuple[pygame.Rect, int]]:
    """What the balloon should rather not cover, weighted: the focused widget thirty times, any other
    focusable widget twelve times (a button under the balloon cannot be seen), text that is not a
    button (titles, the clock, explanations: `texts`) six times, a highlighted panel around its text twice."""
    focused = screen.focus[screen.focus_index] if screen.focus else None
    return [(r, 2) for r in highlights] + [(r, 6) for r in texts(screen.app.manager)] + \
           [(e.rect, 30 if e is focused else 12) for e in screen.focus if getattr(e, "visible", True)]
