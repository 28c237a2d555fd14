"""Composed YAML nodes -> checked records (one file at a time) -> the linked, immutable Deck.

Reading is split from linking so that a reload re-reads only the files that changed: a
file's :class:`FileData` depends on its bytes and on the deck's timezone and date_order,
nothing else. Linking (unique ids, references, model objects) then runs over every file's
records. Both stages collect every problem rather than stopping at the first.

This is the loader's hot path for big decks, hence the plain loops over ``node.value``,
class identity checks and lookup tables built once per section.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .dates import DateError, format_date_point, is_ongoing, ongoing_until, parse_date, resolve_timezone
from .model import (
    Claim,
    Confidence,
    Country,
    DateOrder,
    DatePoint,
    Deck,
    Diagnostic,
    Event,
    Incident,
    KeyJudgment,
    Likelihood,
    Person,
    Place,
    Position,
    Question,
    Quote,
    Severity,
    Source,
    Stance,
    Status,
    Subject,
)
from .schema import (
    COUNTRY_CODE_PATTERN,
    DECK_SETTINGS,
    FORMAT,
    ID_PATTERN,
    LIST_SECTIONS,
    SECTIONS,
    Field,
    Section,
)
from .text import clean_text, quoted, removal_warning
from .yamlsafe import MAP_TAG, SEQ_TAG, STR_TAG, Locator

MAX_ALIAS_EXPANSION = 100_000

_ERROR, _WARNING = Severity.ERROR, Severity.WARNING
Pos = tuple[int, int]  # 0-based line and column in the parsed text; Locator.at makes a Place
Ref = tuple[str, int, int]  # an id as written, with its position
_CODE = re.compile(COUNTRY_CODE_PATTERN[1:-1])
_ID = re.compile(ID_PATTERN[1:-1])
_KIND_NAMES = {ScalarNode: "text", SequenceNode: "a list", MappingNode: "a mapping"}


class _TooManyAliases(Exception):
    """Stops reading a file whose aliases expand past :data:`MAX_ALIAS_EXPANSION`."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What reading a file depends on besides its bytes."""

    timezone: str = "UTC"
    date_order: DateOrder | None = None
    as_of: DatePoint | None = None  # what `until: ongoing` runs up to

    def zone(self) -> tzinfo:
        try:
            return resolve_timezone(self.timezone)
        except DateError:
            return UTC


class Rec:
    """One checked mapping from a file: a section item, a claim, a position ..."""

    __slots__ = (
        "_place",
        "built",
        "deps",
        "gone",
        "key",
        "key_pos",
        "locator",
        "pos",
        "section",
        "subject",
        "values",
    )

    def __init__(self, section: str, values: dict[str, Any], pos: Pos, locator: Locator) -> None:
        self.section = section
        self.values = values
        self.pos = pos
        self.locator = locator
        self.key: str | None = None
        self.key_pos: Pos = pos
        self._place: Place | None = None
        # Linking leaves here the model object it built and the ids of what that object
        # refers to, so that relinking after a reload redoes only what changed.
        self.built: Any = None
        self.deps: list[int] | None = None
        self.subject: Subject | None = None
        self.gone = False  # set when an edit removed it: referrer sets may still name it

    def place(self) -> Place:
        place = self._place
        if place is None:
            place = self._place = self.locator.at(*self.pos)
        return place


def same_record(a: Rec, b: Rec) -> bool:
    """Whether two reads of a record hold the same content at the same place."""
    if a.section != b.section or a.key != b.key or a.pos != b.pos or a.key_pos != b.key_pos:
        return False
    first, second = a.values, b.values
    if first.keys() != second.keys():
        return False
    for name, value in first.items():
        other = second[name]
        if type(value) is list:
            if type(other) is not list or len(value) != len(other):
                return False
            if not all(same_record(x, y) for x, y in zip(value, other)):
                return False
        elif value != other:
            return False
    return True


@dataclass(slots=True)
class FileData:
    """Everything one file contributes, already checked on its own."""

    path: str
    locator: Locator
    diagnostics: list[Diagnostic]
    settings: dict[str, Any] = field(default_factory=dict)
    setting_positions: dict[str, Pos] = field(default_factory=dict)
    sections: dict[str, list[Rec]] = field(default_factory=dict)
    includes: list[Ref] = field(default_factory=list)
    root_pos: Pos = (0, 0)
    readable: bool = True


# --- reading one file ------------------------------------------------------------------------

def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {quoted(close[0])}?)" if close else ""


def _kind_of(node: Node) -> str:
    return _KIND_NAMES.get(type(node), "something else")


class FileReader:
    """Reads one file's root node against the schema, collecting diagnostics."""

    def __init__(self, locator: Locator, settings: Settings, needs_cleaning: bool, date_memo: dict[str, Any]) -> None:
        self.locator = locator
        self.settings = settings
        self.zone = settings.zone()
        self.needs_cleaning = needs_cleaning
        self.date_memo = date_memo
        self.diagnostics: list[Diagnostic] = []
        self.seen_collections: set[int] = set()
        self.alias_cost = 0

    # diagnostics

    def error(self, mark: Any, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.locator.place(mark), _ERROR, message))

    def error_at(self, pos: Pos, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.locator.at(*pos), _ERROR, message))

    def warn(self, mark: Any, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.locator.place(mark), _WARNING, message))

    # whole files

    def read_deck(self, root: Node) -> FileData:
        data = FileData(self.locator.path, self.locator, self.diagnostics, root_pos=_pos(root))
        if not self._is_top_mapping(root, "a deck"):
            data.readable = False
            return data
        if self._format_too_new(root):
            data.readable = False
            return data
        self._read_top(root, data, SECTIONS["deck"], for_deck=True)
        return data

    def read_include(self, root: Node) -> FileData:
        data = FileData(self.locator.path, self.locator, self.diagnostics, root_pos=_pos(root))
        if not self._is_top_mapping(root, "an included file"):
            data.readable = False
            return data
        self._read_top(root, data, SECTIONS["deck"], for_deck=False)
        return data

    def _is_top_mapping(self, root: Node, what: str) -> bool:
        if type(root) is MappingNode and self._tag_ok(root):
            return True
        if type(root) is MappingNode:
            return False
        example = "title: ..., incidents: ..." if what == "a deck" else "incidents: ..., quotes: ..."
        self.error(root.start_mark, f"{what} must be a mapping of keys ({example}), not {_kind_of(root)}")
        return False

    def _format_too_new(self, root: MappingNode) -> bool:
        for key, value in root.value:
            if type(key) is ScalarNode and key.value == "format" and type(value) is ScalarNode:
                text = value.value
                if text.isascii() and text.isdigit() and not value.style and int(text) > FORMAT:
                    self.error(value.start_mark, f"this deck is format {int(text)}, newer than this briefing reads "
                                                 f"(format {FORMAT}): upgrade briefing to present it")
                    return True
        return False

    def _read_top(self, root: MappingNode, data: FileData, deck: Section, *, for_deck: bool) -> None:
        try:
            for key_node, value_node, key in self._pairs(root):
                spec = deck.fields.get(key)
                if spec is not None and spec.kind == "items" and key in LIST_SECTIONS:
                    items = self._items(value_node, spec)
                    data.sections.setdefault(key, []).extend(items)
                elif not for_deck:
                    self._not_in_include(key_node, key)
                elif spec is None:
                    self.error(key_node.start_mark, f"unknown key {quoted(key)} in the deck{_did_you_mean(key, deck.fields)}")
                elif not self._tag_ok(value_node):
                    continue
                elif key == "include":
                    data.includes = self.patterns(value_node, spec) or []
                else:
                    value = _READERS[spec.kind](self, value_node, spec)
                    self._check_required_value(value, value_node, spec)
                    if value is not None:
                        data.settings[key] = value
                        data.setting_positions[key] = _pos(value_node)
            if for_deck and "title" not in data.settings and not self._has_key(root, "title"):
                self.error(root.start_mark, "missing 'title' (the deck needs one)")
        except _TooManyAliases:
            pass

    def _not_in_include(self, key_node: Node, key: str) -> None:
        if key == "include":
            self.error(key_node.start_mark, "an included file cannot include other files (list every file in the deck's include:)")
        elif key in DECK_SETTINGS:
            self.error(key_node.start_mark, f"deck setting {quoted(key)} belongs in the deck file, not in an included file")
        else:
            self.error(key_node.start_mark, f"unknown key {quoted(key)} in an included file{_did_you_mean(key, LIST_SECTIONS)}")

    @staticmethod
    def _has_key(node: MappingNode, name: str) -> bool:
        return any(type(key) is ScalarNode and key.value == name for key, _ in node.value)

    # mappings

    def _pairs(self, node: MappingNode):
        """Each (key node, value node, key text), skipping and reporting bad and repeated keys."""
        first: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode or not self._tag_ok(key_node):
                if type(key_node) is not ScalarNode:
                    self.error(key_node.start_mark, f"a key must be text, not {_kind_of(key_node)}")
                continue
            key = key_node.value
            earlier = first.get(key)
            if earlier is not None:
                line = self.locator.place(earlier.start_mark).line
                self.error(key_node.start_mark, f"duplicate key {quoted(key)} (first at line {line})")
                continue
            first[key] = key_node
            yield key_node, value_node, key

    def _visit(self, node: Node) -> None:
        """Count aliases re-walking a collection; stop the file when they expand too far."""
        seen = self.seen_collections
        marker = id(node)
        if marker in seen:
            self.alias_cost += len(node.value) + 1
            if self.alias_cost > MAX_ALIAS_EXPANSION:
                self.error(node.start_mark, f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values "
                                            "(an alias bomb?): repeat less through anchors")
                raise _TooManyAliases
        else:
            seen.add(marker)

    def _items(self, node: Node, spec: Field) -> list[Rec]:
        section = SECTIONS[spec.item]  # type: ignore[index]
        if type(node) is ScalarNode and not node.value and not node.style:
            return []
        if type(node) is not SequenceNode:
            self.error(node.start_mark, f"{quoted(spec.name)} must be a list (each entry starting with '- '), not {_kind_of(node)}")
            return []
        if not self._tag_ok(node):
            return []
        self._visit(node)
        plan = _PLANS[section.name]
        records = []
        for item in node.value:
            record = self._item(item, section, plan, spec.name)
            if record is not None:
                records.append(record)
        return records

    def _item(self, node: Node, section: Section, plan: dict, list_name: str) -> Rec | None:
        if type(node) is not MappingNode:
            self.error(node.start_mark, f"each entry of {quoted(list_name)} must be a mapping of keys "
                                        f"({_example_keys(section)}), not {_kind_of(node)}")
            return None
        if node.tag is not MAP_TAG and not self._tag_ok(node):
            return None
        if id(node) in self.seen_collections:
            self._visit(node)
        else:
            self.seen_collections.add(id(node))
        values: dict[str, Any] = {}
        first: dict[str, Node] = {}
        mark = node.start_mark
        record = Rec(section.name, values, (mark.line, mark.column), self.locator)
        plain_text_ok = not self.needs_cleaning
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode or (key_node.tag is not STR_TAG and not self._tag_ok(key_node)):
                if type(key_node) is not ScalarNode:
                    self.error(key_node.start_mark, f"a key must be text, not {_kind_of(key_node)}")
                continue
            key = key_node.value
            if key in first:
                line = self.locator.place(first[key].start_mark).line
                self.error(key_node.start_mark, f"duplicate key {quoted(key)} (first at line {line})")
                continue
            first[key] = key_node
            entry = plan.get(key)
            if entry is None:
                self.error(key_node.start_mark, f"unknown key {quoted(key)} in {section.noun}{_did_you_mean(key, section.fields)}")
                continue
            spec, reader, is_text, is_key = entry
            if is_text and type(value_node) is ScalarNode and value_node.tag is STR_TAG and value_node.value and (
                plain_text_ok or value_node.style != '"'
            ):
                values[spec.name] = value_node.value  # the common case, inline: plain text
                continue
            if value_node.tag is not STR_TAG and not self._tag_ok(value_node):
                continue
            count = len(self.diagnostics)
            value = reader(self, value_node, spec)
            if value is None:
                if spec.required and len(self.diagnostics) == count:
                    self.error(value_node.start_mark, f"{quoted(key)} is empty")
                continue
            if is_key:
                record.key = value
                record.key_pos = _pos(value_node)
            values[spec.name] = value  # the schema's interned name: cheaper as a keyword later
        for name in _REQUIRED[section.name]:
            if name not in first:
                self.error(node.start_mark, f"missing {quoted(name)} ({section.noun} needs one)")
        if "until" in values and "when" in values:
            self._check_until(node, values["when"], values["until"])
        return record

    def _check_until(self, node: MappingNode, when: DatePoint, until: DatePoint) -> None:
        if until.period_end() <= when.start:
            end = f"ongoing as of {format_date_point(replace(until, ongoing=False))}" if until.ongoing else format_date_point(until)
            for key, value in node.value:
                if type(key) is ScalarNode and key.value == "until":
                    self.error(value.start_mark, f"'until' ({end}) is before 'when' ({format_date_point(when)})")
                    return

    def _check_required_value(self, value: Any, node: Node, spec: Field) -> None:
        if value is None and spec.required and type(node) is ScalarNode and not node.value:
            self.error(node.start_mark, f"{quoted(spec.name)} is empty")

    # tags

    def _tag_ok(self, node: Node) -> bool:
        tag = node.tag
        if tag is STR_TAG or tag is SEQ_TAG or tag is MAP_TAG:
            return True
        if tag == {ScalarNode: STR_TAG, SequenceNode: SEQ_TAG, MappingNode: MAP_TAG}.get(type(node)):
            return True
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        self.error(node.start_mark, f"tags such as {quoted(shown)} are not allowed in a deck (remove it: every value is plain text)")
        return False

    # values: each reader returns the value, or None when absent or wrong (after reporting)

    def text(self, node: Node, spec: Field) -> str | None:
        if type(node) is not ScalarNode:
            self.error(node.start_mark, f"{quoted(spec.name)} must be text, not {_kind_of(node)}")
            return None
        if node.tag is not STR_TAG and not self._tag_ok(node):
            return None
        value = node.value
        if not value:
            return None
        if self.needs_cleaning and node.style == '"':
            cleaned, removed = clean_text(value)
            if removed:
                self.warn(node.start_mark, removal_warning(removed))
                return cleaned or None
        return value

    def integer(self, node: Node, spec: Field) -> int | None:
        if type(node) is not ScalarNode:
            self.error(node.start_mark, f"{quoted(spec.name)} must be a number, not {_kind_of(node)}")
            return None
        if node.tag is not STR_TAG and not self._tag_ok(node):
            return None
        value = node.value
        if not value and not node.style:
            return None
        span = f"{spec.minimum}" if spec.minimum == spec.maximum else f"{spec.minimum} to {spec.maximum}"
        if node.style and value.isascii() and value.isdigit():
            self.error(node.start_mark, f"{quoted(spec.name)} must be a number written without quotes ({spec.name}: {value})")
            return None
        if node.style or not (value.isascii() and value.isdigit()):
            self.error(node.start_mark, f"{quoted(spec.name)} must be a whole number {span}, not {quoted(value)}")
            return None
        number = int(value)
        if not spec.minimum <= number <= spec.maximum:  # type: ignore[operator]
            self.error(node.start_mark, f"{quoted(spec.name)} must be {span}, not {number}")
            return None
        return number

    def enum(self, node: Node, spec: Field) -> str | None:
        value = self.text(node, spec)
        if value is None or value in spec.choices:
            return value
        listed = ", ".join(spec.choices[:-1]) + " or " + spec.choices[-1]
        self.error(node.start_mark, f"{quoted(spec.name)} must be {listed}, not {quoted(value)}{_did_you_mean(value, spec.choices)}")
        return None

    def date(self, node: Node, spec: Field) -> DatePoint | None:
        value = self.text(node, spec)
        if value is None:
            return None
        if is_ongoing(value):
            return self._ongoing(node, spec)
        memo = self.date_memo
        found = memo.get(value)
        if found is None:
            try:
                found = parse_date(value, tz=self.zone, date_order=self.settings.date_order)
            except DateError as error:
                found = str(error)
            except (ValueError, OverflowError, ArithmeticError) as error:
                found = f"cannot read {quoted(value)} as a date ({error})"
            memo[value] = found
        if type(found) is str:
            self.error(node.start_mark, found)
            return None
        return found

    def _ongoing(self, node: Node, spec: Field) -> DatePoint | None:
        as_of = self.settings.as_of
        if spec.name != "until":
            self.error(node.start_mark, f"{quoted(spec.name)} cannot be 'ongoing': only 'until' can (write a date here)")
            return None
        if as_of is None:
            self.error(node.start_mark, "'until: ongoing' means not ended as of the deck's as_of: set as_of (or give an end date)")
            return None
        return ongoing_until(as_of)

    def timezone(self, node: Node, spec: Field) -> str | None:
        value = self.text(node, spec)
        if value is None:
            return None
        try:
            resolve_timezone(value)
        except DateError as error:
            self.error(node.start_mark, str(error))
            return None
        return value

    def ident(self, node: Node, spec: Field) -> str | None:
        value = self.text(node, spec)
        if value is None or _ID.fullmatch(value):
            return value
        self.error(node.start_mark, f"id {quoted(value)} must be letters, digits, '-', '_' or '.', "
                                    "starting with a letter or digit, with no spaces")
        return None

    def code(self, node: Node, spec: Field) -> str | None:
        value = self.text(node, spec)
        if value is None or _CODE.fullmatch(value):
            return value
        self.error(node.start_mark, f"country code {quoted(value)} must be 2-8 capital letters "
                                    "(ISO 3166 alpha-2 such as EE, or a name such as NATO)")
        return None

    def ref(self, node: Node, spec: Field) -> Ref | None:
        value = self.text(node, spec)
        if value is None:
            return None
        mark = node.start_mark
        return (value, mark.line, mark.column)

    def refs(self, node: Node, spec: Field) -> tuple[Ref, ...] | None:
        if type(node) is ScalarNode:
            one = self.ref(node, spec)
            return None if one is None else (one,)
        if type(node) is not SequenceNode:
            self.error(node.start_mark, f"{quoted(spec.name)} must be a list of ids, not {_kind_of(node)}")
            return None
        if node.tag is not SEQ_TAG and not self._tag_ok(node):
            return None
        self._visit(node)
        found = []
        for item in node.value:
            if type(item) is not ScalarNode:
                self.error(item.start_mark, f"each entry of {quoted(spec.name)} must be an id, not {_kind_of(item)}")
                continue
            if item.tag is STR_TAG and item.value and not item.style:
                mark = item.start_mark
                found.append((item.value, mark.line, mark.column))
                continue
            one = self.ref(item, spec)
            if one is not None:
                found.append(one)
        return tuple(found)

    def texts(self, node: Node, spec: Field) -> tuple[str, ...] | None:
        found = self.refs(node, spec)
        return None if found is None else tuple(ref[0] for ref in found)

    def codes(self, node: Node, spec: Field) -> tuple[str, ...] | None:
        found = self.refs(node, spec)
        if found is None:
            return None
        good = []
        for text, line, column in found:
            if _CODE.fullmatch(text):
                good.append(text)
            else:
                self.error_at((line, column), f"group {quoted(text)} must be a code of 2-8 capital letters, such as NATO or EU")
        return tuple(good)

    def patterns(self, node: Node, spec: Field) -> list[Ref] | None:
        found = self.refs(node, spec)
        return None if found is None else list(found)

    def items(self, node: Node, spec: Field) -> list[Rec] | None:
        return self._items(node, spec)


def _pos(node: Node) -> Pos:
    mark = node.start_mark
    return (mark.line, mark.column)


def _example_keys(section: Section) -> str:
    names = [name for name, spec in section.fields.items() if spec.required][:2] or list(section.fields)[:2]
    return ", ".join(f"{name}: ..." for name in names)


_READERS: dict[str, Callable[[FileReader, Node, Field], Any]] = {
    "text": FileReader.text,
    "integer": FileReader.integer,
    "enum": FileReader.enum,
    "date": FileReader.date,
    "timezone": FileReader.timezone,
    "id": FileReader.ident,
    "code": FileReader.code,
    "ref": FileReader.ref,
    "refs": FileReader.refs,
    "texts": FileReader.texts,
    "codes": FileReader.codes,
    "patterns": FileReader.patterns,
    "items": FileReader.items,
}
_PLANS = {
    name: {key: (spec, _READERS[spec.kind], spec.kind == "text", spec.kind in ("id", "code")) for key, spec in section.fields.items()}
    for name, section in SECTIONS.items()
}
_REQUIRED = {name: tuple(key for key, spec in section.fields.items() if spec.required) for name, section in SECTIONS.items()}


def deck_settings(root: Node) -> Settings:
    """The timezone, date_order and as_of a deck file sets, read leniently (errors come later)."""
    zone, order, as_of_text = "UTC", None, None
    if type(root) is MappingNode:
        for key, value in root.value:
            if type(key) is not ScalarNode or type(value) is not ScalarNode:
                continue
            if key.value == "timezone" and value.value:
                try:
                    resolve_timezone(value.value)
                    zone = value.value
                except DateError:
                    pass
            elif key.value == "date_order" and value.value in DateOrder.__members__:
                order = DateOrder(value.value)
            elif key.value == "as_of" and value.value:
                as_of_text = value.value
    return Settings(zone, order, _lenient_date(as_of_text, zone, order))


def _lenient_date(text: str | None, zone: str, order: DateOrder | None) -> DatePoint | None:
    if text is None:
        return None
    try:
        return parse_date(text, tz=resolve_timezone(zone), date_order=order)
    except (ValueError, OverflowError, ArithmeticError):  # DateError among them; reported where it is read
        return None


# --- linking ------------------------------------------------------------------------------------

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
_ENUMS: dict[str, dict[str, Any]] = {
    "status": {m.value: m for m in Status},
    "stance": {m.value: m for m in Stance},
    "confidence": {m.value: m for m in Confidence},
    "likelihood": {m.value: m for m in Likelihood},
}
_SUGGESTION_LIMIT = 20
_COUNTRY, _PERSON, _SOURCE = ("country",), ("person",), ("source",)
_STATUS = {m.value: m for m in Status}
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
            duplicates.append(Diagnostic(record.locator.at(*record.key_pos), _ERROR, message))

    # building

    def rebuild(self, record: Rec) -> bool:
        """Build one record again; True when that gave a different object."""
        before = record.built
        self.current = record
        diagnostics, unknown = self.diagnostics, self.unknown
        start, unknown_start = len(diagnostics), len(unknown)
        item = _BUILDERS[record.section](self, record)
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

    def error(self, locator: Locator, pos: Pos, message: str) -> None:
        self.diagnostics.append(Diagnostic(locator.at(*pos), _ERROR, message))

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
            self.error(record.locator, pos, f"{quoted(text)} is {_NOUNS[target.section]}, not a {_UNKNOWN[targets][0]}")
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
            suggestion = ""
            if suggestions_left > 0:
                suggestions_left -= 1
                if targets not in candidates_for:
                    candidates_for[targets] = [key for key, rec in self.index.items() if rec.section in targets]
                suggestion = _suggestion(text, candidates_for[targets])
            diagnostics.append(Diagnostic(place, _ERROR, f"unknown {wanted} {quoted(text)}{suggestion or hint}"))
        return diagnostics


def _suggestion(text: str, candidates: list[str]) -> str:
    if len(candidates) > 20_000:
        return ""
    close = difflib.get_close_matches(text, candidates, n=1, cutoff=0.75)
    return f" (did you mean {quoted(close[0])}?)" if close else ""


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
    deck = _deck(deck_file, deck_path, file_paths, new_state)
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


def _deck(deck_file: FileData, deck_path: Path, file_paths: tuple[Path, ...], state: LinkState) -> Deck:
    settings = deck_file.settings
    return Deck(
        title=settings.get("title", ""),
        path=deck_path,
        place=deck_file.locator.at(*deck_file.root_pos),
        format=settings.get("format", FORMAT),
        subtitle=settings.get("subtitle"),
        as_of=settings.get("as_of"),
        timezone=settings.get("timezone", "UTC"),
        date_order=DateOrder(settings["date_order"]) if "date_order" in settings else None,
        classification=settings.get("classification"),
        theme=settings.get("theme"),
        summary=settings.get("summary"),
        key_judgments=tuple(_key_judgment(record) for record in settings.get("key_judgments", ())),
        setting_places={key: deck_file.locator.at(*pos) for key, pos in deck_file.setting_positions.items()},
        files=file_paths,
        _index=dict(state.deck_index),
        **state.built,
    )


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


def _key_judgment(record: Rec) -> KeyJudgment:
    values = record.values
    return KeyJudgment(
        text=values.get("text", ""),
        place=record.place(),
        confidence=_ENUMS["confidence"].get(values.get("confidence")),  # type: ignore[arg-type]
        likelihood=_ENUMS["likelihood"].get(values.get("likelihood")),  # type: ignore[arg-type]
    )


def _reused(record: Rec, deps: list[int]) -> Any:
    """The object built from ``record`` last time, if it refers to the very same objects now.

    A record never changes once read, so only what it refers to can make it stale. Old
    referents stay alive through the old object, so their ids cannot be reused meanwhile.
    """
    return record.built if record.deps == deps else None


def _keep(record: Rec, deps: list[int], item: Any) -> Any:
    record.built, record.deps = item, deps
    return item


def _country(linker: Linker, record: Rec) -> Country:
    if record.built is not None:
        return record.built
    values = record.values
    item = Country(code=record.key or "", name=values.get("name", ""), place=record.place(), groups=values.get("groups", ()))
    return _keep(record, [], item)


def _source(linker: Linker, record: Rec) -> Source:
    if record.built is not None:
        return record.built
    fields = record.values.copy()
    fields.setdefault("id", "")
    fields.setdefault("title", "")
    return _keep(record, [], Source(place=record.place(), **fields))


def _person(linker: Linker, record: Rec) -> Person:
    fields = record.values.copy()
    country_ref = fields.pop("country", None)
    country = None if country_ref is None else linker.resolve(record, country_ref, _COUNTRY)
    deps = [id(country)]
    item = _reused(record, deps)
    if item is None:
        fields.setdefault("id", "")
        fields.setdefault("name", "")
        item = _keep(record, deps, Person(place=record.place(), country=country, **fields))
    return item


def _quote(linker: Linker, record: Rec) -> Quote:
    fields = record.values.copy()
    by, source_ref, about = fields.pop("by", None), fields.pop("source", None), fields.pop("about", None)
    speaker = None if by is None else linker.resolve(record, by, _PERSON)
    source = None if source_ref is None else linker.resolve(record, source_ref, _SOURCE)
    subjects = linker.subjects_of(record, about) if about else ()
    deps = [id(speaker), id(source), *map(id, subjects)]
    item = _reused(record, deps)
    if item is None:
        fields.setdefault("id", "")
        fields.setdefault("text", "")
        item = _keep(record, deps, Quote(speaker=speaker, place=record.place(), source=source, about=subjects, **fields))  # type: ignore[arg-type]
    return item


def _incident(linker: Linker, record: Rec) -> Incident:
    fields = record.values.copy()
    actor_ref = fields.pop("actor", None)
    countries = linker.resolve_all(record, fields.pop("countries", None), _COUNTRY)
    actor = None if actor_ref is None else linker.resolve(record, actor_ref, _COUNTRY)
    claims = tuple([_claim(linker, claim) for claim in fields.pop("claims", ())])
    sources = linker.resolve_all(record, fields.pop("sources", None), _SOURCE)
    deps = [id(actor), *map(id, countries), -1, *map(id, claims), -1, *map(id, sources)]
    item = _reused(record, deps)
    if item is None:
        status = fields.pop("status", None)
        fields.setdefault("id", "")
        fields.setdefault("title", "")
        item = _keep(record, deps, Incident(
            place=record.place(), countries=countries, actor=actor, claims=claims, sources=sources,
            status=None if status is None else _STATUS[status], **fields,
        ))
    return item


def _claim(linker: Linker, record: Rec) -> Claim:
    values = record.values
    by_ref = values.get("by")
    by = None if by_ref is None else linker.resolve(record, by_ref, ("country", "person"))
    deps = [id(by)]
    item = _reused(record, deps)
    if item is None:
        item = _keep(record, deps, Claim(by=by, text=values.get("text", ""), place=record.place()))  # type: ignore[arg-type]
    return item


def _event(linker: Linker, record: Rec) -> Event:
    fields = record.values.copy()
    countries = linker.resolve_all(record, fields.pop("countries", None), _COUNTRY)
    sources = linker.resolve_all(record, fields.pop("sources", None), _SOURCE)
    deps = [*map(id, countries), -1, *map(id, sources)]
    item = _reused(record, deps)
    if item is None:
        fields.setdefault("id", "")
        fields.setdefault("title", "")
        item = _keep(record, deps, Event(place=record.place(), countries=countries, sources=sources, **fields))
    return item


def _question(linker: Linker, record: Rec) -> Question:
    values = record.values
    question_id = record.key or ""
    positions = []
    first_for: dict[str, Rec] = {}
    for position in values.get("positions", ()):
        country_ref = position.values.get("country")
        if country_ref is not None:
            earlier = first_for.get(country_ref[0])
            if earlier is not None:
                line = earlier.place().line
                linker.error(position.locator, (country_ref[1], country_ref[2]), f"second position of {quoted(country_ref[0])} on this question (first at line {line})")
                continue
            first_for[country_ref[0]] = position
        positions.append(_position(linker, position, question_id))
    deps = [*map(id, positions)]
    item = _reused(record, deps)
    if item is None:
        item = _keep(record, deps, Question(id=question_id, title=values.get("title", ""), place=record.place(), positions=tuple(positions)))
    return item


def _position(linker: Linker, record: Rec, question_id: str) -> Position:
    values = record.values
    country_ref = values.get("country")
    country = None if country_ref is None else linker.resolve(record, country_ref, ("country",))
    quotes = linker.resolve_all(record, values.get("quotes"), ("quote",))
    deps = [id(country), *map(id, quotes)]
    item = _reused(record, deps)
    if item is None or item.question_id != question_id:
        item = _keep(record, deps, Position(
            question_id=question_id,
            country=country,  # type: ignore[arg-type]
            stance=_ENUMS["stance"].get(values.get("stance")),  # type: ignore[arg-type]
            place=record.place(),
            summary=values.get("summary"),
            as_of=values.get("as_of"),
            quotes=quotes,
        ))
    return item


_BUILDERS: dict[str, Callable[[Linker, Rec], Any]] = {
    "country": _country, "source": _source, "person": _person, "quote": _quote,
    "incident": _incident, "event": _event, "question": _question,
}
