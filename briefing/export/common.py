"""What every export format shows, in which order and with which words.

The three renderers only decide how things look; the choice of facts and the order of the
timeline live here, and the words (labels, dates, grades) and the matrix come from
``briefing.views``, the same ones the screens use, so that Markdown, HTML, plain text and
the screen always tell the same story. Everything returned is plain, unescaped text: each
renderer escapes for its own syntax.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from briefing.deck.model import Deck, Event, Incident, KeyJudgment, Quote, Source
from briefing.views.dates import DateText, date_text_for, short_date_text_for, span_text
from briefing.views.labels import (
    ClaimSide,
    Fact,
    as_of_text,
    claims_by_side,
    country_label,
    event_facts,
    grade_phrase,
    grade_text,
    incident_facts,
    kind_of,
    quote_attribution,
    quote_label,
    quote_reference,
    quote_subjects,
    reliability_text,
    short_title,
    source_cite,
    source_details,
    source_label,
    speaker_label,
)
from briefing.views.lookups import Lookups, lookups_for
from briefing.views.matrix import NO_POSITION, countries_with_positions, matrix_countries, matrix_legend, stance_word
from briefing.views.text import clean, has_control, one_line

__all__ = [
    "NO_POSITION",
    "SECTION_TITLES",
    "UNDATED",
    "ClaimSide",
    "DateText",
    "ExportError",
    "Fact",
    "Handout",
    "TimelineRow",
    "as_of_text",
    "claims_by_side",
    "clean",
    "countries_with_positions",
    "country_label",
    "date_text_for",
    "estimate_facts",
    "grade_phrase",
    "grade_text",
    "handout_for",
    "incident_facts",
    "matrix_countries",
    "matrix_legend",
    "one_line",
    "quote_attribution",
    "quote_subjects",
    "reliability_text",
    "source_details",
    "speaker_label",
    "stance_word",
    "timeline_rows",
    "web_url",
]


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


def web_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) address a reader may follow, else None."""
    if not url:
        return None
    candidate = url.strip()
    if any(ch.isspace() for ch in candidate) or has_control(candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return candidate


def estimate_facts(judgment: KeyJudgment) -> tuple[Fact, ...]:
    """Likelihood and confidence as two separate facts: they answer different questions."""
    pairs = (
        ("Likelihood", judgment.likelihood and judgment.likelihood.value),
        ("Confidence", judgment.confidence and judgment.confidence.value),
    )
    return tuple(Fact(label, value) for label, value in pairs if value)


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One line of the timeline: its date text ('Undated' for undated entries) and entry."""

    date: str
    entry: Incident | Event

    @property
    def kind(self) -> str:
        return kind_of(self.entry)


def timeline_rows(deck: Deck, date_text: DateText) -> tuple[TimelineRow, ...]:
    """Incidents and events in time order at their own precision; undated ones last."""
    return tuple(
        TimelineRow(span_text(entry.when, entry.until, date_text) or UNDATED, entry)
        for entry in deck.timeline_entries()
    )


@dataclass(frozen=True, slots=True)
class Handout:
    """The deck with what every renderer asks of it: date words, lookups, and the numbers
    by which quotes (Q1 …) and sources (S1 …) are cited.

    Each quote is given in full once, in the Quotes section, and cited by its label
    elsewhere; each source is given in full once, in the Sources section.
    """

    deck: Deck
    date_text: DateText
    short_date: DateText
    lookups: Lookups
    quote_numbers: dict[str, int]
    source_numbers: dict[str, int]

    def quote_label(self, quote: Quote) -> str | None:
        """'Q7', or None for a quote the Quotes section does not hold."""
        number = self.quote_numbers.get(quote.id)
        return quote_label(number) if number is not None else None

    def quote_reference(self, quote: Quote) -> str:
        """'Q7 (Donald Tusk, 22 Sep 2025)', for a quote the Quotes section holds."""
        return quote_reference(quote, quote_label(self.quote_numbers[quote.id]), self.short_date)

    def cited_quotes(self, quotes: tuple[Quote, ...]) -> tuple[tuple[Quote, ...], tuple[Quote, ...]]:
        """``quotes`` split into those the Quotes section holds (cited by label here) and any
        it does not, which a hand-built deck may have (given in full where they are)."""
        held = tuple(quote for quote in quotes if quote.id in self.quote_numbers)
        return held, tuple(quote for quote in quotes if quote.id not in self.quote_numbers)

    def source_cite(self, source: Source, credibility: int | None = None) -> str:
        """'S1 Bloomberg, B2'."""
        return source_cite(source, self.source_label(source), credibility)

    def source_label(self, source: Source) -> str | None:
        number = self.source_numbers.get(source.id)
        return source_label(number) if number is not None else None

    def source_name(self, source: Source) -> str:
        """How an incident names its source after the label: 'Bloomberg, 25 September 2025';
        the full title is left to the list of sources (without a publisher a short title
        names the source; without a label, as for a source the deck does not list, the whole)."""
        if self.source_label(source) is None:
            parts = [one_line(source.title), source_details(source, self.date_text)]
        else:
            parts = [one_line(source.publisher) if source.publisher else short_title(source.title)]
            parts.append(self.date_text(source.date) if source.date is not None else "")
        return ", ".join(part for part in parts if part)

    def source_line(self, source: Source, credibility: int | None) -> str:
        """'S1 Bloomberg, 25 September 2025 — grade B2 (usually reliable, probably true)'."""
        name = " ".join(part for part in (self.source_label(source), self.source_name(source)) if part)
        return f"{name} — {grade_phrase(source, credibility)}"

    def quote_source(self, quote: Quote) -> str | None:
        return self.source_cite(quote.source) if quote.source is not None else None

    def incident_facts(self, incident: Incident) -> tuple[Fact, ...]:
        return incident_facts(incident, self.date_text)

    def event_facts(self, event: Event) -> tuple[Fact, ...]:
        """What the timeline says of an event besides its date and title; sources by label."""
        facts = {fact.label: fact for fact in event_facts(event, self.date_text)}
        cited = "; ".join(self.source_cite(source) for source in event.sources)
        if cited:
            facts["Sources"] = Fact("Sources", cited)
        return tuple(facts[label] for label in ("Where", "Countries", "Kind", "Sources", "Tags") if label in facts)

    def cited_by(self, source: Source) -> tuple[str, ...]:
        """What cites ``source``, an entry each ('incident: Drones cross into Poland'), and its
        quotes as one entry of labels ('quotes Q1–Q12')."""
        items = self.lookups.cited_by(source.id)
        entries = [f"{kind_of(item)}: {one_line(item.title)}" for item in items if not isinstance(item, Quote)]
        numbers = [self.quote_numbers[item.id] for item in items if isinstance(item, Quote) and item.id in self.quote_numbers]
        if numbers:
            entries.append(("quote " if len(numbers) == 1 else "quotes ") + number_runs(numbers, quote_label))
        return tuple(entries)


def handout_for(deck: Deck, date_text: DateText) -> Handout:
    return Handout(
        deck,
        date_text,
        short_date_text_for(deck),
        lookups_for(deck),
        {quote.id: number for number, quote in enumerate(deck.quotes, 1)},
        {source.id: number for number, source in enumerate(deck.sources, 1)},
    )


def number_runs(numbers: list[int], label: Callable[[int], str]) -> str:
    """'Q1–Q3, Q7': labels whose numbers follow one another written as one run."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(label(run[0]) if len(run) == 1 else f"{label(run[0])}–{label(run[-1])}" for run in runs)
