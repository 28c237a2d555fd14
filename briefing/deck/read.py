"""Reading one file: composed YAML nodes -> checked records, each problem a diagnostic.

Every value is checked against the schema (:mod:`.schema`) where it was written, so each
diagnostic points at the value to change; all of a file's problems are collected, not only
the first. This is the loader's hot path for big decks, hence the plain loops over
``node.value``, class identity checks and lookup tables built once per section.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import codes
from .dates import DateError, format_date_point, is_ongoing, ongoing_until, parse_date, resolve_timezone
from .model import DateOrder, DatePoint, Diagnostic, Severity
from .nodes import NodeChecker, kind_of
from .records import FileData, Pos, Rec, Ref, Settings
from .schema import COUNTRY_CODE_PATTERN, DECK_SETTINGS, FORMAT, ID_PATTERN, LIST_SECTIONS, SECTIONS, Field, Section
from .suggest import closest, did_you_mean
from .text import clean_text, quoted, removal_warning
from .yamlsafe import MAP_TAG, SEQ_TAG, STR_TAG, Locator

MAX_ALIAS_EXPANSION = 100_000
MULTILINE_TEXT = frozenset({"summary", "notes", "text"})
"""Text fields that are Markdown or quoted prose and keep their tabs; every other text is one line."""

_ERROR, _WARNING = Severity.ERROR, Severity.WARNING
_CODE = re.compile(COUNTRY_CODE_PATTERN[1:-1])
_ID = re.compile(ID_PATTERN[1:-1])


class _TooManyAliases(Exception):
    """Stops reading a file whose aliases expand past :data:`MAX_ALIAS_EXPANSION`."""


class FileReader:
    """Reads one file's root node against the schema, collecting diagnostics."""

    def __init__(
        self, locator: Locator, settings: Settings, needs_cleaning: bool, date_memo: dict[str, Any], has_tabs: bool = False,
    ) -> None:
        self.locator = locator
        self.settings = settings
        self.zone = settings.zone()
        self.needs_cleaning = needs_cleaning
        self.has_tabs = has_tabs  # only quoted and block text can hold a tab (others are refused)
        self.date_memo = date_memo
        self.diagnostics: list[Diagnostic] = []
        self.nodes = NodeChecker(locator, self.diagnostics, "a deck")
        self.seen_collections: set[int] = set()
        self.alias_cost = 0

    # diagnostics

    def error(self, mark: Any, message: str, code: str, suggestion: str | None = None) -> None:
        self.diagnostics.append(Diagnostic(self.locator.place(mark), _ERROR, message, code, suggestion))

    def error_at(self, pos: Pos, message: str, code: str) -> None:
        self.diagnostics.append(Diagnostic(self.locator.at(*pos), _ERROR, message, code))

    def warn(self, mark: Any, message: str, code: str) -> None:
        self.diagnostics.append(Diagnostic(self.locator.place(mark), _WARNING, message, code))

    def unknown_key(self, key_node: Node, where: str, known: Any) -> None:
        suggestion = closest(key_node.value, known)
        message = f"unknown key {quoted(key_node.value)} in {where}{did_you_mean(suggestion)}"
        self.error(key_node.start_mark, message, codes.UNKNOWN_KEY, suggestion)

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
        example = "title: ..., incidents: ..." if what == "a deck" else "incidents: ..., quotes: ..."
        return self.nodes.is_mapping(root, what, example)

    def _format_too_new(self, root: MappingNode) -> bool:
        for key, value in root.value:
            if type(key) is ScalarNode and key.value == "format" and type(value) is ScalarNode:
                text = value.value
                if text.isascii() and text.isdigit() and not value.style and int(text) > FORMAT:
                    self.error(value.start_mark, f"this deck is format {int(text)}, newer than this briefing reads "
                                                 f"(format {FORMAT}): upgrade briefing to present it", codes.NEWER_FORMAT)
                    return True
        return False

    def _read_top(self, root: MappingNode, data: FileData, deck: Section, *, for_deck: bool) -> None:
        try:
            for key_node, value_node, key in self.nodes.pairs(root):
                spec = deck.fields.get(key)
                if spec is not None and spec.kind == "items" and key in LIST_SECTIONS:
                    items = self._items(value_node, spec)
                    data.sections.setdefault(key, []).extend(items)
                elif not for_deck:
                    self._not_in_include(key_node, key)
                elif spec is None:
                    self.unknown_key(key_node, "the deck", deck.fields)
                elif not self.nodes.tag_ok(value_node):
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
                self.error(root.start_mark, "missing 'title' (the deck needs one)", codes.MISSING_KEY)
        except _TooManyAliases:
            pass

    def _not_in_include(self, key_node: Node, key: str) -> None:
        if key == "include":
            self.error(key_node.start_mark, "an included file cannot include other files (list every file in the deck's include:)",
                       codes.INCLUDE_IN_INCLUDED_FILE)
        elif key in DECK_SETTINGS:
            self.error(key_node.start_mark, f"deck setting {quoted(key)} belongs in the deck file, not in an included file",
                       codes.SETTING_IN_INCLUDED_FILE)
        else:
            self.unknown_key(key_node, "an included file", LIST_SECTIONS)

    @staticmethod
    def _has_key(node: MappingNode, name: str) -> bool:
        return any(type(key) is ScalarNode and key.value == name for key, _ in node.value)

    # mappings

    def _visit(self, node: Node) -> None:
        """Count aliases re-walking a collection; stop the file when they expand too far."""
        seen = self.seen_collections
        marker = id(node)
        if marker in seen:
            self.alias_cost += len(node.value) + 1
            if self.alias_cost > MAX_ALIAS_EXPANSION:
                self.error(node.start_mark, f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values "
                                            "(an alias bomb?): repeat less through anchors", codes.ALIAS_BOMB)
                raise _TooManyAliases
        else:
            seen.add(marker)

    def _items(self, node: Node, spec: Field) -> list[Rec]:
        section = SECTIONS[spec.item]  # type: ignore[index]
        if type(node) is ScalarNode and not node.value and not node.style:
            return []
        if type(node) is not SequenceNode:
            self.error(node.start_mark, f"{quoted(spec.name)} must be a list (each entry starting with '- '), not {kind_of(node)}",
                       codes.WRONG_TYPE)
            return []
        if not self.nodes.tag_ok(node):
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
                                        f"({_example_keys(section)}), not {kind_of(node)}", codes.WRONG_TYPE)
            return None
        if node.tag is not MAP_TAG and not self.nodes.tag_ok(node):
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
        styled_text_ok = not self.has_tabs
        nodes = self.nodes
        for key_node, value_node in node.value:
            if (type(key_node) is not ScalarNode or key_node.tag is not STR_TAG) and not nodes.key_ok(key_node):
                continue
            key = key_node.value
            if key in first:
                nodes.duplicate(key_node, first[key])
                continue
            first[key] = key_node
            entry = plan.get(key)
            if entry is None:
                self.unknown_key(key_node, section.noun, section.fields)
                continue
            spec, reader, is_text, is_key = entry
            if is_text and type(value_node) is ScalarNode and value_node.tag is STR_TAG and value_node.value and (
                not value_node.style or (styled_text_ok and (plain_text_ok or value_node.style != '"'))
            ):
                values[spec.name] = value_node.value  # the common case, inline: plain text
                continue
            if value_node.tag is not STR_TAG and not nodes.tag_ok(value_node):
                continue
            count = len(self.diagnostics)
            value = reader(self, value_node, spec)
            if value is None:
                if spec.required and len(self.diagnostics) == count:
                    self.error(value_node.start_mark, f"{quoted(key)} is empty", codes.EMPTY_VALUE)
                continue
            if is_key:
                record.key = value
                record.key_pos = _pos(value_node)
            values[spec.name] = value  # the schema's interned name: cheaper as a keyword later
        for name in _REQUIRED[section.name]:
            if name not in first:
                self.error(node.start_mark, f"missing {quoted(name)} ({section.noun} needs one)", codes.MISSING_KEY)
        if "until" in values and "when" in values:
            self._check_until(node, values["when"], values["until"])
        return record

    def _check_until(self, node: MappingNode, when: DatePoint, until: DatePoint) -> None:
        if until.period_end() <= when.start:
            end = f"ongoing as of {format_date_point(replace(until, ongoing=False))}" if until.ongoing else format_date_point(until)
            for key, value in node.value:
                if type(key) is ScalarNode and key.value == "until":
                    self.error(value.start_mark, f"'until' ({end}) is before 'when' ({format_date_point(when)})",
                               codes.DATE_BACKWARDS)
                    return

    def _check_required_value(self, value: Any, node: Node, spec: Field) -> None:
        if value is None and spec.required and type(node) is ScalarNode and not node.value:
            self.error(node.start_mark, f"{quoted(spec.name)} is empty", codes.EMPTY_VALUE)

    # values: each reader returns the value, or None when absent or wrong (after reporting)

    def text(self, node: Node, spec: Field) -> str | None:
        if type(node) is not ScalarNode:
            self.error(node.start_mark, f"{quoted(spec.name)} must be text, not {kind_of(node)}", codes.WRONG_TYPE)
            return None
        if node.tag is not STR_TAG and not self.nodes.tag_ok(node):
            return None
        value = node.value
        if not value:
            return None
        if self.needs_cleaning and node.style == '"':
            cleaned, removed = clean_text(value)
            if removed:
                self.warn(node.start_mark, removal_warning(removed), codes.CONTROL_CHARACTERS)
                value = cleaned
        if self.has_tabs and "\t" in value and spec.name not in MULTILINE_TEXT:
            value = value.replace("\t", " ")  # a tab in a name cuts a table cell, a heading, a row
        return value or None

    def integer(self, node: Node, spec: Field) -> int | None:
        if type(node) is not ScalarNode:
            self.error(node.start_mark, f"{quoted(spec.name)} must be a number, not {kind_of(node)}", codes.WRONG_TYPE)
            return None
        if node.tag is not STR_TAG and not self.nodes.tag_ok(node):
            return None
        value = node.value
        if not value and not node.style:
            return None
        span = f"{spec.minimum}" if spec.minimum == spec.maximum else f"{spec.minimum} to {spec.maximum}"
        if node.style and value.isascii() and value.isdigit():
            self.error(node.start_mark, f"{quoted(spec.name)} must be a number written without quotes ({spec.name}: {value})",
                       codes.QUOTED_NUMBER)
            return None
        if node.style or not (value.isascii() and value.isdigit()):
            self.error(node.start_mark, f"{quoted(spec.name)} must be a whole number {span}, not {quoted(value)}",
                       codes.NUMBER_OUT_OF_RANGE)
            return None
        number = int(value)
        if not spec.minimum <= number <= spec.maximum:  # type: ignore[operator]
            self.error(node.start_mark, f"{quoted(spec.name)} must be {span}, not {number}", codes.NUMBER_OUT_OF_RANGE)
            return None
        return number

    def enum(self, node: Node, spec: Field) -> str | None:
        value = self.text(node, spec)
        if value is None or value in spec.choices:
            return value
        listed = " or ".join(filter(None, (", ".join(spec.choices[:-1]), spec.choices[-1])))
        suggestion = closest(value, spec.choices)
        self.error(node.start_mark, f"{quoted(spec.name)} must be {listed}, not {quoted(value)}{did_you_mean(suggestion)}",
                   codes.NOT_AN_ALLOWED_WORD, suggestion)
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
                found = (str(error), error.code)
            except (ValueError, OverflowError, ArithmeticError) as error:
                found = (f"cannot read {quoted(value)} as a date ({error})", codes.DATE_UNREADABLE)
            memo[value] = found
        if type(found) is tuple:
            self.error(node.start_mark, *found)
            return None
        return found

    def _ongoing(self, node: Node, spec: Field) -> DatePoint | None:
        as_of = self.settings.as_of
        if spec.name != "until":
            self.error(node.start_mark, f"{quoted(spec.name)} cannot be 'ongoing': only 'until' can (write a date here)",
                       codes.ONGOING)
            return None
        if as_of is None:
            self.error(node.start_mark, "'until: ongoing' means not ended as of the deck's as_of: set as_of (or give an end date)",
                       codes.ONGOING)
            return None
        return ongoing_until(as_of)

    def timezone(self, node: Node, spec: Field) -> str | None:
        value = self.text(node, spec)
        if value is None:
            return None
        try:
            resolve_timezone(value)
        except DateError as error:
            self.error(node.start_mark, str(error), error.code, error.suggestion)
            return None
        return value

    def ident(self, node: Node, spec: Field) -> str | None:
        value = self.text(node, spec)
        if value is None or _ID.fullmatch(value):
            return value
        self.error(node.start_mark, f"id {quoted(value)} must be letters, digits, '-', '_' or '.', "
                                    "starting with a letter or digit, with no spaces", codes.BAD_ID)
        return None

    def code(self, node: Node, spec: Field) -> str | None:
        value = self.text(node, spec)
        if value is None or _CODE.fullmatch(value):
            return value
        self.error(node.start_mark, f"country code {quoted(value)} must be 2-8 capital letters "
                                    "(ISO 3166 alpha-2 such as EE, or a name such as NATO)", codes.BAD_CODE)
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
            self.error(node.start_mark, f"{quoted(spec.name)} must be a list of ids, not {kind_of(node)}", codes.WRONG_TYPE)
            return None
        if node.tag is not SEQ_TAG and not self.nodes.tag_ok(node):
            return None
        self._visit(node)
        found = []
        for item in node.value:
            if type(item) is not ScalarNode:
                self.error(item.start_mark, f"each entry of {quoted(spec.name)} must be an id, not {kind_of(item)}", codes.WRONG_TYPE)
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
                self.error_at((line, column), f"group {quoted(text)} must be a code of 2-8 capital letters, such as NATO or EU",
                              codes.BAD_CODE)
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
