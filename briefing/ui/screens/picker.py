"""The deck picker for `briefing FOLDER`: every deck in it, broken ones with their first error."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...catalog import decks_in_folder
from ...deck import LoadResult, load_deck
from ...deck.text import printable
from ..widgets.key_hints import KeyHints


@dataclass(frozen=True)
class DeckChoice:
    path: Path
    result: LoadResult


class PickerScreen(Screen[DeckChoice]):
    DEFAULT_CSS = """
    PickerScreen #picker-title { text-style: bold; padding: 0 1; background: $panel; }
    PickerScreen #picker-list { height: 1fr; border: none; }
    """
    BINDINGS = [Binding("q", "app.quit", "Quit")]

    class DecksFound(Message):
        def __init__(self, choices: list[DeckChoice]) -> None:
            super().__init__()
            self.choices = choices

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder
        self.choices: list[DeckChoice] = []

    def compose(self) -> ComposeResult:
        yield Static(Content(f"Decks in {printable(str(self.folder))}"), id="picker-title")
        yield OptionList(Option(Content("Reading decks…"), disabled=True), id="picker-list")
        yield KeyHints()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.read_decks()

    @work(thread=True, exclusive=True)
    def read_decks(self) -> None:
        choices = [DeckChoice(path, load_deck(path)) for path in decks_in_folder(self.folder)]
        self.post_message(self.DecksFound(choices))

    def on_picker_screen_decks_found(self, message: DecksFound) -> None:
        self.choices = message.choices
        option_list = self.query_one(OptionList)
        if not self.choices:
            option_list.set_options([Option(Content(f"No decks in {printable(str(self.folder))}"), disabled=True)])
            return
        option_list.set_options([Option(choice_label(choice), id=str(n)) for n, choice in enumerate(self.choices)])
        option_list.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = self.choices[int(event.option.id or 0)]
        if choice.result.ok:
            self.dismiss(choice)
        else:
            errors = choice.result.errors
            self.notify(f"{printable(str(choice.path))} has {len(errors)} error(s): {errors[0]}", severity="error", markup=False)


def choice_label(choice: DeckChoice) -> Content:
    """Title, subtitle and as-of for a good deck; the path and first error for a broken one."""
    deck = choice.result.deck
    if deck is None:
        errors = choice.result.errors
        first = f"{errors[0].place}: {printable(errors[0].message)}" if errors else "cannot be loaded"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return Content.assemble((f"✘ {printable(str(choice.path))}", "bold"), "\n", (f"  {first}{more}", "italic"))
    detail = "  ".join(part for part in (deck.subtitle, f"as of {deck.as_of.format()}" if deck.as_of else None) if part)
    return Content.assemble((deck.title, "bold"), "\n", (f"  {detail}  ({printable(str(choice.path))})", "dim"))
