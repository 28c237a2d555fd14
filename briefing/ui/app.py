"""The Textual app: holds the deck, switches screens, reloads, and opens the editor."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.signal import Signal

from ..deck.model import Deck, Diagnostic, Item
from ..deck.text import printable, printable_lines
from ..themes.choice import startup_ansi_color
from .clock import Stopwatch
from .editor import NoEditorError, editor_command
from .live_reload import JUMP_KEY, LiveReload
from .screens import SCREEN_SPECS
from .screens.base import DeckScreen
from .startup import resume_collector
from .theming import Theming

if TYPE_CHECKING:
    from ..deck import LoadCache, LoadResult
    from ..themes.request import ChosenThemes
    from .screens.picker import DeckChoice


def _deck_commands():
    """The palette's providers load with the palette, not at start-up."""
    from .commands import DeckCommands

    return DeckCommands


def _theme_commands():
    from .commands import ThemeCommands

    return ThemeCommands


def _screen_bindings() -> list[BindingType]:
    return [Binding(spec.key, f"show_screen('{spec.name}')", spec.title, show=False) for spec in SCREEN_SPECS]


def crash_report(error: BaseException | None) -> str:
    """Two lines for stderr after a crash: what failed, and what to do about it."""
    what = f"{type(error).__name__}: {error}" if error is not None else "unknown error"
    return (f"briefing crashed: {printable(' '.join(what.split()))}\n"
            "hint: a bug in briefing; run again with BRIEFING_DEBUG=1 for the traceback to report")


class BriefingApp(App[int]):
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
        Binding("q", "quit", "Quit"),
    ]

    class DeckLoaded(Message):
        """A load finished in a worker thread; the result is applied on the event loop."""

        def __init__(self, result: LoadResult) -> None:
            super().__init__()
            self.result = result

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
        after_first_paint: Callable[[], None] | None = None,
    ) -> None:
        if result is not None and result.deck is not None:
            self.DEFAULT_MODE = initial_screen
            """The first screen is the app's first mode: Textual composes it with the app, one
            layout and one paint, instead of composing an empty default screen and then
            switching to it (two more layouts and a restyle before anything shows)."""
        super().__init__(ansi_color=startup_ansi_color())
        self.animation_level = "none"
        self.deck_path = deck_path
        self.folder = folder
        self.deck: Deck | None = result.deck if result is not None else None
        self.deck_errors: tuple[Diagnostic, ...] = ()
        self.initial_screen = initial_screen
        self.theming = Theming(self, themes)
        self.show_notes = show_notes
        self._load_cache = load_cache
        self._after_first_paint = after_first_paint
        self.stopwatch = Stopwatch()
        self.clock_visible = show_clock
        self.deck_changed: Signal[Deck] = Signal(self, "deck-changed")
        self.errors_changed: Signal[tuple[Diagnostic, ...]] = Signal(self, "errors-changed")
        self._mode_history: list[str] = []
        self.crash: str | None = None
        self._initial_result = result
        self._collector_paused = collector_paused
        self.live_reload = LiveReload(self, watch=watch, poll=poll)
        for spec in SCREEN_SPECS:
            self.add_mode(spec.name, spec.make_screen)
        starting_theme = self.theming.starting_theme(theme)
        if starting_theme:
            self.theming.show_before_start(starting_theme)

    def _fatal_error(self) -> None:
        """An unhandled exception ends the app (Textual sets return code 1). Instead of Rich's
        traceback with locals over the presenter's screen, :attr:`crash` keeps two lines for
        the command to print once the terminal is restored; ``BRIEFING_DEBUG=1`` keeps
        Textual's full traceback for a bug report."""
        if os.environ.get("BRIEFING_DEBUG"):
            super()._fatal_error()
            return
        self.crash = crash_report(self._exception)
        self.bell()
        self._close_messages_no_wait()

    def notify(self, message: str, *, title: str = "", **options) -> None:
        """Every notice, whoever raises it, is shown with control characters made visible:
        notices carry file names and OS errors, and those are not cleaned at load."""
        super().notify(printable_lines(str(message)), title=printable_lines(title), **options)

    def get_driver_class(self):
        """Textual's terminal driver with the lean output in front (ui/output/); off with BRIEFING_LEAN_OUTPUT=0."""
        from .output import choose_driver

        return choose_driver(super().get_driver_class())

    def get_theme_variable_defaults(self) -> dict[str, str]:
        from ..themes.colors import THEME_VARIABLE_DEFAULTS

        return dict(THEME_VARIABLE_DEFAULTS)

    @property
    def load_cache(self) -> LoadCache:
        """Per-file results kept between loads; made on first use (a start from the start-up
        cache has loaded nothing, and imports the loader only when it first reloads)."""
        if self._load_cache is None:
            from ..deck import LoadCache

            self._load_cache = LoadCache()
        return self._load_cache

    def on_mount(self) -> None:
        if self._collector_paused:
            self.call_after_refresh(resume_collector)
        if self._after_first_paint is not None:
            self.call_after_refresh(self._after_first_paint)
        self.theming.start()
        if self.deck is not None:
            if self.deck_path is not None:
                self.call_after_refresh(self.live_reload.start, self.deck_path, self._initial_result)
            self._initial_result = None
        elif self.folder is not None:
            from .screens.picker import PickerScreen

            self.push_screen(PickerScreen(self.folder), self._deck_chosen)

    def _deck_chosen(self, choice: "DeckChoice | None") -> None:
        if choice is None or choice.result.deck is None:
            self.exit(1)
            return
        self.deck_path = choice.path
        self.deck = choice.result.deck
        self.theming.deck_changed(self.deck)
        self.switch_mode(self.initial_screen)
        self.live_reload.start(choice.path, choice.result)

    @property
    def deck_screen(self) -> DeckScreen | None:
        screen = self.screen
        return screen if isinstance(screen, DeckScreen) else None

    def action_show_screen(self, name: str) -> None:
        if self.deck is None or self.current_mode == name:
            return
        if self.current_mode in {spec.name for spec in SCREEN_SPECS}:
            self._mode_history.append(self.current_mode)
        self.switch_mode(name)

    def action_back(self) -> None:
        if self._mode_history:
            self.switch_mode(self._mode_history.pop())

    async def action_search(self) -> None:
        """`/` from any screen: the quotes screen, with the cursor in its query box."""
        if self.deck is None:
            return
        if self.current_mode != "quotes":
            if self.current_mode in {spec.name for spec in SCREEN_SPECS}:
                self._mode_history.append(self.current_mode)
            await self.switch_mode("quotes")
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

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen, getattr(self.screen, "HELP", "")))

    def action_cycle_theme(self) -> None:
        self.theming.cycle()

    def action_toggle_clock(self) -> None:
        self.clock_visible = not self.clock_visible
        self._tick_headers()

    def action_toggle_stopwatch(self) -> None:
        self.stopwatch.toggle()
        self._tick_headers()

    def action_reset_stopwatch(self) -> None:
        self.stopwatch.reset()
        self._tick_headers()

    def _tick_headers(self) -> None:
        from .widgets.frame_header import FrameHeader

        for header in self.screen.query(FrameHeader):
            header.tick()

    def action_reload(self) -> None:
        if self.deck_path is not None and not self.live_reload.reload_now():
            self.load_in_background(self.deck_path)

    async def action_jump_to_change(self) -> None:
        await self.live_reload.jump_to_change()

    def on_live_reload_updated(self, message: LiveReload.Updated) -> None:
        self.live_reload.apply(message.update)

    @work(thread=True, exclusive=True, group="load")
    def load_in_background(self, path: Path) -> None:
        from ..deck import load_deck

        self.post_message(self.DeckLoaded(load_deck(path, cache=self.load_cache)))

    def on_briefing_app_deck_loaded(self, message: DeckLoaded) -> None:
        self.live_reload.show_result(message.result)

    def apply_load_result(self, result: LoadResult) -> None:
        """A good load replaces the deck everywhere; a bad one keeps it and shows the errors."""
        if result.deck is not None:
            self.deck = result.deck
            self.deck_changed.publish(result.deck)
        self.deck_errors = tuple(result.errors)
        self.errors_changed.publish(self.deck_errors)

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
        if not self.live_reload.rescan():
            self.action_reload()

    def _edit_place(self):
        screen = self.deck_screen
        if self.deck_errors:
            return self.deck_errors[0].place
        item = screen.current_item() if screen is not None else None
        return item.place if item is not None else self.deck.place
