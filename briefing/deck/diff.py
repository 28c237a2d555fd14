"""What changed between two loads of a deck: the reload notice and the "jump to the change" key.

Items are matched by id (countries by code) within each section. An item counts as edited
only when something the author wrote about *it* changed:

- places are ignored, because a line added above an item moves every item below it;
- a reference to another item (an incident's countries, a quote's speaker or source, a
  position's quotes, a quote's ``about``) is compared by id, so renaming a country edits the
  country, not every incident that mentions it.

Pure Python, no Textual or Rich. The summary is plain text holding deck ids: show it
literally (never as markup).
"""

from __future__ import annotations

import dataclasses
import operator
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .model import (
    Country,
    Deck,
    Event,
    Incident,
    Person,
    Place,
    Question,
    Quote,
    Source,
    Subject,
)

__all__ = ["SECTIONS", "SETTINGS", "DeckChanges", "SectionChanges", "diff_decks"]

SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("incidents", "incident", "incidents"),
    ("events", "event", "events"),
    ("countries", "country", "countries"),
    ("questions", "question", "questions"),
    ("quotes", "quote", "quotes"),
    ("sources", "source", "sources"),
    ("people", "person", "people"),
)
"""(Deck field, singular, plural), in the order the screens come: "first change" follows it."""

SETTINGS: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    ("subtitle", "subtitle"),
    ("as_of", "as-of date"),
    ("timezone", "timezone"),
    ("date_order", "date order"),
    ("classification", "classification"),
    ("theme", "theme"),
    ("summary", "summary"),
    ("key_judgments", "key judgments"),
    ("format", "format"),
)
"""Deck-level fields and how the summary names them."""

_ITEM_TYPES = (Source, Country, Person, Quote, Incident, Event, Question)
_SINGULAR = {name: singular for name, singular, _ in SECTIONS}
_PLURAL = {name: plural for name, _, plural in SECTIONS}
_SETTING_LABELS = dict(SETTINGS)


@dataclass(frozen=True, slots=True)
class SectionChanges:
    """One section's changes; ids in the new deck's order (removed ones in the old deck's)."""

    section: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    edited: tuple[str, ...] = ()
    reordered: bool = False
    changed: tuple[str, ...] = ()
    """Added and edited ids together, in the new deck's order: where a jump can land."""

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.edited or self.reordered)

    def parts(self) -> list[str]:
        """Summary phrases: 'incident estonia-mig31 edited', '2 quotes added', ..."""
        phrases = []
        for verb, ids in (("edited", self.edited), ("added", self.added), ("removed", self.removed)):
            if len(ids) == 1:
                phrases.append(f"{_SINGULAR[self.section]} {ids[0]} {verb}")
            elif ids:
                phrases.append(f"{len(ids)} {_PLURAL[self.section]} {verb}")
        if self.reordered:
            phrases.append(f"{_PLURAL[self.section]} reordered")
        return phrases


@dataclass(frozen=True, slots=True)
class DeckChanges:
    """Everything that differs between two decks, section by section."""

    sections: tuple[SectionChanges, ...] = ()
    """Only sections with changes, in :data:`SECTIONS` order."""
    settings: tuple[str, ...] = ()
    """Deck-level fields that changed (Deck field names, :data:`SETTINGS` order)."""

    @property
    def empty(self) -> bool:
        return not self.sections and not self.settings

    def section(self, name: str) -> SectionChanges:
        for changes in self.sections:
            if changes.section == name:
                return changes
        return SectionChanges(name)

    @property
    def first_change(self) -> tuple[str, str] | None:
        """(section, id) of the first added or edited item, in screen then deck order."""
        for changes in self.sections:
            if changes.changed:
                return changes.section, changes.changed[0]
        return None

    @property
    def first_changed_id(self) -> str | None:
        """The id (or country code) to jump to; None when only removals or settings changed."""
        first = self.first_change
        return first[1] if first else None

    def summary(self, max_parts: int = 4) -> str:
        """One line: 'incident estonia-mig31 edited; 2 quotes added; deck title edited'."""
        parts = [phrase for changes in self.sections for phrase in changes.parts()]
        if self.settings:
            parts.append(f"deck {_join_words(_SETTING_LABELS[name] for name in self.settings)} edited")
        if not parts:
            return "no changes"
        if len(parts) > max_parts:
            rest = len(parts) - (max_parts - 1)
            parts = [*parts[: max_parts - 1], f"{rest} more changes"]
        return "; ".join(parts)


def _join_words(words: Iterable[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def diff_decks(old: Deck, new: Deck, *, unchanged_files: Iterable[str | os.PathLike[str]] = ()) -> DeckChanges:
    """What an author changed from ``old`` to ``new`` (places ignored, references by id).

    ``unchanged_files`` (optional, e.g. the deck's files a reload did not change) lets a big
    deck skip comparing the items written in those files: an item's fields come from its own
    file's text alone, once references are taken by id, as long as the deck's timezone and date
    order (which shape every date) are the same.
    """
    settings = tuple(name for name, _ in SETTINGS if not _same_value(getattr(old, name), getattr(new, name)))
    dates_stable = old.timezone == new.timezone and old.date_order == new.date_order
    skip = frozenset(os.path.normpath(os.fspath(path)) for path in unchanged_files) if dates_stable else frozenset()
    sections = []
    for name, _, _ in SECTIONS:
        changes = _diff_section(name, getattr(old, name), getattr(new, name), skip)
        if not changes.empty:
            sections.append(changes)
    return DeckChanges(tuple(sections), settings)


def _diff_section(
    name: str, old_items: tuple[Any, ...], new_items: tuple[Any, ...], unchanged_files: frozenset[str]
) -> SectionChanges:
    unchanged = _unchanged_file_test(unchanged_files)
    old_ids = list(map(_identity, old_items))
    new_ids = list(map(_identity, new_items))
    if old_ids == new_ids:
        edited = tuple(
            key
            for key, before, after in zip(new_ids, old_items, new_items)
            if not unchanged(before, after) and not _same_fields(before, after)
        )
        return SectionChanges(name, edited=edited, changed=edited)
    old_by_id = dict(zip(old_ids, old_items))
    new_by_id = dict(zip(new_ids, new_items))
    kept = old_by_id.keys() & new_by_id.keys()
    added = _in_order(new_by_id, new_by_id.keys() - kept)
    removed = _in_order(old_by_id, old_by_id.keys() - kept)
    edited = tuple(
        key
        for key, item in new_by_id.items()
        if key in kept and not unchanged(old_by_id[key], item) and not _same_fields(old_by_id[key], item)
    )
    if added or removed:
        reordered = [key for key in old_by_id if key in kept] != [key for key in new_by_id if key in kept]
    else:
        reordered = list(old_by_id) != list(new_by_id)
    changed = _in_order(new_by_id, {*added, *edited})
    return SectionChanges(name, added, removed, edited, reordered, changed)


def _in_order(items: dict[str, Any], keys: set[str]) -> tuple[str, ...]:
    return tuple(key for key in items if key in keys) if keys else ()


def _unchanged_file_test(unchanged_files: frozenset[str]) -> Callable[[Any, Any], bool]:
    """Whether an item pair comes from one file the caller knows unchanged (memoised per path)."""
    verdicts: dict[str, bool] = {}

    def unchanged(old: Any, new: Any) -> bool:
        path = new.place.path
        if not unchanged_files or old.place.path != path:
            return False
        verdict = verdicts.get(path)
        if verdict is None:
            verdict = verdicts[path] = os.path.normpath(path) in unchanged_files
        return verdict

    return unchanged


def _identity(item: Any) -> str:
    return item.code if type(item) is Country else item.id


_PLAIN_TYPES = frozenset(
    {"str", "int", "float", "bool", "DatePoint", "Status", "Stance", "Confidence", "Likelihood",
     "DateOrder", "Precision", "Severity", "datetime", "Path"}
)
_REFERENCE_TYPES = frozenset(
    {"Country", "Person", "Source", "Quote", "Incident", "Event", "Question", "Speaker", "Item", "Subject"}
)
_TYPING_WORDS = frozenset({"tuple", "None", "Union", "Optional"})


@dataclass(frozen=True, slots=True)
class _Comparison:
    """How to compare one dataclass, worked out once from its field annotations.

    Plain values (text, numbers, enums, dates) are fetched together and compared as one tuple;
    references compare by id; anything else (or a field added later with an unfamiliar type)
    goes through the generic, place-blind comparison.
    """

    plain: Callable[[Any], Any] | None
    references: tuple[str, ...]
    reference_tuples: tuple[str, ...]
    others: tuple[str, ...]

    def same(self, old: Any, new: Any) -> bool:
        if self.plain is not None and self.plain(old) != self.plain(new):
            return False
        for name in self.references:
            if not _same_reference(getattr(old, name), getattr(new, name)):
                return False
        for name in self.reference_tuples:
            if not _same_references(getattr(old, name), getattr(new, name)):
                return False
        for name in self.others:
            if not _same_value(getattr(old, name), getattr(new, name)):
                return False
        return True


def _comparison_for(cls: type) -> _Comparison:
    plain: list[str] = []
    references: list[str] = []
    reference_tuples: list[str] = []
    others: list[str] = []
    for f in dataclasses.fields(cls):
        if f.name == "place" or f.name.startswith("_"):
            continue
        annotation = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", "?")
        words = set(re.findall(r"[A-Za-z_]+", annotation)) - _TYPING_WORDS
        if words and words <= _PLAIN_TYPES:
            plain.append(f.name)
        elif words and words <= _REFERENCE_TYPES:
            (reference_tuples if annotation.startswith("tuple") else references).append(f.name)
        else:
            others.append(f.name)
    getter = operator.attrgetter(*plain) if plain else None
    if getter is not None and len(plain) == 1:
        single = getter
        getter = lambda item: (single(item),)
    return _Comparison(getter, tuple(references), tuple(reference_tuples), tuple(others))


_COMPARISONS: dict[type, _Comparison] = {}


def _same_fields(old: Any, new: Any) -> bool:
    if old is new:
        return True
    kind = type(old)
    if kind is not type(new):
        return False
    comparison = _COMPARISONS.get(kind)
    if comparison is None:
        comparison = _COMPARISONS[kind] = _comparison_for(kind)
    return comparison.same(old, new)


def _same_reference(old: Any, new: Any) -> bool:
    if old is new:
        return True
    if old is None or new is None or type(old) is not type(new):
        return False
    return (old.code == new.code) if type(old) is Country else (old.id == new.id)


def _same_references(old: tuple[Any, ...], new: tuple[Any, ...]) -> bool:
    if len(old) != len(new):
        return False
    for a, b in zip(old, new):
        if not _same_reference(a, b):
            return False
    return True


def _same_value(old: Any, new: Any) -> bool:
    if old is new:
        return True
    kind = type(old)
    if kind is not type(new):
        return False
    if kind is tuple:
        return len(old) == len(new) and all(map(_same_value, old, new))
    if kind in _ITEM_TYPES:
        return _identity(old) == _identity(new)
    if kind is Subject:
        return old.kind == new.kind and old.id == new.id
    if kind is Place:
        return True
    if dataclasses.is_dataclass(kind):
        return _same_fields(old, new)
    return old == new


def surviving_neighbour(
    old_keys: Sequence[str], new_keys: Sequence[str], key: str | None
) -> str | None:
    """After a reload: the same key (code or id) if it is still there, else its nearest neighbour.

    Neighbours are looked for in the old order, after the key first, then before it, so a
    deleted country's place goes to the one that followed it.
    """
    if not new_keys:
        return None
    if key in new_keys:
        return key
    if key not in old_keys:
        return new_keys[0]
    index = list(old_keys).index(key)
    survivors = set(new_keys)
    for candidate in [*old_keys[index + 1 :], *reversed(old_keys[:index])]:
        if candidate in survivors:
            return candidate
    return new_keys[0]
