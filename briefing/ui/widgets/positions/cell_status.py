"""Under the matrix: the cursor cell's question in full, the stance tally, and the position
with its summary and the quotes it cites, in whatever room the matrix leaves."""

from __future__ import annotations

from datetime import tzinfo

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from ....deck.model import Country, Position, Question, Quote, Stance
from ....views.labels import STANCE_GLYPHS, country_label, speaker_label
from ..countries.entries import flowed, short_date
from .stance import stance_content, stance_variable


class CellStatus(Vertical):
    """The question and tally on the first line, the country's stance on the second, then
    the summary and the cited quotes. The matrix above takes the height it needs, so on a
    tall terminal the position fills the rest instead of blank rows; on a short one what
    does not fit is cut at the bottom (enter opens the position in full)."""

    DEFAULT_CSS = """
    CellStatus { height: 1fr; min-height: 3; padding: 0 1; background: $panel; overflow: hidden hidden; }
    CellStatus Horizontal { height: 1; }
    CellStatus #cell-question { width: 1fr; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    CellStatus #cell-tally { width: auto; padding: 0 0 0 2; }
    CellStatus #cell-position { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    CellStatus #cell-summary { height: auto; }
    CellStatus #cell-quotes { height: auto; margin: 1 0 0 0; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Static(id="cell-question")
            yield Static(id="cell-tally")
        yield Static(id="cell-position")
        yield Static(id="cell-summary")
        yield Static(id="cell-quotes")

    def show_cell(
        self,
        question: Question | None,
        country: Country | None,
        position: Position | None,
        tally: dict[Stance | None, int],
        zone: tzinfo | None = None,
    ) -> None:
        self.query_one("#cell-question", Static).update(Content(question.title if question else ""))
        self.query_one("#cell-tally", Static).update(tally_content(tally))
        self.query_one("#cell-position", Static).update(position_line(country, position, zone))
        summary = position.summary if position is not None else None
        self.query_one("#cell-summary", Static).update(Content(flowed(summary)) if summary else Content(""))
        quotes = self.query_one("#cell-quotes", Static)
        cited = position.quotes if position is not None else ()
        quotes.display = bool(cited)
        quotes.update(Content("\n").join(quote_line(quote, zone) for quote in cited) if cited else Content(""))


def tally_content(tally: dict[Stance | None, int]) -> Content:
    """'✔ 5  ◐ 2  · 8': how the shown countries split on the question."""
    parts: list[Content | str] = []
    for stance, count in tally.items():
        if parts:
            parts.append("  ")
        parts.append(Content.styled(f"{STANCE_GLYPHS[stance]} {count}", stance_variable(stance)))
    return Content.assemble(*parts)


def position_line(country: Country | None, position: Position | None, zone: tzinfo | None) -> Content:
    """'Germany (DE)  ◐ cautious · as of 25 Sep 2025 · 2 quotes'."""
    if country is None:
        return Content("")
    stance = position.stance if position is not None else None
    parts: list[Content | str | tuple[str, str]] = [(country_label(country), "bold"), "  ", stance_content(stance)]
    if position is not None and position.as_of is not None:
        parts.append((f" · as of {short_date(position.as_of, zone)}", "dim"))
    quotes = len(position.quotes) if position is not None else 0
    if quotes:
        parts.append((f" · {quotes} quote{'s' if quotes != 1 else ''}", "dim"))
    return Content.assemble(*parts)


def quote_line(quote: Quote, zone: tzinfo | None) -> Content:
    """'“escalation trap” — Boris Pistorius, Defence Minister of Germany · 25 Sep 2025'."""
    said = f" — {speaker_label(quote.speaker)}"
    if quote.when is not None:
        said += f" · {short_date(quote.when, zone)}"
    return Content.assemble(f"“{flowed(quote.text)}”", (said, "dim"))
