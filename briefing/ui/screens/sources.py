"""Every source with its grade, and what in the deck cites it; enter jumps there."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...deck.model import Deck, Item, Source
from ...session import Place, SourcesView
from ...views.labels import item_id, item_title, kind_of
from .base import DeckScreen


class SourcesScreen(DeckScreen):
    SCREEN_NAME = "sources"
    DEFAULT_CSS = """
    SourcesScreen #source-list { height: 1fr; border: none; }
    """
    BINDINGS = [
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield OptionList(id="source-list")

    def on_mount(self) -> None:
        self._fill(self.deck)
        self.query_one(OptionList).focus()

    def _fill(self, deck: Deck) -> None:
        self._items: dict[str, Item] = {}
        options: list[Option | None] = []
        for source in deck.sources:
            if options:
                options.append(None)
            key = f"source:{source.id}"
            self._items[key] = source
            options.append(Option(source_line(source), id=key))
            for cited in deck.citing(source.id):
                key = f"cite:{source.id}:{kind_of(cited)}:{item_id(cited)}"
                self._items[key] = cited
                options.append(Option(Content.assemble(("  ↳ ", "dim"), (f"{kind_of(cited):<9}", "italic"), item_title(cited)), id=key))
        option_list = self.query_one(OptionList)
        option_list.set_options(options)
        if options:
            option_list.highlighted = 0
        self.show_location(f"Sources {len(deck.sources)}")

    def show_deck(self, deck: Deck) -> None:
        option_list = self.query_one(OptionList)
        highlighted = option_list.highlighted_option.id if option_list.highlighted_option else None
        self._fill(deck)
        if highlighted in self._items:
            option_list.highlighted = option_list.get_option_index(highlighted)

    def current_item(self) -> Item | None:
        option = self.query_one(OptionList).highlighted_option
        return self._items.get(option.id) if option is not None and option.id else None

    def place_view(self) -> Mapping[str, Any]:
        option = self.query_one(OptionList).highlighted_option
        kind, _, rest = (option.id or "").partition(":") if option is not None else ("", "", "")
        if kind == "cite":
            source, _, cited = rest.partition(":")
            return {"sources": SourcesView(selected=source, cited=cited)}
        return {"sources": SourcesView(selected=rest or None)}

    def apply_place(self, place: Place) -> None:
        """The line by its key; the source's own line when the item citing it is gone."""
        view = place.sources
        keys = [f"cite:{view.selected}:{view.cited}"] if view.cited is not None else []
        keys.append(f"source:{view.selected}")
        key = next((key for key in keys if key in self._items), None)
        if key is not None:
            option_list = self.query_one(OptionList)
            option_list.highlighted = option_list.get_option_index(key)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.place_changed()

    def focus_item(self, item: Item) -> bool:
        key = f"source:{item_id(item)}"
        if key not in self._items:
            return False
        option_list = self.query_one(OptionList)
        option_list.highlighted = option_list.get_option_index(key)
        option_list.focus()
        return True

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        item = self._items.get(event.option.id or "")
        if item is None:
            return
        if isinstance(item, Source):
            self.briefing.show_detail(item)
        else:
            await self.briefing.open_item(item)

    def action_first(self) -> None:
        self.query_one(OptionList).action_first()

    def action_last(self) -> None:
        self.query_one(OptionList).action_last()


def source_line(source: Source) -> Content:
    """'[B] Bloomberg — title · 25 September 2025 · url' with the grade first, as analysts scan."""
    grade = source.reliability or "–"
    parts: list[str | tuple[str, str]] = [(f"[{grade}] ", "bold"), (source.publisher or "", "bold"), " — " if source.publisher else "", source.title]
    if source.date is not None:
        parts.append(f" · {source.date.format()}")
    if source.url:
        parts.append((f" · {source.url}", "dim"))
    return Content.assemble(*parts)
