"""What every export format shows, in which order and with which words.

The three renderers only decide how things look; the choice of facts, their labels, the
order of the timeline and the matrix columns live here so that Markdown, HTML and plain
text always tell the same story. Everything returned is plain, unescaped text: each
renderer escapes for its own syntax.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Callable, Iterable
from urllib.parse import urlsplit

from briefing.deck.model import (
    CREDIBILITY_WORDS,
    RELIABILITY_WORDS,
    Country,
    DatePoint,
    Deck,
    Event,
    Incident,
    KeyJudgment,
    Position,
    Question,
    Quote,
    Source,
    Speaker,
)


class ExportError(Exception):
    """A user-facing reason why an export could not be made or written (no traceback needed)."""


SECTION_TITLES = {
    "summary": "Summary",
    "judgments": "Key judgments",
    "incidents": "Incidents",
    "timeline": "Timeline",
    "countries": "Countries",
    "positions": "Positions matrix",
    "quotes": "Quotes",
    "sources": "Sources",
}

UNDATED = "Undated"
NO_POSITION = "—"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Deck text with control characters (escape sequences' ESC among them) dropped, tabs as spaces.

    The loader already removes control characters; exports go to terminals, mail and
    browsers, so they drop any that slip through rather than trust every caller.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """Deck text for a single-line slot (a title, a table cell): whitespace collapsed."""
    return " ".join(clean(text).split())


def web_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) address a reader may follow, else None."""
    if not url:
        return None
    candidate = url.strip()
    if any(ch.isspace() for ch in candidate) or _CONTROL.search(candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return candidate


DateText = Callable[[DatePoint], str]


def date_text_for(deck: Deck) -> DateText:
    """A formatter that writes each date at its own precision, in the deck's timezone."""
    from briefing.deck.dates import DateError, format_date_point, resolve_timezone

    try:
        tz = resolve_timezone(deck.timezone)
    except DateError:  # a loaded deck's timezone is valid; a hand-built one may not be
        tz = None
    return lambda point: one_line(format_date_point(point, tz))


def span_text(when: DatePoint | None, until: DatePoint | None, date_text: DateText) -> str | None:
    """'19 September 2025'; with an end date one interval, '19–20 September 2025'."""
    if when is None:
        return None
    if until is None:
        return date_text(when)
    if when.end is None:
        return date_text(replace(when, end=until))
    return f"{date_text(when)} – {date_text(until)}"


def country_label(country: Country) -> str:
    """'Estonia (EE)'; an organisation whose name is its code is just 'NATO'."""
    name = one_line(country.name)
    return name if name == country.code else f"{name} ({country.code})"


def speaker_label(speaker: Speaker) -> str:
    """'Gitanas Nausėda, President of Lithuania' for a person, 'Russia (RU)' for a country."""
    if isinstance(speaker, Country):
        return country_label(speaker)
    if speaker.role:
        return f"{one_line(speaker.name)}, {one_line(speaker.role)}"
    if speaker.country is not None:
        return f"{one_line(speaker.name)} ({one_line(speaker.country.name)})"
    return one_line(speaker.name)


def countries_text(countries: Iterable[Country]) -> str:
    return ", ".join(country_label(country) for country in countries)


@dataclass(frozen=True, slots=True)
class Fact:
    label: str
    value: str


def _facts(pairs: Iterable[tuple[str, str | None]]) -> tuple[Fact, ...]:
    return tuple(Fact(label, value) for label, value in pairs if value)


def incident_facts(incident: Incident, date_text: DateText) -> tuple[Fact, ...]:
    """The incident's facts in the order the brief shows them; absent ones are left out."""
    return _facts(
        (
            ("When", span_text(incident.when, incident.until, date_text)),
            ("Where", incident.where and one_line(incident.where)),
            ("Countries", countries_text(incident.countries)),
            ("Actor", incident.actor and country_label(incident.actor)),
            ("Kind", incident.kind and one_line(incident.kind)),
            ("Assets", incident.assets and one_line(incident.assets)),
            ("Duration", incident.duration and one_line(incident.duration)),
            ("Response", incident.response and one_line(incident.response)),
            ("Status", incident.status and incident.status.value),
            ("Tags", ", ".join(one_line(tag) for tag in incident.tags)),
        )
    )


def event_facts(event: Event, date_text: DateText) -> tuple[Fact, ...]:
    """What the timeline says about an event besides its title and date."""
    return _facts(
        (
            ("Where", event.where and one_line(event.where)),
            ("Countries", countries_text(event.countries)),
            ("Kind", event.kind and one_line(event.kind)),
            ("Sources", "; ".join(one_line(source.title) for source in event.sources)),
            ("Tags", ", ".join(one_line(tag) for tag in event.tags)),
        )
    )


def estimate_facts(judgment: KeyJudgment) -> tuple[Fact, ...]:
    """Likelihood and confidence as two separate facts: they answer different questions."""
    return _facts(
        (
            ("Likelihood", judgment.likelihood and judgment.likelihood.value),
            ("Confidence", judgment.confidence and judgment.confidence.value),
        )
    )


def quote_attribution(quote: Quote, date_text: DateText) -> str:
    """'Gitanas Nausėda, President of Lithuania; 22 September 2025; Interview in New York'."""
    parts = [speaker_label(quote.speaker)]
    if quote.when is not None:
        parts.append(date_text(quote.when))
    if quote.where:
        parts.append(one_line(quote.where))
    return "; ".join(parts)


def quote_source(quote: Quote) -> str | None:
    return one_line(quote.source.title) if quote.source is not None else None


def quote_subjects(quote: Quote) -> str:
    return "; ".join(f"{subject.kind} {one_line(subject.title)}" for subject in quote.about)


def grade_text(source: Source, credibility: int | None) -> str | None:
    """'B2 (usually reliable, probably true)': the Admiralty grade with what it means."""
    grade = source.grade(credibility)
    if not grade:
        return None
    words = [RELIABILITY_WORDS.get(source.reliability or "", ""), CREDIBILITY_WORDS.get(credibility or 0, "")]
    meaning = ", ".join(word for word in words if word)
    return f"{grade} ({meaning})" if meaning else grade


def grade_phrase(source: Source, credibility: int | None) -> str:
    """'grade B2 (usually reliable, probably true)', or 'ungraded'."""
    grade = grade_text(source, credibility)
    return f"grade {grade}" if grade else "ungraded"


def reliability_text(source: Source) -> str:
    """The source's own reliability for the sources list: 'B (usually reliable)'."""
    return grade_text(source, None) or "not graded"


def source_details(source: Source, date_text: DateText) -> str:
    """'Bloomberg, 25 September 2025': who published it and when, as far as the deck says."""
    parts = []
    if source.publisher:
        parts.append(one_line(source.publisher))
    if source.date is not None:
        parts.append(date_text(source.date))
    return ", ".join(parts)


def item_label(item: object, date_text: DateText) -> str:
    """How a citing item is named in the sources list: 'incident: Three MiG-31 jets ...'."""
    if isinstance(item, Incident):
        return f"incident: {one_line(item.title)}"
    if isinstance(item, Event):
        return f"event: {one_line(item.title)}"
    if isinstance(item, Quote):
        when = f", {date_text(item.when)}" if item.when is not None else ""
        return f"quote by {one_line(item.speaker.name)}{when}"
    return one_line(str(getattr(item, "title", "")))


@dataclass(frozen=True, slots=True)
class Lookups:
    """Which quotes are about an item and which items cite a source, computed once.

    Same answers as ``Deck.quotes_about`` and ``Deck.citing``, which scan every quote on
    each call: asked once per incident, that is quadratic on a 10,000-incident deck.
    """

    about: dict[str, tuple[Quote, ...]]
    citing: dict[str, tuple[Incident | Event | Quote, ...]]

    def quotes_about(self, item_id: str) -> tuple[Quote, ...]:
        return self.about.get(item_id, ())

    def cited_by(self, source_id: str) -> tuple[Incident | Event | Quote, ...]:
        return self.citing.get(source_id, ())


def lookups_for(deck: Deck) -> Lookups:
    about: dict[str, list[Quote]] = defaultdict(list)
    citing: dict[str, list[Incident | Event | Quote]] = defaultdict(list)
    for quote in deck.quotes:
        for subject_id in dict.fromkeys(subject.id for subject in quote.about):
            about[subject_id].append(quote)
    for item in (*deck.incidents, *deck.events):
        for source_id in dict.fromkeys(source.id for source in item.sources):
            citing[source_id].append(item)
    for quote in deck.quotes:
        if quote.source is not None:
            citing[quote.source.id].append(quote)
    return Lookups({k: tuple(v) for k, v in about.items()}, {k: tuple(v) for k, v in citing.items()})


def citing_labels(lookups: Lookups, source: Source, date_text: DateText) -> tuple[str, ...]:
    return tuple(item_label(item, date_text) for item in lookups.cited_by(source.id))


def entry_kind(entry: Incident | Event) -> str:
    return "incident" if isinstance(entry, Incident) else "event"


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One line of the timeline: its date text ('Undated' for undated entries) and entry."""

    date: str
    entry: Incident | Event

    @property
    def kind(self) -> str:
        return entry_kind(self.entry)


def timeline_rows(deck: Deck, date_text: DateText) -> tuple[TimelineRow, ...]:
    """Incidents and events in time order at their own precision; undated ones last."""
    return tuple(
        TimelineRow(span_text(entry.when, entry.until, date_text) or UNDATED, entry)
        for entry in deck.timeline_entries()
    )


def matrix_countries(deck: Deck) -> tuple[Country, ...]:
    """The matrix columns: every country with a position, in the order countries are declared."""
    codes = {position.country.code for question in deck.questions for position in question.positions}
    declared = [country for country in deck.countries if country.code in codes]
    seen = {country.code for country in declared}
    extra = [
        position.country
        for question in deck.questions
        for position in question.positions
        if position.country.code not in seen and not seen.add(position.country.code)
    ]
    return (*declared, *extra)


def matrix_legend(columns: Iterable[Country]) -> str:
    """'EE: Estonia; LT: Lithuania': the names behind the column codes."""
    return "; ".join(f"{one_line(c.code)}: {one_line(c.name)}" for c in columns if one_line(c.name) != one_line(c.code))


def stance_word(question: Question, country: Country) -> str:
    position = question.position_of(country.code)
    return position.stance.value if position is not None else NO_POSITION


def countries_with_positions(deck: Deck) -> tuple[tuple[Country, tuple[tuple[Question, Position], ...]], ...]:
    """Each country that has positions, with (question, position) pairs in question order."""
    rows = []
    for country in matrix_countries(deck):
        pairs = tuple(
            (question, position)
            for question in deck.questions
            for position in question.positions
            if position.country.code == country.code
        )
        rows.append((country, pairs))
    return tuple(rows)


def as_of_text(position: Position, date_text: DateText) -> str:
    """' (as of 25 September 2025)' when the position is dated, else ''."""
    return f" (as of {date_text(position.as_of)})" if position.as_of is not None else ""
