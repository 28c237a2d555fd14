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
from dataclasses import dataclass, field
from datetime import timezone, tzinfo
from pathlib import Path
from typing import Any, Callable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .dates import DateError, format_date_point, parse_date, resolve_timezone
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
from .schema import COUNTRY_CODE_PATTERN, DECK_SETTINGS, FORMAT, ID_PATTERN, LIST_SECTIONS, SECTIONS, Field, Section
from .text import clean_text, quoted, removal_warning
from .yamlsafe import MAP_TAG, SEQ_TAG, STR_TAG, Locator

MAX_ALIAS_EXPANSION = 100_000

_ERROR, _WARNING = Severity.ERROR, Severity.WARNING
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

    def zone(self) -> tzinfo:
        try:
            return resolve_timezone(self.timezone)
        except DateError:
            return timezone.utc


class Rec:
    """One checked mapping from a file: a section item, a claim, a position ..."""

    __slots__ = ("section", "values", "mark", "locator", "key", "key_mark")

    def __init__(self, section: str, values: dict[str, Any], mark: Any, locator: Locator) -> None:
        self.section = section
        self.values = values
        self.mark = mark
        self.locator = locator
        self.key: str | None = None
        self.key_mark: Any = None

    def place(self) -> Place:
        return self.locator.place(self.mark)


@dataclass(slots=True)
class FileData:
    """Everything one file contributes, already checked on its own."""

    path: str
    locator: Locator
    diagnostics: list[Diagnostic]
    settings: dict[str, Any] = field(default_factory=dict)
    sections: dict[str, list[Rec]] = field(default_factory=dict)
    includes: list[tuple[str, Any]] = field(default_factory=list)
    root_mark: Any = None
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

    def warn(self, mark: Any, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.locator.place(mark), _WARNING, message))

    # whole files

    def read_deck(self, root: Node) -> FileData:
        data = FileData(self.locator.path, self.locator, self.diagnostics, root_mark=root.start_mark)
        if not self._is_top_mapping(root, "a deck"):
            data.readable = False
            return data
        if self._format_too_new(root):
            data.readable = False
            return data
        self._read_top(root, data, SECTIONS["deck"], for_deck=True)
        return data

    def read_include(self, root: Node) -> FileData:
        data = FileData(self.locator.path, self.locator, self.diagnostics, root_mark=root.start_mark)
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
                elif key == "include":
                    data.includes = self.patterns(value_node, spec) or []
                else:
                    value = _READERS[spec.kind](self, value_node, spec)
                    self._check_required_value(value, value_node, spec)
                    if value is not None:
                        data.settings[key] = value
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
        self._visit(node)
        values: dict[str, Any] = {}
        first: dict[str, Node] = {}
        record = Rec(section.name, values, node.start_mark, self.locator)
        diagnostics = self.diagnostics
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
            spec, reader = entry
            count = len(diagnostics)
            value = reader(self, value_node, spec)
            if value is None:
                if spec.required and len(diagnostics) == count:
                    self.error(value_node.start_mark, f"{quoted(key)} is empty")
                continue
            if spec.kind == "id" or spec.kind == "code":
                record.key = value
                record.key_mark = value_node.start_mark
            values[key] = value
        for name in _REQUIRED[section.name]:
            if name not in first:
                self.error(node.start_mark, f"missing {quoted(name)} ({section.noun} needs one)")
        if "until" in values and "when" in values:
            self._check_until(node, values["when"], values["until"])
        return record

    def _check_until(self, node: MappingNode, when: DatePoint, until: DatePoint) -> None:
        if until.period_end() <= when.start:
            for key, value in node.value:
                if type(key) is ScalarNode and key.value == "until":
                    self.error(value.start_mark, f"'until' ({format_date_point(until)}) is before 'when' ({format_date_point(when)})")
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
        if node.style or not (value.isascii() and value.isdigit()):
            self.error(node.start_mark, f"{quoted(spec.name)} must be a plain whole number {span}, not {quoted(value)}")
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

    def ref(self, node: Node, spec: Field) -> tuple[str, Any] | None:
        value = self.text(node, spec)
        return None if value is None else (value, node.start_mark)

    def refs(self, node: Node, spec: Field) -> tuple[tuple[str, Any], ...] | None:
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
            one = self.ref(item, spec)
            if one is not None:
                found.append(one)
        return tuple(found)

    def texts(self, node: Node, spec: Field) -> tuple[str, ...] | None:
        found = self.refs(node, spec)
        return None if found is None else tuple(text for text, _ in found)

    def codes(self, node: Node, spec: Field) -> tuple[str, ...] | None:
        found = self.refs(node, spec)
        if found is None:
            return None
        good = []
        for text, mark in found:
            if _CODE.fullmatch(text):
                good.append(text)
            else:
                self.error(mark, f"group {quoted(text)} must be a code of 2-8 capital letters, such as NATO or EU")
        return tuple(good)

    def patterns(self, node: Node, spec: Field) -> list[tuple[str, Any]] | None:
        found = self.refs(node, spec)
        return None if found is None else list(found)

    def items(self, node: Node, spec: Field) -> list[Rec] | None:
        return self._items(node, spec)


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
_PLANS = {name: {key: (spec, _READERS[spec.kind]) for key, spec in section.fields.items()} for name, section in SECTIONS.items()}
_REQUIRED = {name: tuple(key for key, spec in section.fields.items() if spec.required) for name, section in SECTIONS.items()}


def deck_settings(root: Node) -> Settings:
    """The timezone and date_order a deck file sets, read leniently (errors come later)."""
    zone, order = "UTC", None
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
    return Settings(zone, order)


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


class Linker:
    """Joins every file's records into one Deck: unique ids, resolved references."""

    def __init__(self) -> None:
        self.index: dict[str, Rec] = {}
        self.objects: dict[str, Any] = {}
        self.subjects: dict[str, Subject] = {}
        self.diagnostics: list[Diagnostic] = []
        self.suggestions_left = _SUGGESTION_LIMIT

    def error(self, locator: Locator, mark: Any, message: str) -> None:
        self.diagnostics.append(Diagnostic(locator.place(mark), _ERROR, message))

    def register(self, records: list[Rec]) -> None:
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
            where = first.locator.place(first.key_mark)
            also = "" if first.section == record.section else f", by {_NOUNS[first.section]}"
            self.error(record.locator, record.key_mark, f"duplicate {what} {quoted(key)} (first at {where}{also})")

    def resolve(self, record: Rec, ref: tuple[str, Any], targets: tuple[str, ...]) -> Any:
        text, mark = ref
        target = self.index.get(text)
        if target is not None and target.section in targets:
            return self.objects.get(text)
        if target is not None:
            wanted = _UNKNOWN[targets][0]
            self.error(record.locator, mark, f"{quoted(text)} is {_NOUNS[target.section]}, not a {wanted}")
            return None
        wanted, hint = _UNKNOWN[targets]
        self.error(record.locator, mark, f"unknown {wanted} {quoted(text)}{self._suggest(text, targets) or hint}")
        return None

    def _suggest(self, text: str, targets: tuple[str, ...]) -> str:
        if self.suggestions_left <= 0:
            return ""
        self.suggestions_left -= 1
        candidates = [key for key, rec in self.index.items() if rec.section in targets]
        if len(candidates) > 20_000:
            return ""
        close = difflib.get_close_matches(text, candidates, n=1, cutoff=0.75)
        return f" (did you mean {quoted(close[0])}?)" if close else ""

    def resolve_all(self, record: Rec, refs: tuple[tuple[str, Any], ...] | None, targets: tuple[str, ...]) -> tuple:
        if not refs:
            return ()
        index, objects = self.index, self.objects
        found = []
        for ref in refs:
            target = index.get(ref[0])
            if target is not None and target.section in targets:
                found.append(objects.get(ref[0]))
            else:
                self.resolve(record, ref, targets)
        return tuple(found)

    def subject(self, record: Rec, ref: tuple[str, Any]) -> Subject | None:
        text = ref[0]
        known = self.subjects.get(text)
        if known is not None:
            return known
        target = self.index.get(text)
        if target is None or target.section not in ("question", "incident", "event"):
            self.resolve(record, ref, ("question", "incident", "event"))
            return None
        subject = Subject(target.section, text, target.values.get("title", ""), target.place())  # type: ignore[arg-type]
        self.subjects[text] = subject
        return subject


def link(deck_file: FileData, files: list[FileData], deck_path: Path, file_paths: tuple[Path, ...]) -> tuple[Deck | None, list[Diagnostic]]:
    """The Deck from every file's records (None when anything is wrong), and linking's diagnostics."""
    sections: dict[str, list[Rec]] = {name: [] for name in LIST_SECTIONS}
    for data in files:
        for name, records in data.sections.items():
            sections[name].extend(records)
    linker = Linker()
    for name in LIST_SECTIONS:
        linker.register(sections[name])
    built = _build_sections(linker, sections)
    settings = deck_file.settings
    deck = Deck(
        title=settings.get("title", ""),
        path=deck_path,
        place=deck_file.locator.place(deck_file.root_mark),
        format=settings.get("format", FORMAT),
        subtitle=settings.get("subtitle"),
        as_of=settings.get("as_of"),
        timezone=settings.get("timezone", "UTC"),
        date_order=DateOrder(settings["date_order"]) if "date_order" in settings else None,
        classification=settings.get("classification"),
        theme=settings.get("theme"),
        summary=settings.get("summary"),
        key_judgments=tuple(_key_judgment(record) for record in settings.get("key_judgments", ())),
        files=file_paths,
        _index=_deck_index(built, linker),
        **built,
    )
    return deck, linker.diagnostics


def _deck_index(built: dict[str, tuple], linker: Linker) -> dict[str, Any]:
    index: dict[str, Any] = {}
    for name in ("sources", "people", "incidents", "events", "questions", "quotes"):
        for item in built[name]:
            index.setdefault(item.id, item)
    for country in built["countries"]:
        index.setdefault(country.code, country)
    return index


def _build_sections(linker: Linker, sections: dict[str, list[Rec]]) -> dict[str, tuple]:
    built: dict[str, tuple] = {}
    objects = linker.objects
    for name, builder in (
        ("countries", _country), ("sources", _source), ("people", _person), ("quotes", _quote),
        ("incidents", _incident), ("events", _event), ("questions", _question),
    ):
        made = []
        for record in sections[name]:
            item = builder(linker, record)
            made.append(item)
            if record.key is not None and linker.index.get(record.key) is record:
                objects[record.key] = item
        built[name] = tuple(made)
    return built


def _key_judgment(record: Rec) -> KeyJudgment:
    values = record.values
    return KeyJudgment(
        text=values.get("text", ""),
        place=record.place(),
        confidence=_ENUMS["confidence"].get(values.get("confidence")),  # type: ignore[arg-type]
        likelihood=_ENUMS["likelihood"].get(values.get("likelihood")),  # type: ignore[arg-type]
    )


def _country(linker: Linker, record: Rec) -> Country:
    values = record.values
    return Country(code=record.key or "", name=values.get("name", ""), place=record.place(), groups=values.get("groups", ()))


def _source(linker: Linker, record: Rec) -> Source:
    values = record.values
    return Source(
        id=record.key or "", title=values.get("title", ""), place=record.place(),
        publisher=values.get("publisher"), date=values.get("date"), url=values.get("url"),
        reliability=values.get("reliability"),
    )


def _person(linker: Linker, record: Rec) -> Person:
    values = record.values
    country = values.get("country")
    return Person(
        id=record.key or "", name=values.get("name", ""), place=record.place(), role=values.get("role"),
        country=None if country is None else linker.resolve(record, country, ("country",)),
    )


def _quote(linker: Linker, record: Rec) -> Quote:
    values = record.values
    by, source, about = values.get("by"), values.get("source"), values.get("about")
    subjects = ()
    if about:
        subjects = tuple(s for s in (linker.subject(record, ref) for ref in about) if s is not None)
    return Quote(
        id=record.key or "",
        speaker=None if by is None else linker.resolve(record, by, ("person",)),  # type: ignore[arg-type]
        text=values.get("text", ""),
        place=record.place(),
        when=values.get("when"),
        where=values.get("where"),
        source=None if source is None else linker.resolve(record, source, ("source",)),
        about=subjects,
    )


def _incident(linker: Linker, record: Rec) -> Incident:
    values = record.values
    actor = values.get("actor")
    return Incident(
        id=record.key or "",
        title=values.get("title", ""),
        place=record.place(),
        when=values.get("when"),
        until=values.get("until"),
        where=values.get("where"),
        countries=linker.resolve_all(record, values.get("countries"), ("country",)),
        actor=None if actor is None else linker.resolve(record, actor, ("country",)),
        kind=values.get("kind"),
        assets=values.get("assets"),
        duration=values.get("duration"),
        response=values.get("response"),
        status=_ENUMS["status"].get(values.get("status")),  # type: ignore[arg-type]
        claims=tuple(_claim(linker, claim) for claim in values.get("claims", ())),
        summary=values.get("summary"),
        notes=values.get("notes"),
        sources=linker.resolve_all(record, values.get("sources"), ("source",)),
        credibility=values.get("credibility"),
        tags=values.get("tags", ()),
    )


def _claim(linker: Linker, record: Rec) -> Claim:
    values = record.values
    by = values.get("by")
    return Claim(
        by=None if by is None else linker.resolve(record, by, ("country", "person")),  # type: ignore[arg-type]
        text=values.get("text", ""),
        place=record.place(),
    )


def _event(linker: Linker, record: Rec) -> Event:
    values = record.values
    return Event(
        id=record.key or "",
        title=values.get("title", ""),
        place=record.place(),
        when=values.get("when"),
        until=values.get("until"),
        where=values.get("where"),
        countries=linker.resolve_all(record, values.get("countries"), ("country",)),
        kind=values.get("kind"),
        summary=values.get("summary"),
        notes=values.get("notes"),
        sources=linker.resolve_all(record, values.get("sources"), ("source",)),
        tags=values.get("tags", ()),
    )


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
                linker.error(position.locator, country_ref[1], f"second position of {quoted(country_ref[0])} on this question (first at line {line})")
                continue
            first_for[country_ref[0]] = position
        positions.append(_position(linker, position, question_id))
    return Question(id=question_id, title=values.get("title", ""), place=record.place(), positions=tuple(positions))


def _position(linker: Linker, record: Rec, question_id: str) -> Position:
    values = record.values
    country = values.get("country")
    return Position(
        question_id=question_id,
        country=None if country is None else linker.resolve(record, country, ("country",)),  # type: ignore[arg-type]
        stance=_ENUMS["stance"].get(values.get("stance")),  # type: ignore[arg-type]
        place=record.place(),
        summary=values.get("summary"),
        as_of=values.get("as_of"),
        quotes=linker.resolve_all(record, values.get("quotes"), ("quote",)),
    )
