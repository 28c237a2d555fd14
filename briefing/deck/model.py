"""The deck model: immutable, cross-referenced, and every object knows its source place.

The loader builds these objects once per load; the UI, search and export only read them.
References are resolved at load time, so callers write ``quote.speaker.country.name``
rather than looking ids up in dictionaries. The one back-reference that would make a cycle
(a quote is *about* a question whose positions cite that quote) is kept as :class:`Subject`
records plus lookups on :class:`Deck`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from enum import Enum, IntEnum
from pathlib import Path
from typing import Iterator, Literal, Mapping, Union

from .text import printable


@dataclass(frozen=True, slots=True, order=True)
class Place:
    """Where a value was written: ``path`` as the user would type it, 1-based line and column.

    ``path`` is the real name (the editor opens it); ``str(place)`` is what any screen or
    output shows, with escape sequences and other control characters in the name made visible.
    """

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{printable(self.path)}:{self.line}:{self.column}"


NOWHERE = Place("<none>", 0, 0)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem with a deck, reported at the place the author must change.

    ``code`` names the kind of problem for machines (one of :mod:`.codes`);
    ``suggestion`` is the word a "did you mean" in the message offers, on its own.
    """

    place: Place
    severity: Severity
    message: str
    code: str = ""
    suggestion: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.place.path, self.place.line, self.place.column, self.severity is not Severity.ERROR, self.message)

    def __str__(self) -> str:
        return f"{self.place}: {self.severity.value}: {printable(self.message)}"


class Precision(IntEnum):
    """How much of a date the author really gave; finer precisions compare greater."""

    YEAR = 1
    MONTH = 2
    DAY = 3
    MINUTE = 4
    SECOND = 5


@dataclass(frozen=True, slots=True)
class DatePoint:
    """A date as precise as the source made it.

    ``start`` is timezone-aware: the first instant of the period the text names (midnight in
    the deck's timezone for a day, the 1st for a month). ``end`` is the far end of an
    interval (``2025-09-22/2025-09-25``), itself a DatePoint with its own precision.
    ``ongoing`` marks an ``until: ongoing`` end: not ended as of the deck's ``as_of``, which
    it carries as its ``start`` so that a timeline draws it up to the as-of date.
    """

    start: datetime
    precision: Precision
    approximate: bool = False
    end: DatePoint | None = None
    text: str = ""
    ongoing: bool = False

    def period_end(self) -> datetime:
        """The first instant after the period this point names (exclusive)."""
        last = self.end if self.end is not None else self
        return _advance(last.start, last.precision)

    @property
    def is_interval(self) -> bool:
        return self.end is not None

    def sort_key(self) -> tuple[datetime, int]:
        return (self.start, -int(self.precision))

    def format(self, tz=None) -> str:
        """Text at the date's real precision: 'September 2025', '19 September 2025', ..."""
        from .dates import format_date_point

        return format_date_point(self, tz)

    def __str__(self) -> str:
        return self.format()


def _advance(moment: datetime, precision: Precision) -> datetime:
    if precision is Precision.YEAR:
        return moment.replace(year=moment.year + 1, month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if precision is Precision.MONTH:
        year, month = (moment.year + 1, 1) if moment.month == 12 else (moment.year, moment.month + 1)
        return moment.replace(year=year, month=month, day=1, hour=0, minute=0, second=0, microsecond=0)
    if precision is Precision.DAY:
        return moment + timedelta(days=1)
    if precision is Precision.MINUTE:
        return moment + timedelta(minutes=1)
    return moment + timedelta(seconds=1)


class Stance(str, Enum):
    SUPPORT = "support"
    OPPOSE = "oppose"
    CAUTIOUS = "cautious"
    UNDECIDED = "undecided"


class Status(str, Enum):
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"
    DENIED = "denied"
    UNVERIFIED = "unverified"


class Confidence(str, Enum):
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class Likelihood(str, Enum):
    """The ICD 203 words of estimative probability, from least to most likely."""

    ALMOST_NO_CHANCE = "almost no chance"
    VERY_UNLIKELY = "very unlikely"
    UNLIKELY = "unlikely"
    ROUGHLY_EVEN_CHANCE = "roughly even chance"
    LIKELY = "likely"
    VERY_LIKELY = "very likely"
    ALMOST_CERTAIN = "almost certain"


class DateOrder(str, Enum):
    DMY = "DMY"
    MDY = "MDY"
    YMD = "YMD"


RELIABILITY_GRADES = "ABCDEF"
CREDIBILITY_GRADES = range(1, 7)

RELIABILITY_WORDS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
"""What each Admiralty reliability letter says of a source (the exports and the schema say it)."""

CREDIBILITY_WORDS = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
"""What each Admiralty credibility digit says of a piece of information."""


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    place: Place
    publisher: str | None = None
    date: DatePoint | None = None
    url: str | None = None
    reliability: str | None = None

    def grade(self, credibility: int | None = None) -> str:
        """The Admiralty grade as analysts write it: 'B2', 'B', '2', or '' when ungraded."""
        return f"{self.reliability or ''}{credibility if credibility is not None else ''}"


@dataclass(frozen=True, slots=True)
class Country:
    """A country or an organisation (NATO, EU): anything with a 2-8 capital letter code."""

    code: str
    name: str
    place: Place
    groups: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    place: Place
    role: str | None = None
    country: Country | None = None


Speaker = Union[Country, Person]


@dataclass(frozen=True, slots=True)
class Claim:
    """What one side says about an incident; a denial is a claim too."""

    by: Speaker
    text: str
    place: Place


@dataclass(frozen=True, slots=True)
class Subject:
    """A pointer to what a quote is about, without holding the object (that would be a cycle)."""

    kind: Literal["question", "incident", "event"]
    id: str
    title: str
    place: Place


@dataclass(frozen=True, slots=True)
class KeyJudgment:
    text: str
    place: Place
    confidence: Confidence | None = None
    likelihood: Likelihood | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    speaker: Person
    text: str
    place: Place
    when: DatePoint | None = None
    where: str | None = None
    source: Source | None = None
    about: tuple[Subject, ...] = ()


@dataclass(frozen=True, slots=True)
class Incident:
    id: str
    title: str
    place: Place
    when: DatePoint | None = None
    until: DatePoint | None = None
    where: str | None = None
    countries: tuple[Country, ...] = ()
    actor: Country | None = None
    kind: str | None = None
    assets: str | None = None
    duration: str | None = None
    response: str | None = None
    status: Status | None = None
    claims: tuple[Claim, ...] = ()
    summary: str | None = None
    notes: str | None = None
    sources: tuple[Source, ...] = ()
    credibility: int | None = None
    tags: tuple[str, ...] = ()

    def grades(self) -> tuple[str, ...]:
        """Each source's Admiralty grade with this incident's credibility, e.g. ('B2',)."""
        return tuple(source.grade(self.credibility) for source in self.sources)


@dataclass(frozen=True, slots=True)
class Event:
    """A timeline entry that is not an incident: a meeting, a warning, a decision."""

    id: str
    title: str
    place: Place
    when: DatePoint | None = None
    until: DatePoint | None = None
    where: str | None = None
    countries: tuple[Country, ...] = ()
    kind: str | None = None
    summary: str | None = None
    notes: str | None = None
    sources: tuple[Source, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Position:
    question_id: str
    country: Country
    stance: Stance
    place: Place
    summary: str | None = None
    as_of: DatePoint | None = None
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    title: str
    place: Place
    positions: tuple[Position, ...] = ()

    def position_of(self, code: str) -> Position | None:
        for position in self.positions:
            if position.country.code == code:
                return position
        return None


Item = Union[Incident, Event, Question, Quote, Source, Country, Person]


@dataclass(frozen=True, slots=True)
class Deck:
    """A whole, valid deck. Lookups by id are precomputed by the loader."""

    title: str
    path: Path
    place: Place
    format: int = 1
    subtitle: str | None = None
    as_of: DatePoint | None = None
    timezone: str = "UTC"
    date_order: DateOrder | None = None
    classification: str | None = None
    theme: str | None = None
    summary: str | None = None
    key_judgments: tuple[KeyJudgment, ...] = ()
    single_source_acknowledged: bool = False
    """The author says the deck rests on one source on purpose (``single_source: acknowledged``)."""
    sources: tuple[Source, ...] = ()
    countries: tuple[Country, ...] = ()
    people: tuple[Person, ...] = ()
    incidents: tuple[Incident, ...] = ()
    events: tuple[Event, ...] = ()
    questions: tuple[Question, ...] = ()
    quotes: tuple[Quote, ...] = ()
    files: tuple[Path, ...] = ()
    setting_places: Mapping[str, Place] = field(default_factory=dict, compare=False, hash=False, repr=False)
    """Where the deck file writes each setting's value (``theme:`` ...): for messages about it."""
    _index: dict[str, Item] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        if not self._index:
            index = self._index
            for section in (self.sources, self.people, self.incidents, self.events, self.questions, self.quotes):
                for item in section:
                    index.setdefault(item.id, item)
            for country in self.countries:
                index.setdefault(country.code, country)

    @property
    def zone(self) -> tzinfo:
        """The deck's timezone as a ``tzinfo`` (UTC when ``timezone`` names none): the one
        place that turns the setting into a zone, for every screen and export."""
        from .dates import zone_or_utc

        return zone_or_utc(self.timezone)

    def setting_place(self, key: str) -> Place:
        """Where the value of setting ``key`` is written, or the deck's own place."""
        return self.setting_places.get(key, self.place)

    def get(self, key: str) -> Item | None:
        """The item with this id (or country code), or None."""
        return self._index.get(key)

    def country(self, code: str) -> Country | None:
        item = self._index.get(code)
        return item if isinstance(item, Country) else None

    def timeline_entries(self) -> Iterator[Incident | Event]:
        """Incidents and events together, dated ones in time order, undated ones last."""
        entries: list[Incident | Event] = [*self.incidents, *self.events]
        dated = sorted((e for e in entries if e.when is not None), key=lambda e: e.when.sort_key())
        yield from dated
        yield from (e for e in entries if e.when is None)

    def quotes_about(self, item_id: str) -> tuple[Quote, ...]:
        return tuple(q for q in self.quotes if any(s.id == item_id for s in q.about))

    def quotes_by(self, person_id: str) -> tuple[Quote, ...]:
        return tuple(q for q in self.quotes if q.speaker.id == person_id)

    def citing(self, source_id: str) -> tuple[Item, ...]:
        """Every item that cites this source, in deck order."""
        cited: list[Item] = []
        for item in (*self.incidents, *self.events):
            if any(s.id == source_id for s in item.sources):
                cited.append(item)
        cited.extend(q for q in self.quotes if q.source is not None and q.source.id == source_id)
        return tuple(cited)
