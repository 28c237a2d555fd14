"""How the positions matrix fits a terminal: every country readable, no horizontal scrolling.

Three ways were open (issue 15): abbreviated headers with a key, a transposed matrix, or
column blocks. Country codes are already the abbreviation an audience reads (a key would
send the eye away from the cell), and transposing puts fifteen countries on fifteen rows,
which do not fit under 24 lines with the position below. So the matrix keeps questions as
rows and countries as columns, and:

- a column is as narrow as a stance glyph and its code allow (``GB``: three cells);
- a block of columns is at least as wide as its label plus a space each side, so a label
  over it is never cut ('no group' over one country widens that country's column);
- when the columns still do not fit beside the questions, they are laid out in panels
  stacked one under another, each with the question column again (column blocks), split
  between blocks where possible. The matrix then scrolls down, never sideways.

Widths are in terminal cells; the caller measures text (``measure``), so wide characters in
a deck's group names count right without this module knowing about terminals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .matrix import ColumnBlock

MIN_TITLE_WIDTH = 16
"""The question column never gets narrower than this, even stacked."""
MIN_READABLE_TITLE = 18
"""Beside a single panel, the question column gets at least this much or the panels stack."""
STACKED_TITLE_SHARE = 0.35
"""Stacked, the question column takes at most this share of the width."""
LABEL_MARGIN = 2


@dataclass(frozen=True, slots=True)
class MatrixPanel:
    """A run of columns drawn beside the question column: ``start`` to ``end`` (exclusive),
    with the labelled blocks (or pieces of blocks) over them."""

    start: int
    end: int
    blocks: tuple[ColumnBlock, ...]


@dataclass(frozen=True, slots=True)
class MatrixFit:
    widths: tuple[int, ...]
    """Each column's width in cells, block labels' room included."""
    title_width: int
    panels: tuple[MatrixPanel, ...]

    @property
    def stacked(self) -> bool:
        return len(self.panels) > 1

    def panel_of(self, col: int) -> int:
        for index, panel in enumerate(self.panels):
            if panel.start <= col < panel.end:
                return index
        return 0

    def x_in_panel(self, col: int) -> int:
        """Where a column starts, counted from its panel's first column."""
        panel = self.panels[self.panel_of(col)]
        return sum(self.widths[panel.start:col])


def fit_matrix(
    widths: Sequence[int],
    blocks: Sequence[ColumnBlock],
    width: int,
    wanted_title: int,
    measure: Callable[[str], int] = len,
) -> MatrixFit:
    """Lay out columns of these base ``widths`` under these ``blocks`` in ``width`` cells,
    beside a question column that would like ``wanted_title`` cells."""
    widened = list(widths)
    if widened and sum(block.count for block in blocks) != len(widened):
        blocks = (ColumnBlock("", 0, len(widened)),)
    for block in blocks:
        _make_room(widened, block.start, block.count, measure(block.label) + LABEL_MARGIN)
    cells = sum(widened)
    if cells + MIN_READABLE_TITLE <= width or not widened:
        title = max(1, min(wanted_title, width - cells))
        return MatrixFit(tuple(widened), title, (MatrixPanel(0, len(widened), tuple(blocks)),))
    title = max(1, min(wanted_title, max(MIN_TITLE_WIDTH, int(width * STACKED_TITLE_SHARE)), width - 1))
    panels = _fill_panels(widened, blocks, max(1, width - title), measure)
    return MatrixFit(tuple(widened), title, tuple(panels))


def _make_room(widths: list[int], start: int, count: int, need: int) -> None:
    """Widen these columns evenly until together they are ``need`` cells wide."""
    extra = need - sum(widths[start:start + count])
    for step in range(max(0, extra)):
        widths[start + step % count] += 1


def _fill_panels(
    widths: list[int], blocks: Sequence[ColumnBlock], room: int, measure: Callable[[str], int]
) -> list[MatrixPanel]:
    """Columns into panels left to right, each panel filled before the next begins.

    A block that does not fit in what is left of a panel is cut between two columns and
    goes on in the next panel, each piece carrying the block's label; a piece too narrow
    for its label starts the next panel instead (or, when it ends its block, is widened)."""
    panels: list[MatrixPanel] = []
    pieces: list[ColumnBlock] = []
    used = 0
    for block in blocks:
        need = min(room, measure(block.label) + LABEL_MARGIN)
        col, end = block.start, block.start + block.count
        while col < end:
            take, size = _columns_that_fit(widths, col, end, room - used)
            ends_block = col + take == end
            if take and (size >= need or (ends_block and used + need <= room)):
                if ends_block:
                    _make_room(widths, col, take, need)
                pieces.append(ColumnBlock(block.label, col, take))
                used += sum(widths[col:col + take])
                col += take
            elif pieces:
                panels.append(_panel(pieces))
                pieces, used = [], 0
            else:
                take = max(1, take)
                pieces.append(ColumnBlock(block.label, col, take))
                used += sum(widths[col:col + take])
                col += take
    if pieces:
        panels.append(_panel(pieces))
    return panels


def _columns_that_fit(widths: list[int], col: int, end: int, room: int) -> tuple[int, int]:
    """How many columns from ``col`` (before ``end``) fit in ``room`` cells, and their width."""
    take = size = 0
    while col + take < end and size + widths[col + take] <= room:
        size += widths[col + take]
        take += 1
    return take, size


def _panel(pieces: list[ColumnBlock]) -> MatrixPanel:
    last = pieces[-1]
    return MatrixPanel(pieces[0].start, last.start + last.count, tuple(pieces))
