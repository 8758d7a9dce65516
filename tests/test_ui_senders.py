"""The inbox names who a message comes from as the scenario writes it: a world event's, the incident's or
an intervention's `sender` (found writing familie Yilmaz: the incident had no sender in the inbox)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from ui import game as games  # noqa: E402
from ui.i18n import Tr  # noqa: E402
from ui.naming import Naming  # noqa: E402


class _Window(Naming):
    def __init__(self, game, lang):
        self.game, self.tr = game, Tr(lang)


def test_the_incident_and_world_events_are_signed_by_their_sender():
    game = games.start_game(games.load("pietersdam"), "leerkracht", 1, save=False)
    sc = game.scenario
    event = sc.events[0]
    for lang in ("nl", "en"):
        names = _Window(game, lang)
        assert names.sender_name(event.id, event.kind) == getattr(event.sender, lang)
        assert names.sender_name(sc.incident.id, "incident") == getattr(sc.incident.sender, lang)
