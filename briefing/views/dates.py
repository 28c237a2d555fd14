"""Dates as a screen or a handout writes them: at their own precision, in the deck's timezone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..deck.dates import format_date_point
from ..deck.model import DatePoint, Deck
from .text import one_line

DateText = Callable[[DatePoint], str]
UNDATED = "undated"


def date_text_for(deck: Deck) -> DateText:
    """A formatter that writes each date at its own precision, in the deck's timezone."""
    zone = deck.zone
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
