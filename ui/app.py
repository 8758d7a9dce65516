"""The game window: `python main.py play` (cli.commands.play › ui.launch.run_window). A driver of the engine
API only — sessions are created, advanced, acted on and viewed through sim; no game rules here.

Screens: start, desk, actions, debrief. Redraws only when something changed; waits for input
while idle (no busy loop); continuous play advances the engine per frame by simulated time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from sim import LogError, ScenarioError
from ui import fastgui, housekeeping, textpanel, typing_guard
from ui import game as games
from ui.coach import Coach, CoachHistoryScreen, is_mine
from ui.i18n import Tr
from ui.naming import Naming
from ui.screens.action import ActionFormScreen
from ui.screens.debrief import DebriefScreen
from ui.screens.desk import DeskScreen
from ui.screens.desk_reuse import ElementPools, ReusingMenu
from ui.screens.start import StartScreen
from ui.theme import clamp_size, make_manager
from ui.tourstarts import TourStarts
from ui.typing_guard import TypingBurst
from ui.widgets import esc, measure_font

BACKGROUND = (244, 241, 234)
IDLE_WAIT_MS = 500


class App(Naming, TourStarts):
    """The window, its current screen and the game being played."""

    def __init__(self, lang: str = "nl", size: tuple[int, int] = (1280, 720), font_scale: float = 1.0):
        housekeeping.freeze_startup()  # the program's code and libraries: out of the garbage collector's way
        pygame.display.init()
        pygame.font.init()
        measure_font.cache_clear()  # fonts of an earlier window (tests open several) are gone
        fastgui.install()  # pygame_gui remembers text sizes and theming ids (same results, less work)
        pygame.key.set_repeat()  # no key repeat for commands: one press, one step (issue 17, item 1)
        self.keys_down: set[int] = set()
        """Keys pressed and not yet released: a second KEYDOWN of one of them is a repeat, never a command."""
        self.swallow_text = ""  # the text of a key that just opened a text field (not to be typed into it)
        self.burst = TypingBurst()  # typing that closed a form runs no commands after it (ui.typing_guard)
        self.repeating = False
        """Key repeat is on only while a text field has the focus (typing 'aaaa' or holding Backspace)."""
        self.size = clamp_size(*size)
        self.window = pygame.display.set_mode(self.size, pygame.RESIZABLE)
        self.lang = lang
        self.tr = Tr(lang)
        pygame.display.set_caption(self.tr("app.title"))
        self.font_scale = max(1.0, min(2.0, font_scale))
        self.coach_on = True
        self.coach = Coach()
        self.coach_open = False  # the coach's new findings are on screen (large fonts: in the panel's place)
        self.manager = make_manager(self.size, self.font_scale)
        self.seed: int | None = None
        self.partners = "competent"
        """How the computer plays the other professionals in a solo game (sim.partners.LEVELS)."""
        self.seen_before: float | None = None
        self.show_map = False
        self.game: games.Game | None = None
        self.screen: Any = None
        self.running = True
        self.playing = False
        self.speed_index = 0
        self.panel_index = 0
        self.status_html = ""
        self.status_kind = "@status"
        self.dirty = True
        self.untidy = False  # a response was drawn since the garbage was last collected (ui.housekeeping)
        self.exit_code = 0
        self.net: Any = None  # a group game's controller (ui.netplay), None in solo play
        self.guide: Any = None
        """The guided tour's overlay while a tour runs (ui.screens.onboarding.TourGuide), else None."""
        self.builds = 0
        """How many screen builds there were: the tour's overlay goes on the last one only."""
        self.element_pools = ElementPools()
        """The desk's and the action menu's elements of their last builds, kept while unchanged (issue 17,
        item 10; ui.screens.desk_reuse)."""

    # -- screens -------------------------------------------------------------------------------
    def show(self, screen: Any) -> None:
        """Switch to `screen`."""
        self.screen = screen
        self.rebuild()

    def rebuild(self) -> None:
        """Recreate the current screen's elements (after any change of state, language, size or font);
        the guided tour's overlay goes on top of the finished screen."""
        self.builds += 1
        build = self.builds
        s = self.screen
        pool = self.element_pools.before_build(self.manager, s)  # the desk and the menu keep what did not change
        s.callbacks.clear()
        s.choices.clear()
        s.focus.clear()
        s.keys.clear()
        s.scrollables.clear()
        s.groups.clear()
        s.build()
        if pool is not None:
            pool.finish()
        s.after_build()
        if self.guide is not None and build == self.builds:  # not again after after_build rebuilt (a form scrolled)
            self.guide.build(s)
        self.dirty = True

    def set_lang(self, lang: str) -> None:
        """Switch the language of every label."""
        self.lang, self.tr = lang, Tr(lang)
        pygame.display.set_caption(self.tr("app.title"))
        self.rebuild()

    def set_font_scale(self, scale: float) -> None:
        """Font size 100–200 %: a new theme, all screens laid out again."""
        self.font_scale = max(1.0, min(2.0, scale))
        self.manager = make_manager(self.size, self.font_scale)
        self.element_pools.forget()  # their elements belonged to the old manager
        self.rebuild()

    def resize(self, w: int, h: int) -> None:
        """The window was resized (kept between 1280×720 and 1920×1080)."""
        size = clamp_size(w, h)
        if size != (w, h):
            self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        else:
            self.window = pygame.display.get_surface()
        self.size = size
        self.manager.set_window_resolution(size)
        self.rebuild()

    def to_start(self, scenario: str | None = None, role: str | None = None) -> None:
        """The start screen."""
        self.guide = None
        self.game = None
        self.playing = False
        self.coach_open = False
        self.seen_before = None
        self.status_html = ""
        self.show(StartScreen(self, scenario, role))

    def show_desk(self) -> None:
        """The desk of the player's role."""
        if self.seen_before is not None and self.game is not None and self.seen_before > self.game.now:
            self.seen_before = None  # played again from an earlier moment
        self.show(DeskScreen(self))

    def open_map(self) -> None:
        """The network map on its own screen (used at large font sizes)."""
        from ui.screens.map import MapScreen

        self.show(MapScreen(self))

    def open_coach_history(self) -> None:
        """Everything the coach said in this session (exam mode: nothing until the debrief)."""
        self.playing = False
        self.show(CoachHistoryScreen(self))

    def open_actions(self) -> None:
        """The list of actions."""
        self.playing = False
        self.show(ReusingMenu(self))

    def open_form(self, do: str) -> None:
        """The parameter dialog of one action (a conversation with choices has a screen of its own)."""
        if do == "converse":
            from ui.screens.conversation import ConversationScreen

            self.show(ConversationScreen(self))
            return
        self.show(ActionFormScreen(self, do))

    # -- game ----------------------------------------------------------------------------------
    def start_new(self, scenario, role: str, seed: int | None = None) -> None:
        """A new saved game."""
        self.game = games.start_game(scenario, role, self.seed if seed is None else seed, partners=self.partners)
        self.coach, self.coach_open = Coach(), False
        self.status_html = esc(self.tr("desk.welcome"))
        self.status_kind = "@status"
        self.show_desk()

    def resume(self, path: Path) -> None:
        """Continue a saved game exactly where it was left."""
        try:
            self.game = games.resume_game(path)
        except LogError as exc:  # e.g. the scenario file changed since: say so on the start screen
            self.status_html = f"<b>{esc(self.tr('start.resume_failed'))}</b> {esc(str(exc))}<br><br>"
            self.rebuild()
            return
        self.catch_up_coach()
        self.status_html = esc(self.tr("desk.resumed", moment=self.tr.moment(self.game.scenario.meta,
                                                                             self.game.session.now)))
        self.status_kind = "@status"
        self.show_desk()

    def quit_game(self) -> None:
        """Save (clock checkpoint) and go back to the start screen, where 'resume' is offered."""
        if self.game is not None:
            self.game.quit()
        self.to_start()

    def submit_action(self, action: dict[str, Any]):
        """Send an action to the engine; on success back to the desk with a confirmation."""
        g = self.game
        result = g.act(action)
        if result.ok:
            coach = self.coach_html()
            self.status_html = esc(self.tr("act.done", what=self.describe(action))) + ("<br>" + coach if coach else "")
            self.status_kind = "@status"
            self.show_desk()
        return result

    def after_time_step(self, note: str = "") -> None:
        """The clock moved: show the desk anew (with `note`, e.g. how much time passed, and what the
        coach has to say about it)."""
        coach = self.coach_html()
        self.status_html = "<br>".join(part for part in (esc(note), coach) if part)
        self.rebuild()

    def coach_html(self) -> str:
        """The coach (when on): every new scoring finding about your role or the team since the last
        action or time step, faults first, each with its public source. In exam mode nothing is shown
        (the findings are kept for the debrief)."""
        self.coach.collect(self.game)
        found = self.coach.take()
        self.coach_open = bool(found) and self.coach_on
        return self.coach.html(self.tr, found) if self.coach_on else ""

    def catch_up_coach(self) -> None:
        """A resumed or replayed game: what the coach found before this moment goes into the history,
        not into the 'new' lines."""
        self.coach, self.coach_open = Coach(), False
        self.coach.collect(self.game)
        self.coach.take()

    def end_game(self) -> None:
        """The scenario's end: the engine decides the outcome; then the debrief."""
        self.game.session.finish()
        self.guide = None
        self.status_html = ""
        self.show(DebriefScreen(self))

    def reload_scenario(self) -> None:
        """F5: reload the scenario file and keep playing at the same moment; validation problems are
        shown in the window (FILE:LINE:COL), the current game goes on unchanged."""
        try:
            self.game = games.reload_scenario(self.game)
            self.catch_up_coach()
        except ScenarioError as exc:
            lines = [esc(p.render(self.lang)) for p in exc.problems] or [esc(self.tr("reload.no_file"))]
            self.status_html = f"<b>{esc(self.tr('reload.failed'))}</b><br>" + "<br>".join(lines[:6])
            self.status_kind = "@refusal"
            self.show_desk()
            return
        self.status_html = esc(self.tr("reload.done"))
        self.status_kind = "@status"
        self.show_desk()

    def play_again(self, moment: float) -> None:
        """A new game with the same world, your own actions up to `moment` re-entered."""
        self.game = games.restart_from(self.game, moment)
        self.catch_up_coach()
        self.status_html = esc(self.tr("desk.again"))
        self.show_desk()

    def findings(self) -> list[dict[str, Any]] | None:
        """Scoring findings about your role (and the team) for the debrief."""
        return [f for f in self.scores()["findings"] if is_mine(f, self.game.role)]

    def scores(self) -> dict[str, Any]:
        """The scorer's verdict on this game so far: {'score': …, 'findings': […]}."""
        return self.game.score()

    # -- loop ----------------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        """One input event."""
        if self.net is not None and event.type == self.net.EVENT:
            self.net.on_event(event)
            self.dirty = True
            return
        if event.type == pygame.QUIT:
            if self.net is not None and not self.net.may_close():
                return
            if self.game is not None and not self.game.finished:
                self.game.quit()
            self.running = False
            return
        if event.type == pygame.VIDEORESIZE:
            self.resize(event.w, event.h)
            return
        if event.type == pygame.KEYUP:
            self.keys_down.discard(event.key)
        elif event.type == pygame.WINDOWFOCUSLOST:
            self.keys_down.clear()  # its key-up may go to another window
        if event.type == pygame.TEXTINPUT and self.swallow_text:
            swallowed, self.swallow_text = event.text == self.swallow_text, ""
            if swallowed:
                return  # the letter of the key that opened a text field is a command, not the first letter typed
        if event.type == pygame.KEYDOWN:
            self.burst.key_down()
            if self.burst.drops(event, self.screen):
                self.keys_down.add(event.key)
                return  # still typing after the form closed: no desk command
        self.manager.process_events(event)
        if event.type == pygame.KEYDOWN:
            self.swallow_text = ""
            held = event.key in self.keys_down
            self.keys_down.add(event.key)
            if held and not self.screen.editing():
                return  # a held key (or a repeat the OS sends anyway) does not press a command again
            if getattr(event, "unicode", "") == "?" and not self.screen.editing():
                self.toggle_glossary()
                return
        if self.guide is not None and self.guide.intercept(event):
            self.dirty = True
            return
        if event.type == pygame.KEYDOWN and self.net is not None and not self.screen.editing() and self.net.on_key(event):
            self.dirty = True
            return                   # a key of the group game (B: the role's briefing)
        if event.type in (pygame.KEYDOWN, pygame.MOUSEWHEEL, pygame_gui.UI_BUTTON_PRESSED, pygame_gui.UI_TEXT_ENTRY_CHANGED):
            was_editing, before = event.type == pygame.KEYDOWN and self.screen.editing(), self.screen
            self.screen.handle_event(event)
            if event.type == pygame.KEYDOWN and self.screen is not before and getattr(before, "typing_form", False):
                self.burst.form_closed()
            if event.type == pygame.KEYDOWN and not was_editing and self.screen is not None and self.screen.editing() \
                    and getattr(self.screen, "led_into_field", None) is not event:
                self.swallow_text = getattr(event, "unicode", "")
        self.dirty = True

    def toggle_glossary(self) -> None:
        """'?': the glossary over the current screen, or back from it (issue 17, item 5)."""
        from ui.screens.glossary import toggle

        toggle(self)

    def frame(self, wait: bool = False) -> None:
        """Process pending input, advance continuous play, redraw when something changed."""
        if not self.playing and not self.dirty and textpanel.PENDING and not pygame.event.peek() and \
                textpanel.finish_pending(self.manager):
            self.dirty = True  # the response is on screen: panels shown in part get the rest of their text
            events = pygame.event.get()
        elif wait and not self.playing and not self.dirty:
            self.tidy()  # about to wait for input: the last response's garbage goes now, not during the next
            events = housekeeping.wait_for_input(IDLE_WAIT_MS)  # looks every few ms, sleeps in between
        else:
            events = pygame.event.get()
        if textpanel.PENDING and any(map(textpanel.reads_whole_text, events)):
            textpanel.finish_pending(self.manager, every=True)  # it scrolls or selects: the panels must be whole
        for event in events:
            self.handle(event)
            if not self.running:
                return
        self.repeating = typing_guard.follow_key_repeat(self.screen, self.repeating)
        dt = self.clock.tick(60) / 1000.0 if hasattr(self, "clock") else 1 / 60
        if self.screen.update(dt):
            self.rebuild()
        if self.dirty or events:  # while playing, the desk marks itself dirty when the clock shows a new hour
            self.manager.update(dt)
            self.draw()

    def draw(self) -> None:
        """Paint the screen."""
        self.window.fill(BACKGROUND)
        self.manager.draw_ui(self.window)
        if self.guide is not None:
            self.guide.draw(self.window)
        pygame.display.flip()
        self.dirty = False
        self.untidy = True

    def tidy(self) -> float:
        """Collect the garbage of the responses drawn since the last time (ui.housekeeping), while the
        window waits for input; returns how long it took in ms (0 when there was nothing to do)."""
        if not self.untidy:
            return 0.0
        self.untidy = False
        return housekeeping.tidy()

    def run(self) -> int:
        """The main loop until the window is closed."""
        self.clock = pygame.time.Clock()
        self.offer_tour()
        try:
            while self.running:
                self.frame(wait=True)
        finally:
            if self.net is not None:
                self.net.close()
        pygame.quit()
        return self.exit_code
