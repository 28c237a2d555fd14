"""The first slide: title, subtitle, as-of, the bottom line up front, key judgments."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Markdown, Static

from ....deck.model import Deck, KeyJudgment
from ...text import plain


class TitleSlide(Vertical):
    DEFAULT_CSS = """
    TitleSlide { height: auto; padding: 0 1; }
    TitleSlide #title { text-style: bold; color: $text-primary; margin: 1 0 0 0; }
    TitleSlide #subtitle { color: $text-secondary; }
    TitleSlide #as-of { color: $text-muted; margin: 0 0 1 0; }
    TitleSlide .section-heading { text-style: bold underline; margin: 1 0 0 0; }
    TitleSlide .judgment { height: auto; }
    TitleSlide .judgment-number { width: 4; }
    TitleSlide .judgment-text { width: 1fr; }
    TitleSlide .judgment-grades { color: $text-muted; margin: 0 0 0 4; }
    TitleSlide Markdown { margin: 0; padding: 0; }
    TitleSlide Markdown > MarkdownBlock:last-child { margin-bottom: 0; }
    """

    def __init__(self, deck: Deck, **kwargs) -> None:
        super().__init__(**kwargs)
        self.deck = deck

    def compose(self) -> ComposeResult:
        deck = self.deck
        yield Static(plain(deck.title), id="title")
        if deck.subtitle:
            yield Static(plain(deck.subtitle), id="subtitle")
        if deck.as_of is not None:
            yield Static(Content(f"As of {deck.as_of.format()}"), id="as-of")
        if deck.summary:
            yield Static(Content("Summary"), classes="section-heading")
            yield Markdown(deck.summary, open_links=False)
        if deck.key_judgments:
            yield Static(Content("Key judgments"), classes="section-heading")
            for number, judgment in enumerate(deck.key_judgments, start=1):
                with Horizontal(classes="judgment"):
                    yield Static(Content(f"{number}."), classes="judgment-number")
                    yield Static(plain(judgment.text), classes="judgment-text")
                grades = judgment_grades(judgment)
                if grades:
                    yield Static(Content(grades), classes="judgment-grades")


def judgment_grades(judgment: KeyJudgment) -> str:
    """Likelihood and confidence kept apart, as ICD 203 asks: they answer different questions."""
    parts = []
    if judgment.likelihood is not None:
        parts.append(f"Likelihood: {judgment.likelihood.value}")
    if judgment.confidence is not None:
        parts.append(f"Confidence: {judgment.confidence.value}")
    return "   ".join(parts)
