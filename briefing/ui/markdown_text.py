"""Deck Markdown (summaries, notes) as one Rich renderable, cheaply.

Textual's ``Markdown`` widget and ``rich.markdown`` both import Pygments and build a widget
per block, which slows the first paint. Here markdown-it-py does the parsing, configured
once for the screens and the handouts (``briefing.views.markdown``), and a few small
functions turn its syntax tree into ``Text``, ``Group`` and ``Table`` objects.

Deck text is untrusted: every piece of it goes into ``Text`` as plain text (never markup),
raw HTML stays literal, and links show their text only, never an OSC 8 hyperlink.
"""

# Rich Styles are immutable, so sharing them as dataclass defaults is safe.
# ruff: noqa: RUF009

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..views.markdown import cell_alignment, markdown_tree, table_rows

if TYPE_CHECKING:
    from markdown_it.tree import SyntaxTreeNode


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
    if not text.strip():
        return Text()
    root = markdown_tree(text)
    return _stack([_block(node, styles) for node in root.children], gap=True)


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


def _block(node: SyntaxTreeNode, styles: MarkdownStyles) -> RenderableType:
    """One block-level node; unknown kinds (e.g. raw HTML) show their source text."""
    render = _BLOCKS.get(node.type)
    if render is None:
        return Text(node.content.rstrip("\n"))
    return render(node, styles)


def _paragraph(node: SyntaxTreeNode, styles: MarkdownStyles) -> RenderableType:
    return _inline_text(node.children, styles)


def _heading(node: SyntaxTreeNode, styles: MarkdownStyles) -> RenderableType:
    """Headings keep their words and gain the heading style; the top level is underlined too."""
    style = (
        styles.heading + Style(underline=True) if node.tag == "h1" else styles.heading
    )
    return _inline_text(node.children, styles, style)


def _code(node: SyntaxTreeNode, styles: MarkdownStyles) -> RenderableType:
    """Code verbatim: no highlighting (no Pygments) and no wrapping, which would corrupt it."""
    return Text(
        node.content.rstrip("\n"), style=styles.code, no_wrap=True, overflow="ellipsis"
    )


def _rule(node: SyntaxTreeNode, styles: MarkdownStyles) -> RenderableType:
    from rich.rule import Rule

    return Rule(characters=RULE_CHARACTER, style=styles.rule)


def _quote(node: SyntaxTreeNode, styles: MarkdownStyles) -> RenderableType:
    body = _stack([_block(child, styles) for child in node.children], gap=True)
    return _Prefixed(body, QUOTE_BAR, styles.quote)


def _list(node: SyntaxTreeNode, styles: MarkdownStyles) -> RenderableType:
    """A grid of marker and text columns, so wrapped lines hang under the text, not the marker.

    A tight list (markdown-it hides its paragraphs) has no blank lines between items or
    between the blocks of an item; a loose list has one.
    """
    tight = all(
        child.hidden
        for item in node.children
        for child in item.children
        if child.type == "paragraph"
    )
    ordered = node.type == "ordered_list"
    start = int(node.attrs.get("start", 1))
    grid = Table.grid(padding=(0, 1))  # one space between marker and text
    grid.add_column(no_wrap=True, justify="right" if ordered else "left")
    grid.add_column()  # wraps; the marker column never does
    for number, item in enumerate(node.children, start):
        if number > start and not tight:
            grid.add_row()
        marker = f"{number}." if ordered else BULLET
        grid.add_row(
            Text(marker),
            _stack([_block(child, styles) for child in item.children], gap=not tight),
        )
    return grid


def _table(node: SyntaxTreeNode, styles: MarkdownStyles) -> RenderableType:
    """A GFM table: bold header, simple lines, each column aligned as the delimiter row says."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style=Style(bold=True))
    rows = table_rows(node)
    for cell in rows[0] if rows else ():
        table.add_column(_inline_text(cell.children, styles), justify=cell_alignment(cell))
    for row in rows[1:]:
        table.add_row(*(_inline_text(cell.children, styles) for cell in row))
    return table


_BLOCKS: dict[str, Callable[[SyntaxTreeNode, MarkdownStyles], RenderableType]] = {
    "paragraph": _paragraph,
    "heading": _heading,
    "fence": _code,
    "code_block": _code,
    "hr": _rule,
    "blockquote": _quote,
    "bullet_list": _list,
    "ordered_list": _list,
    "table": _table,
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


def _inline_text(
    nodes: Iterable[SyntaxTreeNode], styles: MarkdownStyles, style: Style | None = None
) -> Text:
    """The inline children of a block as one Text; `nodes` may be the block's single inline node."""
    text = Text(style=style or "")
    for node in nodes:
        _inline(node, text, styles, Style())
    return text


def _inline(
    node: SyntaxTreeNode, text: Text, styles: MarkdownStyles, style: Style
) -> None:
    """Append one inline node to `text`; nested emphasis, links etc. combine their styles."""
    kind = node.type
    if kind == "softbreak":
        text.append(" ", style)
    elif kind == "hardbreak":
        text.append("\n", style)
    elif kind == "code_inline":
        text.append(node.content, style + styles.code)
    elif kind == "image":
        alt = _plain(node.children)
        text.append(f"[image: {alt}]" if alt else "[image]", style)
    elif kind in _SPAN_STYLES:
        inner = style + _SPAN_STYLES[kind](styles)
        for child in node.children:
            _inline(child, text, styles, inner)
    elif node.children:
        for child in node.children:
            _inline(child, text, styles, style)
    else:
        text.append(node.content, style)


_SPAN_STYLES: dict[str, Callable[[MarkdownStyles], Style]] = {
    "strong": lambda styles: styles.strong,
    "em": lambda styles: styles.emphasis,
    "s": lambda styles: styles.strike,
    # Only the link's text, styled: never Style(link=...), so no untrusted URL reaches the terminal.
    "link": lambda styles: styles.link,
}


def _plain(nodes: Iterable[SyntaxTreeNode]) -> str:
    """Inline nodes as unstyled words, for an image's alt text."""
    return "".join(
        node.content if not node.children else _plain(node.children) for node in nodes
    )
