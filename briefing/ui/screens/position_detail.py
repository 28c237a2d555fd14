"""One country's position on one question, with the quotes behind it, over the current screen.

Opened by enter on a matrix or comparison cell. Enter on a quote shows that quote; escape
closes. A cell without a position still opens: it says so, and shows what the country's
people said about the question, if anything.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static

from ...deck.model import Country, Deck, Question, Quote
from ...views.countries import deck_groups, group_label, related_quotes
from ...views.labels import country_label
from ..widgets.countries.entries import flowed, quote_blocks
from ..widgets.countries.entry_list import Entry, EntryList
from ..widgets.positions.stance import stance_content
from .window import WindowScreen

if TYPE_CHECKING:
    from ..app import BriefingApp


class PositionDetailScreen(WindowScreen[None]):
    DEFAULT_CSS = """
    PositionDetailScreen { align: center middle; }
    PositionDetailScreen > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    PositionDetailScreen #position-country { text-style: bold; color: $primary; }
    PositionDetailScreen #position-question { text-style: bold; }
    PositionDetailScreen #position-summary { margin: 1 0 0 0; }
    PositionDetailScreen EntryList { height: auto; max-height: 14; margin: 1 0 0 0; background: $surface; }
    PositionDetailScreen .position-dim { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "close", "Close")
    ]
    CSS = "PositionDetailScreen { background: $background 60%; }"

    def __init__(self, deck: Deck, question: Question, country: Country) -> None:
        super().__init__()
        self.deck = deck
        self.question = question
        self.country = country
        self.position = question.position_of(country.code)

    def compose_window(self) -> ComposeResult:
        position = self.position
        with Vertical():
            groups = group_label(self.country, deck_groups(self.deck))
            yield Static(
                Content.assemble(
                    country_label(self.country), (f" · {groups}", "not bold dim")
                ),
                id="position-country",
            )
            yield Static(Content(self.question.title), id="position-question")
            yield Static(self._stance_line(), id="position-stance")
            if position is not None and position.summary:
                yield Static(Content(flowed(position.summary)), id="position-summary")
            entries = self._quote_entries()
            if entries:
                yield EntryList(id="position-quotes")
            elif position is not None:
                yield Static(
                    Content("No quotes back this position."), classes="position-dim"
                )
            keys = (
                "enter: open the quote · escape: close" if entries else "escape: close"
            )
            yield Static(Content(keys), classes="position-dim")

    def on_mount(self) -> None:
        entries = self._quote_entries()
        if entries:
            quotes = self.query_one(EntryList)
            quotes.set_entries(entries)
            quotes.focus()

    def _stance_line(self) -> Content:
        position = self.position
        if position is None:
            return Content.assemble(
                stance_content(None),
                (f": {self.country.name} has no recorded position", "dim"),
            )
        as_of = (
            f" · as of {position.as_of.format(self.deck.zone)}"
            if position.as_of is not None
            else ""
        )
        return Content.assemble(stance_content(position.stance), as_of)

    def _quote_entries(self) -> list[Entry]:
        cited = self.position.quotes if self.position is not None else ()
        related = related_quotes(self.deck, self.question, self.country.code)
        entries: list[Entry] = []
        for key, title, quotes in (
            ("cited", "Quotes cited", cited),
            ("related", "Also said by its people", related),
        ):
            if quotes:
                entries.append(Entry.section(key, title, len(quotes)))
                entries += [
                    _quote_entry(key, quote, self.deck.zone) for quote in quotes
                ]
        return entries

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self.query_one(EntryList).entry(event.option.id)
        if entry is not None and isinstance(entry.target, Quote):
            cast("BriefingApp", self.app).show_detail(entry.target)

    def action_close(self) -> None:
        self.dismiss(None)


def _quote_entry(key: str, quote: Quote, zone: tzinfo) -> Entry:
    return Entry(
        f"{key}:{quote.id}", quote_blocks(quote, zone, indent=1), target=quote
    )
