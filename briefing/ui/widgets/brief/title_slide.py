"""The first slide: title, subtitle, as-of, the bottom line up front, key judgments."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content

from ....deck.model import Deck, KeyJudgment
from ...text import plain
from .slide_parts import MARKDOWN, ROW, STATIC, Part, build, shape_of, update_in_place


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
        self.parts = title_parts(deck)

    def compose(self) -> ComposeResult:
        yield from map(build, self.parts)

    def fits(self, deck: Deck) -> bool:
        """Whether this slide can show `deck` by updating its widgets (the same shape)."""
        return shape_of(title_parts(deck)) == shape_of(self.parts)

    async def show(self, deck: Deck) -> None:
        """Show a reloaded deck's title slide in place (call only when it `fits`)."""
        parts = title_parts(deck)
        await update_in_place(list(self.children), self.parts, parts)
        self.deck, self.parts = deck, parts


def title_parts(deck: Deck) -> tuple[Part, ...]:
    """The slide as data: title, subtitle, as-of, summary, numbered key judgments."""
    parts = [Part(STATIC, plain(deck.title), id="title")]
    if deck.subtitle:
        parts.append(Part(STATIC, plain(deck.subtitle), id="subtitle"))
    if deck.as_of is not None:
        parts.append(Part(STATIC, Content(f"As of {deck.as_of.format()}"), id="as-of"))
    if deck.summary:
        parts += [Part(STATIC, Content("Summary"), classes="section-heading"), Part(MARKDOWN, deck.summary)]
    if deck.key_judgments:
        parts.append(Part(STATIC, Content("Key judgments"), classes="section-heading"))
        for number, judgment in enumerate(deck.key_judgments, start=1):
            number_part = Part(STATIC, Content(f"{number}."), classes="judgment-number")
            text_part = Part(STATIC, plain(judgment.text), classes="judgment-text")
            parts.append(Part(ROW, classes="judgment", children=(number_part, text_part)))
            grades = judgment_grades(judgment)
            if grades:
                parts.append(Part(STATIC, Content(grades), classes="judgment-grades"))
    return tuple(parts)


def judgment_grades(judgment: KeyJudgment) -> str:
    """Likelihood and confidence kept apart, as ICD 203 asks: they answer different questions."""
    parts = []
    if judgment.likelihood is not None:
        parts.append(f"Likelihood: {judgment.likelihood.value}")
    if judgment.confidence is not None:
        parts.append(f"Confidence: {judgment.confidence.value}")
    return "   ".join(parts)
