"""Marked countries side by side, aligned question by question, differences marked ≠."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from ....deck.model import Country, Deck
from ....views.countries import compare, deck_groups, positions_by_cell
from ....views.matrix import group_blocks
from ..positions.positions_grid import GridData, PositionsGrid
from .side_by_side import SideBySide


class CompareView(Vertical):
    """A wide stance grid of the marked countries, and their summaries for the current question."""

    DEFAULT_CSS = """
    CompareView { height: 1fr; }
    CompareView #compare-heading { height: 1; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
    CompareView #compare-area { height: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.deck: Deck | None = None
        self.codes: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(id="compare-heading")
        with Vertical(id="compare-area"):
            yield PositionsGrid(id="compare-grid")
        yield SideBySide(id="compare-side")

    @property
    def grid(self) -> PositionsGrid:
        return self.query_one(PositionsGrid)

    def show_comparison(
        self, deck: Deck, codes: list[str], differences_only: bool = False
    ) -> None:
        """Compare ``codes`` (in deck order); keep the cursor on the same question and country."""
        self.deck = deck
        countries = tuple(c for c in deck.countries if c.code in set(codes))
        self.codes = tuple(c.code for c in countries)
        rows = compare(deck, self.codes)
        differing = sum(row.differs for row in rows)
        shown = [row for row in rows if row.differs or not differences_only]
        grid = self.grid
        data = GridData(
            questions=tuple(row.question for row in shown),
            columns=countries,
            blocks=group_blocks(countries, deck_groups(deck)),
            cells=positions_by_cell(deck),
            differs=tuple(row.differs for row in shown),
            wide=True,
            corner=" Compared",
            empty_text="No question differs."
            if differences_only and rows
            else "This deck asks no questions.",
        )
        question, country = grid.question, grid.country
        grid.show(
            data,
            question_id=question.id if question else None,
            code=country.code if country else None,
        )
        self.query_one("#compare-heading", Static).update(
            self._heading(countries, differing, len(rows), differences_only)
        )

    @staticmethod
    def _heading(
        countries: tuple[Country, ...],
        differing: int,
        total: int,
        differences_only: bool,
    ) -> Content:
        names = ", ".join(c.code for c in countries)
        if len(countries) < 2:
            return Content.assemble(
                ("Comparing ", "bold"),
                names,
                ("  mark two or more countries with m", "dim"),
            )
        which = "only differences shown" if differences_only else "d: differences only"
        return Content.assemble(
            ("Comparing ", "bold"),
            names,
            f" · {differing} of {total} question{'s' if total != 1 else ''} differ (≠)",
            (f"  {which} · escape: back", "dim"),
        )

    def on_positions_grid_cell_highlighted(
        self, event: PositionsGrid.CellHighlighted
    ) -> None:
        if self.deck is None:
            return
        grid = self.grid
        question = event.question
        positions = tuple(
            question.position_of(c.code) if question else None
            for c in grid.data.columns
        )
        self.query_one(SideBySide).show_positions(
            grid.data.columns, positions, self.deck.zone
        )
