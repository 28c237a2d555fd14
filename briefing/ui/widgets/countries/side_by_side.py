"""The compared countries' positions on one question, in columns: stance, as-of, summary."""

from __future__ import annotations

from datetime import tzinfo

from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from ....deck.model import Country, Position
from ....views.labels import country_label
from ..positions.stance import stance_content
from .entries import flowed, short_date


class SideBySide(Horizontal):
    DEFAULT_CSS = """
    SideBySide { height: auto; max-height: 9; background: $panel; }
    SideBySide > .side-column { width: 1fr; height: auto; max-height: 9; padding: 0 1; }
    """

    def show_positions(
        self,
        countries: tuple[Country, ...],
        positions: tuple[Position | None, ...],
        zone: tzinfo,
    ) -> None:
        """One column per country, in the order given; rebuilt only when the countries change."""
        columns = list(self.query(".side-column").results(Static))
        if len(columns) != len(countries):
            self.remove_children()
            columns = [Static(classes="side-column") for _ in countries]
            self.mount_all(columns)
        for column, country, position in zip(columns, countries, positions):
            column.update(column_content(country, position, zone))


def column_content(
    country: Country, position: Position | None, zone: tzinfo
) -> Content:
    stance = position.stance if position is not None else None
    parts: list[Content | str | tuple[str, str]] = [
        (country_label(country), "bold"),
        "\n",
        stance_content(stance),
    ]
    if position is not None and position.as_of is not None:
        parts.append((f" · as of {short_date(position.as_of, zone)}", "dim"))
    if position is not None and position.summary:
        parts += ["\n", flowed(position.summary)]
    return Content.assemble(*parts)
