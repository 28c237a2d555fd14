"""The cache's private folder: only this user's own files are read, every file is written whole.

A file is read only when the folder is a real folder (not a link) owned by this user that
nobody else may enter, and the file is a regular file owned by this user that nobody else
may read or write; otherwise it is as if there were none. Files are written to a private
temporary name and renamed into place, so a reader sees a whole old file or a whole new one,
and two starts writing at once leave one of the two. The folder is kept under
:data:`MAX_TOTAL_BYTES` by removing the files used least recently.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from ..deck.reading import read_at_most

CACHE_VARIABLE = "BRIEFING_CACHE"
FOLDER_NAME = "briefing"
MAX_FILE_BYTES = 32 * 1024 * 1024
"""No cache file is read or written past this size."""
MAX_TOTAL_BYTES = 128 * 1024 * 1024
"""The whole folder is kept under this: the files used least recently go first."""
STALE_TEMPORARY_SECONDS = 3600
"""A temporary file this old was left by a start that ended mid-write: removed."""
_TEMPORARY_PREFIX = ".writing-"
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def cache_wanted(environ: Mapping[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get(CACHE_VARIABLE, "1").strip().lower() not in {"0", "no", "off", "false"}


def default_location(environ: Mapping[str, str] | None = None) -> Path | None:
    """``$XDG_CACHE_HOME/briefing`` (an absolute one only, as the XDG rules say), else ``~/.cache/briefing``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = env.get("HOME") or os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base, FOLDER_NAME)


class CacheFolder:
    """One private cache folder; every method is safe to call whatever is on disk, and never raises."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def default(cls, environ: Mapping[str, str] | None = None) -> CacheFolder | None:
        """The user's cache folder, or None when ``BRIEFING_CACHE=0`` or there is no home to keep it in."""
        if not cache_wanted(environ):
            return None
        location = default_location(environ)
        return cls(location) if location is not None else None

    def read(self, name: str) -> bytes | None:
        """The file's bytes, or None unless the folder and the file are this user's own and private."""
        if not self._is_private_folder():
            return None
        try:
            descriptor = os.open(self.path / name, _OPEN_FLAGS)
        except OSError:
            return None
        try:
            info = os.fstat(descriptor)
            if not _is_own_private_file(info) or info.st_size > MAX_FILE_BYTES:
                return None
            data = read_at_most(descriptor, MAX_FILE_BYTES + 1)
        except OSError:
            return None
        finally:
            os.close(descriptor)
        return data if len(data) <= MAX_FILE_BYTES else None

    def touch(self, name: str) -> None:
        """Mark the file as just used (the folder is trimmed least recently used first)."""
        try:
            os.utime(self.path / name, follow_symlinks=False)
        except OSError:
            pass

    def write(self, name: str, data: bytes) -> bool:
        """Write the file whole (atomically), creating the private folder if need be; False if not written."""
        if len(data) > MAX_FILE_BYTES or not self._make_private_folder():
            return False
        try:
            descriptor, temporary = tempfile.mkstemp(prefix=_TEMPORARY_PREFIX, dir=self.path)
        except OSError:
            return False
        try:
            with os.fdopen(descriptor, "wb") as out:
                out.write(data)
            os.replace(temporary, self.path / name)
        except OSError:
            _remove(temporary)
            return False
        self._trim()
        return True

    # -- the folder ------------------------------------------------------------------------------

    def _is_private_folder(self) -> bool:
        try:
            info = os.lstat(self.path)
        except OSError:
            return False
        return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and info.st_mode & 0o077 == 0

    def _make_private_folder(self) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(self.path, 0o700)
        except FileExistsError:
            pass
        except OSError:
            return False
        return self._is_private_folder()

    def _trim(self) -> None:
        """Remove temporary files left by interrupted writes, then the least recently used files
        until the folder is under :data:`MAX_TOTAL_BYTES`."""
        now = time.time()
        kept: list[tuple[float, int, str]] = []
        try:
            entries = list(os.scandir(self.path))
        except OSError:
            return
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if entry.name.startswith(_TEMPORARY_PREFIX):
                if now - info.st_mtime > STALE_TEMPORARY_SECONDS:
                    _remove(entry.path)
            elif stat.S_ISREG(info.st_mode):
                kept.append((info.st_mtime, info.st_size, entry.path))
        total = sum(size for _, size, _ in kept)
        for _, size, path in sorted(kept):
            if total <= MAX_TOTAL_BYTES:
                break
            _remove(path)
            total -= size


def _is_own_private_file(info: os.stat_result) -> bool:
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and info.st_mode & 0o077 == 0


def _remove(path: str | os.PathLike[str]) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
