"""Deck Markdown (summaries, notes) as one Rich renderable, cheaply.

Textual's ``Markdown`` widget and ``rich.markdown`` both import Pygments and build a widget
per block, which slows the first paint. Here markdown-it-py does the parsing, configured
once for the screens and the handouts (``briefing.views.markdown``, which turns its tree into
plain blocks the start-up cache can keep), and a few small functions turn those blocks into
``Text``, ``Group`` and ``Table`` objects.

Deck text is untrusted: every piece of it goes into ``Text`` as plain text (never markup),
raw HTML stays literal, and links show their text only, never an OSC 8 hyperlink.
"""

# Rich Styles are immutable, so sharing them as dataclass defaults is safe.
# ruff: noqa: RUF009

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..views.markdown import (
    Block,
    BlockQuote,
    CodeBlock,
    Heading,
    ListBlock,
    Paragraph,
    Rule,
    Span,
    TableBlock,
    markdown_blocks,
)


@dataclass(frozen=True)
class MarkdownStyles:
    """Rich styles for the parts of rendered Markdown (the widget fills these from its theme)."""

    strong: Style = Style(bold=True)
    emphasis: Style = Style(italic=True)
    code: Style = Style(reverse=True)  # inline code and code blocks
    link: Style = Style(underline=True)
    heading: Style = Style(bold=True)
    quote: Style = Style(italic=True)
    rule: Style = Style(dim=True)
    strike: Style = Style(strike=True)


BULLET = "•"
QUOTE_BAR = "▌ "
RULE_CHARACTER = "─"


def markdown_renderable(
    text: str, styles: MarkdownStyles = MarkdownStyles()
) -> RenderableType:
    """Deck Markdown as one Rich renderable that wraps to whatever width it is given."""
    return _stack([_block(block, styles) for block in markdown_blocks(text)], gap=True)


def _stack(parts: list[RenderableType], *, gap: bool) -> RenderableType:
    """Blocks one under another, with exactly one blank line between them when `gap`."""
    if not parts:
        return Text()
    if len(parts) == 1:
        return parts[0]
    if gap:
        parts = [piece for part in parts for piece in (Text(), part)][1:]
    return Group(*parts)


# Blocks


def _block(block: Block, styles: MarkdownStyles) -> RenderableType:
    """One block; a raw block (e.g. HTML) shows its source text."""
    render = _BLOCKS.get(type(block))
    if render is None:
        return Text(block.text)
    return render(block, styles)


def _paragraph(block: Paragraph, styles: MarkdownStyles) -> RenderableType:
    return _inline_text(block.spans, styles)


def _heading(block: Heading, styles: MarkdownStyles) -> RenderableType:
    """Headings keep their words and gain the heading style; the top level is underlined too."""
    style = (
        styles.heading + Style(underline=True) if block.level == 1 else styles.heading
    )
    return _inline_text(block.spans, styles, style)


def _code(block: CodeBlock, styles: MarkdownStyles) -> RenderableType:
    """Code verbatim: no highlighting (no Pygments) and no wrapping, which would corrupt it."""
    return Text(block.text, style=styles.code, no_wrap=True, overflow="ellipsis")


def _rule(block: Rule, styles: MarkdownStyles) -> RenderableType:
    from rich.rule import Rule as RichRule

    return RichRule(characters=RULE_CHARACTER, style=styles.rule)


def _quote(block: BlockQuote, styles: MarkdownStyles) -> RenderableType:
    body = _stack([_block(child, styles) for child in block.blocks], gap=True)
    return _Prefixed(body, QUOTE_BAR, styles.quote)


def _list(block: ListBlock, styles: MarkdownStyles) -> RenderableType:
    """A grid of marker and text columns, so wrapped lines hang under the text, not the marker.

    A tight list has no blank lines between items or between the blocks of an item; a loose
    list has one.
    """
    grid = Table.grid(padding=(0, 1))  # one space between marker and text
    grid.add_column(no_wrap=True, justify="right" if block.ordered else "left")
    grid.add_column()  # wraps; the marker column never does
    for number, item in enumerate(block.items, block.start):
        if number > block.start and not block.tight:
            grid.add_row()
        marker = f"{number}." if block.ordered else BULLET
        grid.add_row(
            Text(marker),
            _stack([_block(child, styles) for child in item], gap=not block.tight),
        )
    return grid


def _table(block: TableBlock, styles: MarkdownStyles) -> RenderableType:
    """A GFM table: bold header, simple lines, each column aligned as the delimiter row says."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style=Style(bold=True))
    for cell, alignment in zip(block.header, block.alignments, strict=True):
        table.add_column(_inline_text(cell, styles), justify=alignment)
    for row in block.rows:
        table.add_row(*(_inline_text(cell, styles) for cell in row))
    return table


_BLOCKS: dict[type, Callable[[Any, MarkdownStyles], RenderableType]] = {
    Paragraph: _paragraph,
    Heading: _heading,
    CodeBlock: _code,
    Rule: _rule,
    BlockQuote: _quote,
    ListBlock: _list,
    TableBlock: _table,
}


class _Prefixed:
    """Its body rendered narrower, with a prefix on every line (a block quote's bar).

    A grid cannot do this: a marker cell does not know how many lines its neighbour takes.
    """

    def __init__(self, body: RenderableType, prefix: str, style: Style) -> None:
        self.body = body
        self.prefix = prefix
        self.prefix_width = cell_len(prefix)
        self.style = style

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> RenderResult:
        width = max(1, options.max_width - self.prefix_width)
        lines = console.render_lines(
            self.body,
            options.update(width=width).reset_height(),
            style=self.style,
            pad=False,
        )
        for line in lines:
            yield Segment(self.prefix, self.style)
            yield from line
            yield Segment.line()

    def __rich_measure__(
        self, console: Console, options: ConsoleOptions
    ) -> Measurement:
        width = max(1, options.max_width - self.prefix_width)
        inner = Measurement.get(console, options.update(width=width), self.body)
        return Measurement(
            inner.minimum + self.prefix_width, inner.maximum + self.prefix_width
        )


# Inline


def _inline_text(spans: Iterable[Span], styles: MarkdownStyles, style: Style | None = None) -> Text:
    """A block's spans as one Text; marks combine their styles in nesting order (outermost first)."""
    text = Text(style=style or "")
    for span in spans:
        text.append(span.text, _span_style(span.marks, styles))
    return text


def _span_style(marks: tuple[str, ...], styles: MarkdownStyles) -> Style:
    style = Style()
    for mark in marks:
        style += _MARK_STYLES[mark](styles)
    return style


_MARK_STYLES: dict[str, Callable[[MarkdownStyles], Style]] = {
    "strong": lambda styles: styles.strong,
    "em": lambda styles: styles.emphasis,
    "s": lambda styles: styles.strike,
    # Only the link's text, styled: never Style(link=...), so no untrusted URL reaches the terminal.
    "link": lambda styles: styles.link,
    "code": lambda styles: styles.code,
}
