"""The timeline's time scale: zoom levels, positions and columns, ticks and the axis.

Time is laid out on the deck's wall clock: a day starts at local midnight in the deck's
timezone, so an event at 23:30 Tallinn time is drawn on that day, not on the UTC one, and
day cells stay aligned with calendar days across daylight-saving changes. A zoom counts
columns in hours (hours to weeks) or in calendar months (months to years).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import Enum
from typing import NamedTuple

from ...deck.dates import MONTHS, MONTHS_SHORT

EPOCH = datetime(2000, 1, 3)
"""Column 0 of every hour-based zoom: a Monday at midnight, so week cells start on Mondays."""
EPOCH_YEAR = 2000


class Unit(Enum):
    """What a zoom counts in: hours (for hours to weeks) or calendar months (months to years)."""

    HOURS = "hours"
    MONTHS = "months"


class TickKind(Enum):
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class TickRule:
    """Ticks every ``step`` ``kind`` (every 6 hours, every Monday, every quarter ...)."""

    kind: TickKind
    step: int
    label: Callable[[datetime], str]
    width: int
    """The widest label this rule writes, to tell whether labels fit between ticks."""
    hours: float
    """A tick interval's nominal length, for choosing the finest rule whose labels fit."""


@dataclass(frozen=True, slots=True)
class Zoom:
    name: str
    per_column: str
    unit: Unit
    size: int
    """Base units (hours or months) per column."""
    major: TickRule
    minor: tuple[TickRule, ...]
    """Candidates for the lower axis row, finest first; the first whose labels fit is used."""
    scale: int = 1
    """Terminal cells a column is drawn in: a magnified zoom widens the columns of a coarser
    one, so what fills a cell still means a whole column (a day), never part of it."""

    @property
    def hours(self) -> float:
        return self.size if self.unit is Unit.HOURS else self.size * 730.5


def _hour_label(moment: datetime) -> str:
    return f"{moment:%H}:00"


def _day_label(moment: datetime) -> str:
    return str(moment.day)


def _weekday_day_label(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {MONTHS_SHORT[moment.month - 1]}"


def _month_year_label(moment: datetime) -> str:
    return f"{MONTHS[moment.month - 1]} {moment.year}"


def _month_label(moment: datetime) -> str:
    return MONTHS_SHORT[moment.month - 1]


def _quarter_label(moment: datetime) -> str:
    return f"Q{(moment.month - 1) // 3 + 1}"


def _year_label(moment: datetime) -> str:
    return str(moment.year)


def _short_year_label(moment: datetime) -> str:
    return f"'{moment.year % 100:02d}"


def _decade_label(moment: datetime) -> str:
    return f"{moment.year}s"


HOURLY = tuple(TickRule(TickKind.HOUR, step, _hour_label, 5, step) for step in (1, 3, 6, 12))
DAILY = TickRule(TickKind.DAY, 1, _day_label, 2, 24)
WEEKLY = TickRule(TickKind.WEEK, 1, _day_label, 2, 168)
DAY_MAJOR = TickRule(TickKind.DAY, 1, _weekday_day_label, 10, 24)
MONTH_MAJOR = TickRule(TickKind.MONTH, 1, _month_year_label, 14, 730.5)
MONTHLY = TickRule(TickKind.MONTH, 1, _month_label, 3, 730.5)
QUARTERLY = TickRule(TickKind.MONTH, 3, _quarter_label, 2, 2191.5)
YEARLY = TickRule(TickKind.YEAR, 1, _year_label, 4, 8766)
YEARLY_SHORT = TickRule(TickKind.YEAR, 1, _short_year_label, 3, 8766)
FIVE_YEARLY = TickRule(TickKind.YEAR, 5, _year_label, 4, 43830)
DECADES = TickRule(TickKind.YEAR, 10, _decade_label, 5, 87660)

ZOOMS: tuple[Zoom, ...] = (
    Zoom("hours", "1 hour", Unit.HOURS, 1, DAY_MAJOR, HOURLY),
    Zoom("3 hours", "3 hours", Unit.HOURS, 3, MONTH_MAJOR, (DAILY,)),
    Zoom("days ×3", "1 day", Unit.HOURS, 24, MONTH_MAJOR, (DAILY, WEEKLY), scale=3),
    Zoom("days ×2", "1 day", Unit.HOURS, 24, MONTH_MAJOR, (DAILY, WEEKLY), scale=2),
    Zoom("days", "1 day", Unit.HOURS, 24, MONTH_MAJOR, (WEEKLY, MONTHLY)),
    Zoom("weeks ×3", "1 week", Unit.HOURS, 168, MONTH_MAJOR, (WEEKLY, MONTHLY), scale=3),
    Zoom("weeks ×2", "1 week", Unit.HOURS, 168, YEARLY, (MONTHLY, QUARTERLY), scale=2),
    Zoom("weeks", "1 week", Unit.HOURS, 168, YEARLY, (MONTHLY, QUARTERLY)),
    Zoom("months", "1 month", Unit.MONTHS, 1, YEARLY, (QUARTERLY,)),
    Zoom("quarters", "3 months", Unit.MONTHS, 3, DECADES, (YEARLY_SHORT, FIVE_YEARLY)),
    Zoom("years", "1 year", Unit.MONTHS, 12, DECADES, (FIVE_YEARLY, DECADES)),
)
DAYS_ZOOM = 4
"""A column a day, one cell wide. Before it, 'days ×3' and 'days ×2' draw the same day
columns three and two cells wide, so a fortnight's events fill an 80-column screen instead
of a sixth of it, and a date known to the day is still one day, never an hour of it;
'weeks ×3' and 'weeks ×2' do the same for a season's."""


def wall_clock(moment: datetime, tz: tzinfo) -> datetime:
    """The moment as a naive date and time on the deck's clocks."""
    return moment.astimezone(tz).replace(tzinfo=None)


def hours_since_epoch(wall: datetime) -> float:
    return (wall - EPOCH).total_seconds() / 3600


def months_since_epoch(wall: datetime) -> float:
    """Whole months since January 2000 plus how far through its month ``wall`` is."""
    first = wall.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    index = (wall.year - EPOCH_YEAR) * 12 + wall.month - 1
    if wall == first:
        return float(index)
    return index + (wall - first) / (_next_month(first) - first)


def _next_month(first: datetime) -> datetime:
    if first.month == 12:
        return first.replace(year=first.year + 1, month=1)
    return first.replace(month=first.month + 1)


def position(wall: datetime, unit: Unit) -> float:
    return hours_since_epoch(wall) if unit is Unit.HOURS else months_since_epoch(wall)


def column_of(pos: float, zoom: Zoom) -> int:
    return math.floor(pos / zoom.size)


def last_column(end: float, zoom: Zoom) -> int:
    """The column holding the last instant before the exclusive position ``end``."""
    return math.ceil(end / zoom.size) - 1


def column_start(col: int, zoom: Zoom) -> datetime:
    """The wall-clock moment where a column begins (for axis labels)."""
    base = col * zoom.size
    if zoom.unit is Unit.HOURS:
        return EPOCH + timedelta(hours=base)
    year, month = divmod(base, 12)
    return datetime(EPOCH_YEAR + year, month + 1, 1)


# --------------------------------------------------------------------------- the axis


class Tick(NamedTuple):
    column: int
    """Relative to the left edge of the view."""
    label: str


@dataclass(frozen=True, slots=True)
class Axis:
    major: tuple[Tick, ...]
    minor: tuple[Tick, ...]
    minor_columns: frozenset[int]
    """Absolute columns of the minor ticks: the lanes draw a grid dot there."""
    as_of: tuple[int, int] | None


def minor_rule(zoom: Zoom) -> TickRule:
    """The finest candidate whose labels fit between its ticks at this zoom."""
    for rule in zoom.minor:
        if rule.hours / zoom.hours * zoom.scale >= rule.width + 1:
            return rule
    return zoom.minor[-1]


def build_axis(zoom: Zoom, left: int, width: int, as_of: tuple[int, int] | None = None) -> Axis:
    """The axis of ``width`` columns from ``left``; ``as_of`` gives the as-of date's columns
    (``Timeline.as_of_columns``) to mark. Tick positions are in terminal cells (a column is
    ``zoom.scale`` cells); ``minor_columns`` and ``as_of`` stay in columns."""
    minor = minor_rule(zoom)
    minor_columns = list(_ticks(minor, zoom, left, width))
    minor_ticks = _in_cells(minor_columns, zoom)
    major_ticks = _in_cells(list(_ticks(zoom.major, zoom, left, width)), zoom)
    major_ticks = _with_leading_label(major_ticks, zoom.major, zoom, left)
    cells = width * zoom.scale
    return Axis(
        major=tuple(_fit_labels(major_ticks, cells)),
        minor=tuple(_fit_labels(minor_ticks, cells)),
        minor_columns=frozenset(left + tick.column for tick in minor_columns),
        as_of=as_of,
    )


def _in_cells(ticks: list[Tick], zoom: Zoom) -> list[Tick]:
    return [Tick(tick.column * zoom.scale, tick.label) for tick in ticks] if zoom.scale != 1 else ticks


def _ticks(rule: TickRule, zoom: Zoom, left: int, width: int) -> Iterator[Tick]:
    try:
        start, end = column_start(left, zoom), column_start(left + width, zoom)
    except (ValueError, OverflowError):
        return
    for moment in _boundaries(rule, start, end):
        col = column_of(position(moment, zoom.unit), zoom) - left
        if 0 <= col < width:
            yield Tick(col, rule.label(moment))


def _boundaries(rule: TickRule, start: datetime, end: datetime) -> Iterator[datetime]:
    """Calendar boundaries of the rule's kind from ``start`` (inclusive) to ``end``."""
    try:
        moment = _first_boundary(rule, start)
        while moment < end:
            yield moment
            moment = _step(rule, moment)
    except (ValueError, OverflowError):
        return


def _first_boundary(rule: TickRule, start: datetime) -> datetime:
    kind, step = rule.kind, rule.step
    if kind is TickKind.HOUR:
        moment = start.replace(minute=0, second=0, microsecond=0)
        moment = moment.replace(hour=moment.hour - moment.hour % step)
    elif kind is TickKind.DAY:
        moment = start.replace(hour=0, minute=0, second=0, microsecond=0)
    elif kind is TickKind.WEEK:
        day = start.replace(hour=0, minute=0, second=0, microsecond=0)
        moment = day - timedelta(days=day.weekday())
    elif kind is TickKind.MONTH:
        moment = start.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        moment = moment.replace(month=moment.month - (moment.month - 1) % step)
    else:
        moment = datetime(max(1, start.year - start.year % step), 1, 1)
    while moment < start:
        moment = _step(rule, moment)
    return moment


def _step(rule: TickRule, moment: datetime) -> datetime:
    kind, step = rule.kind, rule.step
    if kind is TickKind.HOUR:
        return moment + timedelta(hours=step)
    if kind is TickKind.DAY:
        return moment + timedelta(days=step)
    if kind is TickKind.WEEK:
        return moment + timedelta(weeks=step)
    if kind is TickKind.MONTH:
        months = moment.year * 12 + moment.month - 1 + step
        return moment.replace(year=months // 12, month=months % 12 + 1)
    return moment.replace(year=moment.year + step)


def _with_leading_label(ticks: list[Tick], rule: TickRule, zoom: Zoom, left: int) -> list[Tick]:
    """Name the period the view starts in when its boundary is off screen ('September 2025')."""
    if ticks and ticks[0].column == 0:
        return ticks
    try:
        start = column_start(left, zoom)
        boundary = _first_boundary(rule, start)
        previous = _previous_boundary(rule, boundary)
    except (ValueError, OverflowError):
        return ticks
    label = rule.label(previous)
    if ticks and ticks[0].column <= len(label):
        return ticks
    return [Tick(0, label), *ticks]


def _previous_boundary(rule: TickRule, boundary: datetime) -> datetime:
    moment = boundary
    probe = _first_boundary(rule, boundary - _nominal(rule))
    while probe < boundary:
        moment = probe
        probe = _step(rule, probe)
    return moment


def _nominal(rule: TickRule) -> timedelta:
    return timedelta(hours=rule.hours * 1.5)


def _fit_labels(ticks: Iterable[Tick], width: int) -> Iterator[Tick]:
    """Left to right, keep a label that fits whole and starts after the previous one plus a space."""
    free = 0
    for tick in ticks:
        if tick.column >= free and tick.column + len(tick.label) <= width:
            yield tick
            free = tick.column + len(tick.label) + 1
