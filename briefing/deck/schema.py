"""The deck format, version 1, as data: the validator reads it and the JSON Schema is made from it.

One table drives both, so ``briefing schema`` (what an editor checks as the author types)
and ``briefing validate`` (what the app accepts) cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from .model import (
    CREDIBILITY_GRADES,
    CREDIBILITY_WORDS,
    RELIABILITY_GRADES,
    RELIABILITY_WORDS,
    Confidence,
    DateOrder,
    Likelihood,
    Stance,
    Status,
)

FORMAT = 1
SCHEMA_ID = "https://briefing.invalid/schema/deck-format-1.json"
INCLUDE_SCHEMA_ID = "https://briefing.invalid/schema/deck-include-format-1.json"

COUNTRY_CODE_PATTERN = "^[A-Z]{2,8}$"
ID_PATTERN = r"^[^\W_][\w.\-]*$"
"""An id as Python's ``re`` reads it: a Unicode letter or digit, then letters, digits, '_', '.', '-'."""
ID_SCHEMA_PATTERN = r"^[\p{L}\p{N}][\p{L}\p{N}_.\-]*$"
r"""The same rule for editors. A JSON Schema pattern is an ECMAScript regular expression, whose
``\w`` is ASCII-only (``peskóv`` would fail there and pass here); with the ``u`` flag, which
yaml-language-server sets, ``\p{L}\p{N}`` are exactly Python's ``[^\W_]``. A test checks
the two agree on every assigned code point."""


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a mapping in a deck.

    ``kind`` names how the value is read: text, integer, enum, date, timezone, id, code,
    ref (one id), refs (a list of ids, or one), texts, codes, patterns, items (a list of
    nested mappings described by ``item``).
    """

    name: str
    kind: str
    description: str
    required: bool = False
    choices: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    item: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    default: int | None = None
    choice_words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A kind of mapping in a deck: the deck itself, an incident, a claim ..."""

    name: str
    noun: str
    fields: Mapping[str, Field]
    key: str | None = None
    description: str = ""

    @property
    def title(self) -> str:
        """'Key judgment' for "a key judgment": what an editor heads the section's help with."""
        return self.noun.split(" ", 1)[-1].capitalize()


def _fields(*fields: Field) -> Mapping[str, Field]:
    return MappingProxyType({f.name: f for f in fields})


def _values(enum: type) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def _meanings(words: Mapping) -> str:
    return ", ".join(f"{grade} {word}" for grade, word in words.items())


_WHEN = Field("when", "date", "When it happened: 2025-09-19, 2025-09, 2025-09-19 09:58, 2025-09-22/2025-09-25, 2025-09-20~ or free text such as 'Sept. 13, 2025'.")
_UNTIL = Field("until", "date", "Optional end; not before 'when'. 'ongoing' for what has not ended as of the deck's as_of.")
_WHERE = Field("where", "text", "Where it happened.")
_COUNTRIES = Field("countries", "refs", "Country codes affected (declared under countries:).", targets=("country",))
_KIND = Field("kind", "text", "A free label used to filter and colour, e.g. 'airspace violation'.")
_SUMMARY = Field("summary", "text", "Markdown.")
_NOTES = Field("notes", "text", "Speaker notes (Markdown), shown in presenter view only.")
_SOURCES = Field("sources", "refs", "Source ids (declared under sources:).", targets=("source",))
_TAGS = Field("tags", "texts", "Free tags.")
_TITLE = Field("title", "text", "Title.", required=True)

SECTIONS: Mapping[str, Section] = MappingProxyType({
    section.name: section
    for section in (
        Section("deck", "the deck", _fields(
            Field("format", "integer", "Deck format version; this briefing reads format 1.", minimum=1, maximum=FORMAT, default=FORMAT),
            Field("title", "text", "The deck's title (required).", required=True),
            Field("subtitle", "text", "Subtitle."),
            Field("as_of", "date", "Date or datetime the briefing is current as of."),
            Field("timezone", "timezone", "IANA name (Europe/Tallinn) or UTC offset (+03:00) datetimes are read and shown in; default UTC."),
            Field("date_order", "enum", "How to read a numeric date such as 04/09/2025; absent -> such a date is an error.", choices=_values(DateOrder)),
            Field("classification", "text", "Banner shown at the top and bottom of every screen."),
            Field("theme", "text", "Default theme; --theme overrides."),
            Field("summary", "text", "Bottom line up front (Markdown)."),
            Field("key_judgments", "items", "Key judgments.", item="key_judgment"),
            Field("single_source", "enum", "Set to acknowledged when the whole deck rests on one source on purpose "
                  "(say so in the summary): briefing validate then no longer warns about it.",
                  choices=("acknowledged",), choice_words=("this deck rests on one source on purpose",)),
            Field("include", "patterns", "Files to include: relative globs inside the deck's folder."),
            Field("sources", "items", "Sources.", item="source"),
            Field("countries", "items", "Countries and organisations; every code used must be declared.", item="country"),
            Field("people", "items", "People quoted or named.", item="person"),
            Field("incidents", "items", "The brief's main slides, in deck order.", item="incident"),
            Field("events", "items", "Timeline entries that are not incidents.", item="event"),
            Field("questions", "items", "The positions matrix: rows are questions, columns countries.", item="question"),
            Field("quotes", "items", "Quotes by people.", item="quote"),
        ), description="An incident briefing deck (format 1). Files it includes take the include schema."),
        Section("key_judgment", "a key judgment", _fields(
            Field("text", "text", "The judgment.", required=True),
            Field("confidence", "enum", "Analytic confidence.", choices=_values(Confidence)),
            Field("likelihood", "enum", "ICD 203 estimative word.", choices=_values(Likelihood)),
        )),
        Section("source", "a source", _fields(
            Field("id", "id", "Unique id.", required=True),
            _TITLE,
            Field("publisher", "text", "Publisher."),
            Field("date", "date", "Publication date."),
            Field("url", "text", "Link."),
            Field("reliability", "enum", f"Admiralty source reliability: {_meanings(RELIABILITY_WORDS)}.",
                  choices=tuple(RELIABILITY_GRADES), choice_words=tuple(RELIABILITY_WORDS.values())),
        ), key="id"),
        Section("country", "a country", _fields(
            Field("code", "code", "2-8 capital letters: ISO 3166 alpha-2, or NATO, EU ...", required=True),
            Field("name", "text", "Name.", required=True),
            Field("groups", "codes", "Groups it belongs to, e.g. [NATO, EU]."),
        ), key="code"),
        Section("person", "a person", _fields(
            Field("id", "id", "Unique id.", required=True),
            Field("name", "text", "Name.", required=True),
            Field("role", "text", "Role, e.g. 'President of Lithuania'."),
            Field("country", "ref", "Country code.", targets=("country",)),
        ), key="id"),
        Section("incident", "an incident", _fields(
            Field("id", "id", "Unique id.", required=True),
            _TITLE, _WHEN, _UNTIL, _WHERE, _COUNTRIES,
            Field("actor", "ref", "Country code it is attributed to.", targets=("country",)),
            _KIND,
            Field("assets", "text", "Assets involved, e.g. '3 × MiG-31'."),
            Field("duration", "text", "Always text, never a number: '12 minutes', '12:30'."),
            Field("response", "text", "The response."),
            Field("status", "enum", "Whether it is established.", choices=_values(Status)),
            Field("claims", "items", "What each side says; a denial is a claim too.", item="claim"),
            _SUMMARY, _NOTES, _SOURCES,
            Field("credibility", "integer", f"Admiralty information credibility: {_meanings(CREDIBILITY_WORDS)}. "
                  "Shown with the source's reliability as one grade, such as B2.",
                  minimum=min(CREDIBILITY_GRADES), maximum=max(CREDIBILITY_GRADES), default=max(CREDIBILITY_GRADES)),
            _TAGS,
        ), key="id"),
        Section("claim", "a claim", _fields(
            Field("by", "ref", "A country code or a person id.", required=True, targets=("country", "person")),
            Field("text", "text", "What they say.", required=True),
        )),
        Section("event", "an event", _fields(
            Field("id", "id", "Unique id.", required=True),
            _TITLE, _WHEN, _UNTIL, _WHERE, _COUNTRIES, _KIND, _SUMMARY, _NOTES, _SOURCES, _TAGS,
        ), key="id"),
        Section("question", "a question", _fields(
            Field("id", "id", "Unique id.", required=True),
            _TITLE,
            Field("positions", "items", "Each country's position.", item="position"),
        ), key="id"),
        Section("position", "a position", _fields(
            Field("country", "ref", "Country code.", required=True, targets=("country",)),
            Field("stance", "enum", "The stance.", required=True, choices=_values(Stance)),
            Field("summary", "text", "The position in a sentence."),
            Field("as_of", "date", "When this was the position."),
            Field("quotes", "refs", "Quote ids.", targets=("quote",)),
        )),
        Section("quote", "a quote", _fields(
            Field("id", "id", "Unique id.", required=True),
            Field("by", "ref", "A person id (declared under people:).", required=True, targets=("person",)),
            Field("text", "text", "The words, verbatim.", required=True),
            _WHEN, _WHERE,
            Field("source", "ref", "Source id.", targets=("source",)),
            Field("about", "refs", "Question, incident or event ids.", targets=("question", "incident", "event")),
        ), key="id"),
    )
})

# Deck keys holding lists of items: the only keys an included file may hold.
LIST_SECTIONS: Mapping[str, str] = MappingProxyType({
    name: SECTIONS["deck"].fields[name].item  # type: ignore[misc]
    for name in ("sources", "countries", "people", "incidents", "events", "questions", "quotes")
})
DECK_SETTINGS = tuple(name for name in SECTIONS["deck"].fields if name not in LIST_SECTIONS)


# --- JSON Schema ---------------------------------------------------------------------------

_SCALAR_TEXT = ["string", "number", "boolean"]
_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a deck file, format 1, for editors and ``briefing schema``.

    Text fields also admit numbers and booleans: an editor reading YAML 1.2 sees
    ``duration: 12:30`` or ``id: 0123`` as numbers, while briefing reads them as text.
    """
    return {
        "$schema": _DRAFT,
        "$id": SCHEMA_ID,
        **_object_schema(SECTIONS["deck"]),
        "title": "briefing deck, format 1",
        "$defs": _definitions(),
    }


def include_json_schema() -> dict[str, Any]:
    """The JSON Schema of a file a deck includes: the list sections only.

    A deck setting there is refused, as ``briefing validate`` refuses it, and ``title`` is
    not required, so an included ``quotes.yaml`` is checked rather than flagged whole.
    """
    deck = SECTIONS["deck"]
    return {
        "$schema": _DRAFT,
        "$id": INCLUDE_SCHEMA_ID,
        "title": "briefing included file, format 1",
        "type": "object",
        "description": "A file a deck includes (listed in the deck's include:). It holds list sections only: "
                       f"{', '.join(LIST_SECTIONS)}. Deck settings such as title belong in the deck file.",
        "properties": {name: _field_schema(deck.fields[name]) for name in LIST_SECTIONS},
        "additionalProperties": False,
        "$defs": _definitions(),
    }


def schema_text(schema: Mapping[str, Any]) -> str:
    """A schema as written to a file: ``briefing schema > docs/deck.schema.json`` gives this."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _definitions() -> dict[str, Any]:
    return {name: _object_schema(section) for name, section in SECTIONS.items() if name != "deck"}


def _object_schema(section: Section) -> dict[str, Any]:
    required = [name for name, spec in section.fields.items() if spec.required]
    body: dict[str, Any] = {
        "title": section.title,
        "type": "object",
        "description": section.description or section.title + ".",
        "properties": {name: _field_schema(spec) for name, spec in section.fields.items()},
        "additionalProperties": False,
    }
    if required:
        body["required"] = required
    return body


def _field_schema(spec: Field) -> dict[str, Any]:
    """One key's schema. A ``default`` gives editors a value to complete to (without one
    they offer 0, out of range for ``format`` and ``credibility``); ``enumDescriptions``,
    which VS Code and yaml-language-server read, say what each allowed value means."""
    body = _kind_schema(spec)
    body["description"] = spec.description
    if spec.default is not None:
        body["default"] = spec.default
    if spec.choice_words:
        body["enumDescriptions"] = list(spec.choice_words)
    return body


def _kind_schema(spec: Field) -> dict[str, Any]:
    """A list-or-one field has a plain ``type`` list, not a ``oneOf``: an editor then
    completes the key to ``key:`` and a list item, where a ``oneOf`` left a bare word."""
    kind = spec.kind
    if kind in ("text", "ref"):
        return {"type": _SCALAR_TEXT if spec.required else [*_SCALAR_TEXT, "null"]}
    if kind == "id":
        return {"type": ["string", "number"], "pattern": ID_SCHEMA_PATTERN}
    if kind == "code":
        return {"type": "string", "pattern": COUNTRY_CODE_PATTERN}
    if kind == "integer":
        return {"type": "integer", "minimum": spec.minimum, "maximum": spec.maximum}
    if kind == "enum":
        return {"enum": list(spec.choices)}
    if kind in ("date", "timezone"):
        return {"type": ["string", "integer", "null"]}
    if kind in ("refs", "texts", "patterns"):
        return {"type": ["string", "array"], "items": {"type": _SCALAR_TEXT}}
    if kind == "codes":
        return {"type": ["string", "array"], "pattern": COUNTRY_CODE_PATTERN,
                "items": {"type": "string", "pattern": COUNTRY_CODE_PATTERN}}
    if kind == "items":
        return {"type": "array", "items": {"$ref": f"#/$defs/{spec.item}"}}
    raise ValueError(f"no JSON Schema for field kind {kind!r}")
