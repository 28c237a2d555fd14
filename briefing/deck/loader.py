"""``load_deck``: a deck file and its includes in, a Deck and every diagnostic out; never raises.

Paths in diagnostics are written the way the user wrote the deck path (an included file's
path is joined onto the deck's folder as typed), so ``briefing validate decks/x/deck.yaml``
prints ``decks/x/quotes.yaml:3:5: ...`` and an editor can jump there.

:class:`LoadCache` keeps each file's bytes and checked records; a reload re-reads every
file's bytes (cheap, and immune to coarse mtimes) but re-parses only files whose bytes or
deck settings changed.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import codes, yamlsafe
from .includes import include_labels
from .link import LinkState, link
from .model import Deck, Diagnostic, Place, Severity
from .read import FileReader, deck_settings
from .reading import DECK_FILE_NAME, content_digest, deck_file_label, read_bytes
from .records import FileData, Settings, same_record
from .result import LoadResult
from .text import printable

__all__ = ["DECK_FILE_NAME", "LoadCache", "LoadResult", "content_digest", "load_deck"]


@dataclass(slots=True)
class _Entry:
    data: bytes
    settings: Settings | None
    loader: str
    result: FileData
    settings_found: Settings | None = None
    nodes: int = 0  # YAML nodes composed; yamlsafe.OVER_NODE_BUDGET when the node limit stopped it
    digest: bytes = b""


@dataclass
class LoadCache:
    """Per-file results kept between loads of the same deck (one cache per deck is simplest)."""

    entries: dict[str, _Entry] = field(default_factory=dict)
    date_memos: dict[Settings, dict[str, Any]] = field(default_factory=dict)
    link_state: LinkState = field(default_factory=LinkState)

    def clear(self) -> None:
        self.entries.clear()
        self.date_memos.clear()
        self.link_state = LinkState()


def load_deck(path: str | os.PathLike[str], *, cache: LoadCache | None = None, loader: str | None = None) -> LoadResult:
    """Load and validate the deck at ``path`` (a deck file, or a folder holding ``deck.yaml``)."""
    label = os.fspath(path)
    cache = cache if cache is not None else LoadCache()
    try:
        with _collector_paused():
            return _Load(label, cache, loader or yamlsafe.default_loader).run()
    except Exception as error:  # noqa: BLE001 - the promise is: no exception reaches the caller
        cache.clear()  # it may be half updated; the next load starts afresh
        message = f"internal error while loading this deck ({type(error).__name__}: {printable(str(error))}); please report it"
        return LoadResult(None, (Diagnostic(Place(label, 1, 1), Severity.ERROR, message, codes.INTERNAL_ERROR),), (Path(label),))


@contextmanager
def _collector_paused():
    """Loading allocates millions of long-lived objects and no cycles: pausing the cyclic
    collector for the load avoids its repeated full scans (a big deck loads twice as fast)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Load:
    def __init__(self, label: str, cache: LoadCache, loader: str) -> None:
        self.label = label
        self.cache = cache
        self.loader = loader
        self.diagnostics: list[Diagnostic] = []
        self.files: list[Path] = []
        self.nodes = 0  # YAML nodes in the files read so far, against yamlsafe.MAX_NODES
        self.digests: dict[Path, bytes] = {}
        self.includes: tuple[tuple[str, Place], ...] = ()

    def run(self) -> LoadResult:
        deck_label = self._deck_file_label()
        if deck_label is None:
            return self._result(None)
        deck_file = self._read(deck_label, None)
        if deck_file is None or not deck_file.readable:
            return self._result(None)
        included = []
        for include_label in self._include_labels(deck_file, deck_label):
            data = self._read(include_label, self._settings_of(deck_label))
            if data is not None and data.readable:
                included.append(data)
        deck, linking, self.cache.link_state = link(
            deck_file, [deck_file, *included], Path(deck_label), tuple(self.files), self.cache.link_state,
        )
        self.diagnostics.extend(linking)
        has_errors = any(d.severity is Severity.ERROR for d in self.diagnostics)
        return self._result(None if has_errors else deck)

    def _result(self, deck: Deck | None) -> LoadResult:
        # dict.fromkeys: an alias repeats a node, and with it the node's problem; say it once.
        diagnostics = tuple(sorted(dict.fromkeys(self.diagnostics), key=Diagnostic.sort_key))
        return LoadResult(deck, diagnostics, tuple(self.files), self.digests, self.includes)

    def _deck_file_label(self) -> str | None:
        label = deck_file_label(self.label)
        if label != self.label and not os.path.isfile(label):
            self._error(Place(self.label, 1, 1), f"no {DECK_FILE_NAME} in this folder", codes.FILE_UNREADABLE)
            return None
        return label

    def _error(self, place: Place, message: str, code: str) -> None:
        self.diagnostics.append(Diagnostic(place, Severity.ERROR, message, code))

    # reading, through the cache

    def _settings_of(self, deck_label: str) -> Settings:
        entry = self.cache.entries.get(deck_label)
        return entry.settings_found if entry is not None and entry.settings_found else Settings()

    def _read(self, label: str, settings: Settings | None) -> FileData | None:
        """One file's checked records (from the cache when its bytes and settings are unchanged)."""
        self.files.append(Path(label))
        data, problem = read_bytes(Path(label))
        if data is None:
            self._error(Place(label, 1, 1), problem.message, problem.code)
            return None
        node_budget = yamlsafe.MAX_NODES - self.nodes
        if node_budget < 0:
            return None  # the node limit is reported once, at the file that passed it
        entry = self.cache.entries.get(label)
        if (entry is None or entry.data != data or entry.settings != settings or entry.loader != self.loader
                or entry.nodes > node_budget):
            previous = entry
            entry = self._parse(label, data, settings, node_budget)
            entry.digest = content_digest(data)
            if previous is not None:
                _keep_unchanged_records(previous.result, entry.result)
            self.cache.entries[label] = entry
        self.nodes += entry.nodes
        self.digests[Path(label)] = entry.digest
        self.diagnostics.extend(entry.result.diagnostics)
        return entry.result

    def _parse(self, label: str, data: bytes, settings: Settings | None, node_budget: int) -> _Entry:
        source = yamlsafe.prepare(data, label)
        result = FileData(label, source.locator, list(source.diagnostics), readable=False)
        if source.text is None:
            return _Entry(data, settings, self.loader, result)
        root, problems, nodes = yamlsafe.compose_counted(source, self.loader, node_budget)
        if root is None:
            result.diagnostics.extend(problems)
            return _Entry(data, settings, self.loader, result, nodes=nodes)
        found = deck_settings(root) if settings is None else settings
        memo = self.cache.date_memos.setdefault(found, {})
        reader = FileReader(source.locator, found, "\\" in source.text, memo, "\t" in source.text)
        result = reader.read_deck(root) if settings is None else reader.read_include(root)
        result.diagnostics[:0] = source.diagnostics
        return _Entry(data, settings, self.loader, result, found if settings is None else None, nodes)

    # includes

    def _include_labels(self, deck_file: FileData, deck_label: str) -> list[str]:
        self.includes = tuple((pattern, deck_file.locator.at(line, column)) for pattern, line, column in deck_file.includes)
        labels, problems = include_labels(deck_label, self.includes)
        self.diagnostics.extend(problems)
        return labels


def _keep_unchanged_records(old: FileData, new: FileData) -> None:
    """Put back the previous read of every record an edit left as it was.

    Linking then sees the very same record objects and rebuilds only around the edit:
    changing one quote in a file of thousands relinks that quote and what cites it.
    """
    if old.locator.shifts != new.locator.shifts:
        return
    for name, records in new.sections.items():
        before = {(record.key, record.pos): record for record in old.sections.get(name, ()) if record.key is not None}
        if not before:
            continue
        for at, record in enumerate(records):
            earlier = before.get((record.key, record.pos))
            if earlier is not None and same_record(earlier, record):
                records[at] = earlier
