"""A QR code as a pygame Surface (issue 18, item 4): the projector shows the join link as a QR code
(segno makes the matrix; no image library needed). Dark modules on white, with segno's quiet zone."""

from __future__ import annotations

import pygame

from net.joinline import qr_matrix

__all__ = ["qr_matrix", "qr_surface"]


def qr_surface(text: str, size: int) -> pygame.Surface:
    """A square Surface of at most `size` pixels holding `text`'s QR code, each module a whole number
    of pixels (blurred modules do not scan)."""
    rows = qr_matrix(text)
    module = max(1, size // len(rows))
    surface = pygame.Surface((module * len(rows), module * len(rows)))
    surface.fill((255, 255, 255))
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                surface.fill((0, 0, 0), pygame.Rect(x * module, y * module, module, module))
    return surface
