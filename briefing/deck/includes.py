"""Expanding ``include:`` globs inside the deck's folder, with a bounded walk.

Python's ``glob(recursive=True)`` follows directory symlinks under ``**`` with no memory of
where it has been: ``sub/a -> ..`` and ``sub/b -> ..`` make it walk ``sub/a/sub/b/sub/a/…``
until path names grow too long (minutes at full CPU). Here each real folder is entered
once, folders whose real path leaves the deck's folder are not entered, and the walk and
its result are capped (:data:`MAX_INCLUDE_FOLDERS`, :data:`MAX_INCLUDED_FILES`) with a
clear error.

Matching follows ``glob``: ``*``, ``?`` and ``[...]`` within one path segment, ``**`` as a
whole segment for any number of folders (none included), and names starting with ``.``
only when the segment itself starts with ``.``.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from . import codes
from .model import Diagnostic, Place, Severity
from .text import quoted

MAX_INCLUDED_FILES = 10_000
MAX_INCLUDE_FOLDERS = 10_000
_MAGIC = frozenset("*?[")


class IncludeLimitError(Exception):
    """The walk or its result passed a limit; the message says which."""


@dataclass(slots=True)
class Walk:
    """One deck's include expansion: the deck's real folder and the counts kept against the limits."""

    root: str
    real_root: Path
    folders_walked: int = 0
    outside: list[str] = field(default_factory=list)  # folders reached that link out, as written

    def matches(self, pattern: str) -> list[str]:
        """Paths (relative to the deck's folder) that ``pattern`` names, sorted; folders left out."""
        found = {""}
        segments = [part for part in pattern.replace("\\", "/").split("/") if part not in ("", ".")]
        for number, segment in enumerate(segments):
            last = number == len(segments) - 1
            found = {path for base in sorted(found) for path in self._step(base, segment, last)}
        return sorted(path for path in found if path and self._is_file_like(path))

    def _step(self, base: str, segment: str, last: bool) -> list[str]:
        if segment == "**":
            folders = self._folders_below(base)
            if not last:
                return folders
            return folders + [entry for folder in folders for entry in self._entries(folder, "*")]
        if not _MAGIC.intersection(segment):
            path = _join(base, segment)
            return [path] if os.path.lexists(self._full(path)) else []
        return self._entries(base, segment)

    def _entries(self, base: str, segment: str) -> list[str]:
        hidden_ok = segment.startswith(".")
        return [
            _join(base, name) for name in self._names(base)
            if (hidden_ok or not name.startswith(".")) and fnmatch.fnmatch(name, segment)
        ]

    def _folders_below(self, base: str) -> list[str]:
        """``base`` and every folder under it, each real folder once, none outside the deck's folder."""
        result, seen, stack = [], set(), [base]
        while stack:
            folder = stack.pop()
            identity = self._identity(folder)
            if identity is None or identity in seen:
                continue
            if not self._inside(folder):
                self.outside.append(folder)
                continue
            seen.add(identity)
            self.folders_walked += 1
            if self.folders_walked > MAX_INCLUDE_FOLDERS:
                raise IncludeLimitError(too_many_folders())
            result.append(folder)
            names = [name for name in self._names(folder) if not name.startswith(".")]
            stack.extend(reversed([_join(folder, name) for name in names if self._is_folder(_join(folder, name))]))
        return result

    def _names(self, base: str) -> list[str]:
        try:
            return sorted(os.listdir(self._full(base) or "."))
        except OSError:
            return []

    def _full(self, path: str) -> str:
        return os.path.join(self.root, path) if path else self.root

    def _identity(self, folder: str) -> tuple[int, int] | None:
        try:
            info = os.stat(self._full(folder) or ".")
        except OSError:
            return None
        return (info.st_dev, info.st_ino) if stat.S_ISDIR(info.st_mode) else None

    def _is_folder(self, path: str) -> bool:
        try:
            return stat.S_ISDIR(os.stat(self._full(path)).st_mode)
        except OSError:
            return False

    def _is_file_like(self, path: str) -> bool:
        """Anything but a folder: a pipe or a device is matched, and the reader refuses it by name."""
        try:
            return not stat.S_ISDIR(os.stat(self._full(path)).st_mode)
        except OSError:
            return os.path.lexists(self._full(path))  # a dangling symlink: reading it says so

    def _inside(self, folder: str) -> bool:
        try:
            return Path(self._full(folder) or ".").resolve().is_relative_to(self.real_root)
        except (OSError, RuntimeError):
            return False


def _join(base: str, name: str) -> str:
    return f"{base}/{name}" if base else name


def too_many_files(count: int) -> str | None:
    """The error for ``count`` included files, or None within :data:`MAX_INCLUDED_FILES`."""
    if count <= MAX_INCLUDED_FILES:
        return None
    return (f"includes match {count:,} files, more than {MAX_INCLUDED_FILES:,} (the limit for a deck): "
            "merge small files or narrow the patterns")


def too_many_folders() -> str:
    return f"walks more than {MAX_INCLUDE_FOLDERS:,} folders (the limit for a deck): name the folders to include"


def walk_limit_message(pattern: str, problem: str) -> str:
    return f"include {quoted(pattern)} {problem}"


def include_labels(deck_label: str, patterns: Iterable[tuple[str, Place]]) -> tuple[list[str], list[Diagnostic]]:
    """The files the deck's ``include:`` patterns name, in reading order, and every problem with them.

    Paths are joined onto the deck's folder as the user wrote it (``decks/x/quotes.yaml``);
    a file reached twice (by two patterns, or through a link) is read once. The loader reads
    these, and the start-up cache runs the same expansion again to know its stored load
    still reads the same files: a new file a glob matches now makes it stale.
    """
    folder = os.path.dirname(deck_label)
    real_deck = Path(deck_label).resolve()
    walk = Walk(folder or ".", Path(folder or ".").resolve())
    labels: list[str] = []
    problems: list[Diagnostic] = []
    seen: set[Path] = {real_deck}
    for pattern, place in patterns:
        for relative in _expand(pattern, place, walk, real_deck, problems):
            real = Path(folder or ".", relative).resolve()
            if real not in seen:
                seen.add(real)
                labels.append(os.path.join(folder, relative))
        too_many = too_many_files(len(labels))
        if too_many:
            problems.append(_error(place, too_many, codes.TOO_MANY_FILES))
            return [], problems
    return labels, problems


def _expand(pattern: str, place: Place, walk: Walk, real_deck: Path, problems: list[Diagnostic]) -> list[str]:
    problem = _pattern_problem(pattern)
    if problem:
        problems.append(_error(place, *problem))
        return []
    known_outside = len(walk.outside)
    try:
        files = walk.matches(pattern)
    except IncludeLimitError as error:
        problems.append(_error(place, walk_limit_message(pattern, str(error)), codes.TOO_MANY_FOLDERS))
        return []
    for folder in walk.outside[known_outside:]:
        problems.append(_error(place, f"include {quoted(pattern)} reaches folder {quoted(folder)}, which links outside the deck's folder", codes.INCLUDE_OUTSIDE))
    inside = []
    for match in files:
        real = Path(walk.root, match).resolve()
        if not real.is_relative_to(walk.real_root):
            problems.append(_error(place, f"include {quoted(pattern)} matches {quoted(match)}, which links outside the deck's folder", codes.INCLUDE_OUTSIDE))
        elif real != real_deck:
            inside.append(match)
    if not inside and not any(Path(walk.root, m).resolve() != real_deck for m in files) and len(walk.outside) == known_outside:
        problems.append(_error(place, f"include {quoted(pattern)} matches no file in the deck's folder", codes.INCLUDE_MATCHES_NOTHING))
    return inside


def _pattern_problem(pattern: str) -> tuple[str, str] | None:
    if not pattern.strip():
        return "empty include pattern", codes.INCLUDE_EMPTY_PATTERN
    if os.path.isabs(pattern) or PureWindowsPath(pattern).anchor or pattern.startswith("~"):
        return f"include {quoted(pattern)} is an absolute path: includes are relative to the deck's folder", codes.INCLUDE_OUTSIDE
    if ".." in PurePosixPath(pattern.replace("\\", "/")).parts:
        return f"include {quoted(pattern)} leaves the deck's folder ('..'): included files must be inside it", codes.INCLUDE_OUTSIDE
    return None


def _error(place: Place, message: str, code: str) -> Diagnostic:
    return Diagnostic(place, Severity.ERROR, message, code)
