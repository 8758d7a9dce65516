"""How the window starts the guided tour (issue 17, item 4): offered once to a first-time player, and
on request from the start screen. A part of ui.app.App, kept apart so each module keeps one job."""

from __future__ import annotations

from ui import game as games
from ui.screens.start import StartScreen


class TourStarts:
    """The App's tour commands (mixed into ui.app.App, which gives screen, net, show, start_new, rebuild)."""

    def start_tour(self, scenario_id: str | None = None) -> None:
        """The guided tour (issue 17, item 4): a new real game of the chosen family (or the first the
        tour knows) in the tour's role, with the coach overlay pointing at the desk step by step."""
        from ui import onboarding
        from ui.screens.onboarding import TourGuide

        onboarding.mark_seen()
        tour = onboarding.Tour.start(scenario_id)
        self.guide = None
        self.start_new(games.load(tour.scenario_id), tour.settings["role"])
        tour.begin_step(self.game)
        self.guide = TourGuide(self, tour)
        self.rebuild()

    def offer_tour(self) -> None:
        """A first-time player (no profile, no saved game) is offered the guided tour before the start
        screen (ui.onboarding.first_run; KETENSPEL_TOUR=off/on overrides)."""
        from ui import onboarding
        from ui.screens.tour_offer import TourOfferScreen

        if isinstance(self.screen, StartScreen) and self.net is None and onboarding.first_run():
            self.show(TourOfferScreen(self, self.screen.ids[self.screen.sc_index], self.screen.role()))
