"""Themes in the running app: register them, switch with `t` and the palette, follow the files.

`briefing.themes` reads theme files and picks the starting theme without a screen; this
module is the app's side of it. It registers every theme of the library, sets the chosen
one, cycles with `t` (briefing's own themes, then the user's and the deck's; Textual's own
themes only once picked, so `t` stays a short loop), offers "Theme: NAME" in the command
palette, and re-reads theme files when they change on disk. A theme whose file breaks
keeps its last good version, so the screen never loses its theme to a half-saved file.

Theme files are followed beside the deck's files by the presentation session (its extra
paths, handed to the `briefing.watch.DeckFollower`), so they get the same content digests,
grace period for half-written saves and polling fallback as the deck; the session says when
one changed (`ThemeFilesChanged`) and the app calls `reload`. The follower follows files,
not folders: a theme file added to a theme folder is noticed by a listing of the two
folders every few seconds.
"""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Mapping

from textual.theme import Theme

from ..deck.model import Deck, Diagnostic
from ..themes.choice import for_no_color
from ..themes.cycle import cycle_order, next_in_cycle
from ..themes.library import ThemeLibrary
from ..themes.listing import first_problem_text
from ..themes.request import ChosenThemes
from ..themes.resolve import ThemeEntry
from .startup import show_theme_before_start

if TYPE_CHECKING:
    from textual.app import App

    from ..session import DeckSession

ERROR_REPORT_DELAY = 0.3
"""Seconds a theme file error waits before it is shown: an editor that truncates and then
writes gives a moment of empty file, and the next save usually arrives within this."""

FOLDER_CHECK_SECONDS = 2.0
"""How often the theme folders are listed for files added since (their content is followed
by the deck's follower)."""


class Theming:
    """The app's themes: what is registered, the cycle, and which theme files are followed.

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
        self.followed: frozenset[Path] = frozenset()
        self.read_digests: Mapping[Path, bytes] = {}
        """What the last reading of the theme files read of each (`content_digest`): they are
        followed from there, so a save landing before the follower first looks is a change."""
        self._session: DeckSession | None = None
        self._folder_timer = None
        self._error_timer = None
        self.deck_themes = True
        """Whether a deck's `theme:` is honoured. A follower's is not: it draws in its own
        theme, and a shared deck's `theme:` may name a file on the presenter's machine."""
        if chosen is not None:
            self._register(chosen.selection.library)
            self.diagnostics = chosen.selection.library.diagnostics
            self.read_digests = chosen.selection.library.digests

    @property
    def active(self) -> bool:
        return self.chosen is not None

    # -- start ------------------------------------------------------------------------------

    def starting_theme(self, override: str | None = None) -> str | None:
        """The theme the app opens with: the chosen one, else a theme name given to the app."""
        return self.chosen.selection.choice.name if self.chosen is not None else override

    def show_before_start(self, name: str) -> None:
        """Make `name` the app's theme before Textual has parsed any CSS (see `ui.startup`)."""
        show_theme_before_start(self.app, name)

    def start(self) -> None:
        """On mount: show the chosen theme and say what went wrong reading themes."""
        if self.chosen is None:
            return
        name = self.chosen.selection.choice.name
        self._note_pick(name)
        self.app.theme = name
        problems = self.chosen.selection.diagnostics
        if problems:
            self.app.notify(first_problem_text(problems), title="Themes", severity="warning", markup=False, timeout=8)
        deck_changed = getattr(self.app, "deck_changed", None)
        if deck_changed is not None and self.deck_themes:
            deck_changed.subscribe(self.app, self.deck_changed)
        self.app.theme_changed_signal.subscribe(self.app, lambda theme: self._note_pick(theme.name))

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
        return for_no_color(theme) if getattr(self.app, "no_color", False) else theme

    # -- reloading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every theme file again; repaint when the current theme changed.

        A broken file keeps its theme's last good version and its first error is shown at
        file:line:col; fixing it says so.
        """
        if self.request is None:
            return
        library = self.request.library()
        self.read_digests = library.digests
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
            self.read_digests = selection.library.digests
            self._register(selection.library)
            self.diagnostics = selection.library.diagnostics
            if selection.choice.name != self.app.theme:
                self.switch_to(selection.choice.name)
            if selection.choice.diagnostics:
                self.app.notify(first_problem_text(selection.choice.diagnostics), title="Themes", severity="warning", markup=False)
        else:
            self.reload()
        self._follow(frozenset(self.followed_files()))

    # -- following theme files ---------------------------------------------------------------

    def followed_files(self) -> tuple[Path, ...]:
        """The theme files to follow now: those in the built-in and user folders and the
        files the deck's `theme:` or `--theme` name. None when following is off."""
        if self.chosen is None or not self.chosen.watch or self.request is None:
            return ()
        return self.request.followed_files()

    def follow_with(self, session: DeckSession | None) -> None:
        """The session (started with `followed_files()` as its extra paths) now follows the
        theme files beside the deck's; None when it does not follow files."""
        self._session = session
        if self._folder_timer is not None:
            self._folder_timer.stop()
            self._folder_timer = None
        if session is None:
            return
        self.followed = frozenset(Path(os.path.abspath(path)) for path in session.extra_paths)
        if self.followed:
            self._folder_timer = self.app.set_interval(FOLDER_CHECK_SECONDS, self._check_folders)

    def _check_folders(self) -> None:
        """A theme file added to (or removed from) a theme folder joins (or leaves) at once."""
        files = frozenset(self.followed_files())
        if self._session is not None and files != self.followed:
            self.reload()
            self._follow(files)

    def _follow(self, files: frozenset[Path]) -> None:
        """Point the follower at the theme files there are now, from what was last read of
        them (`read_digests`): the follower reads them in its worker a moment later (on a busy
        machine, much later), and a save landing in between must still be a change."""
        if self._session is None or files == self.followed:
            return
        self.followed = files
        self._session.set_extra_paths(sorted(files), self.read_digests)
