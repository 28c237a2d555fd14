"""Every source with its grade, and what in the deck cites it; enter jumps there.

The grades are spelled out: each source's reliability with its meaning, and the whole
Admiralty scale in a legend under the list. Wrapped lines hang under the first word of
their text, never back at the left edge.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content

from ...deck.model import Deck, Incident, Item, Source
from ...session import Place, SourcesView
from ...views.labels import item_id, item_title, kind_of, reliability_text
from ..widgets.countries.entries import Block
from ..widgets.countries.entry_list import Entry, EntryList
from ..widgets.sources.admiralty_legend import AdmiraltyLegend
from .base import DeckScreen

KIND_WIDTH = 9
CITED_INDENT = 2


class SourcesScreen(DeckScreen):
    SCREEN_NAME = "sources"
    DEFAULT_CSS = """
    SourcesScreen #source-list { height: 1fr; }
    """
    BINDINGS = [
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        yield EntryList(id="source-list")
        yield AdmiraltyLegend(id="admiralty-legend")

    @property
    def entries(self) -> EntryList:
        return self.query_one(EntryList)

    def on_mount(self) -> None:
        self._fill(self.deck)
        self.entries.focus()

    def _fill(self, deck: Deck, keep: str | None = None) -> None:
        self.entries.set_entries(source_entries(deck), keep)
        self.show_location(f"Sources {len(deck.sources)}")

    def show_deck(self, deck: Deck) -> None:
        current = self.entries.highlighted_entry
        self._fill(deck, current.key if current is not None else None)

    def current_item(self) -> Item | None:
        entry = self.entries.highlighted_entry
        return entry.target if entry is not None else None

    def place_view(self) -> Mapping[str, Any]:
        entry = self.entries.highlighted_entry
        kind, _, rest = entry.key.partition(":") if entry is not None else ("", "", "")
        if kind == "cite":
            source, _, cited = rest.partition(":")
            return {"sources": SourcesView(selected=source, cited=cited)}
        return {"sources": SourcesView(selected=rest or None)}

    def apply_place(self, place: Place) -> None:
        """The line by its key; the source's own line when the item citing it is gone."""
        view = place.sources
        keys = [f"cite:{view.selected}:{view.cited}"] if view.cited is not None else []
        keys.append(f"source:{view.selected}")
        any(self.entries.highlight_key(key) for key in keys)

    def on_option_list_option_highlighted(self, event) -> None:
        self.place_changed()

    def focus_item(self, item: Item) -> bool:
        if not self.entries.highlight_key(f"source:{item_id(item)}"):
            return False
        self.entries.focus()
        return True

    async def on_option_list_option_selected(self, event) -> None:
        entry = self.entries.entry(event.option.id)
        item = entry.target if entry is not None else None
        if isinstance(item, Source):
            self.briefing.show_detail(item)
        elif item is not None:
            await self.briefing.open_item(item)

    def action_first(self) -> None:
        self.entries.action_first()

    def action_last(self) -> None:
        self.entries.action_last()


def source_entries(deck: Deck) -> list[Entry]:
    """Each source, then every item that cites it, indented under it."""
    entries: list[Entry] = []
    for source in deck.sources:
        entries.append(Entry(f"source:{source.id}", [source_block(source)], target=source))
        for cited in deck.citing(source.id):
            key = f"cite:{source.id}:{kind_of(cited)}:{item_id(cited)}"
            entries.append(Entry(key, [cited_block(source, cited)], target=cited))
    return entries


def source_block(source: Source) -> Block:
    """'B (usually reliable)  Bloomberg — title · 25 September 2025 · url', the grade and what
    it means first, as analysts scan; wrapped lines hang under the publisher."""
    grade = f"{reliability_text(source)}  "
    parts: list[str | tuple[str, str]] = [(grade, "bold"), (source.publisher or "", "bold")]
    parts += [" — " if source.publisher else "", source.title]
    if source.date is not None:
        parts.append(f" · {source.date.format()}")
    if source.url:
        parts.append((f" · {source.url}", "dim"))
    return Block(Content.assemble(*parts), 0, len(grade))


def cited_block(source: Source, cited: Item) -> Block:
    """'↳ incident  Drones cross into Poland · B2': an incident carries its own grade; a wrapped
    title hangs under its first word."""
    lead = f"↳ {kind_of(cited):<{KIND_WIDTH}}"
    grade = source.grade(cited.credibility) if isinstance(cited, Incident) else None
    line = Content.assemble(("↳ ", "dim"), (f"{kind_of(cited):<{KIND_WIDTH}}", "italic"), item_title(cited))
    if grade:
        line = Content.assemble(line, (f" · {grade}", "dim"))
    return Block(line, CITED_INDENT, len(lead))
