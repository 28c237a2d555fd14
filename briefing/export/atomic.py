"""Writing an export so that a reader never sees half a file and a deck is never overwritten.

The text goes to a temporary file in the target's own folder (so the rename stays on one
file system), is flushed to disk, then renamed over the target in one step. A target that
is, or leads through symlinks or `..` to, one of the deck's own files is refused: an
export must never clobber what the analyst is editing.

Only regular files (or a new name) are replaced. A character device or a FIFO is written
through, as a shell redirection would (``-o /dev/stdout``, ``-o /dev/null``, a named
pipe), and never replaced; any other kind of file (a socket, a block device) is refused.
"""

from __future__ import annotations

import os
import stat
import tempfile
from contextlib import suppress
from pathlib import Path
from typing import Iterable

from ..deck.text import printable
from .common import ExportError

_REFUSED_KINDS = ((stat.S_ISSOCK, "a socket"), (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))


def write_atomically(path: str | os.PathLike[str], text: str | bytes, *, protected: Iterable[str | os.PathLike[str]] = ()) -> None:
    """Replace ``path`` whole with ``text`` (UTF-8; bytes as they are), or raise :class:`ExportError`.

    A symlink target is followed: the file it points to is replaced and the link kept,
    as a shell redirection would. A new file gets the usual permissions (0666 minus the
    umask); an existing one keeps its own.
    """
    if _writes_through(path):
        _write_through(path, text)
        return
    target = _resolved_target(Path(path))
    _refuse_protected(Path(path), target, protected)
    data = _encoded(path, text)
    mode = _mode_for(target)
    descriptor, temporary = _temporary_beside(target)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as error:
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise ExportError(f"cannot write {_shown(path)}: {error.strerror or error}") from error
        raise
    _sync_folder(target.parent)


def _writes_through(path: str | os.PathLike[str]) -> bool:
    """True for a character device or a FIFO (following symlinks); raises for a kind never written."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False  # a new file, or a path whose problem the normal route explains
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return True
    for is_kind, kind in _REFUSED_KINDS:
        if is_kind(mode):
            hint = "give a file name" if kind == "a folder" else "give a regular file"
            raise ExportError(f"cannot write {_shown(path)}: it is {kind}, not a regular file; {hint}")
    return False


def _write_through(path: str | os.PathLike[str], text: str | bytes) -> None:
    """Write into a device or FIFO in place; a FIFO waits for its reader, as a shell would."""
    data = _encoded(path, text)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_APPEND)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view):]
        finally:
            os.close(descriptor)
    except OSError as error:
        raise ExportError(f"cannot write {_shown(path)}: {error.strerror or error}") from error


def _not_unicode(path: str | os.PathLike[str], error: UnicodeEncodeError) -> ExportError:
    return ExportError(f"cannot write {_shown(path)}: the text is not valid Unicode ({error.reason})")


def _shown(path: str | os.PathLike[str]) -> str:
    return printable(os.fsdecode(path))


def _encoded(path: str | os.PathLike[str], text: str | bytes) -> bytes:
    if isinstance(text, bytes):
        return text
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise _not_unicode(path, error) from error


def _resolved_target(path: Path) -> Path:
    try:
        target = path.expanduser().resolve()
    except (OSError, RuntimeError) as error:  # a symlink loop
        raise ExportError(f"cannot write {_shown(path)}: {printable(str(error))}") from error
    if target.is_dir():
        raise ExportError(f"cannot write {_shown(path)}: it is a folder; give a file name")
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {_shown(path)}: folder {_shown(target.parent)} does not exist")
    return target


def _refuse_protected(given: Path, target: Path, protected: Iterable[str | os.PathLike[str]]) -> None:
    for deck_file in protected:
        deck_path = Path(deck_file)
        if _same_file(target, deck_path):
            raise ExportError(f"refusing to write {_shown(given)}: it is the deck file {_shown(deck_path)}; choose another output file")


def _same_file(target: Path, deck_path: Path) -> bool:
    with suppress(OSError, RuntimeError):
        if target == deck_path.expanduser().resolve():
            return True
    with suppress(OSError):
        return target.exists() and deck_path.exists() and os.path.samefile(target, deck_path)
    return False


def _mode_for(target: Path) -> int:
    with suppress(OSError):
        return target.stat().st_mode & 0o7777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _temporary_beside(target: Path) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise ExportError(f"cannot write in {_shown(target.parent)}: {error.strerror or error}") from error


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some file systems cannot open a folder, which is fine."""
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
