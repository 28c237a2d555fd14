"""Command palette (ctrl+p): jump to any item of the deck by its words, or switch theme.

The app names these providers through functions, so this module (and Textual's palette)
loads when the palette first opens, not at start-up. Textual's `Matcher.highlight` parses its candidate as markup, which deck text must never be,
so hits are highlighted here from the matcher's offsets onto plain Content.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Iterator, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from ..deck.model import Deck, Item
from ..themes.cycle import cycle_order, describe
from ..themes.resolve import ThemeEntry
from ..views.labels import item_title, kind_of
from .theming import Theming

if TYPE_CHECKING:
    from .app import BriefingApp

MAX_LABEL = 100


def palette_entries(deck: Deck) -> Iterator[tuple[str, Item]]:
    """Every item a presenter may want to jump to, with the text the palette matches."""
    for section in (deck.incidents, deck.events, deck.questions, deck.countries, deck.sources, deck.quotes):
        for item in section:
            label = f"{kind_of(item).capitalize()}: {item_title(item)}"
            yield (label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"), item


def highlight_plain(matcher: Matcher, text: str) -> Content:
    """Like `Matcher.highlight`, without ever reading `text` as markup."""
    content = Content(text)
    score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    if not score:
        return content
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class DeckCommands(Provider):
    """Deck items as palette commands: choosing one opens it on the screen that shows it."""

    @property
    def briefing(self) -> "BriefingApp":
        return cast("BriefingApp", self.app)

    def _entries(self) -> list[tuple[str, Item]]:
        deck = self.briefing.deck
        return list(palette_entries(deck)) if deck is not None else []

    async def discover(self) -> Hits:
        for label, item in self._entries()[:40]:
            yield DiscoveryHit(Content(label), partial(self.briefing.open_item, item), text=label)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, item in self._entries():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, highlight_plain(matcher, label), partial(self.briefing.open_item, item), text=label)


class ThemeCommands(Provider):
    """"Theme: NAME" in the command palette, for every theme briefing can show."""

    @property
    def theming(self) -> Theming | None:
        return getattr(self.app, "theming", None)

    def _entries(self) -> list[tuple[str, ThemeEntry]]:
        theming = self.theming
        if theming is None or not theming.active:
            return []
        order = cycle_order(theming.registered.values(), [e.name for e in theming.registered.values()])
        return [(f"Theme: {name}", theming.registered[name]) for name in order]

    async def discover(self) -> Hits:
        theming = self.theming
        for label, entry in self._entries():
            if entry.origin != "textual":
                yield DiscoveryHit(Content(label), partial(theming.switch_to, entry.name), text=label, help=describe(entry))

    async def search(self, query: str) -> Hits:
        theming = self.theming
        matcher = self.matcher(query)
        for label, entry in self._entries():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, highlight_plain(matcher, label), partial(theming.switch_to, entry.name), text=label, help=describe(entry))
