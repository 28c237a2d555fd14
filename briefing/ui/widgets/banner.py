"""The classification banner, shown at the top and bottom of every screen."""

from __future__ import annotations

from textual.widgets import Static

from ...deck.model import Deck
from ..text import plain


class Banner(Static):
    """One line with the deck's `classification`; hidden when the deck sets none."""

    DEFAULT_CSS = """
    Banner {
        width: 100%;
        height: 1;
        content-align: center middle;
        text-style: bold;
        background: $banner-background;
        color: $banner-foreground;
    }
    """

    def show_deck(self, deck: Deck | None) -> None:
        classification = deck.classification if deck is not None else None
        self.display = bool(classification)
        self.update(plain(classification))
