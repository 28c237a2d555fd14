"""Incidents and events placed in time, at the precision the deck gave each date.

A month-precision event spans its month and never becomes the 1st; a date known only to
a period wider than a column is drawn hatched. A ``when`` interval is one moment somewhere
in its window, so the whole window is the entry's uncertain start (hatched, like a month),
never a duration; ``until`` makes a duration, drawn as a bar, and ``until: ongoing`` runs
to the as-of date and stays open to the right. Every entry is placed once per deck
(``Placements``), in both units of the scale, and filters and view changes only pick from
those placements.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import NamedTuple

from ...deck.model import DatePoint, Deck, Event, Incident, Precision
from .scale import Unit, Zoom, column_of, hours_since_epoch, last_column, months_since_epoch, position, wall_clock

Entry = Incident | Event


class Span(NamedTuple):
    """One entry's positions in one unit: its first and last periods, and its extent."""

    start: float
    head_end: float
    """End of the period the start names (the whole month for '2025-09'; the whole window for
    'when: 2025-09-22/2025-09-25', where the day is unknown)."""
    tail_start: float
    """Start of the period the end names; equals ``start`` for a single date."""
    end: float


@dataclass(frozen=True, slots=True)
class Placed:
    """An incident or event with its position on the deck's wall clock, in both units."""

    item: Entry
    order: int
    hours: Span
    months: Span
    start_precision: Precision
    end_precision: Precision
    approximate_start: bool
    approximate_end: bool
    is_interval: bool
    """Whether it lasted: a ``when`` with an ``until``."""
    is_incident: bool
    ongoing: bool = False
    """``until: ongoing``: not ended as of the deck's as-of date, drawn open to the right."""

    @property
    def id(self) -> str:
        return self.item.id

    def span(self, unit: Unit) -> Span:
        return self.hours if unit is Unit.HOURS else self.months

    def extent(self, zoom: Zoom) -> tuple[int, int]:
        """First and last column the entry covers at this zoom."""
        span = self.span(zoom.unit)
        first = column_of(span.start, zoom)
        return first, max(first, last_column(span.end, zoom))

    def anchor(self, zoom: Zoom) -> int:
        return column_of(self.span(zoom.unit).start, zoom)

    def head_is_vague(self, zoom: Zoom) -> bool:
        """Whether the start is known only to a period wider than one column (drawn hatched)."""
        span = self.span(zoom.unit)
        return _is_vague(self.start_precision, span.start, span.head_end, zoom)

    def tail_is_vague(self, zoom: Zoom) -> bool:
        span = self.span(zoom.unit)
        return _is_vague(self.end_precision, span.tail_start, span.end, zoom)


def _is_vague(precision: Precision, start: float, end: float, zoom: Zoom) -> bool:
    """Month and year dates are always vague; a day is vague once a column is shorter than it."""
    if precision <= Precision.MONTH:
        return True
    return column_of(start, zoom) != max(column_of(start, zoom), last_column(end, zoom))


def entry_end_point(item: Entry) -> DatePoint | None:
    """Where a dated entry ends: ``until``, else the far end of a ``when`` window."""
    if item.until is not None:
        return item.until
    return item.when.end if item.when is not None else None


PeriodMemo = dict[tuple[datetime, Precision], tuple[float, float, float, float]]


def place_entry(item: Entry, order: int, tz: tzinfo, memo: PeriodMemo | None = None) -> Placed | None:
    """Positions for a dated entry; None for an undated one.

    ``memo`` shares the work between entries on the same day (most of a large deck's).
    """
    when = item.when
    if when is None:
        return None
    memo = memo if memo is not None else {}
    start_h, head_end_h, start_m, head_end_m = _period_positions(when, tz, memo)
    if when.end is not None and not when.end.ongoing:
        _, window_end_h, _, window_end_m = _period_positions(when.end, tz, memo)
        head_end_h, head_end_m = max(head_end_h, window_end_h), max(head_end_m, window_end_m)
    until = item.until
    tail_h, end_h, tail_m, end_m = start_h, head_end_h, start_m, head_end_m
    if until is not None:
        tail_h, end_h, tail_m, end_m = _period_positions(until, tz, memo)
        tail_h, tail_m = max(tail_h, head_end_h), max(tail_m, head_end_m)
        end_h, end_m = max(end_h, head_end_h), max(end_m, head_end_m)
    last = until if until is not None else when.end
    return Placed(
        item=item,
        order=order,
        hours=Span(start_h, head_end_h, tail_h, end_h),
        months=Span(start_m, head_end_m, tail_m, end_m),
        start_precision=when.precision,
        end_precision=last.precision if last is not None else when.precision,
        approximate_start=when.approximate,
        approximate_end=last.approximate if last is not None else when.approximate,
        is_interval=until is not None,
        is_incident=isinstance(item, Incident),
        ongoing=until is not None and until.ongoing,
    )


def _period_positions(point: DatePoint, tz: tzinfo, memo: PeriodMemo) -> tuple[float, float, float, float]:
    """Start and end (hours, then months) of the period one date names, ignoring any interval end."""
    key = (point.start, point.precision)
    found = memo.get(key)
    if found is None:
        start = wall_clock(point.start, tz)
        end = wall_clock(_period_end(DatePoint(point.start, point.precision)), tz)
        found = (hours_since_epoch(start), hours_since_epoch(end), months_since_epoch(start), months_since_epoch(end))
        memo[key] = found
    return found


def _period_end(point: DatePoint) -> datetime:
    """The point's exclusive end; the last representable moment for dates in year 9999."""
    try:
        return point.period_end()
    except (ValueError, OverflowError):
        return datetime.max.replace(tzinfo=point.start.tzinfo) - timedelta(days=1)


def entry_codes(item: Entry) -> tuple[str, ...]:
    """Every country or organisation involved: affected, actor, or taking part."""
    codes = [country.code for country in item.countries]
    actor = getattr(item, "actor", None)
    if actor is not None:
        codes.append(actor.code)
    return tuple(dict.fromkeys(codes))


def time_order(placed: Placed) -> tuple[float, int, int]:
    """Earlier first; at the same moment the more precise date first, then deck order."""
    return (placed.hours.start, -int(placed.start_precision), placed.order)


def _undated(item: Entry, order: int) -> Placed:
    nowhere = Span(0.0, 0.0, 0.0, 0.0)
    return Placed(item, order, nowhere, nowhere, Precision.YEAR, Precision.YEAR, False, False, False, isinstance(item, Incident))


@dataclass(frozen=True, slots=True)
class Placements:
    """Every entry of a deck placed once; filters and view changes only pick from these."""

    dated: tuple[Placed, ...]
    """In time order on the deck's wall clock."""
    undated: tuple[Placed, ...]
    tz: tzinfo

    @classmethod
    def of(cls, deck: Deck) -> Placements:
        tz = deck.zone
        dated: list[Placed] = []
        undated: list[Placed] = []
        memo: PeriodMemo = {}
        for order, item in enumerate(deck.timeline_entries()):
            spot = place_entry(item, order, tz, memo)
            if spot is None:
                undated.append(_undated(item, order))
            else:
                dated.append(spot)
        dated.sort(key=time_order)
        return cls(tuple(dated), tuple(undated), tz)


def as_of_span(point: DatePoint | None, tz: tzinfo) -> Span | None:
    """The as-of date's period, in hours, like an entry's."""
    if point is None:
        return None
    start = hours_since_epoch(wall_clock(point.start, tz))
    end = hours_since_epoch(wall_clock(_period_end(point), tz))
    return Span(start, end, start, end)


def point_columns(point: DatePoint, tz: tzinfo, zoom: Zoom) -> tuple[int, int]:
    """First and last column the period a date names covers at this zoom."""
    start = position(wall_clock(point.start, tz), zoom.unit)
    end = position(wall_clock(_period_end(point), tz), zoom.unit)
    first = column_of(start, zoom)
    return first, max(first, last_column(end, zoom))
