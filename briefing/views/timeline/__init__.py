"""The timeline's geometry, without a screen: scale, placement, lanes, cells, navigation, filter.

The timeline screen only turns what this package computes into coloured cells, so the
rules that matter to a briefing officer (a month-precision event spans its month and never
becomes the 1st; two entries on one cell show a count; the selection walks entries in time
order) are tested as plain Python. Rendering stays cheap for 10,000 entries at any zoom:
a row costs the width of the screen, not the size of its lane.

- ``scale``: zoom levels, positions on the deck's wall clock, columns, ticks and the axis;
- ``placement``: each entry placed once, at the precision its dates were given;
- ``filter``: the `f` filter over countries, kinds and tags;
- ``lanes``: the lanes after a filter, and the ``Timeline`` that holds them;
- ``cells``: what each column of a lane shows;
- ``navigation``: the ``Navigator``, the presenter's place and how it moves.
"""

from .cells import (
    BAR_GLYPH,
    HATCH_GLYPHS,
    ONGOING_GLYPH,
    POINT_GLYPHS,
    Cell,
    Mark,
    Piece,
    cell_text,
    lane_cells,
    undated_pieces,
)
from .filter import NO_FILTER, entry_filter, entry_matches, filter_vocabulary
from .lanes import ALL_LANE, NO_COUNTRY_LANE, UNDATED_LANE, Lane, Timeline
from .navigation import WHEEL_COLUMNS, Navigator
from .placement import Entry, Placed, Placements, place_entry
from .scale import DAYS_ZOOM, ZOOMS, Axis, Tick, Unit, Zoom, build_axis, column_of, position, wall_clock

__all__ = [
    "ALL_LANE",
    "BAR_GLYPH",
    "DAYS_ZOOM",
    "HATCH_GLYPHS",
    "NO_COUNTRY_LANE",
    "NO_FILTER",
    "ONGOING_GLYPH",
    "POINT_GLYPHS",
    "UNDATED_LANE",
    "WHEEL_COLUMNS",
    "ZOOMS",
    "Axis",
    "Cell",
    "Entry",
    "Lane",
    "Mark",
    "Navigator",
    "Piece",
    "Placed",
    "Placements",
    "Tick",
    "Timeline",
    "Unit",
    "Zoom",
    "build_axis",
    "cell_text",
    "column_of",
    "entry_filter",
    "entry_matches",
    "filter_vocabulary",
    "lane_cells",
    "place_entry",
    "position",
    "undated_pieces",
    "wall_clock",
]
