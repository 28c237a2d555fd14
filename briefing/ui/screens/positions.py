"""The positions matrix: questions as rows, countries as columns, a stance glyph in each cell."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical

from ...deck.diff import surviving_neighbour
from ...deck.model import Country, Deck, Item, Position, Question
from ...session import Place, PositionsView
from ...views.countries import deck_groups, next_group, positions_by_cell
from ...views.labels import STANCE_GLYPHS, stance_label
from ...views.matrix import STANCE_ORDER, ColumnBlock, MatrixOrder, first_position, matrix_layout, stance_tally
from ..widgets.positions.cell_status import CellStatus
from ..widgets.positions.positions_grid import GridData, PositionsGrid
from ..widgets.positions.stance_legend import StanceLegend
from .base import DeckScreen
from .position_detail import PositionDetailScreen


class PositionsScreen(DeckScreen):
    SCREEN_NAME = "positions"
    CSS_PATH = "positions.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "toggle_order", "Order"),
        Binding("a", "cycle_group", "Group"),
    ]
    HELP: ClassVar[str] = (
        "Arrows (or h j k l) move cell by cell; home/end jump to the first/last country, g/G to the "
        "first/last question. enter opens the country's position with its quotes. o orders the "
        "countries by their stance on the current question (support, undecided, cautious, oppose, "
        "no position); o on that question again goes back to group order. a shows one group's "
        "countries at a time. Countries with no position on any question come last. When the countries "
        "do not fit beside the questions they continue in a panel below, with the questions again."
    )

    def __init__(self) -> None:
        super().__init__()
        self.order = MatrixOrder.GROUP
        self.stance_question_id: str | None = None
        self.group: str | None = None
        self._cells: dict[tuple[str, str], Position] = {}

    def compose_body(self) -> ComposeResult:
        with Vertical(id="matrix-area"):
            yield PositionsGrid(id="matrix")
        yield CellStatus(id="cell-status")
        yield StanceLegend(id="stance-legend")

    @property
    def grid(self) -> PositionsGrid:
        return self.query_one(PositionsGrid)

    def on_mount(self) -> None:
        self._redraw(self.deck)
        self.grid.focus()

    def _redraw(
        self, deck: Deck, question_id: str | None = None, code: str | None = None
    ) -> None:
        self._cells = positions_by_cell(deck)
        stance_question = (
            deck.get(self.stance_question_id) if self.stance_question_id else None
        )
        if not isinstance(stance_question, Question):
            self.order, self.stance_question_id, stance_question = (
                MatrixOrder.GROUP,
                None,
                None,
            )
        layout = matrix_layout(
            deck,
            self.order,
            stance_question=stance_question,
            group=self.group,
            cells=self._cells,
        )
        sorted_row = (
            deck.questions.index(stance_question)
            if stance_question is not None
            else None
        )
        blocks = layout.blocks
        if stance_question is not None:
            blocks = tuple(_with_glyph(block) for block in blocks)
        data = GridData(
            questions=deck.questions,
            columns=layout.columns,
            blocks=blocks,
            cells=self._cells,
            sorted_row=sorted_row,
            corner=self._corner_text(),
        )
        grid = self.grid
        question_id, code = question_id or _id(grid.question), code or _code(grid.country)
        if question_id is None and code is None:
            question_id, code = _first_cell(data)
        grid.show(data, question_id=question_id, code=code)
        self.place_changed()

    def _corner_text(self) -> str:
        """' By stance on ▸', ' NATO only, by group': short, the question column is narrow at 80."""
        order = "by stance on ▸" if self.order is MatrixOrder.STANCE else "by group"
        shown = f"{self.group} only, " if self.group else ""
        text = f"{shown}{order}"
        return f" {text[0].upper()}{text[1:]}"

    def show_deck(self, deck: Deck) -> None:
        """Redraw for a reloaded deck, keeping the selected cell, ordering and group."""
        grid = self.grid
        old = grid.data
        question_id = surviving_neighbour(
            [q.id for q in old.questions],
            [q.id for q in deck.questions],
            _id(grid.question),
        )
        code = surviving_neighbour(
            [c.code for c in old.columns],
            [c.code for c in deck.countries],
            _code(grid.country),
        )
        if self.group is not None and self.group not in deck_groups(deck):
            self.group = None
        self._redraw(deck, question_id, code)

    def place_view(self) -> Mapping[str, Any]:
        grid = self.grid
        view = PositionsView(
            question=_id(grid.question),
            country=_code(grid.country),
            order=self.order.value,
            group=self.group,
            stance_question=self.stance_question_id,
        )
        return {"positions": view}

    def apply_place(self, place: Place) -> None:
        """The order, the group and the cell; a question or country that is gone keeps the
        cursor's row or column, as a reload does."""
        view = place.positions
        deck = self.deck
        self.group = view.group if view.group in deck_groups(deck) else None
        stance = deck.get(view.stance_question) if view.order == MatrixOrder.STANCE and view.stance_question else None
        if isinstance(stance, Question):
            self.order, self.stance_question_id = MatrixOrder.STANCE, stance.id
        else:
            self.order, self.stance_question_id = MatrixOrder.GROUP, None
        self._redraw(deck, view.question, view.country)

    def on_positions_grid_cell_highlighted(
        self, event: PositionsGrid.CellHighlighted
    ) -> None:
        grid = self.grid
        tally = (
            stance_tally(event.question, grid.data.columns, self._cells)
            if event.question is not None
            else {}
        )
        self.query_one(CellStatus).show_cell(
            event.question, event.country, event.position, tally, self.deck.zone
        )
        self.show_location(self._location())
        self.place_changed()

    def _location(self) -> str:
        grid = self.grid
        questions = len(grid.data.questions)
        if not questions:
            return "Positions"
        code = f" · {grid.country.code}" if grid.country is not None else ""
        return f"Positions {grid.cursor_row + 1}/{questions}{code}"

    def on_positions_grid_cell_selected(
        self, event: PositionsGrid.CellSelected
    ) -> None:
        event.stop()
        self.action_open_cell()

    def action_open_cell(self) -> None:
        grid = self.grid
        if grid.question is not None and grid.country is not None:
            self.app.push_screen(
                PositionDetailScreen(self.deck, grid.question, grid.country)
            )

    def action_toggle_order(self) -> None:
        """Order by stance on this question; on the question already ordering, back to groups."""
        question = self.grid.question
        if question is None:
            return
        if self.order is MatrixOrder.STANCE and self.stance_question_id == question.id:
            self.order, self.stance_question_id = MatrixOrder.GROUP, None
        else:
            self.order, self.stance_question_id = MatrixOrder.STANCE, question.id
        self._redraw_from_first_column()

    def _redraw_from_first_column(self) -> None:
        """A new order or filter is read from its start: the cursor keeps its row, goes to the first country."""
        self._redraw(self.deck)
        grid = self.grid
        grid.move_to(grid.cursor_row, 0)

    def action_cycle_group(self) -> None:
        self.group = next_group(deck_groups(self.deck), self.group)
        self._redraw_from_first_column()
        if self.group is not None:
            self.notify(f"Showing {self.group} countries", timeout=2, markup=False)

    def current_item(self) -> Item | None:
        grid = self.grid
        return grid.position or grid.question

    def focus_item(self, item: Item) -> bool:
        self.catch_up()
        if isinstance(item, Question):
            return self._focus_cell(item.id, None)
        if isinstance(item, Position):
            return self._focus_cell(item.question_id, item.country.code)
        return False

    def focus_cell(self, question_id: str, code: str | None) -> bool:
        """Put the cursor on this question (and country, if given), showing a hidden column."""
        return self._focus_cell(question_id, code)

    def _focus_cell(self, question_id: str, code: str | None) -> bool:
        grid = self.grid
        rows = [q.id for q in grid.data.questions]
        if question_id not in rows:
            return False
        codes = [c.code for c in grid.data.columns]
        if (
            code is not None
            and code not in codes
            and self.deck.country(code) is not None
        ):
            self.group = None
            self._redraw(self.deck)
            codes = [c.code for c in grid.data.columns]
        col = codes.index(code) if code in codes else grid.cursor_col
        grid.move_to(rows.index(question_id), col)
        grid.focus()
        return True


def _id(question: Question | None) -> str | None:
    return question.id if question is not None else None


def _code(country: Country | None) -> str | None:
    return country.code if country is not None else None


def _first_cell(data: GridData) -> tuple[str | None, str | None]:
    """Where the cursor starts: the first cell that holds a position, reading row by row."""
    found = first_position(data.questions, data.columns, data.cells)
    if found is None:
        return None, None
    row, col = found
    return data.questions[row].id, data.columns[col].code


def _with_glyph(block: ColumnBlock) -> ColumnBlock:
    """'✔ support' over a stance block: the glyph survives when a narrow block cuts the word."""
    for stance in STANCE_ORDER:
        if stance_label(stance) == block.label:
            return replace(block, label=f"{STANCE_GLYPHS[stance]} {block.label}")
    return block
