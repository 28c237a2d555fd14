"""Files as the follower sees them: what they hold, which globs can add to them, which folders to watch.

Pure functions and small frozen records, so they are tested without a watcher.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

import yaml

RACY_NS = 100_000_000
"""A file modified this close to the moment we read it may change again without its stat changing
(mtime ticks are coarse), so it is read again on the next scan (git's "racily clean" idea)."""


@dataclass(frozen=True, slots=True)
class FileState:
    """What a file held when it was last read; equal digests mean equal content."""

    stat_key: tuple[int, int, int, int] | None
    digest: bytes | None
    racy: bool = False

    @property
    def exists(self) -> bool:
        return self.stat_key is not None

    @property
    def empty(self) -> bool:
        return self.stat_key is None or self.stat_key[0] == 0


MISSING = FileState(None, None)


def _stat_key(result: os.stat_result) -> tuple[int, int, int, int]:
    return (result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino)


def current_stat_key(path: str) -> tuple[int, int, int, int] | None:
    try:
        return _stat_key(os.stat(path))
    except OSError:
        return None


def read_state(path: str) -> tuple[FileState, bytes | None]:
    """Read a file once: its state (stat of the very file read, digest) and its bytes."""
    started = time.time_ns()
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            data = handle.read()
    except (FileNotFoundError, NotADirectoryError):
        return MISSING, None
    except OSError as error:
        return FileState(current_stat_key(path), b"!" + type(error).__name__.encode()), None
    racy = started - RACY_NS <= status.st_mtime_ns <= started + RACY_NS
    digest = hashlib.blake2b(data, digest_size=16).digest()
    return FileState(_stat_key(status), digest, racy), data


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_START_EVENTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_END_EVENTS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def include_patterns(data: bytes) -> tuple[str, ...] | None:
    """The deck's ``include:`` globs, read from YAML parse events up to that key only.

    Why not ask the loader: the globs matter even when the deck does not load (a pattern that
    matches no file yet is an error, and creating the file must be seen). None when the text
    does not parse that far; the loader reports why.
    """
    try:
        return _find_include(iter(yaml.parse(data, Loader=_SafeLoader)))
    except Exception:  # noqa: BLE001 - any parse failure means "unknown", never a crash
        return None


def _find_include(events) -> tuple[str, ...]:
    for event in events:
        if isinstance(event, yaml.MappingStartEvent):
            break
        if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.AliasEvent)):
            return ()
    else:
        return ()
    for key in events:
        if isinstance(key, yaml.MappingEndEvent):
            return ()
        if isinstance(key, yaml.ScalarEvent) and key.value == "include":
            return _scalars_of(next(events), events)
        _skip_node(key, events)
        _skip_node(next(events), events)
    return ()


def _scalars_of(value, events) -> tuple[str, ...]:
    if isinstance(value, yaml.ScalarEvent):
        return (value.value,)
    if not isinstance(value, yaml.SequenceStartEvent):
        return ()
    found = []
    for item in events:
        if isinstance(item, yaml.SequenceEndEvent):
            break
        if isinstance(item, yaml.ScalarEvent):
            found.append(item.value)
        _skip_node(item, events)
    return tuple(found)


def _skip_node(first, events) -> None:
    if not isinstance(first, _START_EVENTS):
        return
    depth = 1
    for event in events:
        if isinstance(event, _START_EVENTS):
            depth += 1
        elif isinstance(event, _END_EVENTS):
            depth -= 1
            if depth == 0:
                return


_MAGIC = re.compile(r"[*?\[]")


def pattern_base(deck_dir: str, pattern: str) -> tuple[str, bool] | None:
    """The folder a glob can gain files in, and whether its subfolders matter too.

    None for a pattern the loader rejects anyway (absolute, or leaving the deck's folder).
    """
    posix = pattern.replace("\\", "/")
    if not posix or posix.startswith("/") or re.match(r"^[A-Za-z]:", posix):
        return None
    parts = PurePosixPath(posix).parts
    if ".." in parts:
        return None
    static: list[str] = []
    for part in parts[:-1]:
        if _MAGIC.search(part):
            return os.path.join(deck_dir, *static), True
        static.append(part)
    return os.path.join(deck_dir, *static), parts[-1] == "**"


_NOISE = re.compile(
    r"""^(?:
        \.?\#.*            # emacs lock and autosave files: .#deck.yaml, #deck.yaml#
      | .*~                # backups
      | .*\.sw[a-px]       # vim swap files
      | \d+                # vim's write test file (4913, 5036, ...)
      | .*\.(?:tmp|temp|bak|orig|part|crdownload|kate-swp)
      | \.goutputstream-.* # gedit
      | .*___jb_(?:tmp|old)___  # JetBrains safe write
    )$""",
    re.VERBOSE,
)


def is_noise(name: str) -> bool:
    """Editor and tool scratch files: their events never wake the follower."""
    return bool(_NOISE.match(name))


def is_within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _nearest_existing(folder: str) -> str:
    while not os.path.isdir(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return folder


@dataclass(frozen=True, slots=True)
class WatchPlan:
    """The folders to watch and how to judge an event in them."""

    flat: frozenset[str] = frozenset()
    """Folders watched without their subfolders."""
    recursive: frozenset[str] = frozenset()
    """Folders watched with all subfolders: globs with a wildcard in a folder name."""
    candidate_dirs: frozenset[str] = frozenset()
    """Folders where a new file may start matching an include glob."""
    awaited: frozenset[str] = frozenset()
    """Folders that are needed but do not exist yet (their nearest ancestor is watched)."""

    @property
    def targets(self) -> tuple[frozenset[str], frozenset[str]]:
        return self.flat, self.recursive


def make_plan(file_names: Iterable[str], deck_dir: str, patterns: Iterable[str]) -> WatchPlan:
    """Watch the parent of every followed file, plus each include glob's base folder.

    A folder that does not exist yet is watched through its nearest existing ancestor, so
    its creation is seen and the plan can be redone.
    """
    flat = {os.path.dirname(name) for name in file_names}
    recursive: set[str] = set()
    candidate_dirs: set[str] = set()
    for pattern in patterns:
        base = pattern_base(deck_dir, pattern)
        if base is None:
            continue
        folder, deep = base
        (recursive if deep else candidate_dirs).add(folder)
    flat |= candidate_dirs
    awaited = frozenset(d for d in flat | recursive if not os.path.isdir(d))
    existing_recursive = {d for d in recursive if d not in awaited}
    watched = {d if d not in awaited else _nearest_existing(d) for d in flat | recursive}
    watched -= existing_recursive
    watched = {d for d in watched if not any(is_within(d, root) for root in existing_recursive)}
    return WatchPlan(frozenset(watched), frozenset(existing_recursive), frozenset(candidate_dirs), awaited)
