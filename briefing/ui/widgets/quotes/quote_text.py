"""A quote's full text in quotation marks, its matches highlighted like the result list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from ....search import Span


class QuoteText(Widget):
    """Wrapped to the width; the highlight style comes from CSS so themes and NO_COLOR apply."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"quote-text--match"}
    DEFAULT_CSS = """
    QuoteText { height: auto; }
    QuoteText > .quote-text--match { color: $search-highlight; text-style: bold; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._text = ""
        self._spans: tuple[Span, ...] = ()

    def show(self, text: str, spans: Sequence[Span] = ()) -> None:
        self._text = text
        self._spans = tuple(spans)
        self.refresh(layout=True)

    def render(self) -> Content:
        content = Content(f"“{self._text}”")
        if self._spans:
            match = Style.from_rich_style(self.get_component_rich_style("quote-text--match", partial=True))
            for start, end in self._spans:
                content = content.stylize(match, start + 1, end + 1)
        return content
