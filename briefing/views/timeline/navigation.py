"""The presenter's place on the timeline and the rules for moving it, without a screen."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import timedelta

from .cells import Cell, Piece, lane_cells, undated_pieces
from .lanes import Lane, Timeline
from .placement import Placed, time_order
from .scale import (
    DAYS_ZOOM,
    EPOCH,
    ZOOMS,
    Axis,
    Unit,
    Zoom,
    build_axis,
    column_of,
    column_start,
    hours_since_epoch,
    last_column,
    position,
)

PAN_FRACTION = 4
FIT_MARGIN = 2
"""Columns left free before the first entry and after the last (or the as-of date) when
the timeline opens: room for a '~' or an ongoing entry's '→'."""
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
        self.cells = max(1, width)
        """The time area's width in terminal cells; ``width`` is that in columns of the zoom."""
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
    def width(self) -> int:
        """Columns on screen at this zoom (a magnified zoom draws each in several cells)."""
        return max(1, self.cells // self.zoom.scale)

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
            self._axis = (key, build_axis(self.zoom, self.left, self.width, self.timeline.as_of_columns(self.zoom)))
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
        return undated_pieces(lane, self.cells, self.selected if row == self.lane_index else None)

    def select_earliest(self) -> None:
        """Start where the story starts: the earliest entry, in the first lane that holds it."""
        firsts = [(time_order(lane.entries[0]), i) for i, lane in enumerate(self.timeline.lanes) if lane.dated and lane.entries]
        self.lane_index = min(firsts)[1] if firsts else 0
        self.entry_index = 0

    # -- size and data

    def set_width(self, width: int) -> None:
        """The time area is ``width`` terminal cells wide."""
        width = max(1, width)
        if width == self.cells and self.fitted:
            return
        self.cells = width
        if not self.fitted:
            self.fit()
        else:
            self.reveal()

    def fit(self) -> None:
        """The finest zoom that shows every dated entry and the as-of date with a margin of
        FIT_MARGIN columns each side, centred: the window fits the entries, not a month
        either side of them."""
        self.fitted = True
        span = self.timeline.dated_range()
        if span is None:
            return
        start, end = span
        for index, zoom in enumerate(ZOOMS):
            first, last = self._columns(start, end, zoom)
            width = max(1, self.cells // zoom.scale)
            if last - first + 1 + 2 * FIT_MARGIN <= width or index == len(ZOOMS) - 1:
                self.zoom_index = index
                self.left = first - (width - (last - first + 1)) // 2
                break
        if not self.selection_visible():
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

    def show_view(self, zoom_index: int | None, left: int | None, lane_key: str | None, entry_id: str | None) -> None:
        """Go to a place read from elsewhere (another terminal, another size).

        The lane by key and the entry by id; the entry's first lane when that lane is gone,
        the lane's nearest entry by index when the entry is. Then the zoom and the left edge
        as given, even with the selection off screen, as a pan leaves it; no zoom: fitted.
        """
        timeline = self.timeline
        lane_index = timeline.lane_index(lane_key) if lane_key is not None else None
        if lane_index is None or (entry_id is not None and entry_id not in timeline.lanes[lane_index].index_of):
            found = timeline.find(entry_id) if entry_id is not None else None
            lane_index = found[0] if found is not None else lane_index
        if lane_index is not None:
            self.lane_index = lane_index
        lane = self.lane
        if lane is not None and entry_id in lane.index_of:
            self.entry_index = lane.index_of[entry_id]
        else:
            self.entry_index = min(self.entry_index, max(0, len(lane or ()) - 1))
        if zoom_index is None:
            if self.fitted:
                self.fit()
            return
        self.zoom_index = max(0, min(len(ZOOMS) - 1, zoom_index))
        self.fitted = True
        self.left = self._clamp_left(self.left if left is None else left)

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
            offset = (old_col - self.left) * self.zoom.scale
            if not 0 <= offset < self.cells:
                offset = self.cells // 2
            self.zoom_index = target
            self.left = placed.anchor(self.zoom) - offset // self.zoom.scale
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
        """Select what is drawn at a lane row and terminal cell of the time area (negative: the
        lane's label); clicking again walks a crowd."""
        lanes = self.timeline.lanes
        if not 0 <= row < len(lanes):
            return False
        lane = lanes[row]
        if not lane.dated:
            return self._select_undated_at(row, column)
        column = column // self.zoom.scale if column >= 0 else column
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
        pieces = undated_pieces(lane, self.cells, self.selected if row == self.lane_index else None)
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
