"""Reading a deck's files as bytes: the one front door, without PyYAML.

The loader reads every file through :func:`read_bytes`, and the start-up cache checks a
stored load by reading the very same files the very same way, so both see the same bytes
(and refuse the same FIFOs, devices and oversized files). Importing this module imports no
parser: a warm start that finds its load stored never loads PyYAML.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from . import codes

try:
    from _blake2 import blake2b  # what hashlib.blake2b is, without hashlib's OpenSSL (0.6 MiB resident)
except ImportError:  # pragma: no cover - an interpreter without the built-in module
    from hashlib import blake2b

DECK_FILE_NAME = "deck.yaml"
MAX_FILE_BYTES = 16 * 1024 * 1024


def content_digest(data: bytes) -> bytes:
    """The digest of a file's bytes that loads and live reload compare: equal digests, equal content."""
    return blake2b(data, digest_size=16).digest()


def deck_file_label(label: str) -> str:
    """The deck file a load reads for ``label``: the label itself, or ``deck.yaml`` in it when it is a folder."""
    return os.path.join(label, DECK_FILE_NAME) if os.path.isdir(label) else label


_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_READ_CHUNK = 1024 * 1024


class ReadProblem(NamedTuple):
    """Why a file's bytes could not be read, and the code of that kind of problem (a named
    tuple, not a dataclass: this module is on the start-up path, and a dataclass costs its
    generated methods' compilation on every start)."""

    message: str
    code: str = codes.FILE_UNREADABLE


def read_bytes(path: Path, *, limit: int = MAX_FILE_BYTES, what: str = "a deck file") -> tuple[bytes | None, ReadProblem | None]:
    """The file's bytes, or why they could not be read.

    Nothing but a regular file is opened: a named pipe would block the read forever and a
    device (a symlink to /dev/zero) never ends. The kind and the size are checked before
    opening; the open cannot block (``O_NONBLOCK``); ``fstat`` checks again what was really
    opened, in case the file was swapped meanwhile; and at most ``limit`` bytes (plus one,
    to notice more) are read, whatever the file does while it is read.
    """
    try:
        problem = _not_readable(os.stat(path), limit, what)
        if problem is not None:
            return None, problem
        descriptor = os.open(path, _OPEN_FLAGS)
        try:
            problem = _not_readable(os.fstat(descriptor), limit, what)
            if problem is not None:
                return None, problem
            data = read_at_most(descriptor, limit + 1)
        finally:
            os.close(descriptor)
    except FileNotFoundError:
        return None, ReadProblem("file not found")
    except IsADirectoryError:
        return None, ReadProblem("this is a folder, not a file")
    except PermissionError:
        return None, ReadProblem("permission denied: cannot read this file")
    except (OSError, ValueError) as error:
        return None, ReadProblem(f"cannot read this file ({getattr(error, 'strerror', None) or error})")
    if len(data) > limit:
        return None, _too_large(limit, what)
    return data, None


def _not_readable(info: os.stat_result, limit: int, what: str) -> ReadProblem | None:
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return ReadProblem("this is a folder, not a file")
    if not stat.S_ISREG(mode):
        kind = next((name for is_kind, name in _KINDS if is_kind(mode)), "a special file")
        return ReadProblem(f"not a regular file ({kind}): {what} must be a plain file", codes.NOT_A_REGULAR_FILE)
    if info.st_size > limit:
        return _too_large(limit, what)
    return None


def read_at_most(descriptor: int, count: int) -> bytes:
    """Up to ``count`` bytes from an open file, whatever it does while it is read."""
    chunks, left = [], count
    while left > 0:
        chunk = os.read(descriptor, min(left, _READ_CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _too_large(limit: int, what: str) -> ReadProblem:
    for unit, scale in (("MiB", 1024**2), ("KiB", 1024)):
        if limit >= scale and limit % scale == 0:
            return ReadProblem(f"file too large: over {limit // scale} {unit} (the limit for {what})", codes.FILE_TOO_LARGE)
    return ReadProblem(f"file too large: over {limit:,} bytes (the limit for {what})", codes.FILE_TOO_LARGE)
