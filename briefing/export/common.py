"""What every export format shows, in which order and with which words.

The three renderers only decide how things look; the choice of facts and the order of the
timeline live here, and the words (labels, dates, grades) and the matrix come from
``briefing.views``, the same ones the screens use, so that Markdown, HTML, plain text and
the screen always tell the same story. Everything returned is plain, unescaped text: each
renderer escapes for its own syntax.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable
from urllib.parse import urlsplit

from briefing.deck.model import Deck, Event, Incident, KeyJudgment, Source
from briefing.views.dates import DateText, date_text_for, span_text
from briefing.views.labels import (
    as_of_text,
    citing_label,
    countries_label,
    country_label,
    grade_phrase,
    grade_text,
    kind_of,
    quote_attribution,
    quote_source,
    quote_subjects,
    reliability_text,
    source_details,
    speaker_label,
)
from briefing.views.lookups import Lookups, lookups_for
from briefing.views.matrix import NO_POSITION, countries_with_positions, matrix_countries, matrix_legend, stance_word
from briefing.views.text import clean, has_control, one_line

__all__ = [
    "NO_POSITION",
    "SECTION_TITLES",
    "UNDATED",
    "DateText",
    "ExportError",
    "Fact",
    "Lookups",
    "TimelineRow",
    "as_of_text",
    "citing_labels",
    "clean",
    "countries_with_positions",
    "country_label",
    "date_text_for",
    "estimate_facts",
    "event_facts",
    "grade_phrase",
    "grade_text",
    "incident_facts",
    "lookups_for",
    "matrix_countries",
    "matrix_legend",
    "one_line",
    "quote_attribution",
    "quote_source",
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
            ("Countries", countries_label(incident.countries)),
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
            ("Countries", countries_label(event.countries)),
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


def citing_labels(lookups: Lookups, source: Source, date_text: DateText) -> tuple[str, ...]:
    return tuple(citing_label(item, date_text) for item in lookups.cited_by(source.id))


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
