"""Files as the follower sees them: what they hold, which globs can add to them, which folders to watch.

Pure functions and small frozen records, so they are tested without a watcher.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from ..deck.reading import MAX_FILE_BYTES, content_digest
from ..deck.text import clean_text

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Linux or macOS
    fcntl = None

RACY_NS = 100_000_000
"""A file modified this close to the moment we read it may change again without its stat changing
(mtime ticks are coarse), so it is read again on the next scan (git's "racily clean" idea)."""

StatKey = tuple[int, int, int, int]


@dataclass(frozen=True, slots=True)
class FileState:
    """What a file held when it was last read; equal digests mean equal content.

    ``kind`` names what the path is when it is not a regular file ("a FIFO"); such a file is
    never opened. ``writing`` says whether some process had the file open for writing when it
    was read (None: that cannot be checked here), and ``line_ended`` whether its bytes end at a
    line break: both tell a finished save from one caught half-way (see ``settling``).
    """

    stat_key: StatKey | None
    digest: bytes | None
    racy: bool = False
    kind: str | None = None
    writing: bool | None = False
    line_ended: bool = True

    @property
    def exists(self) -> bool:
        return self.stat_key is not None

    @property
    def empty(self) -> bool:
        return self.stat_key is None or self.stat_key[0] == 0

    @property
    def regular(self) -> bool:
        return self.kind is None


MISSING = FileState(None, None)
UNREAD: StatKey = (-1, -1, -1, -1)
"""The stat key of a state known only by its digest (what a load read): no real stat equals it."""


def _stat_key(result: os.stat_result) -> StatKey:
    return (result.st_size, result.st_mtime_ns, result.st_ctime_ns, result.st_ino)


def current_stat_key(path: str) -> StatKey | None:
    try:
        return _stat_key(os.stat(path))
    except (OSError, ValueError):
        return None


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def kind_of(mode: int) -> str | None:
    """What a path is, when it is not a regular file (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _never_read(status: os.stat_result) -> FileState | None:
    """The state of a file that is not read at all: not a regular file, or over the deck-file
    limit (its stat then stands for its content; the loader says why it is refused)."""
    kind = kind_of(status.st_mode)
    if kind is not None:
        return FileState(_stat_key(status), f"!{kind}".encode(), kind=kind)
    if status.st_size > MAX_FILE_BYTES:
        return FileState(_stat_key(status), b"!too-large:" + repr(_stat_key(status)).encode())
    return None


def read_state(path: str, previous: FileState | None = None) -> tuple[FileState, bytes | None]:
    """Read a file once: its state (stat of the very file read, digest) and its bytes.

    Safe on any path: only a regular file is opened, non-blocking (a FIFO swapped in between the
    look and the open cannot hang it), and at most the deck-file limit is read. When ``previous``
    has the same stat and is not racy, the bytes are not read again: only ``writing`` is renewed.
    Blocking work: call it from a worker thread, never the event loop.
    """
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return MISSING, None
    except (OSError, ValueError) as error:
        return FileState(None, b"!" + type(error).__name__.encode()), None
    unread = _never_read(status)
    if unread is not None:
        return unread, None
    started = time.time_ns()
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except (FileNotFoundError, NotADirectoryError):
        return MISSING, None
    except OSError as error:
        return FileState(_stat_key(status), b"!" + type(error).__name__.encode()), None
    try:
        return _read_open(descriptor, started, previous)
    except OSError as error:
        return FileState(current_stat_key(path), b"!" + type(error).__name__.encode()), None
    finally:
        os.close(descriptor)


def _read_open(descriptor: int, started: int, previous: FileState | None) -> tuple[FileState, bytes | None]:
    status = os.fstat(descriptor)  # the very file opened: it may have been swapped since the look
    unread = _never_read(status)
    if unread is not None:
        return unread, None
    writing = open_for_writing(descriptor)
    key = _stat_key(status)
    if previous is not None and previous.stat_key == key and not previous.racy:
        return replace(previous, writing=writing), None
    data = _read_at_most(descriptor, MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # it grew since the fstat
        return FileState(key, b"!too-large:" + repr(key).encode()), None
    racy = started - RACY_NS <= status.st_mtime_ns <= started + RACY_NS
    line_ended = not data or data.endswith((b"\n", b"\r"))
    return FileState(key, content_digest(data), racy, None, writing, line_ended), data


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    remaining = limit
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


_NOT_WRITING = getattr(signal, "SIGURG", None)
"""Taking a lease makes this process the one told when a writer opens the file during it; the
default signal (SIGIO) would end the app, SIGURG is ignored unless handled."""


def open_for_writing(descriptor: int) -> bool | None:
    """Whether any process has this file open for writing; None when that cannot be told.

    Linux grants a read lease only on a file nobody has open for writing, so taking one and
    handing it straight back answers the question without waiting. Leases need the file's
    owner (or root) and a local file system; elsewhere the answer is None and settling falls
    back on time (see ``settling``).
    """
    if fcntl is None or not hasattr(fcntl, "F_SETLEASE") or _NOT_WRITING is None:
        return None
    try:
        fcntl.fcntl(descriptor, fcntl.F_SETSIG, _NOT_WRITING)
        fcntl.fcntl(descriptor, fcntl.F_SETLEASE, fcntl.F_RDLCK)
    except OSError as error:
        return True if error.errno in (errno.EAGAIN, errno.EBUSY) else None
    fcntl.fcntl(descriptor, fcntl.F_SETLEASE, fcntl.F_UNLCK)
    return False


def include_patterns(data: bytes) -> tuple[str, ...] | None:
    """The deck's ``include:`` globs, read from YAML parse events up to that key only.

    Why not ask the loader: the globs matter even when the deck does not load (a pattern that
    matches no file yet is an error, and creating the file must be seen). None when the text
    does not parse that far; the loader reports why.
    """
    from .include_events import include_patterns as from_events

    return from_events(data)


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


def one_line(text: object, limit: int = 120) -> str:
    """A path or a message as one clean line for a notice (names are untrusted: no escapes).

    A long one loses its middle, not its end: a path's end is the file the notice is about."""
    lines = clean_text(str(text))[0].strip().splitlines()
    line = lines[0] if lines else ""
    if len(line) <= limit:
        return line
    tail = (limit - 3) * 2 // 3
    return line[: limit - 3 - tail] + "..." + line[-tail:]


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
    return plan_for_folders({os.path.dirname(name) for name in file_names}, deck_dir, patterns)


def plan_for_folders(folders: Iterable[str], deck_dir: str, patterns: Iterable[str]) -> WatchPlan:
    """:func:`make_plan` from the followed files' folders (cheap to keep for thousands of files)."""
    flat = set(folders)
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
