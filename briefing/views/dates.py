"""Dates as a screen or a handout writes them: at their own precision, in the deck's timezone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timezone, tzinfo

from ..deck.dates import DateError, format_date_point, resolve_timezone
from ..deck.model import DatePoint, Deck
from .text import one_line

DateText = Callable[[DatePoint], str]
UNDATED = "undated"


def deck_zone(deck: Deck) -> tzinfo:
    """The deck's timezone; UTC when it names none that resolves.

    A loaded deck's timezone always resolves (a bad one is a load error); a deck built by
    hand, as tests and benchmarks do, may not. To be replaced by ``Deck.zone`` once the
    deck core has it.
    """
    try:
        return resolve_timezone(deck.timezone)
    except DateError:
        return timezone.utc


def date_text_for(deck: Deck) -> DateText:
    """A formatter that writes each date at its own precision, in the deck's timezone."""
    zone = deck_zone(deck)
    return lambda point: one_line(format_date_point(point, zone))


def span_text(when: DatePoint | None, until: DatePoint | None, date_text: DateText) -> str | None:
    """'19 September 2025'; with an end date one interval, '19–20 September 2025'."""
    if when is None:
        return None
    if until is None:
        return date_text(when)
    if when.end is None:
        return date_text(replace(when, end=until))
    return f"{date_text(when)} – {date_text(until)}"


def when_text(point: DatePoint | None, until: DatePoint | None = None) -> str:
    """A date (and optional end) at the precision the deck gave, as written, or 'undated'."""
    if point is None:
        return UNDATED
    if until is None or until == point:
        return point.format()
    return f"{point.format()} – {until.format()}"
