"""A presenting start: the deck from the cache when a load now would give the same, else loaded;
and after the first paint, what this start worked out is kept for the next one.

Only ``briefing DECK`` (presenting) uses this. ``validate``, ``export``, ``screenshot`` and
the picker load the files themselves every time.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from ..deck.result import LoadResult
from ..themes.files import ThemeFile, ThemeFileKey, remember_theme_files, theme_files_parsed_this_run
from ..views.markdown import markdown_texts, parsed_texts, remember_parsed
from .decks import store_load, stored_load
from .folder import CacheFolder
from .themes import store_theme_files, stored_theme_files

if TYPE_CHECKING:
    from ..deck.loader import LoadCache


class Start(NamedTuple):
    """How this start got its deck: ``warm`` when from the cache (then nothing was parsed and
    ``load_cache`` is None: the first reload reads every file, as a first load does)."""

    deck_path: str | os.PathLike[str] | None
    result: LoadResult | None
    folder: CacheFolder | None
    warm: bool = False
    load_cache: LoadCache | None = None
    stored_themes: Mapping[ThemeFileKey, ThemeFile] = MappingProxyType({})

    def keep_for_next_start(self) -> None:
        """After the first paint: store, in a thread of its own, what this start parsed."""
        if self.folder is not None:
            threading.Thread(target=self.store, name="briefing start-up cache", daemon=True).start()

    def store(self) -> None:
        """The deck (after a cold load), its Markdown, and any theme file parsed anew."""
        if self.folder is None:
            return
        if not self.warm and self.deck_path is not None and self.result is not None and self.result.ok:
            markdown = parsed_texts(markdown_texts(self.result.deck))
            store_load(self.deck_path, self.result, self.folder, markdown)
        new_themes = theme_files_parsed_this_run()
        if new_themes:
            store_theme_files(self.folder, {**self.stored_themes, **new_themes})


def start(deck_path: str | os.PathLike[str] | None, folder: CacheFolder | None = None) -> Start:
    """The deck to present (None for the picker), from the cache if valid, else loaded now."""
    folder = CacheFolder.default() if folder is None else folder
    stored_themes = stored_theme_files(folder) if folder is not None else {}
    remember_theme_files(stored_themes)
    if deck_path is None:
        return Start(None, None, folder, stored_themes=stored_themes)
    warm = stored_load(deck_path, folder) if folder is not None else None
    if warm is not None:
        remember_parsed(warm.markdown)
        return Start(deck_path, warm.result, folder, True, stored_themes=stored_themes)
    from ..deck.loader import LoadCache, load_deck

    cache = LoadCache()
    return Start(deck_path, load_deck(deck_path, cache=cache), folder, False, cache, stored_themes)
