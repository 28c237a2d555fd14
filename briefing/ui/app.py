"""The Textual app: shows a presentation session's deck and place, and opens the editor.

The session (`briefing.session.DeckSession`) owns the deck, following its files and the
place the presentation is at; the app only wires it to the screens. Every session event is
posted to the app as one message, so it is handled between key presses: a new deck goes to
every screen (`deck_changed`), errors to the error bar (`errors_changed`), a place asked for
to the screen it names. Screens report where they are through `report_place`; `r`, `e` and
a save all reach the screens the same way: session, event, message, screens.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.signal import Signal

from ..deck.model import Deck, Diagnostic, Item
from ..themes.choice import startup_ansi_color
from .base_app import BaseApp
from .clock import Stopwatch
from .editor import NoEditorError, editor_command
from .screens import SCREEN_NAMES, SCREEN_SPECS
from .screens.base import DeckScreen
from .startup import resume_collector
from .theming import Theming

if TYPE_CHECKING:
    from textual.widget import AwaitMount

    from ..deck import LoadCache, LoadResult
    from ..deck.diff import DeckChanges
    from ..session import DeckSession, Place, SessionEvent
    from ..themes.request import ChosenThemes
    from .screens.picker import DeckChoice
    from .sharing import PresenterSharing, ShareSettings

JUMP_KEY = "J"
WATCH_NOTICE_SECONDS = 8.0


def _deck_commands():
    """The palette's providers load with the palette, not at start-up."""
    from .commands import DeckCommands

    return DeckCommands


def _theme_commands():
    from .commands import ThemeCommands

    return ThemeCommands


def _screen_bindings() -> list[BindingType]:
    return [Binding(spec.key, f"show_screen('{spec.name}')", spec.title, show=False) for spec in SCREEN_SPECS]


class BriefingApp(BaseApp):
    """Presents one deck (or a picker of decks) and keeps it in step with its files."""

    TITLE = "briefing"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {_deck_commands, _theme_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        *_screen_bindings(),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("slash", "search", "Search quotes", key_display="/"),
        Binding("e", "edit", "Edit at source", show=False),
        Binding("r", "reload", "Reload", show=False),
        Binding(JUMP_KEY, "jump_to_change", "Jump to the change", show=False),
        Binding("escape", "back", "Back", show=False),
        Binding("c", "toggle_clock", "Clock on/off", show=False),
        Binding("s", "toggle_stopwatch", "Stopwatch start/pause", show=False),
        Binding("S", "reset_stopwatch", "Stopwatch reset", show=False),
        Binding("t", "cycle_theme", "Next theme", show=False),
        Binding("b,full_stop", "toggle_blank", "Blank the screen (the banner stays) and back", key_display="b .",
                show=False, priority=True),
        Binding("q", "quit", "Quit"),
    ]

    class FromSession(Message):
        """One event of the session, handled on the app's own message queue."""

        def __init__(self, event: SessionEvent) -> None:
            super().__init__()
            self.event = event

    def __init__(
        self,
        deck_path: Path | None = None,
        result: LoadResult | None = None,
        *,
        folder: Path | None = None,
        initial_screen: str = "brief",
        theme: str | None = None,
        themes: ChosenThemes | None = None,
        show_notes: bool = False,
        load_cache: LoadCache | None = None,
        show_clock: bool = True,
        watch: bool = False,
        poll: bool = False,
        collector_paused: bool = False,
        session: DeckSession | None = None,
        after_first_paint: Callable[[], None] | None = None,
        share: ShareSettings | None = None,
    ) -> None:
        """`session`: present one made elsewhere (a follower's, fed from a socket); else one
        is made from `deck_path` and its first load `result`, when first needed. `share`:
        share the presentation (`--share`, `--presenter-view`) once it is on screen."""
        deck = session.deck if session is not None else result.deck if result is not None else None
        if deck is not None:
            self.DEFAULT_MODE = initial_screen
            """The first screen is the app's first mode: Textual composes it with the app, one
            layout and one paint, instead of composing an empty default screen and then
            switching to it (two more layouts and a restyle before anything shows)."""
        super().__init__(ansi_color=startup_ansi_color())
        self.animation_level = "none"
        self.folder = folder
        self._session = session
        self._session_options = (deck_path, result, load_cache, watch, poll)
        if session is not None:
            session.subscribe(self._session_event)
        self.deck: Deck | None = deck
        """The deck the screens show: the session's, once its event has reached the app."""
        self.deck_errors: tuple[Diagnostic, ...] = session.errors if session is not None else ()
        self.initial_screen = initial_screen
        self.theming = Theming(self, themes)
        self.show_notes = show_notes
        self._after_first_paint = after_first_paint
        self.stopwatch = Stopwatch()
        self.clock_visible = show_clock
        self.deck_changed: Signal[Deck] = Signal(self, "deck-changed")
        self.errors_changed: Signal[tuple[Diagnostic, ...]] = Signal(self, "errors-changed")
        self._mode_history: list[str] = []
        self._placing = False
        """A place from the session is being applied: the screens' own reports wait for the end."""
        self._collector_paused = collector_paused
        self._share_settings = share
        self.sharing: PresenterSharing | None = None
        for spec in SCREEN_SPECS:
            self.add_mode(spec.name, spec.make_screen)
        starting_theme = self.theming.starting_theme(theme)
        if starting_theme:
            self.theming.show_before_start(starting_theme)

    def on_mount(self) -> None:
        if self._collector_paused:
            self.call_after_refresh(resume_collector)
        if self._after_first_paint is not None:
            self.call_after_refresh(self._after_first_paint)
        self.theming.start()
        if self.deck is not None:
            self.call_after_refresh(self._follow_files)
        elif self.folder is not None:
            from .screens.picker import PickerScreen

            self.push_screen(PickerScreen(self.folder), self._deck_chosen)

    def _deck_chosen(self, choice: "DeckChoice | None") -> None:
        if choice is None or choice.result.deck is None:
            self.exit(1)
            return
        self.session.open(choice.path, choice.result)
        self.deck = choice.result.deck
        self.theming.deck_changed(self.deck)
        self.switch_mode(self.initial_screen)
        self._follow_files()

    def _follow_files(self) -> None:
        """The session follows the deck's files and the theme files (unless `--no-watch`);
        sharing starts beside it, after the first paint."""
        self.session.start(extra_paths=self.theming.followed_files(), extra_digests=self.theming.read_digests)
        self.theming.follow_with(self.session if self.session.following else None)
        if self._share_settings is not None and self.sharing is None:
            from .sharing import PresenterSharing

            self.sharing = PresenterSharing(self, self._share_settings)
            self.run_worker(self.sharing.start(), name="sharing", group="sharing")

    async def action_quit(self) -> None:
        """`q`: followers are told goodbye while the presentation is still on screen."""
        if self.sharing is not None:
            await self.sharing.close()
        self.exit()

    async def on_unmount(self) -> None:
        """Followers are told goodbye (if `q` has not) before the session ends."""
        if self.sharing is not None:
            await self.sharing.close()
        if self._session is not None:
            self._session.close()

    @property
    def session(self) -> DeckSession:
        """The presentation session, made when first needed: after the first paint, which
        importing it (a dozen frozen dataclasses) would otherwise delay by a few ms."""
        if self._session is None:
            from ..session import DeckSession

            deck_path, result, cache, watch, poll = self._session_options
            self._session_options = ()
            self._session = DeckSession(deck_path, result, cache=cache, watch=watch, poll=poll)
            self._session.subscribe(self._session_event)
        return self._session

    @property
    def deck_screen(self) -> DeckScreen | None:
        screen = self.screen
        return screen if isinstance(screen, DeckScreen) else None

    def action_show_screen(self, name: str) -> None:
        if self.deck is None or self.current_mode == name:
            return
        self._enter_mode(name)

    def _enter_mode(self, name: str) -> AwaitMount:
        """Switch to a deck screen, remembering the one left for `escape`."""
        if self.current_mode in SCREEN_NAMES:
            self._mode_history.append(self.current_mode)
        return self.switch_mode(name)

    def action_back(self) -> None:
        if self._mode_history:
            self.switch_mode(self._mode_history.pop())

    async def action_search(self) -> None:
        """`/` from any screen: the quotes screen, with the cursor in its query box."""
        if self.deck is None:
            return
        if self.current_mode != "quotes":
            await self._enter_mode("quotes")
        open_search = getattr(self.screen, "open_search", None)
        if open_search is not None:
            open_search()

    async def open_item(self, item: Item) -> None:
        """Show an item on the screen made for it, or in a detail window when none is."""
        for spec in SCREEN_SPECS:
            if isinstance(item, spec.handles):
                if self.current_mode != spec.name:
                    self._mode_history.append(self.current_mode)
                    await self.switch_mode(spec.name)
                screen = self.deck_screen
                if screen is not None:
                    screen.catch_up()
                    if screen.focus_item(item):
                        return
        self.show_detail(item)

    def show_detail(self, item: Item) -> None:
        if self.deck is not None:
            from .screens.detail import DetailScreen

            self.push_screen(DetailScreen(self.deck, item))

    @property
    def blank(self) -> bool:
        """Whether the screen is blanked to the classification banner alone."""
        from .screens.blank import BlankScreen

        return isinstance(self.screen, BlankScreen)

    def set_blank(self, blank: bool) -> None:
        """Blank the screen to the banner alone, or show again what was there.

        A blank is a window over whatever shows (a screen or another window), so going back
        finds it exactly as it was; a presentation's place (``Place.blank``) can drive it."""
        if blank == self.blank:
            return
        if blank:
            from .screens.blank import BlankScreen

            self.push_screen(BlankScreen())
        else:
            self.pop_screen()
        if not self._placing and self.deck is not None:
            self.session.report(replace(self.session.place, blank=blank))

    def action_set_blank(self, blank: bool) -> None:
        self.set_blank(blank)

    def action_toggle_blank(self) -> None:
        self.set_blank(not self.blank)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While blank only the keys that end it (and quitting) act: nothing moves unseen."""
        return not self.blank or action in ("toggle_blank", "set_blank", "quit")

    def action_command_palette(self) -> None:
        """Textual's palette, with the deck's banners: it covers the screen the audience sees."""
        from textual.command import CommandPalette

        from .screens.palette import BannerPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(BannerPalette(id="--command-palette"))

    def action_reload(self) -> None:
        self.session.reload()

    def apply_load_result(self, result: LoadResult) -> None:
        """Show a load made elsewhere: it reaches the screens as a reload does."""
        self.session.apply(result)

    async def action_jump_to_change(self) -> None:
        """`J`: open the first item the last reload added or edited, on the screen made for it."""
        item = self.session.changed_item()
        if item is None:
            self.notify("No changed item to jump to.", markup=False, timeout=notice_seconds())
            return
        await self.open_item(item)

    # -- the session --------------------------------------------------------------------------

    def _session_event(self, event: SessionEvent) -> None:
        """From the session: a place a screen here reported needs nothing; the rest is posted."""
        from ..session import PlaceChanged

        if not (isinstance(event, PlaceChanged) and event.reported):
            self.post_message(self.FromSession(event))

    async def on_briefing_app_from_session(self, message: FromSession) -> None:
        from ..session import ChangesSummarised, DeckReplaced, ErrorsChanged, FollowNotice, PlaceChanged, ThemeFilesChanged

        event = message.event
        if isinstance(event, DeckReplaced):
            self.deck = event.deck
            self.deck_changed.publish(event.deck)
        elif isinstance(event, ErrorsChanged):
            self.deck_errors = event.errors
            self.errors_changed.publish(event.errors)
        elif isinstance(event, ChangesSummarised):
            changes = event.changes
            self.notify(changes.summary(), title=notice_title(changes), markup=False, timeout=notice_seconds())
        elif isinstance(event, FollowNotice):
            severity = "error" if event.stopped else "warning"
            self.notify(event.message, title="Live reload", severity=severity, markup=False, timeout=WATCH_NOTICE_SECONDS)
        elif isinstance(event, ThemeFilesChanged):
            self.theming.reload()
        elif isinstance(event, PlaceChanged):
            await self.show_place(event.place)

    def report_place(self, screen: DeckScreen) -> None:
        """`screen` shows something new: tell the session (an unchanged place costs a comparison)."""
        if self._placing or screen is not self.screen:
            return
        self.session.report(self.session.place.showing(screen.SCREEN_NAME, screen.place_view()))

    def drive(self, place: Place | None, command: str | None) -> None:
        """A presenter view's key (sharing): go to `place`, or do one presentation key."""
        if self.deck is None:
            return
        if place is None:
            from ..session.drive import driven

            place = driven(self.deck, self.session.place, command or "")
        self.session.move_to(place)

    async def show_place(self, place: Place) -> None:
        """Go where the session was asked to go: the screen the place names, and there on it."""
        if self.deck is None:
            return
        self._placing = True
        try:
            if self.current_mode != place.screen:
                self.set_blank(False)  # a blank is a window on one screen's stack
                await self._enter_mode(place.screen)
            screen = self.screen_stack[0] if self.screen_stack else None
            if not isinstance(screen, DeckScreen):
                return
            screen.catch_up()
            screen.apply_place(place)
            self.set_blank(place.blank)
        finally:
            self._placing = False
        self.report_place(screen)

    def action_edit(self) -> None:
        """Open the current item's file at its line (or the first error's), then reload."""
        if self.deck is None:
            return
        place = self._edit_place()
        try:
            command = editor_command(place)
        except NoEditorError as error:
            self.notify(str(error), title="Cannot open an editor", severity="error", markup=False)
            return
        try:
            with self.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor.", severity="error", markup=False)
            return
        except OSError as error:
            self.notify(f"Editor failed: {error}", severity="error", markup=False)
        self.session.rescan()

    def _edit_place(self):
        screen = self.deck_screen
        if self.deck_errors:
            return self.deck_errors[0].place
        item = screen.current_item() if screen is not None else None
        return item.place if item is not None else self.deck.place


def notice_title(changes: DeckChanges) -> str:
    if changes.first_changed_id is None:
        return "Deck reloaded"
    return f"Deck reloaded · {JUMP_KEY}: jump to it"


def notice_seconds() -> float:
    """A change notice stays up as long as the session waits before the next summary."""
    from ..session import deck_session

    return deck_session.NOTICE_SECONDS
