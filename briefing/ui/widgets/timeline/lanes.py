"""The lanes: one row per country (or one for everything), drawn line by line from a cache.

Only the rows on screen are ever computed (:meth:`render_line`), and each row's cells come
from :mod:`briefing.views.timeline` in time proportional to the screen's width, so a deck
of 10,000 entries pans and zooms as fast as one of ten. Deck text (titles of undated
entries, lane names) goes into plain Segments: nothing is parsed as markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ....views.timeline import WHEEL_COLUMNS, Cell, Mark, Navigator, Piece, cell_text
from ...line_cache import LineCache
from .cells import fit_label, label_width

STRIP_CACHE_SIZE = 256

_MARK_CLASSES = {
    Mark.EMPTY: "timeline--empty",
    Mark.GRID: "timeline--grid",
    Mark.AS_OF: "timeline--as-of",
    Mark.HATCH: "timeline--vague",
    Mark.APPROX: "timeline--approximate",
    Mark.COUNT: "timeline--count",
}


class TimelineLanes(ScrollView, can_focus=True, inherit_bindings=False):
    """Lanes of entries on a shared time scale; the screen owns the keys and the navigator."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--label",
        "timeline--label-current",
        "timeline--empty",
        "timeline--grid",
        "timeline--as-of",
        "timeline--incident",
        "timeline--event",
        "timeline--vague",
        "timeline--approximate",
        "timeline--count",
        "timeline--selected",
        "timeline--selected-span",
        "timeline--undated",
    }

    DEFAULT_CSS = """
    TimelineLanes {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    TimelineLanes > .timeline--label { color: $text-muted; }
    TimelineLanes > .timeline--label-current { color: $text; text-style: bold reverse; }
    TimelineLanes > .timeline--empty { color: $timeline-lane; }
    TimelineLanes > .timeline--grid { color: $timeline-lane; }
    TimelineLanes > .timeline--as-of { color: $timeline-as-of; }
    TimelineLanes > .timeline--incident { color: $timeline-exact; text-style: bold; }
    TimelineLanes > .timeline--event { color: $timeline-exact; }
    TimelineLanes > .timeline--vague { color: $timeline-approximate; }
    TimelineLanes > .timeline--approximate { color: $timeline-approximate; text-style: bold; }
    TimelineLanes > .timeline--count { color: $warning; text-style: bold; }
    TimelineLanes > .timeline--selected { color: $accent; text-style: bold reverse; }
    TimelineLanes > .timeline--selected-span { color: $accent; text-style: bold underline; }
    TimelineLanes > .timeline--undated { color: $text; }
    """

    class CellClicked(Message):
        """A click at a lane row and a column of the time area (negative: on the label)."""

        def __init__(self, row: int, column: int) -> None:
            super().__init__()
            self.row = row
            self.column = column

    class Panned(Message):
        """The wheel asked to move the view by ``columns``."""

        def __init__(self, columns: int) -> None:
            super().__init__()
            self.columns = columns

    class WidthChanged(Message):
        """The time area's width changed: the axis and the view must follow."""

    def __init__(self, navigator: Navigator, **kwargs) -> None:
        super().__init__(**kwargs)
        self.navigator = navigator
        self._strips: LineCache[tuple[int, int, int, int], Strip] = LineCache(STRIP_CACHE_SIZE)
        self._styles: dict[tuple[str, bool | None, int], Style] = {}
        self._base: Style | None = None
        self._label_width = label_width(0)

    # -- size and data

    @property
    def label_width(self) -> int:
        return self._label_width

    @property
    def time_width(self) -> int:
        return max(1, self.scrollable_content_region.width - self.label_width)

    def on_resize(self, event: events.Resize) -> None:
        self._label_width = label_width(self.screen.size.width)
        self.navigator.set_width(self.time_width)
        self.redraw()
        self.post_message(self.WidthChanged())

    def redraw(self) -> None:
        """Forget every cached row: the data, zoom or selection changed."""
        self._strips.clear()
        rows = len(self.navigator.timeline.lanes)
        self.virtual_size = Size(self.scrollable_content_region.width, rows)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._base = None
        self._strips.clear()

    @property
    def base_style(self) -> Style:
        """The widget's own style, looked up once: ``rich_style`` walks the DOM every time."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def reveal_lane(self) -> None:
        """Scroll vertically so the current lane is on screen."""
        row = self.navigator.lane_index
        height = self.scrollable_content_region.height
        if row < self.scroll_y:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= self.scroll_y + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)

    # -- drawing

    def render_line(self, y: int) -> Strip:
        row = y + int(self.scroll_y)
        width = self.size.width
        navigator = self.navigator
        if row >= len(navigator.timeline.lanes):
            return Strip.blank(width, self.base_style)
        return self._strips.get((row, navigator.left, navigator.width, navigator.zoom_index), self._render_row, row, width)

    def _render_row(self, row: int, width: int) -> Strip:
        navigator = self.navigator
        lane = navigator.timeline.lanes[row]
        current = row == navigator.lane_index
        label_style = self._component("timeline--label-current" if current else "timeline--label")
        segments = [Segment(fit_label(lane.label, self.label_width - 1), label_style), Segment(" ", self.base_style)]
        if lane.dated:
            segments.extend(self._cell_segments(navigator.row_cells(row)))
        else:
            segments.extend(self._piece_segments(navigator.undated_row(row)))
        return Strip(segments).crop_extend(0, width, self.base_style)

    def _cell_segments(self, cells: list[Cell]) -> list[Segment]:
        """Runs of cells in the same style become one Segment each; a magnified zoom draws
        each column in several terminal cells."""
        segments: list[Segment] = []
        styles = self._styles
        run: list[str] = []
        run_style: Style | None = None
        scale = self.navigator.zoom.scale
        for index, cell in enumerate(cells):
            entry = cell.entry
            selection = (2 if cell.count else 1) if cell.selected else 0
            key = (cell.mark, entry.is_incident if entry is not None else None, selection)
            style = styles.get(key)
            if style is None:
                style = styles[key] = self._cell_style(*key)
            if style is not run_style:
                if run:
                    segments.append(Segment("".join(run), run_style))
                run, run_style = [], style
            run.append(cell_text(cell, cells[index + 1] if index + 1 < len(cells) else None, scale) if scale > 1 else cell.glyph)
        if run:
            segments.append(Segment("".join(run), run_style))
        return segments

    def _cell_style(self, mark: str, is_incident: bool | None, selection: int) -> Style:
        """``selection``: 0 not selected, 1 a column the selected entry passes through, 2 its start."""
        name = _MARK_CLASSES.get(mark)
        if name is None:
            name = "timeline--incident" if is_incident else "timeline--event"
        style = self.base_style + self._component(name)
        if not selection:
            return style
        return style + self._component("timeline--selected" if selection == 2 else "timeline--selected-span")

    def _piece_segments(self, pieces: list[Piece]) -> list[Segment]:
        base = self.base_style + self._component("timeline--undated")
        selected = base + self._component("timeline--selected")
        return [Segment(piece.text, selected if piece.selected else base) for piece in pieces]

    def _component(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    # -- mouse

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        self.post_message(self.CellClicked(offset.y + int(self.scroll_y), offset.x - self.label_width))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._wheel(event, 1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._wheel(event, -1)

    def on_mouse_scroll_right(self, event: events.MouseScrollRight) -> None:
        event.prevent_default()
        event.stop()
        self.post_message(self.Panned(WHEEL_COLUMNS))

    def on_mouse_scroll_left(self, event: events.MouseScrollLeft) -> None:
        event.prevent_default()
        event.stop()
        self.post_message(self.Panned(-WHEEL_COLUMNS))

    def _wheel(self, event: events.MouseEvent, direction: int) -> None:
        """The wheel pans time; with shift (or ctrl) it scrolls the lanes instead."""
        event.prevent_default()
        event.stop()
        if event.shift or event.ctrl:
            self.scroll_relative(y=direction, animate=False, immediate=True)
        else:
            self.post_message(self.Panned(direction * WHEEL_COLUMNS))
