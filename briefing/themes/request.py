"""Where a run's themes come from, read again on every reload, and which files to follow.

A ``ThemeRequest`` holds what ``select_theme`` needs (``--theme``, the deck's ``theme:``
and where it is written, the folders); the app keeps one for the whole run and replaces
its deck part when a reload changes the deck.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Mapping

from briefing.deck.model import Deck, Place

from .choice import ThemeSelection, named_theme_files, select_theme
from .config import user_theme_dir
from .files import theme_files_in
from .library import BUILTIN_THEME_DIR, ThemeLibrary


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
        return cls(cli=cli, **options).with_deck(deck)

    def with_deck(self, deck: Deck) -> ThemeRequest:
        return replace(self, deck_theme=deck.theme, deck_dir=Path(deck.path).parent, deck_place=deck.setting_place("theme"))

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
        return ThemeLibrary.discover(
            user_dir=self.user_dir, extra_files=self._named_files(), builtin_dir=self.builtin_dir, environ=self.environ
        )

    def folders(self) -> tuple[Path, Path]:
        """The built-in theme folder and the user's."""
        builtin = self.builtin_dir if self.builtin_dir is not None else BUILTIN_THEME_DIR
        user = self.user_dir if self.user_dir is not None else user_theme_dir(self.environ)
        return Path(builtin), Path(user)

    def followed_files(self) -> tuple[Path, ...]:
        """Every theme file a reload reads: those in the built-in and user folders now, and
        the files the deck's `theme:` or `--theme` name (which may not exist yet)."""
        files = [path for folder in self.folders() for path in theme_files_in(folder)]
        files += [path for path, _ in self._named_files()]
        return tuple(dict.fromkeys(Path(os.path.abspath(path)) for path in files))

    def _named_files(self):
        extra, _ = named_theme_files(cli=self.cli, deck_theme=self.deck_theme, deck_dir=self.deck_dir, deck_place=self.deck_place)
        return extra


@dataclass(frozen=True, slots=True)
class ChosenThemes:
    """What the app starts with: the request (to reload), the selection, and whether the
    theme files are followed (with the deck's files, when those are)."""

    request: ThemeRequest
    selection: ThemeSelection
    watch: bool = True


def choose_themes(request: ThemeRequest, *, watch: bool = True) -> ChosenThemes:
    """Read the themes and pick one (raises `ThemeChoiceError` for a bad `--theme`)."""
    return ChosenThemes(request, request.select(), watch=watch)
