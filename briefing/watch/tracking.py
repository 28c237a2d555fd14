"""What is followed: the deck file, the files its last load read, the extra files (themes), the
include globs that can bring new files, and what each file held at the last look and at the
last update.

Paths are made absolute once, against the working folder of the moment the follower was made:
the process may later find its working folder deleted (a deck folder removed and made again
while presenting from inside it), and nothing here asks for it again.

Reading and globbing block: every method that touches the disk runs in the follower's worker
thread, never on the event loop.
"""

from __future__ import annotations

import glob as globbing
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from .files import (
    MISSING,
    UNREAD,
    FileState,
    StatKey,
    WatchPlan,
    current_stat_key,
    include_patterns,
    plan_for_folders,
    pattern_base,
    read_state,
)

UNKNOWN = FileState(UNREAD, b"?unknown")
"""A file that moved while it was being loaded: no real stat or digest equals this, so it is read again."""


def working_folder() -> str:
    """The working folder now; the root when it has been deleted (paths given relative to it are lost)."""
    try:
        return os.getcwd()
    except OSError:
        return os.sep


def return_to_working_folder(folder: str) -> None:
    """When the working folder was deleted and a folder of the same name made again, go back in.

    Paths given relative to it (``briefing deck.yaml`` run inside the deck's folder) then work
    again: the loader and the editor open them as the user typed them.
    """
    try:
        if os.stat(".").st_nlink > 0:
            return
    except OSError:
        pass
    try:
        os.chdir(folder)
    except OSError:
        pass  # not back yet


def digests_of(result: object) -> Mapping[Path | str, bytes]:
    """What a load says it read (``LoadResult.digests``), if it says."""
    return getattr(result, "digests", None) or {}


class TrackedFiles:
    """The followed files, by absolute path ("key"), with what they held."""

    def __init__(self, deck_path: Path | str, extra_paths: Iterable[Path | str] = ()) -> None:
        self.base = working_folder()
        self._keys: dict[str, str] = {}
        given = self.key(deck_path)
        if os.path.isdir(given):
            from ..deck import DECK_FILE_NAME

            self.deck_key, self.deck_dir = os.path.join(given, DECK_FILE_NAME), given
            self.display = {self.deck_key: Path(self.deck_key)}
        else:
            self.deck_key, self.deck_dir = given, os.path.dirname(given)
            self.display = {self.deck_key: Path(deck_path)}
        self.extra_keys: frozenset[str] = frozenset()
        self.result_keys: frozenset[str] = frozenset()
        self.good_keys: frozenset[str] = frozenset()
        self.tracked: frozenset[str] = frozenset()
        self.names: dict[str, str] = {}
        """Each followed key, and its real path when that differs, to the key: events name either."""
        self.patterns: tuple[str, ...] = ()
        self.seen: dict[str, FileState] = {}
        """What each file held at the last look."""
        self.committed: dict[str, FileState] = {}
        """What each file held at the last update: a change is a difference from this."""
        self._ignored: dict[str, StatKey | None] = {}
        self._real: dict[str, str] = {}
        self._racy: set[str] = set()
        self._odd: dict[str, str] = {}
        self._folders: frozenset[str] = frozenset()
        self._folders_of: dict[str, str] | None = None
        self.plan_now = WatchPlan()
        """The folders to watch, as worked out at the end of the last look (``make_plan``)."""
        self.set_extras(extra_paths)
        self._set_tracked(frozenset())

    def key(self, path: Path | str) -> str:
        text = os.fspath(path)
        key = self._keys.get(text)
        if key is None:
            key = self._keys[text] = os.path.normpath(os.path.join(self.base, text))
        return key

    def shown(self, key: str) -> Path:
        """A key as the caller wrote it (the loader's or the caller's form)."""
        return self.display.get(key, Path(key))

    # -- which files ------------------------------------------------------------------------------

    def set_extras(self, paths: Iterable[Path | str]) -> frozenset[str]:
        """Follow these extra files; returns the ones not followed before."""
        keys = []
        for path in paths:
            key = self.key(path)
            self.display.setdefault(key, Path(path))
            keys.append(key)
        new = frozenset(keys) - self.tracked
        self.extra_keys = frozenset(keys)
        self._set_tracked(self.result_keys | self.good_keys)
        return new

    def follow_extras(self, paths: Iterable[Path | str], digests: Mapping[Path | str, bytes]) -> None:
        """Switch the extra files; the new ones start from ``digests`` where given, else from now."""
        new = self.set_extras(paths)
        self._start_from(new, digests)
        self.commit(new)

    def start_extras_from(self, digests: Mapping[Path | str, bytes]) -> None:
        """The extra files as the caller read them before following started: one that holds
        something else now is a change at the next look."""
        keys = {self.key(path) for path in digests} & self.extra_keys
        self._start_from(keys, digests)
        self.commit(keys)

    def _start_from(self, keys: Iterable[str], digests: Mapping[Path | str, bytes]) -> None:
        """What ``keys`` held when the caller read them (by digest), or else what they hold now.

        A state known by its digest alone is read at the next look, and differs if the file
        changed since the caller read it.
        """
        keys = set(keys)
        for path, digest in digests.items():
            key = self.key(path)
            if key in keys:
                self._store(key, FileState(UNREAD, digest))
                keys.discard(key)
        for key in keys:
            self.remember(key)

    def absorb(self, result: object, candidates: Iterable[str] = ()) -> None:
        """Take the loader's word on which files make the deck (``result.files``): files new to
        the deck start from what the load read (``result.digests``), or else are read now."""
        keys = []
        for path in result.files:  # type: ignore[attr-defined]
            key = self.key(path)
            self.display[key] = path if isinstance(path, Path) else Path(path)
            keys.append(key)
        self.result_keys = frozenset(keys)
        if result.ok:  # type: ignore[attr-defined]
            self.good_keys = self.result_keys
        before = self.tracked
        self._set_tracked(self.result_keys | self.good_keys)
        self._start_from((self.tracked - before) | (self.tracked - self.seen.keys()), digests_of(result))
        ignored = {key: stat for key, stat in self._ignored.items() if key not in self.tracked}
        ignored.update((key, current_stat_key(key)) for key in candidates if key not in self.tracked)
        self._ignored = ignored

    def adopt(self, result: object) -> None:
        """Start from a load the caller made: from the digests of what it read, when it says.

        A file saved between that load and now then differs from where following starts, so the
        save is shown rather than taken for the starting content.
        """
        self.absorb(result)
        self._learn_includes_of(result)
        self.commit()

    def _learn_includes_of(self, result: object) -> None:
        """The include globs of the load the caller made (``LoadResult.includes``), so a new file
        one of them matches is seen from the start; read from the deck file when the result does
        not say. (Starting from the load's digests, the deck file is not read again until it
        changes, so the globs would otherwise stay unknown until then.)"""
        includes = getattr(result, "includes", None)
        if includes is not None:
            self.patterns = tuple(pattern for pattern, *_ in includes)
        else:
            self._learn_includes(self.deck_key, read_state(self.deck_key)[1])

    def read_otherwise(self, result: object) -> frozenset[str] | None:
        """The files the load read with other content than the last look saw (None: it does not say)."""
        digests = digests_of(result)
        if not digests:
            return None
        stale = set()
        for path, digest in digests.items():
            key = self.key(path)
            seen = self.seen.get(key)
            if seen is not None and seen.stat_key != UNREAD and seen.digest != digest:
                stale.add(key)
        return frozenset(stale)

    def remember(self, key: str) -> None:
        state, data = read_state(key)
        self._store(key, state)
        self._learn_includes(key, data)

    def _store(self, key: str, state: FileState) -> None:
        self.seen[key] = state
        if state.racy:
            self._racy.add(key)
        else:
            self._racy.discard(key)
        if state.kind is not None:
            self._odd[key] = state.kind
        else:
            self._odd.pop(key, None)

    def _set_tracked(self, file_keys: frozenset[str]) -> None:
        tracked = frozenset({self.deck_key}) | file_keys | self.extra_keys
        if tracked == self.tracked and self.names:
            return  # the same files: keep the same objects, and what was worked out from them
        self.tracked = tracked
        names: dict[str, str] = {}
        for key in self.tracked:
            names[key] = key
            real = self._real.get(key)
            if real is None:
                real = self._real[key] = os.path.realpath(key)
            names.setdefault(real, key)
        self.names = names

    def _learn_includes(self, key: str, data: bytes | None) -> None:
        """Keep the deck's include globs current (the last ones that parsed)."""
        if key == self.deck_key and data is not None:
            patterns = include_patterns(data)
            if patterns is not None:
                self.patterns = patterns

    # -- looking ----------------------------------------------------------------------------------

    def look(self, keys: Iterable[str], forced: Iterable[str] = (), probed: Iterable[str] = ()) -> set[str]:
        """Stat ``keys``; read those whose stat moved, and ``forced``; for ``probed`` ask again
        whether a writer has them open. Returns the keys whose content moved."""
        forced, probed = set(forced), set(probed)
        moved: set[str] = set()
        for key in set(keys) | forced | probed:
            if key not in self.tracked:
                continue
            previous = self.seen.get(key, MISSING)
            quiet = key not in forced and key not in probed and not previous.racy
            if quiet and current_stat_key(key) == previous.stat_key:
                continue
            state, data = read_state(key, None if key in forced or not previous.exists else previous)
            self._store(key, state)
            if state.digest != previous.digest:
                moved.add(key)
                self._learn_includes(key, data)
        return moved

    def racy(self) -> set[str]:
        """Files written so recently that their stat may not show the next write: look every time."""
        return {key for key in self._racy if key in self.tracked}

    def candidates(self) -> set[str]:
        """Files an include glob matches now that the last load did not read."""
        found: set[str] = set()
        for pattern in self.patterns:
            if pattern_base(self.deck_dir, pattern) is None:
                continue
            try:
                matches = globbing.glob(pattern, root_dir=self.deck_dir, recursive=True)
            except (OSError, ValueError):
                continue
            found.update(os.path.normpath(os.path.join(self.deck_dir, match)) for match in matches)
        found -= self.tracked
        return {key for key in found if os.path.isfile(key) and self._ignored.get(key, False) != current_stat_key(key)}

    def make_plan(self) -> WatchPlan:
        """Work out which folders to watch now (they may have appeared or gone): ``plan_now``."""
        if self._folders_of is not self.names:
            self._folders = frozenset(os.path.dirname(name) for name in self.names)
            self._folders_of = self.names
        self.plan_now = plan_for_folders(self._folders, self.deck_dir, self.patterns)
        return self.plan_now

    def not_regular(self) -> dict[str, str]:
        """The followed files that are FIFOs, devices, sockets or folders: never read, never loaded."""
        return {key: kind for key, kind in self._odd.items() if key in self.tracked}

    # -- updates ----------------------------------------------------------------------------------

    def changed(self) -> frozenset[str]:
        """The followed files whose content differs from the last update."""
        return frozenset(
            key for key in self.tracked if self.seen.get(key, MISSING).digest != self.committed.get(key, MISSING).digest
        )

    def commit(self, keys: Iterable[str] | None = None) -> None:
        """What the files hold now is what the last update showed (all files, or only ``keys``)."""
        if keys is None:
            self.committed = {key: self.seen.get(key, MISSING) for key in self.tracked}
        else:
            self.committed.update((key, self.seen.get(key, MISSING)) for key in keys)

    def mark_unknown(self, keys: Iterable[str]) -> None:
        for key in keys:
            self._store(key, UNKNOWN)

    def stat_keys(self, keys: Iterable[str]) -> dict[str, StatKey | None]:
        return {key: current_stat_key(key) for key in keys}
