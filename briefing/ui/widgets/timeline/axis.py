"""The time axis above the lanes: periods on the first row, ticks on the second, as-of marked."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from ....views.timeline import Axis, Navigator, Tick
from .cells import fit_label, label_width

AS_OF_MARK = "▼"


class TimelineAxis(Widget):
    """Two lines drawn from the navigator's axis; the label column names zoom and view."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"axis--major", "axis--minor", "axis--as-of", "axis--caption"}

    DEFAULT_CSS = """
    TimelineAxis { height: 2; }
    TimelineAxis > .axis--major { color: $text; text-style: bold; }
    TimelineAxis > .axis--minor { color: $text-muted; }
    TimelineAxis > .axis--as-of { color: $timeline-as-of; text-style: bold; }
    TimelineAxis > .axis--caption { color: $text-muted; text-style: italic; }
    """

    def __init__(self, navigator: Navigator, **kwargs) -> None:
        super().__init__(**kwargs)
        self.navigator = navigator
        self._styles: dict[str, Style] = {}

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def captions(self) -> tuple[str, str]:
        """What the label column says: the zoom, and the view or the filter in force."""
        timeline = self.navigator.timeline
        view = "all entries" if timeline.all_in_one else "by country"
        if timeline.query.active:
            view = f"f: {timeline.query.text}"
        return self.navigator.zoom.name, view

    def render_line(self, y: int) -> Strip:
        base = self._style("")
        if y > 1:
            return Strip.blank(self.size.width, base)
        axis = self.navigator.axis()
        caption = self._style("axis--caption")
        row = self._row(axis, y)
        margin = label_width(self.screen.size.width) - 1
        segments = [Segment(fit_label(self.captions()[y], margin), caption), Segment(" ", base), *row]
        return Strip(segments).crop_extend(0, self.size.width, base)

    def _row(self, axis: Axis, y: int) -> list[Segment]:
        width = self.navigator.width * self.navigator.zoom.scale
        ticks = axis.major if y == 0 else axis.minor
        chars = [" "] * width
        for tick in ticks:
            _write(chars, tick)
        text_style = self._style("axis--major" if y == 0 else "axis--minor")
        as_of = self._as_of_column(axis, y)
        if as_of is None:
            return [Segment("".join(chars), text_style)]
        chars[as_of] = AS_OF_MARK
        return [
            Segment("".join(chars[:as_of]), text_style),
            Segment(AS_OF_MARK, self._style("axis--as-of")),
            Segment("".join(chars[as_of + 1:]), text_style),
        ]

    def _as_of_column(self, axis: Axis, y: int) -> int | None:
        """The as-of mark goes on the tick row, or on the period row when a tick label is in the way."""
        if axis.as_of is None:
            return None
        column = axis.as_of[0] - self.navigator.left
        if not 0 <= column < self.navigator.width:
            return None
        column *= self.navigator.zoom.scale
        on_minor = not any(t.column <= column < t.column + len(t.label) for t in axis.minor)
        on_major = not on_minor and not any(t.column <= column < t.column + len(t.label) for t in axis.major)
        return column if (y == 1 and (on_minor or not on_major)) or (y == 0 and on_major) else None

    def _style(self, name: str) -> Style:
        """The widget's style plus a component's ('' for none), looked up once per theme."""
        style = self._styles.get(name)
        if style is None:
            style = self.rich_style
            if name:
                style += self.get_component_rich_style(name, partial=True)
            self._styles[name] = style
        return style

    def redraw(self) -> None:
        self.refresh()


def _write(chars: list[str], tick: Tick) -> None:
    for offset, char in enumerate(tick.label):
        if tick.column + offset < len(chars):
            chars[tick.column + offset] = char
