"""Themes in the running app: register them, switch with `t` and the palette, follow the files.

`briefing.themes` reads theme files and picks the starting theme without a screen; this
module is the app's side of it. It registers every theme of the library, sets the chosen
one, cycles with `t` (briefing's own themes, then the user's and the deck's; Textual's own
themes only once picked, so `t` stays a short loop), offers "Theme: NAME" in the command
palette, and re-reads theme files when they change on disk. A theme whose file breaks
keeps its last good version, so the screen never loses its theme to a half-saved file.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.theme import Theme

from ..deck import yamlsafe
from ..deck.model import Deck, Diagnostic, Place
from ..themes import (
    THEME_FILE_SUFFIXES,
    ThemeEntry,
    ThemeLibrary,
    ThemeSelection,
    app_ansi_color,
    detect_color_depth,
    named_theme_files,
    select_theme,
)

if TYPE_CHECKING:
    from textual.app import App

BUILT_IN_CYCLE = ("briefing-dark", "briefing-light", "high-contrast", "ops-room", "ansi", "mono")
"""The order `t` visits the built-ins: colour themes first, the terminal's own palette last."""

_ORIGIN_CYCLE = {"built-in": 0, "user": 1, "deck": 2, "file": 3, "textual": 4}

NO_COLOR_STYLE_VARIABLES: dict[str, str] = {
    "block-cursor-text-style": "reverse bold underline",
    "block-cursor-blurred-text-style": "underline",
    "input-cursor-text-style": "reverse",
    "button-focus-text-style": "reverse bold",
}
"""Under NO_COLOR every colour is stripped, and Textual marks cursors by colour alone: these
mark them by reverse and underline instead, whatever theme is showing. Underline as well as
reverse, because Textual 8.2's `Widget.get_visual_style` drops reverse, so an OptionList's
cursor (the sources screen, the palette) would otherwise be only bold."""

ERROR_REPORT_DELAY = 0.3
"""Seconds a theme file error waits before it is shown: an editor that truncates and then
writes gives a moment of empty file, and the next save usually arrives within this."""

WATCH_STEP_MS = 50
WATCH_DEBOUNCE_MS = 400
WATCH_RUST_TIMEOUT_MS = 1_000


def startup_ansi_color(environ: Mapping[str, str] | None = None) -> bool | None:
    """`App(ansi_color=...)` for this terminal: True under NO_COLOR, so Textual strips colour
    instead of greying it into truecolor codes (it decides once, in `App.__init__`)."""
    return app_ansi_color(detect_color_depth(os.environ if environ is None else environ))


@dataclass(frozen=True, slots=True)
class ThemeRequest:
    """Where this run's themes come from: what `select_theme` needs, again on every reload."""

    cli: str | None = None
    deck_theme: str | None = None
    deck_dir: Path | None = None
    deck_place: Place | None = None
    environ: Mapping[str, str] | None = None
    user_dir: Path | None = None
    builtin_dir: Path | None = None

    @classmethod
    def for_deck(cls, cli: str | None, deck: Deck | None, **options) -> ThemeRequest:
        if deck is None:
            return cls(cli=cli, **options)
        return cls(cli=cli, deck_theme=deck.theme, deck_dir=Path(deck.path).parent, deck_place=theme_setting_place(deck), **options)

    def select(self) -> ThemeSelection:
        """The library and the theme to start with; raises `ThemeChoiceError` for a bad `--theme`."""
        return select_theme(
            cli=self.cli,
            deck_theme=self.deck_theme,
            deck_dir=self.deck_dir,
            deck_place=self.deck_place,
            environ=self.environ,
            user_dir=self.user_dir,
            builtin_dir=self.builtin_dir,
        )

    def library(self) -> ThemeLibrary:
        """Every theme, read again (for a live reload): never raises, whatever the files hold."""
        extra, _ = named_theme_files(cli=self.cli, deck_theme=self.deck_theme, deck_dir=self.deck_dir, deck_place=self.deck_place)
        return ThemeLibrary.discover(user_dir=self.user_dir, extra_files=extra, builtin_dir=self.builtin_dir, environ=self.environ)

    def with_deck(self, deck: Deck) -> ThemeRequest:
        return replace(self, deck_theme=deck.theme, deck_dir=Path(deck.path).parent, deck_place=theme_setting_place(deck))


def theme_setting_place(deck: Deck) -> Place:
    """Where the deck file says `theme:` (the model keeps only the deck's own place)."""
    if not deck.theme:
        return deck.place
    data, _ = yamlsafe.read_bytes(Path(deck.path))  # never blocks on a file swapped for a pipe
    if data is None:
        return deck.place
    lines = data.decode("utf-8", errors="replace").splitlines()
    for number, line in enumerate(lines, start=1):
        if line.startswith("theme:"):
            value = line[len("theme:"):]
            return Place(deck.place.path, number, len("theme:") + 1 + len(value) - len(value.lstrip()))
    return deck.place


@dataclass(frozen=True, slots=True)
class ChosenThemes:
    """What the app starts with: the request (to reload), the selection, and how to follow files."""

    request: ThemeRequest
    selection: ThemeSelection
    watch: bool = True
    poll: bool = False


def choose_themes(request: ThemeRequest, *, watch: bool = True, poll: bool = False) -> ChosenThemes:
    """Read the themes and pick one (raises `ThemeChoiceError` for a bad `--theme`)."""
    return ChosenThemes(request, request.select(), watch=watch, poll=poll)


def cycle_order(entries: Iterable[ThemeEntry], picked: Iterable[str] = ()) -> list[str]:
    """The themes `t` steps through: the built-ins in `BUILT_IN_CYCLE` order, then the
    user's, the deck's and `--theme` files' by name; Textual's own only those in `picked`."""

    def rank(entry: ThemeEntry) -> tuple[int, int, str]:
        if entry.name in BUILT_IN_CYCLE:
            return (0, BUILT_IN_CYCLE.index(entry.name), entry.name)
        return (1, _ORIGIN_CYCLE.get(entry.origin, 9), entry.name)

    own = [entry.name for entry in sorted((e for e in entries if e.origin != "textual"), key=rank)]
    return own + [name for name in dict.fromkeys(picked) if name not in own]


def next_in_cycle(order: list[str], current: str) -> str | None:
    if not order:
        return None
    if current not in order:
        return order[0]
    return order[(order.index(current) + 1) % len(order)]


def describe(entry: ThemeEntry) -> str:
    """'built-in, dark': the palette's help line for a theme."""
    return f"{entry.origin}, {'dark' if entry.dark else 'light'}"


def first_problem_text(diagnostics: tuple[Diagnostic, ...]) -> str:
    errors = [d for d in diagnostics if d.is_error] or list(diagnostics)
    more = len(errors) - 1
    return str(errors[0]) + (f" (and {more} more: briefing themes lists them)" if more > 0 else "")


class Theming:
    """The app's themes: what is registered, the cycle, and the file watcher.

    `registered` maps each name to the entry whose theme Textual has: the library's, except
    for a theme whose file is now broken, which keeps its last good version. It decides
    what `t` and the palette offer.
    """

    def __init__(self, app: App, chosen: ChosenThemes | None) -> None:
        self.app = app
        self.chosen = chosen
        self.request = chosen.request if chosen is not None else None
        self.registered: dict[str, ThemeEntry] = {}
        self.picked: list[str] = []
        self.diagnostics: tuple[Diagnostic, ...] = ()
        self._stop_watch: asyncio.Event | None = None
        self._error_timer = None
        if chosen is not None:
            self._register(chosen.selection.library)
            self.diagnostics = chosen.selection.library.diagnostics

    @property
    def active(self) -> bool:
        return self.chosen is not None

    # -- start ------------------------------------------------------------------------------

    def starting_theme(self, override: str | None = None) -> str | None:
        """The theme the app opens with: the chosen one, else a theme name given to the app."""
        return self.chosen.selection.choice.name if self.chosen is not None else override

    def show_before_start(self, name: str) -> None:
        """Make `name` the app's theme before Textual has parsed any CSS.

        Setting `App.theme` on mount, the usual way, parses the whole stylesheet again and
        restyles every widget before the first paint (two passes of about 10 ms each here);
        set in the constructor, the first parse already has the theme's variables. This does
        what Textual's theme watcher does, minus the refresh that nothing needs yet.
        """
        app = self.app
        app.set_reactive(type(app).theme, name)
        theme = app.current_theme
        classes = {cls: False for cls in app.classes if cls.startswith("-theme-")}
        classes.update({f"-theme-{theme.name}": True, "-dark-mode": theme.dark, "-light-mode": not theme.dark})
        app.update_classes(classes, update=False)
        app._refresh_truecolor_filter(app.ansi_theme)
        app.stylesheet.set_variables(app.get_css_variables())

    def start(self) -> None:
        """On mount: show the chosen theme, say what went wrong reading themes, start following."""
        if self.chosen is None:
            return
        name = self.chosen.selection.choice.name
        self._note_pick(name)
        self.app.theme = name
        problems = self.chosen.selection.diagnostics
        if problems:
            self.app.notify(first_problem_text(problems), title="Themes", severity="warning", markup=False, timeout=8)
        deck_changed = getattr(self.app, "deck_changed", None)
        if deck_changed is not None:
            deck_changed.subscribe(self.app, self.deck_changed)
        self.app.theme_changed_signal.subscribe(self.app, lambda theme: self._note_pick(theme.name))
        self.app.call_after_refresh(self.watch)

    # -- switching --------------------------------------------------------------------------

    def cycle_names(self) -> list[str]:
        return cycle_order(self.registered.values(), self.picked)

    def cycle(self) -> None:
        """`t`: the next theme in the cycle."""
        name = next_in_cycle(self.cycle_names(), self.app.theme)
        if name is not None:
            self.switch_to(name)

    def switch_to(self, name: str) -> None:
        """Show theme `name` and say so (the palette and `t` both come here)."""
        if name not in self.app.available_themes:
            return
        self._note_pick(name)
        self.app.theme = name
        self.app.notify(f"Theme: {name}", markup=False, timeout=3)

    def _note_pick(self, name: str) -> None:
        entry = self.registered.get(name)
        if entry is not None and entry.origin == "textual" and name not in self.picked:
            self.picked.append(name)

    # -- registering ------------------------------------------------------------------------

    def _register(self, library: ThemeLibrary) -> set[str]:
        """Register every theme of `library`, keeping the last good version of broken ones.

        A theme whose file was deleted leaves the cycle and the palette; Textual keeps it
        registered, so the screen keeps it until the presenter switches. Returns the names
        whose registered theme changed.
        """
        wanted = dict(library.entries)
        for name in library.broken:
            if name in self.registered:
                wanted[name] = self.registered[name]
        changed = set()
        for name, entry in wanted.items():
            if self.registered.get(name) is not entry:
                self.app.register_theme(self._for_terminal(entry.theme))
                changed.add(name)
        self.registered = wanted
        return changed

    def _for_terminal(self, theme: Theme) -> Theme:
        """Under NO_COLOR, cursors marked by reverse and underline rather than colour."""
        if not getattr(self.app, "no_color", False):
            return theme
        return replace(theme, variables={**theme.variables, **NO_COLOR_STYLE_VARIABLES})

    # -- reloading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every theme file again; repaint when the current theme changed.

        A broken file keeps its theme's last good version and its first error is shown at
        file:line:col; fixing it says so.
        """
        if self.request is None:
            return
        library = self.request.library()
        changed = self._register(library)
        if self.app.theme in changed:
            self.app.mutate_reactive(type(self.app).theme)
        self._report(library.diagnostics)

    def _report(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        had_errors = any(d.is_error for d in self.diagnostics)
        self.diagnostics = diagnostics
        if self._error_timer is not None:
            self._error_timer.stop()
            self._error_timer = None
        if any(d.is_error for d in diagnostics):
            self._error_timer = self.app.set_timer(ERROR_REPORT_DELAY, partial(self._show_errors, diagnostics))
        elif had_errors:
            self.app.notify("Theme files reloaded: no errors", title="Themes", markup=False, timeout=3)

    def _show_errors(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        self._error_timer = None
        message = f"{first_problem_text(diagnostics)}\nKeeping the theme '{self.app.theme}' as it was."
        self.app.notify(message, title="Theme file not reloaded", severity="error", markup=False, timeout=10)

    def deck_changed(self, deck: Deck) -> None:
        """A deck was opened or reloaded: a new `theme:` is followed, and chosen unless
        `--theme` overrides it."""
        if self.request is None:
            return
        if deck.theme == self.request.deck_theme and Path(deck.path).parent == self.request.deck_dir:
            return
        request = self.request.with_deck(deck)
        theme_changed = request.deck_theme != self.request.deck_theme
        self.request = request
        if theme_changed and request.cli is None:
            selection = request.select()
            self._register(selection.library)
            self.diagnostics = selection.library.diagnostics
            if selection.choice.name != self.app.theme:
                self.switch_to(selection.choice.name)
            if selection.choice.diagnostics:
                self.app.notify(first_problem_text(selection.choice.diagnostics), title="Themes", severity="warning", markup=False)
        else:
            self.reload()
        self.watch()

    # -- following theme files ---------------------------------------------------------------

    def watch_targets(self) -> tuple[frozenset[Path], frozenset[Path]]:
        """(theme folders, single theme files) to follow: every theme file in the built-in
        and user folders, and the files the deck's `theme:` or `--theme` name. Folders that
        do not exist are left out (a user folder made later is followed from the next run)."""
        if self.request is None:
            return frozenset(), frozenset()
        extra, _ = named_theme_files(
            cli=self.request.cli, deck_theme=self.request.deck_theme, deck_dir=self.request.deck_dir, deck_place=self.request.deck_place
        )
        folders = {_absolute(folder) for folder in self._theme_folders() if os.path.isdir(folder)}
        files = {_absolute(path) for path, _ in extra}
        return frozenset(folders), frozenset(files)

    def _theme_folders(self) -> tuple[Path, Path]:
        from ..themes import BUILTIN_THEME_DIR, user_theme_dir

        request = self.request
        builtin = request.builtin_dir if request.builtin_dir is not None else BUILTIN_THEME_DIR
        user = request.user_dir if request.user_dir is not None else user_theme_dir(request.environ)
        return (Path(builtin), Path(user))

    def watch(self) -> None:
        """Follow the theme files (again: the deck may have named another)."""
        if self.chosen is None or not self.chosen.watch:
            return
        self.stop_watching()
        folders, files = self.watch_targets()
        watched = folders | {file.parent for file in files if file.parent.is_dir()}
        if not watched:
            return
        stop = self._stop_watch = asyncio.Event()
        self.app.run_worker(
            self._follow(watched, theme_file_filter(folders, files), stop),
            name="theme files",
            group="theme-watch",
            exclusive=True,
            exit_on_error=False,
        )

    def stop_watching(self) -> None:
        if self._stop_watch is not None:
            self._stop_watch.set()
            self._stop_watch = None

    async def _follow(self, watched: frozenset[Path], wanted, stop: asyncio.Event) -> None:
        from watchfiles import awatch

        try:
            async for _changes in awatch(
                *sorted(str(folder) for folder in watched),
                watch_filter=wanted,
                step=WATCH_STEP_MS,
                debounce=WATCH_DEBOUNCE_MS,
                rust_timeout=WATCH_RUST_TIMEOUT_MS,
                stop_event=stop,
                recursive=False,
                force_polling=True if self.chosen.poll else None,
            ):
                self.reload()
        except (OSError, RuntimeError) as error:
            if not stop.is_set():
                self.app.notify(f"Theme files are no longer followed: {error}", title="Themes", severity="warning", markup=False)


def _absolute(path: Path | str) -> Path:
    return Path(os.path.abspath(path))


def theme_file_filter(folders: frozenset[Path], files: frozenset[Path]):
    """watchfiles' filter: a `.yaml`/`.yml` file in a theme folder, or one of the named files.

    Editors' swap and backup files (`.x.yaml.swp`, `x.yaml~`, `4913`) never match.
    """
    folder_names = {str(folder) for folder in folders}
    file_names = {str(file) for file in files}

    def wanted(_change: object, path: str) -> bool:
        path = os.path.abspath(path)
        if path in file_names:
            return True
        name = os.path.basename(path)
        return os.path.dirname(path) in folder_names and name.endswith(THEME_FILE_SUFFIXES) and not name.startswith(".")

    return wanted
