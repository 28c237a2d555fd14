"""The timeline's lanes: one per country involved (or one for all), plus the undated.

Each lane keeps its entries in time order with the arrays rows are drawn from, so a row is
computed cell by cell with binary searches: its cost depends on the width of the screen,
not on how many entries the lane holds.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from datetime import tzinfo

from ...deck.model import DatePoint, Deck
from ..filter import FilterQuery
from .filter import NO_FILTER, entry_matches
from .placement import Placed, Placements, Span, as_of_span, entry_codes, point_columns
from .scale import Unit, Zoom

ALL_LANE = "*all*"
NO_COUNTRY_LANE = "*none*"
UNDATED_LANE = "*undated*"


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


@dataclass(frozen=True, slots=True)
class Timeline:
    """A deck's incidents and events laid out in lanes, after a filter."""

    lanes: tuple[Lane, ...]
    tz: tzinfo
    as_of: Span | None = None
    as_of_point: DatePoint | None = None
    query: FilterQuery = NO_FILTER
    all_in_one: bool = False
    total: int = 0
    """Entries in the deck, before the filter."""
    shown: int = 0

    @classmethod
    def build(
        cls,
        deck: Deck,
        query: FilterQuery = NO_FILTER,
        *,
        all_in_one: bool = False,
        placements: Placements | None = None,
    ) -> Timeline:
        """Lanes for the entries matching ``query``; ``placements`` reuses a deck's positions."""
        placements = placements if placements is not None else Placements.of(deck)
        placed = [spot for spot in placements.dated if entry_matches(query, spot.item)]
        undated = [spot for spot in placements.undated if entry_matches(query, spot.item)]
        lanes = _all_lane(placed) if all_in_one else _country_lanes(deck, placed)
        if undated:
            lanes.append(Lane(UNDATED_LANE, "undated", tuple(undated), dated=False))
        return cls(
            lanes=tuple(lanes),
            tz=placements.tz,
            as_of=as_of_span(deck.as_of, placements.tz),
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

    def as_of_columns(self, zoom: Zoom) -> tuple[int, int] | None:
        """The columns the as-of date covers at this zoom (the axis and empty cells mark them)."""
        if self.as_of_point is None:
            return None
        return point_columns(self.as_of_point, self.tz, zoom)


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
