"""The classification banner, shown at the top and bottom of every screen."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.widgets import Static

from ...deck.model import Deck


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

    def __init__(self, deck: Deck | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.show_deck(deck)

    def render(self) -> RenderResult:
        """In reverse video (the mono theme, NO_COLOR) the text is padded across the whole
        width, so the banner is one solid band: padding never takes the text style. The
        padding is not bold so that SVG pictures keep it as its own run of spaces."""
        visual = self.visual
        width = self.content_size.width
        if not self.styles.text_style.reverse or not isinstance(visual, Content) or width <= 0:
            return visual
        line = visual.truncate(width, ellipsis=True)
        left = (width - line.cell_length) // 2
        right = width - line.cell_length - left
        return Content.assemble((" " * left, "not bold"), line, (" " * right, "not bold"))

    def show_deck(self, deck: Deck | None) -> None:
        classification = deck.classification if deck is not None else None
        self.display = bool(classification)
        self.update(Content(classification or ""))
