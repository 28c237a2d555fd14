"""One line under the lanes naming the timeline's symbols, so a room reads it unaided."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.widget import Widget

from ....views.timeline import BAR_GLYPH, HATCH_GLYPHS, ONGOING_GLYPH, POINT_GLYPHS

LEGEND_ENTRIES = (
    (f"{POINT_GLYPHS[True]} {POINT_GLYPHS[False]}", "incident, event"),
    (BAR_GLYPH, "lasted"),
    (f"{HATCH_GLYPHS[True]} {HATCH_GLYPHS[False]}", "day unknown"),
    (ONGOING_GLYPH, "ongoing"),
    ("┊", "as of"),
    ("~", "about"),
)
"""Most needed first: where the line is short, the last ones are left out, never cut."""
GAP = "  "


def legend_content(width: int | None = None) -> Content:
    """'◆ ◇ incident, event  ━ lasted  ▒ ░ day unknown  → ongoing  ┊ as of  ~ about', as
    many entries as fit in ``width`` cells."""
    line = Content("")
    for glyph, meaning in LEGEND_ENTRIES:
        entry = Content.assemble((glyph, "bold"), f" {meaning}")
        candidate = Content.assemble(line, GAP, entry) if line.cell_length else entry
        if width is not None and candidate.cell_length > width:
            break
        line = candidate
    return line


class TimelineLegend(Widget):
    DEFAULT_CSS = """
    TimelineLegend { height: 1; padding: 0 1; color: $text-muted; }
    """

    def render(self) -> RenderResult:
        return legend_content(self.content_size.width)
