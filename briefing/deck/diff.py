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
from dataclasses import dataclass
from typing import Any, Iterable

from .model import Country, Deck, Event, Incident, Person, Question, Quote, Source, Subject

__all__ = ["DeckChanges", "SectionChanges", "diff_decks", "SECTIONS", "SETTINGS"]

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


def diff_decks(old: Deck, new: Deck) -> DeckChanges:
    """What an author changed from ``old`` to ``new`` (places ignored, references by id)."""
    sections = []
    for name, _, _ in SECTIONS:
        changes = _diff_section(name, getattr(old, name), getattr(new, name))
        if not changes.empty:
            sections.append(changes)
    settings = tuple(name for name, _ in SETTINGS if not _same_value(getattr(old, name), getattr(new, name)))
    return DeckChanges(tuple(sections), settings)


def _diff_section(name: str, old_items: tuple[Any, ...], new_items: tuple[Any, ...]) -> SectionChanges:
    old_by_id = {_identity(item): item for item in old_items}
    new_by_id = {_identity(item): item for item in new_items}
    added = tuple(key for key in new_by_id if key not in old_by_id)
    removed = tuple(key for key in old_by_id if key not in new_by_id)
    edited = tuple(
        key for key, item in new_by_id.items() if key in old_by_id and not _same_fields(old_by_id[key], item)
    )
    kept_old_order = [key for key in old_by_id if key in new_by_id]
    kept_new_order = [key for key in new_by_id if key in old_by_id]
    touched = set(added) | set(edited)
    changed = tuple(key for key in new_by_id if key in touched)
    return SectionChanges(name, added, removed, edited, kept_old_order != kept_new_order, changed)


def _identity(item: Any) -> str:
    return item.code if isinstance(item, Country) else item.id


_FIELDS: dict[type, tuple[str, ...]] = {}


def _compared_fields(cls: type) -> tuple[str, ...]:
    """A dataclass's fields minus places and private bookkeeping (cached per class)."""
    names = _FIELDS.get(cls)
    if names is None:
        names = tuple(
            f.name for f in dataclasses.fields(cls) if f.name != "place" and f.type != "Place" and not f.name.startswith("_")
        )
        _FIELDS[cls] = names
    return names


def _same_fields(old: Any, new: Any) -> bool:
    if old is new:
        return True
    if type(old) is not type(new):
        return False
    return all(_same_value(getattr(old, name), getattr(new, name)) for name in _compared_fields(type(old)))


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
    if dataclasses.is_dataclass(kind):
        return _same_fields(old, new)
    return old == new
