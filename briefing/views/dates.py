"""Dates as a screen or a handout writes them: at their own precision, in the deck's timezone.

A date says how much is known, and the words must too. An interval in ``when`` is one
moment somewhere in a window, not something that lasted the whole window, so it reads
"the day is unknown within 22–25 September 2025", never "22–25 September 2025" (which reads
as a four-day meeting); a ``when`` with an ``until`` is what lasted ("9–10 September 2025"),
and ``until: ongoing`` reads "from 22 September 2025, ongoing". The screens and every
handout take these words from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..deck.dates import format_date_point, format_date_point_short
from ..deck.model import DatePoint, Deck, Precision
from .text import one_line

DateText = Callable[[DatePoint], str]
UNDATED = "undated"

UNKNOWN_UNITS = {
    Precision.YEAR: "year",
    Precision.MONTH: "month",
    Precision.DAY: "day",
    Precision.MINUTE: "time",
    Precision.SECOND: "time",
}
"""What is unknown within an uncertain window, named by the finer of its two ends."""


def date_text_for(deck: Deck) -> DateText:
    """A formatter that writes each date at its own precision, in the deck's timezone."""
    zone = deck.zone
    return lambda point: one_line(format_date_point(point, zone))


def short_date_text_for(deck: Deck) -> DateText:
    """The compact formatter, for references and tight columns: '25 Sep 2025'."""
    zone = deck.zone
    return lambda point: one_line(format_date_point_short(point, zone))


def is_uncertain(point: DatePoint | None) -> bool:
    """Whether ``point`` is a window that holds one moment (an interval in ``when``)."""
    return point is not None and point.end is not None and not point.end.ongoing


def uncertain_text(point: DatePoint, date_text: DateText) -> str:
    """'the day is unknown within 22–25 September 2025': a window, never a duration."""
    return f"the {_unknown_unit(point)} is unknown within {date_text(point)}"


def _unknown_unit(point: DatePoint) -> str:
    finest = max(point.precision, point.end.precision) if point.end is not None else point.precision
    return UNKNOWN_UNITS[finest]


def span_text(when: DatePoint | None, until: DatePoint | None, date_text: DateText) -> str | None:
    """An item's date in words, or None when it has none.

    '19 September 2025'; 'September 2025' (a month, never a made-up day); with an end date
    one interval, '9–10 September 2025'; 'from 22 September 2025, ongoing'; an interval in
    ``when`` 'the day is unknown within 22–25 September 2025', and with an end
    'from a day unknown within 22–25 September 2025 to 30 September 2025'.
    """
    if when is None:
        return None
    if is_uncertain(when):
        return uncertain_text(when, date_text) if until is None else _uncertain_start(when, until, date_text)
    if until is None:
        return date_text(when)
    return date_text(replace(when, end=until))


def _uncertain_start(when: DatePoint, until: DatePoint, date_text: DateText) -> str:
    start = f"from a {_unknown_unit(when)} unknown within {date_text(when)}"
    return f"{start}, ongoing" if until.ongoing else f"{start} to {date_text(until)}"


def when_text(point: DatePoint | None, until: DatePoint | None = None, date_text: DateText | None = None) -> str:
    """:func:`span_text` for a screen, where a missing date shows as 'undated'.

    Without ``date_text`` each date is written as the deck gave it (times in their own offset).
    """
    return span_text(point, until, date_text or format_date_point) or UNDATED
