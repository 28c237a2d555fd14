"""A two-column table of an item's facts: label on the left, deck text on the right."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


class Facts(Static):
    """Label/value rows; rows without a value are left out rather than shown empty."""

    DEFAULT_CSS = """
    Facts { height: auto; margin: 0 0 1 0; }
    """

    def __init__(self, rows: list[tuple[str, str | None]], **kwargs) -> None:
        super().__init__(facts_table(rows), **kwargs)

    def show_rows(self, rows: list[tuple[str, str | None]]) -> None:
        """New rows in place (a reload)."""
        self.update(facts_table(rows))


def facts_table(rows: list[tuple[str, str | None]]) -> Table:
    """Label/value rows as a borderless table; deck text goes in as Text, never markup."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for label, value in rows:
        if value:
            table.add_row(Text(label), Text(value))
    return table
