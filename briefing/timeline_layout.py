"""The timeline's geometry, without a screen: lanes, the time scale, ticks, cells, selection.

The timeline screen only turns what this module computes into coloured cells. Keeping the
geometry here means the rules that matter to a briefing officer (a month-precision event
spans its month and never becomes the 1st; two entries on one cell show a count; the
selection walks entries in time order) are tested as plain Python.

Time is laid out on the deck's wall clock: a day starts at local midnight in the deck's
timezone, so an event at 23:30 Tallinn time is drawn on that day, not on the UTC one, and
day cells stay aligned with calendar days across daylight-saving changes.

Rendering must stay cheap for 10,000 entries at any zoom, so a row is computed cell by
cell with binary searches over the lane's sorted start positions: its cost depends on the
width of the screen, not on how many entries the lane holds.
"""

from __future__ import annotations

import math
import shlex
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from enum import Enum
from typing import NamedTuple

from .deck.dates import MONTHS, MONTHS_SHORT, DateError, resolve_timezone
from .deck.model import Country, DatePoint, Deck, Event, Incident, Precision

Entry = Incident | Event

EPOCH = datetime(2000, 1, 3)
"""Column 0 of every hour-based zoom: a Monday at midnight, so week cells start on Mondays."""
EPOCH_YEAR = 2000
ALL_LANE = "*all*"
NO_COUNTRY_LANE = "*none*"
UNDATED_LANE = "*undated*"


# --- the time scale -------------------------------------------------------------------------

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
    Zoom("days", "1 day", Unit.HOURS, 24, MONTH_MAJOR, (WEEKLY, MONTHLY)),
    Zoom("weeks", "1 week", Unit.HOURS, 168, YEARLY, (MONTHLY, QUARTERLY)),
    Zoom("months", "1 month", Unit.MONTHS, 1, YEARLY, (QUARTERLY,)),
    Zoom("quarters", "3 months", Unit.MONTHS, 3, DECADES, (YEARLY_SHORT, FIVE_YEARLY)),
    Zoom("years", "1 year", Unit.MONTHS, 12, DECADES, (FIVE_YEARLY, DECADES)),
)
DAYS_ZOOM = 2


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


# --- entries placed in time -----------------------------------------------------------------

class Span(NamedTuple):
    """One entry's positions in one unit: its first and last periods, and its extent."""

    start: float
    head_end: float
    """End of the period the start names (the whole month for '2025-09')."""
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
    is_incident: bool

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
    """Where a dated entry ends: ``until``, else the far end of a ``when`` interval."""
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
    last = entry_end_point(item)
    tail_h, end_h, tail_m, end_m = start_h, head_end_h, start_m, head_end_m
    if last is not None:
        tail_h, end_h, tail_m, end_m = _period_positions(last, tz, memo)
        end_h, end_m = max(end_h, head_end_h), max(end_m, head_end_m)
    return Placed(
        item=item,
        order=order,
        hours=Span(start_h, head_end_h, tail_h, end_h),
        months=Span(start_m, head_end_m, tail_m, end_m),
        start_precision=when.precision,
        end_precision=last.precision if last is not None else when.precision,
        approximate_start=when.approximate,
        approximate_end=last.approximate if last is not None else when.approximate,
        is_interval=last is not None,
        is_incident=isinstance(item, Incident),
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


# --- filtering ------------------------------------------------------------------------------

FILTER_FIELDS = ("country", "kind", "tag")


@dataclass(frozen=True, slots=True)
class FilterTerm:
    field: str
    """'country', 'kind', 'tag', or 'any' for a bare word."""
    value: str


@dataclass(frozen=True, slots=True)
class FilterQuery:
    """What `f` typed: words that must all match a country, kind or tag of the entry.

    ``EE`` (a code, or part of a name), ``kind:drone``, ``tag:article-4``,
    ``country:Poland``; quotes keep spaces: ``kind:"drone incursion"``.
    """

    text: str = ""
    terms: tuple[FilterTerm, ...] = ()

    @classmethod
    def parse(cls, text: str) -> FilterQuery:
        try:
            words = shlex.split(text)
        except ValueError:
            words = text.replace('"', " ").replace("'", " ").split()
        return cls(text=text.strip(), terms=tuple(_term(word) for word in words if word.strip(":")))

    @property
    def active(self) -> bool:
        return bool(self.terms)

    def matches(self, item: Entry) -> bool:
        return all(_term_matches(term, item) for term in self.terms)


def _term(word: str) -> FilterTerm:
    name, colon, value = word.partition(":")
    if colon and name.casefold() in FILTER_FIELDS and value:
        return FilterTerm(name.casefold(), value.casefold())
    return FilterTerm("any", word.casefold())


def _term_matches(term: FilterTerm, item: Entry) -> bool:
    if term.field in ("country", "any") and _country_matches(term.value, item):
        return True
    if term.field in ("kind", "any") and _starts_a_word(term.value, item.kind or ""):
        return True
    return term.field in ("tag", "any") and any(_starts_a_word(term.value, tag) for tag in item.tags)


def _starts_a_word(value: str, text: str) -> bool:
    """'drone' finds 'drone incursion' and 'incur' finds it too, but 'ee' is not in 'meeting'."""
    folded = text.casefold()
    at = folded.find(value)
    while at >= 0:
        if at == 0 or not folded[at - 1].isalnum():
            return True
        at = folded.find(value, at + 1)
    return False


def _country_matches(value: str, item: Entry) -> bool:
    countries: list[Country] = list(item.countries)
    actor = getattr(item, "actor", None)
    if actor is not None:
        countries.append(actor)
    return any(value == c.code.casefold() or _starts_a_word(value, c.name) for c in countries)


def filter_vocabulary(deck: Deck) -> tuple[str, ...]:
    """Words the filter prompt can complete: codes, 'kind:...' and 'tag:...' values."""
    entries = (*deck.incidents, *deck.events)
    codes = dict.fromkeys(code for item in entries for code in entry_codes(item))
    kinds = dict.fromkeys(_quoted("kind", item.kind) for item in entries if item.kind)
    tags = dict.fromkeys(_quoted("tag", tag) for item in entries for tag in item.tags)
    return (*codes, *kinds, *tags)


def _quoted(name: str, value: str) -> str:
    """``kind:drone``, or ``kind:"drone incursion"`` when the value has a space."""
    return f'{name}:"{value}"' if any(c.isspace() for c in value) or '"' in value else f"{name}:{value}"


# --- lanes ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Lane:
    """One row of the timeline: its entries in time order and the arrays rows are drawn from."""

    key: str
    label: str
    entries: tuple[Placed, ...]
    dated: bool = True
    starts: dict[Unit, list[float]] = field(default_factory=dict, compare=False, repr=False)
    reach: dict[Unit, list[float]] = field(default_factory=dict, compare=False, repr=False)
    reach_at: list[int] = field(default_factory=list, compare=False, repr=False)
    """For each index i, which of entries[0..i] reaches furthest right (same in both units)."""
    index_of: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        entries = self.entries
        self.index_of.update((placed.item.id, i) for i, placed in enumerate(entries))
        if not self.dated:
            return
        self.starts[Unit.HOURS] = [placed.hours.start for placed in entries]
        self.starts[Unit.MONTHS] = [placed.months.start for placed in entries]
        best, best_end = -1, float("-inf")
        reach_h: list[float] = []
        for i, placed in enumerate(entries):
            if placed.hours.end > best_end:
                best, best_end = i, placed.hours.end
            self.reach_at.append(best)
            reach_h.append(best_end)
        self.reach[Unit.HOURS] = reach_h
        self.reach[Unit.MONTHS] = [entries[i].months.end for i in self.reach_at]

    def __len__(self) -> int:
        return len(self.entries)

    def nearest(self, hours: float) -> int:
        """Index of the entry starting nearest to ``hours`` (the earlier one on a tie)."""
        if not self.entries:
            return 0
        if not self.dated:
            return 0
        starts = self.starts[Unit.HOURS]
        i = bisect_left(starts, hours)
        if i == 0:
            return 0
        if i == len(starts):
            return i - 1
        return i - 1 if hours - starts[i - 1] <= starts[i] - hours else i


def _time_order(placed: Placed) -> tuple[float, int, int]:
    return (placed.hours.start, -int(placed.start_precision), placed.order)


@dataclass(frozen=True, slots=True)
class Placements:
    """Every entry of a deck placed once; filters and view changes only pick from these."""

    dated: tuple[Placed, ...]
    """In time order on the deck's wall clock."""
    undated: tuple[Placed, ...]
    tz: tzinfo

    @classmethod
    def of(cls, deck: Deck) -> Placements:
        tz = deck_timezone(deck)
        dated: list[Placed] = []
        undated: list[Placed] = []
        memo: PeriodMemo = {}
        for order, item in enumerate(deck.timeline_entries()):
            spot = place_entry(item, order, tz, memo)
            if spot is None:
                undated.append(_undated(item, order))
            else:
                dated.append(spot)
        dated.sort(key=_time_order)
        return cls(tuple(dated), tuple(undated), tz)


@dataclass(frozen=True, slots=True)
class Timeline:
    """A deck's incidents and events laid out in lanes, after a filter."""

    lanes: tuple[Lane, ...]
    tz: tzinfo
    as_of: Span | None = None
    as_of_point: DatePoint | None = None
    query: FilterQuery = FilterQuery()
    all_in_one: bool = False
    total: int = 0
    """Entries in the deck, before the filter."""
    shown: int = 0

    @classmethod
    def build(
        cls,
        deck: Deck,
        query: FilterQuery = FilterQuery(),
        *,
        all_in_one: bool = False,
        placements: Placements | None = None,
    ) -> Timeline:
        """Lanes for the entries matching ``query``; ``placements`` reuses a deck's positions."""
        placements = placements if placements is not None else Placements.of(deck)
        placed = [spot for spot in placements.dated if query.matches(spot.item)]
        undated = [spot for spot in placements.undated if query.matches(spot.item)]
        lanes = _all_lane(placed) if all_in_one else _country_lanes(deck, placed)
        if undated:
            lanes.append(Lane(UNDATED_LANE, "undated", tuple(undated), dated=False))
        return cls(
            lanes=tuple(lanes),
            tz=placements.tz,
            as_of=_as_of_span(deck.as_of, placements.tz),
            as_of_point=deck.as_of,
            query=query,
            all_in_one=all_in_one,
            total=len(placements.dated) + len(placements.undated),
            shown=len(placed) + len(undated),
        )

    def lane_index(self, key: str) -> int | None:
        for i, lane in enumerate(self.lanes):
            if lane.key == key:
                return i
        return None

    def dated_range(self) -> tuple[float, float] | None:
        """Earliest start and latest end in hours, over entries and the as-of date."""
        starts = [lane.entries[0].hours.start for lane in self.lanes if lane.dated and lane.entries]
        ends = [lane.reach[Unit.HOURS][-1] for lane in self.lanes if lane.dated and lane.entries]
        if self.as_of is not None:
            starts.append(self.as_of.start)
            ends.append(self.as_of.end)
        if not starts:
            return None
        return min(starts), max(ends)

    def find(self, entry_id: str) -> tuple[int, int] | None:
        """The first lane holding this entry, and its index there."""
        for lane_number, lane in enumerate(self.lanes):
            index = lane.index_of.get(entry_id)
            if index is not None:
                return lane_number, index
        return None


def deck_timezone(deck: Deck) -> tzinfo:
    try:
        return resolve_timezone(deck.timezone)
    except DateError:
        return resolve_timezone("UTC")


def _undated(item: Entry, order: int) -> Placed:
    nowhere = Span(0.0, 0.0, 0.0, 0.0)
    return Placed(item, order, nowhere, nowhere, Precision.YEAR, Precision.YEAR, False, False, False, isinstance(item, Incident))


def _all_lane(placed: list[Placed]) -> list[Lane]:
    return [Lane(ALL_LANE, "All entries", tuple(placed))] if placed else []


def _country_lanes(deck: Deck, placed: list[Placed]) -> list[Lane]:
    """One lane per code involved, in the deck's order of countries; uncoded entries last."""
    by_code: dict[str, list[Placed]] = {}
    for spot in placed:
        for code in entry_codes(spot.item) or (NO_COUNTRY_LANE,):
            by_code.setdefault(code, []).append(spot)
    lanes = []
    for country in deck.countries:
        if country.code in by_code:
            lanes.append(Lane(country.code, f"{country.code} {country.name}", tuple(by_code.pop(country.code))))
    if NO_COUNTRY_LANE in by_code:
        lanes.append(Lane(NO_COUNTRY_LANE, "no country", tuple(by_code.pop(NO_COUNTRY_LANE))))
    for code, spots in by_code.items():
        lanes.append(Lane(code, code, tuple(spots)))
    return lanes


def _as_of_span(point: DatePoint | None, tz: tzinfo) -> Span | None:
    if point is None:
        return None
    start = hours_since_epoch(wall_clock(point.start, tz))
    end = hours_since_epoch(wall_clock(_period_end(point), tz))
    return Span(start, end, start, end)


def _as_of_columns(timeline: Timeline, zoom: Zoom) -> tuple[int, int] | None:
    point = timeline.as_of_point
    if point is None:
        return None
    start = position(wall_clock(point.start, timeline.tz), zoom.unit)
    end = position(wall_clock(_period_end(point), timeline.tz), zoom.unit)
    first = column_of(start, zoom)
    return first, max(first, last_column(end, zoom))


# --- cells ----------------------------------------------------------------------------------

class Mark:
    """What a cell shows. Plain strings, not an Enum: a frame makes thousands of cells and
    Enum hashing is slow Python code."""

    EMPTY = "empty"
    GRID = "grid"
    AS_OF = "as-of"
    POINT = "point"
    HATCH = "hatch"
    BAR = "bar"
    COUNT = "count"
    APPROX = "approx"


POINT_GLYPHS = {True: "◆", False: "◇"}
"""Keyed by ``is_incident``: a filled diamond for an incident, a hollow one for an event."""
HATCH_GLYPHS = {True: "▒", False: "░"}
"""A date known only to a period wider than a column: denser for incidents."""
BAR_GLYPH = "━"
GRID_GLYPH = "·"
AS_OF_GLYPH = "┊"
APPROX_GLYPH = "~"
MAX_COUNT_DIGIT = 9
MANY_GLYPH = "+"
EMPTY_MARKS = frozenset((Mark.EMPTY, Mark.GRID, Mark.AS_OF))
TILDE_ROOM = EMPTY_MARKS | {Mark.BAR, Mark.HATCH}


class Cell(NamedTuple):
    """What one column of one lane shows."""

    mark: str
    glyph: str
    entry: Placed | None = None
    count: int = 0
    selected: bool = False


BLANK = Cell(Mark.EMPTY, " ")
GRID = Cell(Mark.GRID, GRID_GLYPH)
AS_OF = Cell(Mark.AS_OF, AS_OF_GLYPH)


def count_glyph(count: int) -> str:
    return str(count) if count <= MAX_COUNT_DIGIT else MANY_GLYPH


def lane_cells(
    lane: Lane,
    zoom: Zoom,
    left: int,
    width: int,
    *,
    selected: Placed | None = None,
    grid: frozenset[int] = frozenset(),
    as_of: tuple[int, int] | None = None,
) -> list[Cell]:
    """The ``width`` cells of a dated lane from column ``left``.

    Per column: the entries starting in it (one -> its glyph, more -> a count), else the
    entry reaching furthest into it from the left (a bar or a hatched span), else the
    background (as-of line, grid dot at ticks, blank).
    """
    entries = lane.entries
    starts = lane.starts[zoom.unit]
    reach = lane.reach[zoom.unit]
    reach_at = lane.reach_at
    size = zoom.size
    cells: list[Cell] = []
    append = cells.append
    search = bisect_left
    lo = search(starts, left * size)
    for col in range(left, left + width):
        hi = search(starts, (col + 1) * size, lo)
        if hi - lo == 1:
            append(_anchor_cell(entries[lo], zoom))
        elif hi > lo:
            append(Cell(Mark.COUNT, count_glyph(hi - lo), entries[lo], hi - lo))
        elif lo and reach[lo - 1] > col * size:
            append(_cover_cell(entries[reach_at[lo - 1]], zoom, col * size))
        elif as_of is not None and as_of[0] <= col <= as_of[1]:
            append(AS_OF)
        else:
            append(GRID if col in grid else BLANK)
        lo = hi
    if selected is not None and selected.id in lane.index_of:
        _overlay_selection(cells, lane, selected, zoom, left)
    _mark_approximate(cells)
    return cells


def _anchor_cell(placed: Placed, zoom: Zoom) -> Cell:
    if placed.head_is_vague(zoom):
        return Cell(Mark.HATCH, HATCH_GLYPHS[placed.is_incident], placed, 1)
    return Cell(Mark.POINT, POINT_GLYPHS[placed.is_incident], placed, 1)


def _cover_cell(placed: Placed, zoom: Zoom, cell_start: float) -> Cell:
    """A column an entry passes through: hatched inside a vague start or end, else a bar."""
    span = placed.span(zoom.unit)
    if cell_start < span.head_end:
        vague = placed.head_is_vague(zoom)
    elif cell_start >= span.tail_start and placed.is_interval:
        vague = placed.tail_is_vague(zoom)
    else:
        vague = False
    if vague:
        return Cell(Mark.HATCH, HATCH_GLYPHS[placed.is_incident], placed)
    return Cell(Mark.BAR, BAR_GLYPH, placed)


def _overlay_selection(cells: list[Cell], lane: Lane, selected: Placed, zoom: Zoom, left: int) -> None:
    """Show the whole selected entry: its start highlighted, and every column it passes
    through, except where another entry starts."""
    first, last = selected.extent(zoom)
    size = zoom.size
    for col in range(max(first, left), min(last, left + len(cells) - 1) + 1):
        i = col - left
        cell = cells[i]
        if col == first:
            cells[i] = cell._replace(selected=True)
        elif cell.count == 0 and cell.mark in TILDE_ROOM:
            cells[i] = _cover_cell(selected, zoom, col * size)._replace(selected=True)


def _mark_approximate(cells: list[Cell]) -> None:
    """A '~' just before an approximate start (and after an approximate end).

    It may cover a column another entry only passes through, never one where an entry starts.
    """
    for i, cell in enumerate(cells):
        placed = cell.entry
        if placed is None or cell.count != 1:
            continue
        if placed.approximate_start and i > 0 and cells[i - 1].mark in TILDE_ROOM:
            cells[i - 1] = Cell(Mark.APPROX, APPROX_GLYPH, placed)
    for i in range(len(cells) - 1):
        placed = cells[i].entry
        if (
            placed is not None
            and placed.is_interval
            and placed.approximate_end
            and cells[i].mark in (Mark.BAR, Mark.HATCH, Mark.POINT)
            and (cells[i + 1].entry is not placed)
            and cells[i + 1].mark in TILDE_ROOM
        ):
            cells[i + 1] = Cell(Mark.APPROX, APPROX_GLYPH, placed)


class Piece(NamedTuple):
    """A stretch of the undated row: an entry's glyph and title, or the gap between them."""

    text: str
    entry: Placed | None
    selected: bool = False


UNDATED_GAP = "  "


def undated_pieces(lane: Lane, width: int, selected: Placed | None) -> list[Piece]:
    """Undated entries as '◆ title' in deck order, starting early enough to show the selection."""
    chosen = lane.index_of.get(selected.id, 0) if selected is not None else 0
    pieces = [_undated_piece(placed, selected) for placed in lane.entries]
    first = chosen
    used = len(pieces[chosen].text) if pieces else 0
    while first > 0 and used + len(UNDATED_GAP) + len(pieces[first - 1].text) <= width:
        first -= 1
        used += len(UNDATED_GAP) + len(pieces[first].text)
    shown: list[Piece] = []
    for piece in pieces[first:]:
        if shown:
            shown.append(Piece(UNDATED_GAP, None))
        shown.append(piece)
        if sum(len(p.text) for p in shown) >= width:
            break
    return shown


def _undated_piece(placed: Placed, selected: Placed | None) -> Piece:
    glyph = POINT_GLYPHS[placed.is_incident]
    return Piece(f"{glyph} {placed.item.title}", placed, selected is not None and selected.id == placed.id)


# --- the axis -------------------------------------------------------------------------------

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
        if rule.hours / zoom.hours >= rule.width + 1:
            return rule
    return zoom.minor[-1]


def build_axis(zoom: Zoom, left: int, width: int, timeline: Timeline | None = None) -> Axis:
    minor = minor_rule(zoom)
    minor_ticks = list(_ticks(minor, zoom, left, width))
    major_ticks = list(_ticks(zoom.major, zoom, left, width))
    major_ticks = _with_leading_label(major_ticks, zoom.major, zoom, left)
    as_of = _as_of_columns(timeline, zoom) if timeline is not None else None
    return Axis(
        major=tuple(_fit_labels(major_ticks, width)),
        minor=tuple(_fit_labels(minor_ticks, width)),
        minor_columns=frozenset(left + tick.column for tick in minor_ticks),
        as_of=as_of,
    )


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


# --- navigation -----------------------------------------------------------------------------

PAN_FRACTION = 4
WHEEL_COLUMNS = 4
REVEAL_MARGIN = 3


class Navigator:
    """The presenter's place on the timeline: zoom, left edge, lane and selected entry.

    Movement rules live here so they are tested without a screen: ←/→ walk the current
    lane in time order (through crowded cells one entry at a time), ↑/↓ change lane and
    keep the same entry or the one nearest in time, zoom keeps the selection where it is
    on screen, and any move that selects an entry brings it into view.
    """

    def __init__(self, timeline: Timeline, width: int = 60) -> None:
        self.timeline = timeline
        self.width = max(1, width)
        self.zoom_index = DAYS_ZOOM
        self.left = 0
        self.lane_index = 0
        self.entry_index = 0
        self._axis: tuple[tuple[int, int, int], Axis] | None = None
        self.fitted = False
        self.select_earliest()

    # -- state

    @property
    def zoom(self) -> Zoom:
        return ZOOMS[self.zoom_index]

    @property
    def lane(self) -> Lane | None:
        lanes = self.timeline.lanes
        return lanes[self.lane_index] if 0 <= self.lane_index < len(lanes) else None

    @property
    def selected(self) -> Placed | None:
        lane = self.lane
        if lane is None or not lane.entries:
            return None
        return lane.entries[min(self.entry_index, len(lane.entries) - 1)]

    def crowd(self) -> tuple[int, int]:
        """(position, count) of the selection among the entries starting in its column."""
        lane, placed = self.lane, self.selected
        if lane is None or placed is None or not lane.dated:
            return (1, 1)
        zoom = self.zoom
        col = placed.anchor(zoom)
        starts = lane.starts[zoom.unit]
        lo = bisect_left(starts, col * zoom.size)
        hi = bisect_left(starts, (col + 1) * zoom.size)
        return (self.entry_index - lo + 1, hi - lo)

    def axis(self) -> Axis:
        key = (self.zoom_index, self.left, self.width)
        if self._axis is None or self._axis[0] != key:
            self._axis = (key, build_axis(self.zoom, self.left, self.width, self.timeline))
        return self._axis[1]

    def row_cells(self, row: int) -> list[Cell]:
        lane = self.timeline.lanes[row]
        axis = self.axis()
        return lane_cells(
            lane, self.zoom, self.left, self.width,
            selected=self.selected if row == self.lane_index else None,
            grid=axis.minor_columns, as_of=axis.as_of,
        )

    def undated_row(self, row: int) -> list[Piece]:
        lane = self.timeline.lanes[row]
        return undated_pieces(lane, self.width, self.selected if row == self.lane_index else None)

    def select_earliest(self) -> None:
        """Start where the story starts: the earliest entry, in the first lane that holds it."""
        firsts = [(_time_order(lane.entries[0]), i) for i, lane in enumerate(self.timeline.lanes) if lane.dated and lane.entries]
        self.lane_index = min(firsts)[1] if firsts else 0
        self.entry_index = 0

    # -- size and data

    def set_width(self, width: int) -> None:
        width = max(1, width)
        if width == self.width and self.fitted:
            return
        self.width = width
        if not self.fitted:
            self.fit()
        else:
            self.reveal()

    def fit(self) -> None:
        """The finest zoom that shows every dated entry and the as-of date, centred."""
        self.fitted = True
        span = self.timeline.dated_range()
        if span is None:
            return
        start, end = span
        for index, zoom in enumerate(ZOOMS):
            first, last = self._columns(start, end, zoom)
            if last - first + 1 <= self.width or index == len(ZOOMS) - 1:
                self.zoom_index = index
                self.left = first - (self.width - (last - first + 1)) // 2
                break
        self.reveal()

    def _columns(self, start_hours: float, end_hours: float, zoom: Zoom) -> tuple[int, int]:
        start, end = (EPOCH + timedelta(hours=h) for h in (start_hours, end_hours))
        first = column_of(position(start, zoom.unit), zoom)
        return first, max(first, last_column(position(end, zoom.unit), zoom))

    def replace_timeline(self, timeline: Timeline) -> None:
        """New data (a reload or a filter): the same lane and entry by id, else the nearest."""
        lane, placed = self.lane, self.selected
        self.timeline = timeline
        self._axis = None
        if not timeline.lanes:
            self.lane_index = self.entry_index = 0
            return
        lane_index = timeline.lane_index(lane.key) if lane is not None else None
        if lane_index is None:
            lane_index = min(self.lane_index, len(timeline.lanes) - 1)
            found = timeline.find(placed.id) if placed is not None else None
            if found is not None:
                lane_index = found[0]
        self.lane_index = lane_index
        new_lane = timeline.lanes[lane_index]
        if placed is not None and placed.id in new_lane.index_of:
            self.entry_index = new_lane.index_of[placed.id]
        elif placed is not None and new_lane.dated and lane is not None and lane.dated:
            self.entry_index = new_lane.nearest(placed.hours.start)
        else:
            self.entry_index = min(self.entry_index, max(0, len(new_lane) - 1))
        if not self.fitted:
            return
        self.reveal()

    # -- moves

    def move(self, step: int) -> bool:
        lane = self.lane
        if lane is None or not lane.entries:
            return False
        index = max(0, min(len(lane.entries) - 1, self.entry_index + step))
        changed = index != self.entry_index
        self.entry_index = index
        self.reveal()
        return changed

    def first(self) -> None:
        self.move(-len(self.lane or ()))

    def last(self) -> None:
        self.move(len(self.lane or ()))

    def change_lane(self, step: int) -> bool:
        lanes = self.timeline.lanes
        if not lanes:
            return False
        target = max(0, min(len(lanes) - 1, self.lane_index + step))
        if target == self.lane_index:
            return False
        self.select_lane(target)
        return True

    def select_lane(self, target: int) -> None:
        placed = self.selected
        lane = self.timeline.lanes[target]
        self.lane_index = target
        if placed is not None and placed.id in lane.index_of:
            self.entry_index = lane.index_of[placed.id]
        elif lane.dated:
            hours = placed.hours.start if placed is not None and placed.item.when is not None else self.centre_hours()
            self.entry_index = lane.nearest(hours)
        else:
            self.entry_index = 0
        self.reveal()

    def centre_hours(self) -> float:
        moment = column_start(self.left + self.width // 2, self.zoom)
        return hours_since_epoch(moment)

    def zoom_by(self, step: int) -> bool:
        """Zoom in (negative) or out (positive), keeping the selection's place on screen."""
        target = max(0, min(len(ZOOMS) - 1, self.zoom_index + step))
        if target == self.zoom_index:
            return False
        placed = self._dated_selection()
        if placed is not None:
            old_col = placed.anchor(self.zoom)
            offset = old_col - self.left
            if not 0 <= offset < self.width:
                offset = self.width // 2
            self.zoom_index = target
            self.left = placed.anchor(self.zoom) - offset
        else:
            centre = self.centre_hours()
            self.zoom_index = target
            col = column_of(position(EPOCH + timedelta(hours=centre), self.zoom.unit), self.zoom)
            self.left = col - self.width // 2
        self.reveal()
        return True

    def pan(self, columns: int) -> None:
        self.left = self._clamp_left(self.left + columns)

    def pan_page(self, direction: int) -> None:
        self.pan(direction * max(1, self.width // PAN_FRACTION))

    def jump_to_as_of(self) -> bool:
        """Centre the view on the as-of date and select the lane's last entry starting by then."""
        span = self.timeline.as_of
        if span is None:
            return False
        lane = self.lane
        if lane is not None and lane.dated and lane.entries:
            index = bisect_right(lane.starts[Unit.HOURS], span.end - 1e-9) - 1
            self.entry_index = max(0, index)
        zoom = self.zoom
        as_of_col = column_of(position(EPOCH + timedelta(hours=span.start), zoom.unit), zoom)
        self.left = as_of_col - self.width // 2
        if not self.selection_overlaps_view():
            self.reveal()
        self.left = self._clamp_left(self.left)
        return True

    def select_at(self, row: int, column: int) -> bool:
        """Select what is drawn at a lane row and view column; clicking again walks a crowd."""
        lanes = self.timeline.lanes
        if not 0 <= row < len(lanes):
            return False
        lane = lanes[row]
        if not lane.dated:
            return self._select_undated_at(row, column)
        if not 0 <= column < self.width:
            self.select_lane(row)
            return True
        cells = self.row_cells(row) if row == self.lane_index else lane_cells(lane, self.zoom, self.left, self.width)
        cell = cells[column]
        if cell.entry is None:
            return False
        index = lane.index_of[cell.entry.id]
        if cell.count > 1 and row == self.lane_index and index <= self.entry_index < index + cell.count:
            index = index + (self.entry_index - index + 1) % cell.count
        self.lane_index, self.entry_index = row, index
        return True

    def _select_undated_at(self, row: int, column: int) -> bool:
        lane = self.timeline.lanes[row]
        pieces = undated_pieces(lane, self.width, self.selected if row == self.lane_index else None)
        x = 0
        for piece in pieces:
            if piece.entry is not None and x <= column < x + len(piece.text):
                self.lane_index, self.entry_index = row, lane.index_of[piece.entry.id]
                return True
            x += len(piece.text)
        return False

    # -- keeping things in view

    def _dated_selection(self) -> Placed | None:
        lane = self.lane
        return self.selected if lane is not None and lane.dated else None

    def selection_visible(self) -> bool:
        placed = self._dated_selection()
        if placed is None:
            return True
        return self.left <= placed.anchor(self.zoom) < self.left + self.width

    def selection_overlaps_view(self) -> bool:
        """Whether any column of the selected entry is on screen (a long span may start off it)."""
        placed = self._dated_selection()
        if placed is None:
            return True
        first, last = placed.extent(self.zoom)
        return first < self.left + self.width and last >= self.left

    def reveal(self) -> None:
        """Pan just enough to bring the selected entry's start into view."""
        placed = self._dated_selection()
        if placed is not None:
            col = placed.anchor(self.zoom)
            margin = min(REVEAL_MARGIN, self.width // 4)
            if col < self.left + margin:
                self.left = col - margin
            elif col > self.left + self.width - 1 - margin:
                self.left = col - self.width + 1 + margin
        self.left = self._clamp_left(self.left)

    def _clamp_left(self, left: int) -> int:
        """Keep some of the data on screen: at most one screen beyond either end."""
        span = self.timeline.dated_range()
        if span is None:
            return left
        first, last = self._columns(*span, self.zoom)
        return max(first - self.width + 1, min(left, last))


# --- quotes about entries -------------------------------------------------------------------

def quotes_by_subject(deck: Deck) -> dict[str, tuple]:
    """``deck.quotes_about`` for every id at once: one pass over the quotes instead of one per move."""
    index: dict[str, list] = {}
    for quote in deck.quotes:
        for subject_id in dict.fromkeys(subject.id for subject in quote.about):
            index.setdefault(subject_id, []).append(quote)
    return {key: tuple(quotes) for key, quotes in index.items()}
