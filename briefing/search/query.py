"""The quote search query language: words, "phrases", filters and exclusions.

``parse_query`` never raises: a query being typed is malformed most of the time, so a
problem comes back as a :class:`QueryError` whose message the screen shows inline (with the
span of the query it is about) while it keeps the last results.

Grammar, by whitespace-separated terms::

    word            every word must match, as the start of a word (prefix)
    "a phrase"      these words, adjacent and in this order (curly quotes work too)
    key:value       a filter: by: country: about: source: before: after:
    key:"a value"   a filter value with spaces
    -word -"phrase" -key:value
                    exclude quotes that match
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timezone
from typing import Literal

from ..deck.dates import DateError, parse_date
from ..deck.model import DateOrder
from ..deck.suggest import closest
from .normalize import DASHES, DOUBLE_QUOTES, fold, words

FilterKey = Literal["by", "country", "about", "source", "before", "after"]
ENTITY_FILTERS: tuple[FilterKey, ...] = ("by", "country", "about", "source")
DATE_FILTERS: tuple[FilterKey, ...] = ("before", "after")
FILTERS: tuple[FilterKey, ...] = ENTITY_FILTERS + DATE_FILTERS

_FILTER_EXAMPLES = {
    "by": 'by:nauseda or by:"gitanas nauseda"',
    "country": "country:LT or country:lithuania",
    "about": "about:shoot-down or about:airspace",
    "source": "source:article or source:bloomberg",
    "before": "before:2025-09-19, before:2025-09 or before:2025",
    "after": "after:2025-09-19, after:2025-09 or after:2025",
}

SYNTAX_HELP: tuple[tuple[str, str], ...] = (
    ("words", "all must match, in any order, each as the start of a word: nauseda test"),
    ('"a phrase"', 'these words together and in this order: "testing our"'),
    ("by:", 'the speaker\'s name or id: by:nauseda, by:"gitanas nauseda"'),
    ("country:", "the speaker's country, code or name: country:LT, country:lithuania"),
    ("about:", "a question, incident or event, id or title words: about:shoot-down"),
    ("source:", "id, title or publisher words: source:bloomberg"),
    ("after: before:", "from a date on / before it: after:2025-09 (September on), before:2025-09-19"),
    ("-word", 'leave out quotes that match: -drone, -"air defence", -by:tusk'),
)
"""The query language in one screen, for the help view (docs/search.md has it in full)."""


@dataclass(frozen=True, slots=True)
class Filter:
    """One ``key:value`` term. ``words`` is the value normalised; ``value`` as typed."""

    key: FilterKey
    value: str
    words: tuple[str, ...]
    negated: bool = False
    start: int = field(default=0, compare=False)
    end: int = field(default=0, compare=False)
    """Where the term is in the query text, to point at it in an error."""

    @property
    def folded(self) -> str:
        """The whole value folded, for comparing with ids (``estonia-mig31``)."""
        return fold(self.value).strip()

    @property
    def is_date(self) -> bool:
        return self.key in DATE_FILTERS


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query. Words and phrase words are normalised (folded, no punctuation)."""

    text: str
    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded_words: tuple[str, ...] = ()
    excluded_phrases: tuple[tuple[str, ...], ...] = ()
    filters: tuple[Filter, ...] = ()

    @property
    def is_empty(self) -> bool:
        """True when the query asks for nothing, so every quote matches."""
        return not (self.words or self.phrases or self.excluded_words or self.excluded_phrases or self.filters)


@dataclass(frozen=True, slots=True)
class QueryError:
    """Why a query cannot run, for the user; ``start``/``end`` span the offending part."""

    text: str
    message: str
    start: int
    end: int

    def __str__(self) -> str:
        return self.message


def parse_query(text: str, *, date_order: DateOrder | None = None) -> Query | QueryError:
    """Parse a query as typed; dates are checked here so the error shows while typing.

    ``date_order`` is the deck's, for numeric dates such as ``04/09/2025``.
    """
    return _Parser(text, date_order).parse()


_QUOTE_CHARS = frozenset(DOUBLE_QUOTES)
_DASH_CHARS = frozenset(DASHES)


class _Parser:
    def __init__(self, text: str, date_order: DateOrder | None) -> None:
        self.text = text
        self.date_order = date_order
        self.pos = 0
        self.words: list[str] = []
        self.phrases: list[tuple[str, ...]] = []
        self.excluded_words: list[str] = []
        self.excluded_phrases: list[tuple[str, ...]] = []
        self.filters: list[Filter] = []

    def parse(self) -> Query | QueryError:
        try:
            while self._skip_space():
                self._term()
        except _Problem as problem:
            return QueryError(self.text, problem.message, problem.start, problem.end)
        return Query(
            text=self.text,
            words=tuple(self.words),
            phrases=tuple(self.phrases),
            excluded_words=tuple(self.excluded_words),
            excluded_phrases=tuple(self.excluded_phrases),
            filters=tuple(self.filters),
        )

    def _skip_space(self) -> bool:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1
        return self.pos < len(self.text)

    def _term(self) -> None:
        start = self.pos
        negated = self.text[start] in _DASH_CHARS
        if negated:
            self.pos += 1
            if self.pos >= len(self.text) or self.text[self.pos].isspace():
                return  # a lone dash: the user is about to type what to exclude
        if self.text[self.pos] in _QUOTE_CHARS:
            self._phrase(self._quoted(), negated)
            return
        bare = self._bare()
        key, colon, value = bare.partition(":")
        if colon and key.isalpha() and key.isascii():
            self._filter(key.lower(), value, negated, start)
        else:
            self._words(bare, negated)

    def _bare(self) -> str:
        start = self.pos
        while self.pos < len(self.text) and not _ends_bare_term(self.text[self.pos]):
            self.pos += 1
        return self.text[start : self.pos]

    def _quoted(self) -> str:
        opening = self.pos
        self.pos += 1
        while self.pos < len(self.text) and self.text[self.pos] not in _QUOTE_CHARS:
            self.pos += 1
        if self.pos >= len(self.text):
            raise _Problem('unclosed quote: add a closing " to end the phrase', opening, len(self.text))
        content = self.text[opening + 1 : self.pos]
        self.pos += 1
        return content

    def _phrase(self, content: str, negated: bool) -> None:
        phrase = tuple(words(content))
        if phrase:
            (self.excluded_phrases if negated else self.phrases).append(phrase)

    def _words(self, bare: str, negated: bool) -> None:
        found = words(bare)
        if not negated:
            self.words.extend(found)
        elif len(found) == 1:
            self.excluded_words.append(found[0])
        elif found:
            self.excluded_phrases.append(tuple(found))

    def _filter(self, key: str, value: str, negated: bool, start: int) -> None:
        if key not in FILTERS:
            raise _Problem(_unknown_filter_message(key), start, self.pos)
        if not value and self.pos < len(self.text) and self.text[self.pos] in _QUOTE_CHARS:
            value = self._quoted()
        value = value.strip()
        if not value:
            raise _Problem(f"{key}: needs a value, e.g. {_FILTER_EXAMPLES[key]}", start, self.pos)
        term = Filter(key, value, tuple(words(value)), negated, start, self.pos)  # type: ignore[arg-type]
        if term.is_date:
            self._check_date(term, start)
        elif not term.words and not term.folded:
            raise _Problem(f"{key}: needs a value, e.g. {_FILTER_EXAMPLES[key]}", start, self.pos)
        self.filters.append(term)

    def _check_date(self, term: Filter, start: int) -> None:
        try:
            parse_date(term.value, tz=timezone.utc, date_order=self.date_order)
        except DateError as error:
            raise _Problem(f"{term.key}: {error}", start, self.pos) from None


def _ends_bare_term(char: str) -> bool:
    return char.isspace() or char in _QUOTE_CHARS


class _Problem(Exception):
    def __init__(self, message: str, start: int, end: int) -> None:
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end


def _unknown_filter_message(key: str) -> str:
    close = closest(key, FILTERS)
    if close:
        return f"unknown filter {key}: (did you mean {close}:?)"
    known = " ".join(f"{name}:" for name in FILTERS)
    return f"unknown filter {key}: (filters are {known}; put text with a colon in quotes)"
