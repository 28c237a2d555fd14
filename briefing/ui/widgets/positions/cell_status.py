"""Under the matrix: the cursor cell's question in full, the stance tally, and the position."""

from __future__ import annotations

from datetime import tzinfo

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from ....deck.model import Country, Position, Question, Stance
from ....views.labels import STANCE_GLYPHS, country_label
from ..countries.entries import flowed, short_date
from .stance import stance_content, stance_variable


class CellStatus(Vertical):
    """Three fixed rows, so moving the cursor never changes the matrix's height."""

    DEFAULT_CSS = """
    CellStatus { height: 3; padding: 0 1; background: $panel; }
    CellStatus Horizontal { height: 1; }
    CellStatus #cell-question { width: 1fr; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    CellStatus #cell-tally { width: auto; padding: 0 0 0 2; }
    CellStatus #cell-position { height: 2; text-overflow: ellipsis; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(id="cell-question")
            yield Static(id="cell-tally")
        yield Static(id="cell-position")

    def show_cell(
        self,
        question: Question | None,
        country: Country | None,
        position: Position | None,
        tally: dict[Stance | None, int],
        zone: tzinfo | None = None,
    ) -> None:
        self.query_one("#cell-question", Static).update(
            Content(question.title if question else "")
        )
        self.query_one("#cell-tally", Static).update(tally_content(tally))
        self.query_one("#cell-position", Static).update(
            position_line(country, position, zone)
        )


def tally_content(tally: dict[Stance | None, int]) -> Content:
    """'✔ 5  ◐ 2  · 8': how the shown countries split on the question."""
    parts: list[Content | str] = []
    for stance, count in tally.items():
        if parts:
            parts.append("  ")
        parts.append(
            Content.styled(f"{STANCE_GLYPHS[stance]} {count}", stance_variable(stance))
        )
    return Content.assemble(*parts)


def position_line(
    country: Country | None, position: Position | None, zone: tzinfo | None
) -> Content:
    if country is None:
        return Content("")
    stance = position.stance if position is not None else None
    parts: list[Content | str | tuple[str, str]] = [
        (country_label(country), "bold"),
        "  ",
        stance_content(stance),
    ]
    if position is not None and position.as_of is not None:
        parts.append((f" · as of {short_date(position.as_of, zone)}", "dim"))
    if position is not None and position.summary:
        parts += [" — ", flowed(position.summary)]
    quotes = len(position.quotes) if position is not None else 0
    if quotes:
        parts.append((f" · {quotes} quote{'s' if quotes != 1 else ''}", "dim"))
    return Content.assemble(*parts)
