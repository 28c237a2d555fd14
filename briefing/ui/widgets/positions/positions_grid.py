"""Questions as rows, countries as columns, one stance glyph per cell, moved cell by cell.

A Line API widget: only the visible rows are rendered and each row's strip is cached. The
columns never scroll sideways: they are laid out by :mod:`briefing.views.matrix_fit`, in
one panel beside the question column when they fit, else in panels stacked one under
another (each with its own header rows and the questions again). In one panel the two
header rows stay put while the questions scroll under them. Colours come from the theme's
stance variables; the glyphs alone still tell the stances apart in 16 colours or under
NO_COLOR.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ....deck.model import Country, Position, Question, Stance
from ....views.labels import STANCE_GLYPHS, stance_label
from ....views.matrix import ColumnBlock
from ....views.matrix_fit import MatrixFit, MatrixPanel, fit_matrix
from ...line_cache import LineCache

HEADER_ROWS = 2
PANEL_GAP = 1
NARROW_CELL = 3
REVERSE = Style(reverse=True)
WIDE_CELL_TEXT = max(
    len(f"{STANCE_GLYPHS[s]} {stance_label(s)}") for s in STANCE_GLYPHS
)


@dataclass(frozen=True)
class GridData:
    """What the grid shows. ``differs`` marks rows in a comparison; ``wide`` adds stance words."""

    questions: tuple[Question, ...] = ()
    columns: tuple[Country, ...] = ()
    blocks: tuple[ColumnBlock, ...] = ()
    cells: dict[tuple[str, str], Position] = field(default_factory=dict)
    differs: tuple[bool, ...] | None = None
    wide: bool = False
    sorted_row: int | None = None
    corner: str = ""
    empty_text: str = "This deck has no questions."

    def position(self, row: int, col: int) -> Position | None:
        return self.cells.get((self.questions[row].id, self.columns[col].code))


def fit(text: str, width: int) -> str:
    """Exactly ``width`` cells: padded, or cut with an ellipsis (wide characters counted right)."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"


class PositionsGrid(ScrollView, can_focus=True):
    """The stance matrix; posts CellHighlighted as the cursor moves and CellSelected on enter."""

    DEFAULT_CSS = """
    PositionsGrid { height: auto; max-height: 100%; scrollbar-size: 0 1; scrollbar-gutter: stable; overflow-x: hidden; }
    PositionsGrid > .positions-grid--band { color: $text-muted; }
    PositionsGrid > .positions-grid--header { text-style: bold; }
    PositionsGrid > .positions-grid--cursor { text-style: bold; }
    PositionsGrid > .positions-grid--cursor-row { text-style: bold; background: $boost; }
    PositionsGrid > .positions-grid--differs { color: $warning; text-style: bold; }
    PositionsGrid > .positions-grid--same { color: $text-muted; }
    PositionsGrid > .positions-grid--empty { color: $text-muted; text-style: italic; }
    PositionsGrid > .positions-grid--support { color: $stance-support; }
    PositionsGrid > .positions-grid--oppose { color: $stance-oppose; }
    PositionsGrid > .positions-grid--cautious { color: $stance-cautious; }
    PositionsGrid > .positions-grid--undecided { color: $stance-undecided; }
    PositionsGrid > .positions-grid--none { color: $stance-none; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "positions-grid--band",
        "positions-grid--header",
        "positions-grid--cursor",
        "positions-grid--cursor-row",
        "positions-grid--differs",
        "positions-grid--same",
        "positions-grid--empty",
        "positions-grid--support",
        "positions-grid--oppose",
        "positions-grid--cautious",
        "positions-grid--undecided",
        "positions-grid--none",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1, 0)", "Question above", show=False),
        Binding("down,j", "move(1, 0)", "Question below", show=False),
        Binding("left,h", "move(0, -1)", "Country to the left", show=False),
        Binding("right,l", "move(0, 1)", "Country to the right", show=False),
        Binding("home", "row_edge(-1)", "First country", show=False),
        Binding("end", "row_edge(1)", "Last country", show=False),
        Binding("g", "column_edge(-1)", "First question", show=False),
        Binding("G", "column_edge(1)", "Last question", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("enter", "select", "Open position", show=False),
    ]

    class CellHighlighted(Message):
        """The cursor moved to a cell (or the grid was redrawn around it)."""

        def __init__(
            self,
            grid: PositionsGrid,
            question: Question | None,
            country: Country | None,
            position: Position | None,
        ) -> None:
            super().__init__()
            self.grid = grid
            self.question = question
            self.country = country
            self.position = position

        @property
        def control(self) -> PositionsGrid:
            return self.grid

    class CellSelected(CellHighlighted):
        """Enter (or a click on the cursor cell): open this cell's position."""

    def __init__(
        self,
        data: GridData | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.data = data or GridData()
        self.cursor_row = 0
        self.cursor_col = 0
        self._fit = MatrixFit((), 1, (MatrixPanel(0, 0, ()),))
        self._cache: LineCache[tuple, Strip] = LineCache(1024)

    # ------------------------------------------------------------------ data and cursor

    def show(
        self, data: GridData, *, question_id: str | None = None, code: str | None = None
    ) -> None:
        """Redraw with new data, putting the cursor on this question and country when present."""
        self.data = data
        self.cursor_row = _index_of(
            [q.id for q in data.questions], question_id, self.cursor_row
        )
        self.cursor_col = _index_of(
            [c.code for c in data.columns], code, self.cursor_col
        )
        self._layout_changed()
        self._cursor_moved()

    @property
    def question(self) -> Question | None:
        questions = self.data.questions
        return questions[self.cursor_row] if questions else None

    @property
    def country(self) -> Country | None:
        columns = self.data.columns
        return columns[self.cursor_col] if columns else None

    @property
    def position(self) -> Position | None:
        if self.question is None or self.country is None:
            return None
        return self.data.position(self.cursor_row, self.cursor_col)

    @property
    def title_width(self) -> int:
        return self._fit.title_width

    @property
    def panels(self) -> tuple[MatrixPanel, ...]:
        return self._fit.panels

    def move_to(self, row: int, col: int) -> None:
        row = max(0, min(row, len(self.data.questions) - 1))
        col = max(0, min(col, len(self.data.columns) - 1))
        if (row, col) != (self.cursor_row, self.cursor_col):
            self.cursor_row, self.cursor_col = row, col
            self._cache.clear()
            self.refresh()
            self._cursor_moved()

    def _cursor_moved(self) -> None:
        self._scroll_to_cursor()
        self.post_message(
            self.CellHighlighted(self, self.question, self.country, self.position)
        )

    def action_move(self, rows: int, cols: int) -> None:
        self.move_to(self.cursor_row + rows, self.cursor_col + cols)

    def action_row_edge(self, direction: int) -> None:
        self.move_to(
            self.cursor_row, 0 if direction < 0 else len(self.data.columns) - 1
        )

    def action_column_edge(self, direction: int) -> None:
        self.move_to(
            0 if direction < 0 else len(self.data.questions) - 1, self.cursor_col
        )

    def action_page(self, direction: int) -> None:
        page = max(1, self.scrollable_content_region.height - HEADER_ROWS)
        self.move_to(self.cursor_row + direction * page, self.cursor_col)

    def action_select(self) -> None:
        if self.question is not None and self.country is not None:
            self.post_message(
                self.CellSelected(self, self.question, self.country, self.position)
            )

    def on_click(self, event: events.Click) -> None:
        cell = self._cell_at(event.x, event.y)
        if cell is None:
            return
        if cell == (self.cursor_row, self.cursor_col):
            self.action_select()
        else:
            self.move_to(*cell)

    def _cell_at(self, x: int, y: int) -> tuple[int, int] | None:
        panel, kind, row = self._line_at(y)
        if kind != "row" or x < self.title_width or not self.data.questions:
            return None
        span = self.panels[panel]
        cell_x = x - self.title_width
        widths = self._fit.widths
        start = 0
        for col in range(span.start, span.end):
            if start <= cell_x < start + widths[col]:
                return row, col
            start += widths[col]
        return None

    # ------------------------------------------------------------------ geometry

    def _base_widths(self) -> list[int]:
        if self.data.wide:
            return [max(cell_len(c.code), WIDE_CELL_TEXT) + 2 for c in self.data.columns]
        return [max(NARROW_CELL, cell_len(c.code) + 1) for c in self.data.columns]

    def _wanted_title(self) -> int:
        longest = max((cell_len(q.title) for q in self.data.questions), default=cell_len(self.data.empty_text))
        return longest + 3 + (2 if self.data.differs is not None else 0)

    @property
    def _panel_lines(self) -> int:
        """Lines one panel takes: its two header rows and a row per question (at least one)."""
        return HEADER_ROWS + max(1, len(self.data.questions))

    def _layout_changed(self) -> None:
        width = self.scrollable_content_region.width or max(1, self.size.width - 1)
        self._fit = fit_matrix(self._base_widths(), self.data.blocks, width, self._wanted_title(), cell_len)
        panels = len(self.panels)
        height = panels * self._panel_lines + (panels - 1) * PANEL_GAP
        self.virtual_size = Size(width, height)
        self._cache.clear()
        self.refresh(layout=True)

    def on_resize(self) -> None:
        self._layout_changed()
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self.refresh()

    def _line_at(self, y: int) -> tuple[int, str, int]:
        """What screen line ``y`` shows: (panel, 'band' | 'codes' | 'row' | 'gap', question row).

        In one panel the header rows stay put and only the questions scroll; stacked, the
        panels scroll as one page."""
        if not self._fit.stacked:
            if y < HEADER_ROWS:
                return 0, ("band", "codes")[y], -1
            return 0, "row", y - HEADER_ROWS + int(self.scroll_y)
        panel, line = divmod(y + int(self.scroll_y), self._panel_lines + PANEL_GAP)
        if panel >= len(self.panels) or line >= self._panel_lines:
            return min(panel, len(self.panels) - 1), "gap", -1
        if line < HEADER_ROWS:
            return panel, ("band", "codes")[line], -1
        return panel, "row", line - HEADER_ROWS

    def _scroll_to_cursor(self) -> None:
        if not self.data.columns or not self.data.questions:
            return
        height = max(1, self.scrollable_content_region.height)
        scroll_y = int(self.scroll_y)
        if not self._fit.stacked:
            visible_rows = max(1, height - HEADER_ROWS)
            if self.cursor_row < scroll_y:
                scroll_y = self.cursor_row
            elif self.cursor_row >= scroll_y + visible_rows:
                scroll_y = self.cursor_row - visible_rows + 1
        else:
            scroll_y = self._reveal_in_panels(scroll_y, height)
        self.scroll_to(0, scroll_y, animate=False)

    def _reveal_in_panels(self, scroll_y: int, height: int) -> int:
        """The cursor's line in view, with its panel's header rows, the whole panel if it fits."""
        top = self._fit.panel_of(self.cursor_col) * (self._panel_lines + PANEL_GAP)
        line = top + HEADER_ROWS + self.cursor_row
        first, last = (top, top + self._panel_lines - 1) if self._panel_lines <= height else (
            (top, line) if line - top < height else (line, line)
        )
        if first < scroll_y:
            return first
        if last >= scroll_y + height:
            return last - height + 1
        return scroll_y

    # ------------------------------------------------------------------ rendering

    def _style(self, *names: str) -> Style:
        """The widget's style with these component styles on top, translucent colours blended.

        Textual's visual styles carry no reverse, so the cursor's reverse video is added here:
        it is what marks the cursor cell when there are no colours at all.
        """
        style = self.get_visual_style(*names).rich_style
        return style + REVERSE if "positions-grid--cursor" in names else style

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        panel, kind, row = self._line_at(y)
        if kind == "gap" or (kind == "row" and row >= max(1, len(self.data.questions))):
            return Strip.blank(width, base)
        here = panel == self._fit.panel_of(self.cursor_col)
        cursor = (self.cursor_col if kind == "codes" else self.cursor_row if kind == "row" and here else -1)
        key = (panel, kind, row, cursor, self.cursor_col if kind == "row" and row == self.cursor_row else -1)
        title = self._cache.get(("title", *key), self._title_strip, panel, kind, row)
        cells = self._cache.get(("cells", *key), self._cells_strip, panel, kind, row)
        return Strip.join([title, cells]).crop_extend(0, width, base)

    def _title_strip(self, panel: int, kind: str, row: int) -> Strip:
        width = self.title_width
        data = self.data
        if kind == "band":
            corner = data.corner if panel == 0 else ""
            return Strip([Segment(fit(corner, width), self._style("positions-grid--band"))])
        if kind == "codes":
            return Strip([Segment(fit(" Question", width), self._style("positions-grid--header"))])
        if not data.questions:
            return Strip([Segment(fit(" " + data.empty_text, width), self._style("positions-grid--empty"))])
        segments: list[Segment] = []
        here = panel == self._fit.panel_of(self.cursor_col)
        row_style = ("positions-grid--cursor-row",) if row == self.cursor_row and here else ()
        title_style = row_style
        if data.differs is not None:
            differs = data.differs[row]
            marker_style = "positions-grid--differs" if differs else "positions-grid--same"
            segments.append(Segment("≠ " if differs else "= ", self._style(marker_style, *row_style)))
            title_style = row_style if differs else ("positions-grid--same", *row_style)
        prefix = "▸" if row == data.sorted_row else " "
        used = sum(cell_len(s.text) for s in segments)
        segments.append(
            Segment(fit(prefix + data.questions[row].title, width - used - 1) + " ", self._style(*title_style))
        )
        return Strip(segments)

    def _cells_strip(self, panel: int, kind: str, row: int) -> Strip:
        span = self.panels[panel]
        if kind == "band":
            return self._band_strip(span)
        if kind == "codes":
            return self._codes_strip(span)
        if not self.data.questions:
            return Strip([])
        return self._row_strip(span, row)

    def _band_strip(self, span: MatrixPanel) -> Strip:
        """Each block's label over its columns, never cut: the layout made room for it."""
        style = self._style("positions-grid--band")
        widths = self._fit.widths
        return Strip(
            [
                Segment(_band_label(block.label, sum(widths[block.start:block.start + block.count])), style)
                for block in span.blocks
            ]
        )

    def _codes_strip(self, span: MatrixPanel) -> Strip:
        segments = []
        for col in range(span.start, span.end):
            country = self.data.columns[col]
            width = self._fit.widths[col]
            names = (
                ("positions-grid--header", "positions-grid--cursor")
                if col == self.cursor_col
                else ("positions-grid--header",)
            )
            text = fit(f" {country.code}", width) if self.data.wide else _centre(country.code, width)
            segments.append(Segment(text, self._style(*names)))
        return Strip(segments)

    def _row_strip(self, span: MatrixPanel, row: int) -> Strip:
        segments = []
        for col in range(span.start, span.end):
            position = self.data.position(row, col)
            stance = position.stance if position is not None else None
            names = [f"positions-grid--{_stance_class(stance)}"]
            if (row, col) == (self.cursor_row, self.cursor_col):
                names.append("positions-grid--cursor")
            segments.append(Segment(self._cell_text(stance, self._fit.widths[col]), self._style(*names)))
        return Strip(segments)

    def _cell_text(self, stance: Stance | None, width: int) -> str:
        glyph = STANCE_GLYPHS[stance]
        if self.data.wide:
            return fit(f" {glyph} {stance_label(stance)}", width)
        return _centre(glyph, width)


def _band_label(label: str, width: int) -> str:
    """' NATO · EU ─────── ' over a block; ' no group ' where the block is just wide enough.

    The layout gives every block room for its label; only a label longer than a whole
    panel is cut."""
    room = width - cell_len(label)
    if room < 2:
        return fit(label, width - 1) + " " if width > 1 else fit(label, width)
    if room < 4:
        return fit(f" {label}", width)
    return f" {label} " + "─" * (room - 3) + " "


def _stance_class(stance: Stance | None) -> str:
    return stance.value if stance is not None else "none"


def _centre(text: str, width: int) -> str:
    text = fit(text, width) if cell_len(text) > width else text
    left = (width - cell_len(text)) // 2
    return fit(" " * left + text, width)


def _index_of(keys: list[str], key: str | None, fallback: int) -> int:
    """The index of ``key``; when it is gone, the old index clamped into the new list."""
    if key is not None and key in keys:
        return keys.index(key)
    return max(0, min(fallback, len(keys) - 1))
