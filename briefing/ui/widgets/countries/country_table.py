"""The country list: code, name, groups and what the deck holds about each, one row a country.

A DataTable with a row cursor. The name column takes whatever width the others leave, so
the table fits 80 columns; names that do not fit end in an ellipsis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from ....deck.model import Country
from ....views.countries import CountryCounts
from ..positions.positions_grid import fit

MARK = "●"
COUNT_COLUMNS = (
    ("affected", "Affected"),
    ("attributed", "Attributed"),
    ("quotes", "Quotes"),
    ("positions", "Positions"),
)
MIN_NAME_WIDTH = 8
SCROLLBAR = 1


@dataclass(frozen=True, slots=True)
class CountryRow:
    country: Country
    counts: CountryCounts
    groups: str
    marked: bool = False


class CountryTable(DataTable):
    DEFAULT_CSS = """
    CountryTable { height: 1fr; scrollbar-size: 1 1; }
    CountryTable > .datatable--cursor { background: transparent; color: $foreground; text-style: bold; }
    """
    """Out of focus (the pane has it) the current country is bold, not highlighted: one
    highlighted row on screen, where the keys act."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "cursor_right", "Next country", show=False),
        Binding("left", "cursor_left", "Previous country", show=False),
        Binding("home", "edge(-1)", "First country", show=False),
        Binding("end", "edge(1)", "Last country", show=False),
        Binding("enter", "select_cursor", "Into the country's pane", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id, classes=classes)
        self._rows: list[CountryRow] = []
        self._codes: list[str] = []
        self._name_width = 0

    @property
    def codes(self) -> list[str]:
        return list(self._codes)

    @property
    def current_code(self) -> str | None:
        if not self._codes:
            return None
        return self._codes[min(self.cursor_row, len(self._codes) - 1)]

    def show_rows(self, rows: list[CountryRow], keep: str | None = None) -> None:
        """Show these rows with the cursor on ``keep`` (a code) when it is among them."""
        self._rows = list(rows)
        self._codes = [row.country.code for row in rows]
        self._rebuild(keep)

    def set_marked(self, code: str, marked: bool) -> None:
        """Redraw one row's mark, leaving the cursor and the other rows alone."""
        if code in self._codes:
            index = self._codes.index(code)
            row = self._rows[index]
            self._rows[index] = CountryRow(row.country, row.counts, row.groups, marked)
            self.update_cell(code, "mark", _mark(marked))

    def select_code(self, code: str) -> bool:
        if code not in self._codes:
            return False
        self.move_cursor(row=self._codes.index(code))
        return True

    def action_cursor_right(self) -> None:
        """Right is 'next' on every screen; in a list of rows that is the row below."""
        self.action_cursor_down()

    def action_cursor_left(self) -> None:
        self.action_cursor_up()

    def action_edge(self, direction: int) -> None:
        """Home and end: the first and last country (DataTable's own only scroll)."""
        if self._codes:
            self.move_cursor(row=0 if direction < 0 else len(self._codes) - 1, animate=False)

    def on_resize(self) -> None:
        if self._fit_name_width() != self._name_width:
            self._rebuild(self.current_code)

    def _fixed_widths(self) -> dict[str, int]:
        code = max((len(row.country.code) for row in self._rows), default=0)
        groups = max((cell_len(row.groups) for row in self._rows), default=0)
        widths = {"mark": 1, "code": max(4, code), "groups": max(6, groups)}
        widths.update({key: len(label) for key, label in COUNT_COLUMNS})
        return widths

    def _fit_name_width(self) -> int:
        fixed = self._fixed_widths()
        padding = 2 * self.cell_padding * (len(fixed) + 1)
        room = self.size.width - sum(fixed.values()) - padding - SCROLLBAR
        longest = max(
            (cell_len(row.country.name) for row in self._rows), default=MIN_NAME_WIDTH
        )
        return max(MIN_NAME_WIDTH, min(longest, room))

    def _rebuild(self, keep: str | None) -> None:
        widths = self._fixed_widths()
        self._name_width = self._fit_name_width()
        self.clear(columns=True)
        self.add_column(Text(""), width=widths["mark"], key="mark")
        self.add_column(Text("Code"), width=widths["code"], key="code")
        self.add_column(Text("Name"), width=self._name_width, key="name")
        self.add_column(Text("Groups"), width=widths["groups"], key="groups")
        for key, label in COUNT_COLUMNS:
            self.add_column(Text(label, justify="right"), width=widths[key], key=key)
        for row in self._rows:
            self.add_row(*self._cells(row), key=row.country.code)
        if keep in self._codes:
            self.move_cursor(row=self._codes.index(keep), animate=False)

    def _cells(self, row: CountryRow) -> list[Text]:
        counts = row.counts
        numbers = (counts.affected, counts.attributed, counts.quotes, counts.positions)
        return [
            _mark(row.marked),
            Text(row.country.code, style="bold"),
            Text(fit(row.country.name, self._name_width).rstrip()),
            Text(row.groups, style="dim"),
            *(
                Text(str(n), justify="right", style="dim" if n == 0 else "")
                for n in numbers
            ),
        ]


def _mark(marked: bool) -> Text:
    return Text(MARK if marked else " ", style="bold")
