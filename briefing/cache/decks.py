"""Stored loads: a deck loaded at one start, taken back at the next only if a load now would give it.

A load is a function of the files it reads and of the code that reads them. So a stored load
is taken back only when all of these hold, checked in this order (each cheap):

- it was written by this briefing (version, cache format, deck codec), this Python, and the
  same code: the size and modification time of every module of the deck core, of the
  Markdown parsing and of PyYAML and markdown-it are as they were;
- it is the same deck from the same place: the deck path as typed, the working folder, and
  the YAML back end;
- the same files would be read: the deck path names the same deck file, and the deck's
  ``include:`` patterns (from the deck file, whose bytes are checked next) expanded now by the
  loader's own code give the same files in the same order and no problem (every include
  problem is an error, and only a good load is stored), so a new file an include glob
  matches, a file gone, or a link now leading out of the deck's folder makes it stale;
- every file holds the same bytes: each is read through the loader's own front door and its
  digest compared (about a millisecond for the example deck).

A stored load keeps its diagnostics (warnings show as after a fresh load) and the digests of
what was read (live reload starts from them). Only a good load is stored, and only for a deck
of at most :data:`MAX_DECK_BYTES`: a bigger deck's start is its load, and its reloads need
the parsed files that only a real load keeps in memory. The deck goes through the deck codec
(``briefing.deck.codec``, its local form), the summaries' parsed Markdown through
``briefing.views.markdown``; nothing here imports PyYAML or markdown-it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from .. import __version__
from ..deck.codec import CODEC_VERSION, load_from_data, load_to_data
from ..deck.includes import include_labels
from ..deck.model import Place
from ..deck.reading import blake2b, content_digest, deck_file_label, read_bytes
from ..deck.result import LoadResult
from ..views.markdown import Block, blocks_from_data, blocks_to_data
from .code import code_files, code_unchanged
from .folder import CacheFolder

FORMAT = 1
"""Bumped when what a stored load holds changes."""
MAX_DECK_BYTES = 1024 * 1024
"""Decks whose files hold more than this are not stored (see the module's docstring)."""
CODE_PACKAGES = ("briefing.deck", "briefing.views.markdown", "briefing.cache")
"""Our modules whose every file must be unchanged (a developer's editable install changes them)."""
LIBRARIES = ("yaml", "yaml._yaml", "markdown_it", "mdurl")
"""Libraries whose files must be unchanged (an upgrade rewrites them)."""


class WarmStart(NamedTuple):
    """A stored load found valid: the result a load would give, and its Markdown already parsed.

    (The cache's records are named tuples, not dataclasses: they are defined on every start,
    and Python 3.11 compiles a dataclass's generated methods when it is defined.)"""

    result: LoadResult
    markdown: Mapping[str, tuple[Block, ...]]


def entry_name(label: str) -> str:
    """The cache file of a deck path as typed, from the working folder it was typed in."""
    key = f"{os.getcwd()}\0{label}".encode("utf-8", "surrogateescape")
    return blake2b(key, digest_size=16).hexdigest() + ".deck.json"


def stored_load(label: str | os.PathLike[str], folder: CacheFolder) -> WarmStart | None:
    """The stored load of this deck if a load now would give exactly it, else None (never raises)."""
    label = os.fspath(label)
    try:
        name = entry_name(label)
        data = folder.read(name)
        if data is None:
            return None
        warm = _still_valid(json.loads(data), label)
    except Exception:  # noqa: BLE001 - a damaged or foreign entry is never trusted, only ignored
        return None
    if warm is not None:
        folder.touch(name)
    return warm


def store_load(label: str | os.PathLike[str], result: LoadResult, folder: CacheFolder,
               markdown: Mapping[str, tuple[Block, ...]]) -> bool:
    """Keep a good load for the next start; False when it is not kept (never raises).

    Call it after the first paint, off the event loop: encoding takes a few milliseconds for
    the example deck. Every deck module it checks must already be imported (a load did that).
    """
    label = os.fspath(label)
    try:
        entry = _entry(label, result, markdown)
        if entry is None:
            return False
        return folder.write(entry_name(label), json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode())
    except Exception:  # noqa: BLE001 - a cache that cannot be written is only a slower next start
        return False


# --- writing ------------------------------------------------------------------------------------


def _entry(label: str, result: LoadResult, markdown: Mapping[str, tuple[Block, ...]]) -> dict[str, Any] | None:
    deck = result.deck
    if deck is None or any(path not in result.digests for path in result.files) or not result.files:
        return None
    if sum(os.stat(path).st_size for path in result.files) > MAX_DECK_BYTES:
        return None
    if not _reads_the_same_files(label, list(result.files), result.includes):
        return None  # the folder changed since the load: the next start loads afresh
    return {
        **_identity(label),
        "loader": _yaml_back_end(),
        "code": code_files(_is_load_code),
        "files": [[str(path), result.digests[path].hex()] for path in result.files],
        "includes": [[pattern, place.path, place.line, place.column] for pattern, place in result.includes],
        "load": load_to_data(deck, result.diagnostics),
        "markdown": [[text, blocks_to_data(blocks)] for text, blocks in markdown.items()],
    }


def _identity(label: str) -> dict[str, Any]:
    """What must be equal for an entry to be this deck's, from this briefing."""
    return {
        "format": FORMAT,
        "briefing": __version__,
        "codec": CODEC_VERSION,
        "python": sys.version,
        "cwd": os.getcwd(),
        "label": label,
    }


def _yaml_back_end() -> str | None:
    yamlsafe = sys.modules.get("briefing.deck.yamlsafe")
    return getattr(yamlsafe, "default_loader", None)


def _is_load_code(name: str) -> bool:
    """Whether a change to this module could change a load: ours every one, the libraries' top files."""
    return name in LIBRARIES or any(name == package or name.startswith(package + ".") for package in CODE_PACKAGES)


# --- reading ------------------------------------------------------------------------------------


class _Stale(Exception):
    """The entry is well formed but a load now would not give it."""


def _still_valid(entry: dict[str, Any], label: str) -> WarmStart | None:
    try:
        _check_identity(entry, label)
        if not code_unchanged(entry["code"]):
            raise _Stale
        files = [(Path(path), bytes.fromhex(digest)) for path, digest in entry["files"]]
        includes = tuple((pattern, Place(path, line, column)) for pattern, path, line, column in entry["includes"])
        if not _reads_the_same_files(label, [path for path, _ in files], includes):
            raise _Stale
        _check_contents(files)
    except _Stale:
        return None
    deck, diagnostics = load_from_data(entry["load"])
    markdown = {_text(text): blocks_from_data(blocks) for text, blocks in entry["markdown"]}
    result = LoadResult(deck, diagnostics, tuple(path for path, _ in files), dict(files), includes)
    return WarmStart(result, markdown)


def _check_identity(entry: dict[str, Any], label: str) -> None:
    identity = _identity(label)
    if any(entry.get(key) != value for key, value in identity.items()):
        raise _Stale
    loaded_back_end = _yaml_back_end()
    if loaded_back_end is not None and entry["loader"] != loaded_back_end:
        raise _Stale


def _reads_the_same_files(label: str, files: list[Path], includes: tuple[tuple[str, Place], ...]) -> bool:
    """A load now reads ``files``: the deck path names the same deck file, and its include
    patterns, expanded by the loader's own code, name the rest in order without a problem."""
    deck_file = deck_file_label(label)
    if not files or Path(deck_file) != files[0]:
        return False
    labels, problems = include_labels(deck_file, includes)
    return not problems and [Path(each) for each in labels] == files[1:]


def _check_contents(files: list[tuple[Path, bytes]]) -> None:
    for path, digest in files:
        data, _ = read_bytes(path)
        if data is None or content_digest(data) != digest:
            raise _Stale


def _text(data: Any) -> str:
    if not isinstance(data, str):
        raise TypeError("expected text")
    return data
