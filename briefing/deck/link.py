"""Linking: every file's records joined into one deck — unique ids, resolved references.

Duplicates and dangling references are reported at the reference's own place, with a
"did you mean" drawn from every id in the deck. A relink after a reload starts from what
the last link left (:class:`LinkState`) and rebuilds only around the edit; the model
objects themselves are made by :mod:`.assemble`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import codes
from .assemble import BUILDERS, assemble_deck
from .model import Deck, Diagnostic, Place, Severity, Subject
from .records import FileData, Pos, Rec, Ref
from .schema import LIST_SECTIONS
from .suggest import closest, did_you_mean
from .text import quoted
from .yamlsafe import Locator

_ERROR = Severity.ERROR

_NOUNS = {
    "source": "a source", "country": "a country", "person": "a person", "incident": "an incident",
    "event": "an event", "question": "a question", "quote": "a quote",
}
_UNKNOWN = {
    ("country",): ("country", " (declare it under countries:)"),
    ("person",): ("person", " (declare it under people:)"),
    ("source",): ("source", " (declare it under sources:)"),
    ("quote",): ("quote", " (declare it under quotes:)"),
    ("country", "person"): ("country or person", " (declare it under countries: or people:)"),
    ("question", "incident", "event"): ("question, incident or event", ""),
}
_SUGGESTION_LIMIT = 20
_SUBJECT_KINDS = ("question", "incident", "event")


@dataclass(slots=True)
class LinkState:
    """What one link leaves for the next, so that a reload relinks only around an edit."""

    files: list[FileData] = field(default_factory=list)
    index: dict[str, Rec] = field(default_factory=dict)
    referrers: dict[str, list[Rec]] = field(default_factory=dict)  # may repeat a record
    objects: dict[str, Any] = field(default_factory=dict)
    problems: dict[Rec, tuple[tuple[Diagnostic, ...], tuple[Unknown, ...]]] = field(default_factory=dict)
    duplicates: list[Diagnostic] = field(default_factory=list)
    sections: dict[str, list[Rec]] = field(default_factory=dict)
    built: dict[str, tuple] = field(default_factory=dict)
    deck_index: dict[str, Any] = field(default_factory=dict)
    rebuilt_since_fresh: int = 0


Unknown = tuple[Place, str, tuple[str, ...]]  # where, the id, what it should have named


class Linker:
    """Joins every file's records into one Deck: unique ids, resolved references.

    The first link builds every record. A relink after a reload starts from what the last
    link left (:class:`LinkState`) and rebuilds only the records of changed files and,
    transitively, those referring to an id whose object changed; everything else keeps its
    model object and its diagnostics.
    """

    def __init__(self, state: LinkState) -> None:
        self.state = state
        self.index = state.index
        self.referrers = state.referrers
        self.objects = state.objects
        self.problems = state.problems
        self.diagnostics: list[Diagnostic] = []
        self.unknown: list[Unknown] = []
        self.current: Rec | None = None
        self.rebuilt = 0

    # ids

    def register(self, records: list[Rec], duplicates: list[Diagnostic]) -> None:
        index = self.index
        for record in records:
            key = record.key
            if key is None:
                continue
            first = index.get(key)
            if first is None:
                index[key] = record
                continue
            what = "country code" if record.section == "country" else "id"
            where = first.locator.at(*first.key_pos)
            also = "" if first.section == record.section else f", by {_NOUNS[first.section]}"
            message = f"duplicate {what} {quoted(key)} (first at {where}{also})"
            duplicates.append(Diagnostic(record.locator.at(*record.key_pos), _ERROR, message, codes.DUPLICATE_ID))

    # building

    def rebuild(self, record: Rec) -> bool:
        """Build one record again; True when that gave a different object."""
        before = record.built
        self.current = record
        diagnostics, unknown = self.diagnostics, self.unknown
        start, unknown_start = len(diagnostics), len(unknown)
        item = BUILDERS[record.section](self, record)
        if len(diagnostics) != start or len(unknown) != unknown_start:
            self.problems[record] = (tuple(diagnostics[start:]), tuple(unknown[unknown_start:]))
            del diagnostics[start:], unknown[unknown_start:]
        elif self.problems:
            self.problems.pop(record, None)
        self.rebuilt += 1
        key = record.key
        if key is not None and self.index.get(key) is record:
            self.objects[key] = item
        return item is not before

    def build_all(self, sections: dict[str, list[Rec]]) -> None:
        for name in _BUILD_ORDER:
            for record in sections[name]:
                self.rebuild(record)

    def build_dirty(self, dirty: set[Rec]) -> set[str]:
        """Rebuild ``dirty`` records section by section, spreading to referrers; the sections touched."""
        touched: set[str] = set()
        for name in _BUILD_ORDER:
            kind = LIST_SECTIONS[name]
            for record in [r for r in dirty if r.section == kind and not r.gone]:
                touched.add(name)
                if self.rebuild(record) and record.key is not None:
                    dirty.update(self.referrers.get(record.key, ()))
        return touched

    # references

    def error(self, locator: Locator, pos: Pos, message: str, code: str) -> None:
        self.diagnostics.append(Diagnostic(locator.at(*pos), _ERROR, message, code))

    def resolve(self, record: Rec, ref: Ref, targets: tuple[str, ...]) -> Any:
        text = ref[0]
        referrers = self.referrers.get(text)
        if referrers is None:
            self.referrers[text] = [self.current]
        else:
            referrers.append(self.current)
        target = self.index.get(text)
        if target is not None and target.section in targets:
            return self.objects.get(text)
        pos = (ref[1], ref[2])
        if target is not None:
            message = f"{quoted(text)} is {_NOUNS[target.section]}, not a {_UNKNOWN[targets][0]}"
            self.error(record.locator, pos, message, codes.WRONG_KIND_OF_REFERENCE)
        else:
            self.unknown.append((record.locator.at(*pos), text, targets))
        return None

    def resolve_all(self, record: Rec, refs: tuple[Ref, ...] | None, targets: tuple[str, ...]) -> tuple:
        if not refs:
            return ()
        if len(refs) == 1:
            item = self.resolve(record, refs[0], targets)
            return () if item is None else (item,)
        return tuple(item for item in (self.resolve(record, ref, targets) for ref in refs) if item is not None)

    def subjects_of(self, record: Rec, refs: tuple[Ref, ...]) -> tuple[Subject, ...]:
        """What a quote is about; each Subject is kept on its target's record across reloads."""
        found = []
        for ref in refs:
            target = self.index.get(ref[0])
            if target is None or target.section not in _SUBJECT_KINDS:
                self.resolve(record, ref, _SUBJECT_KINDS)
                continue
            self.resolve(record, ref, _SUBJECT_KINDS)
            subject = target.subject
            if subject is None:
                title = target.values.get("title", "")
                subject = target.subject = Subject(target.section, ref[0], title, target.place())  # type: ignore[arg-type]
            found.append(subject)
        return tuple(found)

    # diagnostics

    def all_diagnostics(self) -> list[Diagnostic]:
        """Duplicates, every record's kept problems, and unknown references worded afresh.

        A "did you mean" depends on every id in the deck, so it is never kept with a record.
        """
        diagnostics = list(self.state.duplicates)
        unknown: list[Unknown] = []
        for found, missing in self.problems.values():
            diagnostics.extend(found)
            unknown.extend(missing)
        suggestions_left = _SUGGESTION_LIMIT
        candidates_for: dict[tuple[str, ...], list[str]] = {}
        for place, text, targets in sorted(unknown):
            wanted, hint = _UNKNOWN[targets]
            suggestion = None
            if suggestions_left > 0:
                suggestions_left -= 1
                if targets not in candidates_for:
                    candidates_for[targets] = [key for key, rec in self.index.items() if rec.section in targets]
                suggestion = closest(text, candidates_for[targets])
            message = f"unknown {wanted} {quoted(text)}{did_you_mean(suggestion) or hint}"
            diagnostics.append(Diagnostic(place, _ERROR, message, codes.UNKNOWN_REFERENCE, suggestion))
        return diagnostics


_BUILD_ORDER = ("countries", "sources", "people", "quotes", "incidents", "events", "questions")


def link(
    deck_file: FileData, files: list[FileData], deck_path: Path, file_paths: tuple[Path, ...],
    state: LinkState | None = None,
) -> tuple[Deck, list[Diagnostic], LinkState]:
    """The Deck from every file's records, linking's diagnostics, and the state for next time.

    The Deck is only meaningful when no file had errors; the caller decides.
    """
    previous = state or LinkState()
    sections = _sections_of(files)
    linker = _relink(previous, files, sections)
    if linker is None:
        fresh = LinkState()
        linker = Linker(fresh)
        for name in LIST_SECTIONS:
            linker.register(sections[name], fresh.duplicates)
        linker.build_all(sections)
        fresh.built = {name: tuple(record.built for record in sections[name]) for name in _BUILD_ORDER}
        fresh.deck_index = _deck_index(fresh.built)
    new_state = linker.state
    new_state.files, new_state.sections = list(files), sections
    new_state.rebuilt_since_fresh += linker.rebuilt
    if new_state.rebuilt_since_fresh > 4 * max(len(new_state.index), 1000):
        new_state.referrers = _fresh_referrers(sections)  # drop records of old file versions
        new_state.rebuilt_since_fresh = 0
    deck = assemble_deck(deck_file, deck_path, file_paths, new_state)
    return deck, linker.all_diagnostics(), new_state


def _sections_of(files: list[FileData]) -> dict[str, list[Rec]]:
    sections: dict[str, list[Rec]] = {name: [] for name in LIST_SECTIONS}
    for data in files:
        for name, records in data.sections.items():
            sections[name].extend(records)
    return sections


def _relink(state: LinkState, files: list[FileData], sections: dict[str, list[Rec]]) -> Linker | None:
    """Relink around the files that changed since ``state``; None when only a full link will do."""
    if not state.files or state.duplicates or [f.path for f in state.files] != [f.path for f in files]:
        return None
    removed: list[Rec] = []
    added: list[Rec] = []
    for old, new in zip(state.files, files):
        if old is not new:
            before = {id(record) for record in _records_of(old)}
            after = _records_of(new)
            now = {id(record) for record in after}
            removed.extend(record for record in _records_of(old) if id(record) not in now)
            added.extend(record for record in after if id(record) not in before)
    index = state.index
    leaving = {record.key for record in removed if record.key is not None and index.get(record.key) is record}
    arriving: set[str] = set()
    for record in added:
        key = record.key
        if key is not None and ((key in index and key not in leaving) or key in arriving):
            return None  # a duplicate id: its diagnostics need the full link
        if key is not None:
            arriving.add(key)
    linker = Linker(state)
    for key in leaving - arriving:
        del index[key]
        state.objects.pop(key, None)
    for record in removed:
        record.gone = True
        state.problems.pop(record, None)
    for record in added:
        if record.key is not None:
            index[record.key] = record
    dirty: set[Rec] = set(added)
    for key in leaving | arriving:
        dirty.update(state.referrers.get(key, ()))
    touched = linker.build_dirty(dirty)
    if added or removed:
        touched.update(LIST_SECTIONS)
    for name in touched:
        state.built[name] = tuple(record.built for record in sections[name])
    for key in leaving | arriving | {r.key for r in dirty if r.key is not None}:
        if key in state.objects:
            state.deck_index[key] = state.objects[key]
        else:
            state.deck_index.pop(key, None)
    return linker


def _records_of(data: FileData) -> list[Rec]:
    return [record for records in data.sections.values() for record in records]


def _fresh_referrers(sections: dict[str, list[Rec]]) -> dict[str, list[Rec]]:
    referrers: dict[str, list[Rec]] = {}
    for records in sections.values():
        for record in records:
            for key in set(_referenced_ids(record)):
                referrers.setdefault(key, []).append(record)
    return referrers


def _referenced_ids(record: Rec):
    for value in record.values.values():
        if type(value) is tuple and value and type(value[0]) is tuple:
            yield from (ref[0] for ref in value)
        elif type(value) is tuple and len(value) == 3 and type(value[1]) is int:
            yield value[0]
        elif type(value) is list:
            for sub in value:
                yield from _referenced_ids(sub)


def _deck_index(built: dict[str, tuple]) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for name in ("sources", "people", "incidents", "events", "questions", "quotes"):
        for item in built[name]:
            index.setdefault(item.id, item)
    for country in built["countries"]:
        index.setdefault(country.code, country)
    return index
