"""A deck as plain JSON data and back: how a presenter sends its deck to followers.

A follower has no read access to the presenter's deck files and no YAML parser of its own to
run on them, so the presenter sends the loaded model itself. ``deck_to_data`` turns a
:class:`~briefing.deck.model.Deck` into lists, dicts, strings and numbers; ``deck_from_data``
builds an equal model back, importing nothing but the model (never PyYAML).

What the encoding keeps and drops:

- **Shared objects stay shared.** The loader links ``quote.speaker`` to the same ``Person``
  object as ``deck.people`` holds; the encoding writes each model object once and refers to
  it afterwards by number, so the decoded deck shares exactly where the original did.
- **Speaker notes go on request** (``notes=False``): every field in :data:`NOTE_FIELDS` is
  written as absent, so notes never leave the presenter's process for a follower.
- **No local paths.** Every path (the deck's, its files', each value's source place) is
  written relative to the deck's folder (``quotes.yaml:6:5``), never the presenter's
  absolute path; a path outside the folder keeps only its file name.

**A load for this user's own cache** (``load_to_data``/``load_from_data``): the same
encoding, but local — every path as the loader wrote it, the local fields kept, notes kept,
text read back verbatim, and the load's diagnostics beside the deck — so a start-up that
finds its load stored gets a deck equal to a fresh load's. The start-up cache
(``briefing.cache``) reads it only from files this user owns in a private folder.

Reading is strict, because the data crosses a process (and user) boundary: only the model
classes reachable from ``Deck`` can be built, each field must have its declared shape, unknown
keys are refused, and any error is a :class:`CodecError` naming where in the data it is —
never arbitrary construction, never another exception. Text is cleaned of escape sequences
and control characters again on the way in, as the loader does, so a follower's terminal is
safe even from a hostile presenter.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import re
import types
import typing
from collections.abc import Sequence
from datetime import datetime, tzinfo
from enum import Enum
from pathlib import Path, PurePosixPath
from typing import Any, Literal, Union
from zoneinfo import ZoneInfo

from . import model
from .model import NOWHERE, Deck, Diagnostic, Event, Incident, Place
from .text import clean_text

CODEC_VERSION = 1
"""Bumped when the shape of the data changes; readers refuse any other version."""

NOTE_FIELDS: frozenset[tuple[type, str]] = frozenset({(Incident, "notes"), (Event, "notes")})
"""Speaker notes: never in the data written with ``notes=False``."""

LOCAL_FIELDS: frozenset[tuple[type, str]] = frozenset({(Deck, "setting_places")})
"""Fields about the presenter's own files (where each setting is written, for messages about
it): never sent, rebuilt empty; a viewer has no use for them and must not see local places."""

MAX_NESTING = 32
"""Deepest inline nesting read (a DatePoint's ``end`` can nest): hostile data cannot recurse far."""

_ZONE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+)*", re.ASCII)


class CodecError(ValueError):
    """Data that is not a deck this version writes."""


def deck_to_data(deck: Deck, *, notes: bool = True) -> dict[str, Any]:
    """The deck as JSON-able data; ``notes=False`` leaves every speaker note out."""
    writer = _Writer(PurePosixPath(Path(deck.path).as_posix()).parent, notes)
    body = writer.fields(Deck, deck)
    return {"codec": CODEC_VERSION, "files": writer.file_names, "deck": body}


def deck_from_data(data: Any) -> Deck:
    """The deck that ``deck_to_data`` wrote, read strictly; :class:`CodecError` if it is not one."""
    _check_keys(data, ("codec", "files", "deck"))
    return _read_deck(_Reader(_file_names(data["files"])), data)


def load_to_data(deck: Deck, diagnostics: Sequence[Diagnostic]) -> dict[str, Any]:
    """A loaded deck and its diagnostics as JSON-able data, local: for this user's own cache only."""
    writer = _Writer(PurePosixPath(Path(deck.path).as_posix()).parent, notes=True, local=True)
    body = writer.fields(Deck, deck)
    problems = [writer.fields(Diagnostic, diagnostic) for diagnostic in diagnostics]
    return {"codec": CODEC_VERSION, "files": writer.file_names, "deck": body, "diagnostics": problems}


def load_from_data(data: Any) -> tuple[Deck, tuple[Diagnostic, ...]]:
    """What ``load_to_data`` wrote, read strictly: the deck equal to the one loaded, and its diagnostics."""
    _check_keys(data, ("codec", "files", "deck", "diagnostics"))
    reader = _Reader(_local_names(data["files"]), local=True)
    deck = _read_deck(reader, data)
    if not isinstance(data["diagnostics"], list):
        raise CodecError("diagnostics: expected a list")
    diagnostics = tuple(
        reader.fields(Diagnostic, each, f"diagnostics[{n}]", 0) for n, each in enumerate(data["diagnostics"])
    )
    return deck, diagnostics


def _check_keys(data: Any, keys: tuple[str, ...]) -> None:
    if not isinstance(data, dict) or set(data) != set(keys):
        raise CodecError(f"expected an object with exactly {', '.join(repr(key) for key in keys)}")
    if data["codec"] != CODEC_VERSION:
        raise CodecError(f"deck data version {data['codec']!r} is not {CODEC_VERSION}: use the same briefing version")


def _read_deck(reader: _Reader, data: dict[str, Any]) -> Deck:
    try:
        return reader.fields(Deck, data["deck"], "deck", 0)
    except RecursionError:
        raise CodecError("deck: nested too deeply") from None


# --- the schema: each model field's kind, derived once from the model's type hints ----------


class _Kind:
    """How one field's values are written and read.

    The kinds are plain classes with slots, not frozen dataclasses: as dataclasses, defining
    them cost about 4 ms of every start that decodes a deck (Python 3.11 compiles each
    dataclass's generated methods on import); as plain classes, almost nothing.
    """

    __slots__ = ()

    def write(self, value: Any, writer: _Writer) -> Any:
        raise NotImplementedError

    def read(self, data: Any, reader: _Reader, where: str, depth: int) -> Any:
        raise NotImplementedError


class _Field(typing.NamedTuple):
    name: str
    kind: _Kind
    default: Any
    required: bool


class _Text(_Kind):
    __slots__ = ()

    def write(self, value: str, writer: _Writer) -> str:
        return value

    def read(self, data: Any, reader: _Reader, where: str, depth: int) -> str:
        if not isinstance(data, str):
            raise CodecError(f"{where}: expected text")
        return data if data.isprintable() or reader.local else clean_text(data)[0]


class _Whole(_Kind):
    __slots__ = ()

    def write(self, value: int, writer: _Writer) -> int:
        return int(value)

    def read(self, data: Any, reader: _Reader, where: str, depth: int) -> int:
        if type(data) is not int:
            raise CodecError(f"{where}: expected a whole number")
        return data


class _Flag(_Kind):
    __slots__ = ()

    def write(self, value: bool, writer: _Writer) -> bool:
        return value

    def read(self, data: Any, reader: _Reader, where: str, depth: int) -> bool:
        if not isinstance(data, bool):
            raise CodecError(f"{where}: expected true or false")
        return data


class _Choice(_Kind):
    """An enum member, written as its value."""

    __slots__ = ("enum",)

    def __init__(self, enum: type[Enum]) -> None:
        self.enum = enum

    def write(self, value: Enum, writer: _Writer) -> Any:
        return value.value

    def read(self, data: Any, reader: _Reader, where: str, depth: int) -> Enum:
        try:
            if isinstance(data, bool) or not isinstance(data, (str, int)):
                raise ValueError
            return self.enum(data)
        except ValueError:
            raise CodecError(f"{where}: not a {self.enum.__name__}: {data!r:.40}") from None


class _OneOf(_Kind):
    """A ``Literal`` of strings."""

    __slots__ = ("options",)

    def __init__(self, options: tuple[str, ...]) -> None:
        self.options = options

    def write(self, value: str, writer: _Writer) -> str:
        return value

    def read(self, data: Any, reader: _Reader, where: str, depth: int) -> str:
        if data not in self.options or not isinstance(data, str):
            raise CodecError(f"{where}: expected one of {', '.join(self.options)}")
        return data


class _Moment(_Kind):
    """A timezone-aware datetime: ``[ISO text with offset, IANA zone or null]``."""

    __slots__ = ()

    def write(self, value: datetime, writer: _Writer) -> list[Any]:
        return [value.isoformat(), _zone_key(value.tzinfo)]

    def read(self, data: Any, reader: _Reader, where: str, depth: int) -> datetime:
        if not (isinstance(data, list) and len(data) == 2 and isinstance(data[0], str)):
            raise CodecError(f"{where}: expected [time, zone]")
        try:
            moment = datetime.fromisoformat(data[0])
        except ValueError:
            raise CodecError(f"{where}: not an ISO time: {data[0]!r:.40}") from None
        if moment.tzinfo is None:
            raise CodecError(f"{where}: a time without its UTC offset")
        return moment if data[1] is None else moment.astimezone(reader.zone(data[1], where))


class _FilePath(_Kind):
    """A path of the deck, written relative to its folder."""

    __slots__ = ()

    def write(self, value: Path, writer: _Writer) -> str:
        return writer.local(str(value))

    def read(self, data: Any, reader: _Reader, where: str, depth: int) -> Path:
        return Path(_local_name(data, where) if reader.local else _relative_name(data, where))


class _SourcePlace(_Kind):
    """Where a value was written: ``[file number, line, column]`` into the file table."""

    __slots__ = ()

    def write(self, value: Place, writer: _Writer) -> list[int]:
        return [writer.file_number(value.path), value.line, value.column]

    def read(self, data: Any, reader: _Reader, where: str, depth: int) -> Place:
        if type(data) is not list or len(data) != 3:
            raise CodecError(f"{where}: expected [file, line, column]")
        number, line, column = data
        if type(number) is not int or type(line) is not int or type(column) is not int:
            raise CodecError(f"{where}: expected [file, line, column] as whole numbers")
        if not 0 <= number < len(reader.files):
            raise CodecError(f"{where}: no file number {number}")
        return Place(reader.files[number], line, column)


class _Optional(_Kind):
    __slots__ = ("inner",)

    def __init__(self, inner: _Kind) -> None:
        self.inner = inner

    def write(self, value: Any, writer: _Writer) -> Any:
        return None if value is None else self.inner.write(value, writer)

    def read(self, data: Any, reader: _Reader, where: str, depth: int) -> Any:
        return None if data is None else self.inner.read(data, reader, where, depth)


class _Many(_Kind):
    __slots__ = ("item",)

    def __init__(self, item: _Kind) -> None:
        self.item = item

    def write(self, value: tuple, writer: _Writer) -> list[Any]:
        return [self.item.write(each, writer) for each in value]

    def read(self, data: Any, reader: _Reader, where: str, depth: int) -> tuple:
        if not isinstance(data, list):
            raise CodecError(f"{where}: expected a list")
        return tuple(self.item.read(each, reader, f"{where}[{n}]", depth) for n, each in enumerate(data))


class _Names(_Kind):
    """A mapping of names (setting keys) to values of one kind."""

    __slots__ = ("value",)

    def __init__(self, value: _Kind) -> None:
        self.value = value

    def write(self, value: typing.Mapping[str, Any], writer: _Writer) -> dict[str, Any]:
        return {name: self.value.write(each, writer) for name, each in value.items()}

    def read(self, data: Any, reader: _Reader, where: str, depth: int) -> dict[str, Any]:
        if not isinstance(data, dict):
            raise CodecError(f"{where}: expected an object")
        return {name: self.value.read(each, reader, f"{where}.{name}", depth) for name, each in data.items()}


class _Object(_Kind):
    """A model object: written once as its fields, then referred to by its number.

    Numbers are given in the order objects are finished (children first), so the reader,
    which can only build a frozen object after its children, numbers them the same way.
    A field that may hold several classes (a claim's speaker) tags inline objects with
    ``"$": class name``.
    """

    __slots__ = ("classes",)

    def __init__(self, classes: tuple[type, ...]) -> None:
        self.classes = classes

    def write(self, value: Any, writer: _Writer) -> Any:
        number = writer.numbers.get(id(value))
        if number is not None:
            return number
        body = writer.fields(type(value), value)
        if len(self.classes) > 1:
            body["$"] = type(value).__name__
        writer.numbers[id(value)] = len(writer.numbers)
        writer.keep.append(value)
        return body

    def read(self, data: Any, reader: _Reader, where: str, depth: int) -> Any:
        if type(data) is int:
            return reader.shared(data, self.classes, where)
        if not isinstance(data, dict):
            raise CodecError(f"{where}: expected an object or an object number")
        kind = self._class(data, where)
        value = reader.fields(kind, data, where, depth + 1)
        reader.objects.append(value)
        return value

    def _class(self, data: dict, where: str) -> type:
        if len(self.classes) == 1:
            return self.classes[0]
        name = data.get("$")
        for kind in self.classes:
            if kind.__name__ == name:
                return kind
        raise CodecError(f"{where}: '$' must name one of {', '.join(k.__name__ for k in self.classes)}")


_MODEL_CLASSES: frozenset[type] = frozenset(
    value for value in vars(model).values() if dataclasses.is_dataclass(value) and isinstance(value, type)
)
_LEAVES: dict[Any, _Kind] = {
    str: _Text(),
    int: _Whole(),
    bool: _Flag(),
    datetime: _Moment(),
    Path: _FilePath(),
    Place: _SourcePlace(),
}
_SCHEMA: dict[type, tuple[_Field, ...]] = {}


def _kind_of(hint: Any) -> _Kind:
    if hint in _LEAVES:
        return _LEAVES[hint]
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _Choice(hint)
    if origin is Literal:
        return _OneOf(tuple(arguments))
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        return _Many(_kind_of(arguments[0]))
    if origin is collections.abc.Mapping and arguments[0] is str:
        return _Names(_kind_of(arguments[1]))
    if origin in (Union, types.UnionType):
        present = tuple(a for a in arguments if a is not type(None))
        inner = _Object(present) if all(a in _MODEL_CLASSES for a in present) else _kind_of(_only(present, hint))
        return _Optional(inner) if len(present) < len(arguments) else inner
    if hint in _MODEL_CLASSES:
        return _Object((hint,))
    raise TypeError(f"the deck codec cannot write a {hint!r}: teach briefing/deck/codec.py")


def _only(present: tuple, hint: Any) -> Any:
    if len(present) != 1:
        raise TypeError(f"the deck codec cannot write a {hint!r}")
    return present[0]


def _schema(kind: type, local: bool) -> tuple[_Field, ...]:
    """The codable fields of a model class; ``Deck._index`` and other private fields are rebuilt,
    and :data:`LOCAL_FIELDS` are written only in the local form."""
    known = _SCHEMA.get(kind)
    if known is None:
        if kind not in _MODEL_CLASSES:
            raise CodecError(f"{kind.__name__} is not a deck model class")
        hints = typing.get_type_hints(kind)
        known = tuple(_field(spec, hints[spec.name]) for spec in dataclasses.fields(kind) if not spec.name.startswith("_"))
        _SCHEMA[kind] = known
    return known if local else tuple(spec for spec in known if (kind, spec.name) not in LOCAL_FIELDS)


def _field(spec: dataclasses.Field, hint: Any) -> _Field:
    required = spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
    default = spec.default_factory() if spec.default_factory is not dataclasses.MISSING else spec.default
    return _Field(spec.name, _kind_of(hint), default, required)


# --- writing and reading ---------------------------------------------------------------------


class _Writer:
    """One encoding: the numbers given to objects so far and the file table."""

    def __init__(self, folder: PurePosixPath, notes: bool, local: bool = False) -> None:
        self.folder = folder
        self.notes = notes
        self.is_local = local
        self.numbers: dict[int, int] = {}
        self.keep: list[Any] = []
        """Every numbered object, alive until the end, so no id() is reused meanwhile."""
        self.file_names: list[str] = []
        self._file_numbers: dict[str, int] = {}
        self._plans: dict[type, list[tuple[str, _Kind | None, Any, bool]]] = {}

    def fields(self, kind: type, value: Any) -> dict[str, Any]:
        """The fields of ``value`` that differ from their defaults (notes left out on request)."""
        plan = self._plans.get(kind)
        if plan is None:
            plan = self._plans[kind] = self._plan(kind)
        body: dict[str, Any] = {}
        for name, field_kind, default, required in plan:
            item = getattr(value, name)
            if required or item != default:
                body[name] = item if field_kind is None else field_kind.write(item, self)
        return body

    def _plan(self, kind: type) -> list[tuple[str, _Kind | None, Any, bool]]:
        """Each field once: text is written as is (kind None), notes dropped unless wanted."""
        return [
            (spec.name, None if isinstance(spec.kind, _Text) else spec.kind, spec.default, spec.required)
            for spec in _schema(kind, self.is_local)
            if self.notes or (kind, spec.name) not in NOTE_FIELDS
        ]

    def file_number(self, path: str) -> int:
        number = self._file_numbers.get(path)
        if number is None:
            number = self._file_numbers[path] = len(self.file_names)
            self.file_names.append(self.local(path))
        return number

    def local(self, path: str) -> str:
        """``path`` relative to the deck's folder, or its bare name if it lies outside (in the
        local form: as it is)."""
        if path == NOWHERE.path or self.is_local:
            return path
        pure = PurePosixPath(Path(path).as_posix())
        try:
            return pure.relative_to(self.folder).as_posix()
        except ValueError:
            return pure.name


class _Reader:
    """One decoding: the objects built so far, by number, and the file table."""

    def __init__(self, files: list[str], *, local: bool = False) -> None:
        self.files = files
        self.local = local
        self.objects: list[Any] = []
        self._zones: dict[str, tzinfo] = {}

    def fields(self, kind: type, data: Any, where: str, depth: int) -> Any:
        if not isinstance(data, dict):
            raise CodecError(f"{where}: expected an object")
        if depth > MAX_NESTING:
            raise CodecError(f"{where}: nested deeper than {MAX_NESTING}")
        schema = _schema(kind, self.local)
        unknown = set(data) - {spec.name for spec in schema} - {"$"}
        if unknown:
            raise CodecError(f"{where}: unknown field {sorted(unknown)[0]!r:.40} in a {kind.__name__}")
        values = {}
        for spec in schema:
            if spec.name in data:
                values[spec.name] = spec.kind.read(data[spec.name], self, f"{where}.{spec.name}", depth)
            elif spec.required:
                raise CodecError(f"{where}: a {kind.__name__} without its {spec.name!r}")
        return _build(kind, values, where)

    def shared(self, number: int, classes: tuple[type, ...], where: str) -> Any:
        if not 0 <= number < len(self.objects):
            raise CodecError(f"{where}: no object number {number} yet")
        value = self.objects[number]
        if not isinstance(value, classes):
            raise CodecError(f"{where}: object {number} is a {type(value).__name__}, not a {classes[0].__name__}")
        return value

    def zone(self, key: Any, where: str) -> tzinfo:
        known = self._zones.get(key) if isinstance(key, str) else None
        if known is None:
            known = self._zones[key] = _zone(key, where)
        return known


def _build(kind: type, values: dict[str, Any], where: str) -> Any:
    try:
        return kind(**values)
    except (TypeError, ValueError) as error:
        raise CodecError(f"{where}: {error}") from None


def _zone_key(zone: tzinfo | None) -> str | None:
    """The IANA key that rebuilds ``zone``; None when the offset in the ISO text is all there is."""
    key = getattr(zone, "key", None)
    return key if isinstance(zone, ZoneInfo) and isinstance(key, str) else None


def _zone(key: Any, where: str) -> tzinfo:
    if not (isinstance(key, str) and len(key) <= 64 and _ZONE_KEY.fullmatch(key)):
        raise CodecError(f"{where}: not a time zone name: {key!r:.40}")
    try:
        return ZoneInfo(key)
    except (ValueError, OSError, LookupError):
        raise CodecError(f"{where}: unknown time zone {key!r}") from None


def _file_names(data: Any) -> list[str]:
    if not isinstance(data, list):
        raise CodecError("files: expected a list of file names")
    return [data_name if data_name == NOWHERE.path else _relative_name(data_name, f"files[{n}]") for n, data_name in enumerate(data)]


def _local_names(data: Any) -> list[str]:
    if not isinstance(data, list):
        raise CodecError("files: expected a list of file names")
    return [_local_name(name, f"files[{n}]") for n, name in enumerate(data)]


def _local_name(data: Any, where: str) -> str:
    """A path as the loader wrote it (the local form only)."""
    if not isinstance(data, str) or not data or "\x00" in data or len(data) > 4096:
        raise CodecError(f"{where}: expected a file name")
    return data


def _relative_name(data: Any, where: str) -> str:
    """A file name relative to the deck's folder: a presenter's data names no other place."""
    if not isinstance(data, str) or not data or "\x00" in data or len(data) > 4096:
        raise CodecError(f"{where}: expected a file name")
    pure = PurePosixPath(data)
    if pure.is_absolute() or ".." in pure.parts:
        raise CodecError(f"{where}: {data!r:.60} is not inside the deck's folder")
    return clean_text(data)[0]
