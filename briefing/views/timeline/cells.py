"""What each column of a lane shows: a glyph per entry start, a count, a bar, a hatch, a tilde.

Per column: the entries starting in it (one -> its glyph, more -> a count), else the entry
reaching furthest into it from the left (a bar, or a hatch inside a vague date), else the
background (the as-of line, a grid dot at ticks, blank). The undated lane is a row of
titles instead.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from .lanes import Lane
from .placement import Placed
from .scale import Zoom


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
    ONGOING = "ongoing"


POINT_GLYPHS = {True: "◆", False: "◇"}
"""Keyed by ``is_incident``: a filled diamond for an incident, a hollow one for an event."""
HATCH_GLYPHS = {True: "▒", False: "░"}
"""A date known only to a period wider than a column: denser for incidents."""
BAR_GLYPH = "━"
GRID_GLYPH = "·"
AS_OF_GLYPH = "┊"
APPROX_GLYPH = "~"
ONGOING_GLYPH = "→"
"""Just after an ``until: ongoing`` entry's last column (the as-of date): it goes on."""
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
    _mark_ongoing(cells)
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


def _mark_ongoing(cells: list[Cell]) -> None:
    """An arrow just after the last column of what is still going on: the entry is open to
    the right, not ended on the as-of date. It never covers a column where an entry starts."""
    for i in range(len(cells) - 1):
        placed = cells[i].entry
        if (
            placed is not None
            and placed.ongoing
            and cells[i].mark in (Mark.BAR, Mark.HATCH, Mark.POINT)
            and cells[i + 1].entry is not placed
            and cells[i + 1].mark in TILDE_ROOM
        ):
            cells[i + 1] = Cell(Mark.ONGOING, ONGOING_GLYPH, placed)


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


def cell_text(cell: Cell, after: Cell | None, scale: int) -> str:
    """What a column shows in ``scale`` terminal cells (a magnified zoom).

    A bar or a hatch fills them. A start glyph is followed by the bar or hatch of the next
    column when there is one (an entry that reaches into the next column from the left
    passes through this one too), else by blanks; a '~' before a start sits against it."""
    if scale == 1:
        return cell.glyph
    if cell.mark in (Mark.BAR, Mark.HATCH):
        return cell.glyph * scale
    if cell.mark == Mark.APPROX and after is not None and after.entry is cell.entry:
        return " " * (scale - 1) + cell.glyph
    through = after is not None and cell.mark in (Mark.POINT, Mark.COUNT) and after.mark in (Mark.BAR, Mark.HATCH)
    return cell.glyph + (after.glyph if through else " ") * (scale - 1)


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
