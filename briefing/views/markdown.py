"""Deck Markdown's one parser configuration, for the screens and every handout.

Summaries and notes are Markdown; the screen, the plain-text handout and the HTML handout
all read them with the same rules, so a table or a ~~struck~~ word written in a summary
is a table or struck everywhere, never a table on screen and one flattened line on paper.

"gfm-like" is CommonMark plus tables and strikethrough. Raw HTML is off (it shows as
text), and so are linkify (a bare URL stays a plain word) and typographer (quotes and
dashes stay as written). markdown-it is imported on first use, not with this module.

The screens draw from :func:`markdown_blocks` (plain data, which the start-up cache keeps);
the handouts walk markdown-it's tree (:func:`markdown_tree`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

    from ..deck.model import Deck

PRESET = "gfm-like"
OPTIONS = {"html": False, "linkify": False, "typographer": False}


def new_markdown_parser() -> MarkdownIt:
    """A parser of its own, for a renderer that restricts it further (the HTML handout
    drops images and checks links)."""
    from markdown_it import MarkdownIt

    return MarkdownIt(PRESET, dict(OPTIONS))


@cache
def markdown_parser() -> MarkdownIt:
    """The shared parser; callers must not change it."""
    return new_markdown_parser()


def markdown_tree(text: str) -> SyntaxTreeNode:
    """Deck Markdown as markdown-it's syntax tree, for renderers that walk it."""
    from markdown_it.tree import SyntaxTreeNode

    return SyntaxTreeNode(markdown_parser().parse(text))


def cell_alignment(cell: SyntaxTreeNode) -> str:
    """'left', 'center' or 'right': how a table's delimiter row aligns this cell's column."""
    style = str(cell.attrs.get("style", ""))
    return style.removeprefix("text-align:") if style.startswith("text-align:") else "left"


def table_rows(table: SyntaxTreeNode) -> list[list[SyntaxTreeNode]]:
    """A table's rows (the header first) as lists of cells."""
    return [row.children for section in table.children for row in section.children]


def image_text(alt: str) -> str:
    """What stands for an image, on screen and in every handout: '[image: alt]'. Nothing is
    fetched, so the picture is named, never shown."""
    alt = " ".join(alt.split())
    return f"[image: {alt}]" if alt else "[image]"


# --- parsed Markdown as plain data: what the screen draws, and what the start-up cache keeps ---
#
# The screen draws deck Markdown from these blocks, not from markdown-it's tree, so that a
# parse can be kept: the start-up cache stores each summary's blocks (``blocks_to_data``) and
# a warm start hands them back (``remember_parsed``), and markdown-it is imported only when a
# text is new. Inline text is a sequence of spans, each with its marks in nesting order
# (outermost first), so the renderer combines styles exactly as the nesting did.
#
# Named tuples rather than the project's usual frozen dataclasses: immutable and named all the
# same, but nine dataclasses cost about 4 ms of every start (Python 3.11 compiles each one's
# generated methods on import) and these 0.6 ms. Tell blocks apart by type, never by
# equality alone: a CodeBlock and a RawBlock of the same text compare equal as tuples.

MARKS = ("strong", "em", "s", "link", "code")
"""The inline marks: bold, italic, struck, a link's text (never its URL), inline code."""


class Span(NamedTuple):
    text: str
    marks: tuple[str, ...] = ()


Spans = tuple[Span, ...]


class Paragraph(NamedTuple):
    spans: Spans


class Heading(NamedTuple):
    level: int
    spans: Spans


class CodeBlock(NamedTuple):
    text: str


class Rule(NamedTuple):
    pass


class BlockQuote(NamedTuple):
    blocks: tuple[Block, ...]


class ListBlock(NamedTuple):
    """A list; ``tight`` (no blank lines between items or their blocks) as markdown-it decided."""

    ordered: bool
    start: int
    tight: bool
    items: tuple[tuple[Block, ...], ...]


class TableBlock(NamedTuple):
    """A GFM table: the header's cells, each column's alignment ('left', 'center', 'right'), the rows."""

    header: tuple[Spans, ...]
    alignments: tuple[str, ...]
    rows: tuple[tuple[Spans, ...], ...]


class RawBlock(NamedTuple):
    """A block shown as its source text (raw HTML, which deck Markdown never interprets)."""

    text: str


Block = Paragraph | Heading | CodeBlock | Rule | BlockQuote | ListBlock | TableBlock | RawBlock

MAX_REMEMBERED = 4096
"""Parsed texts kept: every Markdown text of a big deck's current view, and a bound on a long
session of edits (each edited summary is a new text)."""
_parsed: dict[str, tuple[Block, ...]] = {}


def markdown_blocks(text: str) -> tuple[Block, ...]:
    """Deck Markdown as blocks, parsed once per text (markdown-it only for a text not seen yet)."""
    blocks = _parsed.get(text)
    if blocks is None:
        blocks = _parse(text)
        _remember(text, blocks)
    return blocks


def remember_parsed(parsed: Mapping[str, tuple[Block, ...]]) -> None:
    """Texts parsed before (the start-up cache's): ``markdown_blocks`` returns these without parsing."""
    for text, blocks in parsed.items():
        _remember(text, blocks)


def parsed_texts(texts: Iterable[str]) -> dict[str, tuple[Block, ...]]:
    """Each text's blocks, for the start-up cache to keep. Safe in a worker thread: it reads the
    remembered parses but leaves them to the screen's thread."""
    return {text: _parsed.get(text) or _parse(text) for text in texts}


def markdown_texts(deck: Deck) -> list[str]:
    """The Markdown texts the screens draw: the deck's summary, each incident's summary and notes."""
    texts = [deck.summary] + [text for incident in deck.incidents for text in (incident.summary, incident.notes)]
    return list(dict.fromkeys(text for text in texts if text))


def _parse(text: str) -> tuple[Block, ...]:
    return tuple(_block(node) for node in markdown_tree(text).children) if text.strip() else ()


def _remember(text: str, blocks: tuple[Block, ...]) -> None:
    if len(_parsed) >= MAX_REMEMBERED:
        del _parsed[next(iter(_parsed))]
    _parsed[text] = blocks


def _block(node: SyntaxTreeNode) -> Block:
    kind = node.type
    if kind == "paragraph":
        return Paragraph(_spans(node.children))
    if kind == "heading":
        return Heading(int(node.tag[1:]), _spans(node.children))
    if kind in ("fence", "code_block"):
        return CodeBlock(node.content.rstrip("\n"))
    if kind == "hr":
        return Rule()
    if kind == "blockquote":
        return BlockQuote(tuple(_block(child) for child in node.children))
    if kind in ("bullet_list", "ordered_list"):
        return _list(node)
    if kind == "table":
        rows = table_rows(node)
        header = rows[0] if rows else []
        return TableBlock(
            tuple(_spans(cell.children) for cell in header),
            tuple(cell_alignment(cell) for cell in header),
            tuple(tuple(_spans(cell.children) for cell in row) for row in rows[1:]),
        )
    return RawBlock(node.content.rstrip("\n"))


def _list(node: SyntaxTreeNode) -> ListBlock:
    tight = all(child.hidden for item in node.children for child in item.children if child.type == "paragraph")
    items = tuple(tuple(_block(child) for child in item.children) for item in node.children)
    return ListBlock(node.type == "ordered_list", int(node.attrs.get("start", 1)), tight, items)


_INLINE_MARKS = {"strong": "strong", "em": "em", "s": "s", "link": "link"}


def _spans(nodes: Iterable[SyntaxTreeNode]) -> Spans:
    """The inline children of a block (or its single inline node) as spans; neighbours with the same marks merged."""
    found: list[Span] = []
    for node in nodes:
        _inline(node, (), found)
    merged: list[Span] = []
    for span in found:
        if merged and merged[-1].marks == span.marks:
            merged[-1] = Span(merged[-1].text + span.text, span.marks)
        elif span.text:
            merged.append(span)
    return tuple(merged)


def _inline(node: SyntaxTreeNode, marks: tuple[str, ...], found: list[Span]) -> None:
    kind = node.type
    if kind == "softbreak":
        found.append(Span(" ", marks))
    elif kind == "hardbreak":
        found.append(Span("\n", marks))
    elif kind == "code_inline":
        found.append(Span(node.content, (*marks, "code")))
    elif kind == "image":
        found.append(Span(image_text(_plain(node.children)), marks))
    elif kind in _INLINE_MARKS:
        for child in node.children:
            _inline(child, (*marks, _INLINE_MARKS[kind]), found)
    elif node.children:
        for child in node.children:
            _inline(child, marks, found)
    else:
        found.append(Span(node.content, marks))


def _plain(nodes: Iterable[SyntaxTreeNode]) -> str:
    """Inline nodes as unstyled words, for an image's alt text."""
    return "".join(node.content if not node.children else _plain(node.children) for node in nodes)


# --- blocks as JSON-able data, and back (strictly: anything else is ValueError) --------------


def blocks_to_data(blocks: tuple[Block, ...]) -> list[Any]:
    return [_block_data(block) for block in blocks]


def blocks_from_data(data: Any) -> tuple[Block, ...]:
    """What ``blocks_to_data`` wrote; ValueError (and nothing else) for anything that is not."""
    try:
        return _blocks_from(data, 0)
    except (TypeError, KeyError, IndexError, RecursionError) as error:
        raise ValueError(f"not parsed Markdown: {type(error).__name__}") from None


def _block_data(block: Block) -> list[Any]:
    if isinstance(block, Paragraph):
        return ["p", _spans_data(block.spans)]
    if isinstance(block, Heading):
        return ["h", block.level, _spans_data(block.spans)]
    if isinstance(block, CodeBlock):
        return ["code", block.text]
    if isinstance(block, Rule):
        return ["hr"]
    if isinstance(block, BlockQuote):
        return ["quote", blocks_to_data(block.blocks)]
    if isinstance(block, ListBlock):
        return ["list", block.ordered, block.start, block.tight, [blocks_to_data(item) for item in block.items]]
    if isinstance(block, TableBlock):
        cells = [_spans_data(cell) for cell in block.header]
        rows = [[_spans_data(cell) for cell in row] for row in block.rows]
        return ["table", cells, list(block.alignments), rows]
    return ["raw", block.text]


def _spans_data(spans: Spans) -> list[Any]:
    return [[span.text, *span.marks] for span in spans]


MAX_DATA_NESTING = 64


def _blocks_from(data: Any, depth: int) -> tuple[Block, ...]:
    if not isinstance(data, list) or depth > MAX_DATA_NESTING:
        raise TypeError
    return tuple(_block_from(each, depth) for each in data)


def _block_from(data: Any, depth: int) -> Block:
    kind, *rest = data
    if kind == "p" and len(rest) == 1:
        return Paragraph(_spans_from(rest[0]))
    if kind == "h" and len(rest) == 2 and type(rest[0]) is int:
        return Heading(rest[0], _spans_from(rest[1]))
    if kind == "code" and len(rest) == 1:
        return CodeBlock(_text(rest[0]))
    if kind == "hr" and not rest:
        return Rule()
    if kind == "quote" and len(rest) == 1:
        return BlockQuote(_blocks_from(rest[0], depth + 1))
    if kind == "list" and len(rest) == 4:
        ordered, start, tight, items = rest
        if not (isinstance(ordered, bool) and type(start) is int and isinstance(tight, bool) and isinstance(items, list)):
            raise TypeError
        return ListBlock(ordered, start, tight, tuple(_blocks_from(item, depth + 1) for item in items))
    if kind == "table" and len(rest) == 3:
        header, alignments, rows = rest
        if not (isinstance(rows, list) and isinstance(alignments, list)) or any(a not in ALIGNMENTS for a in alignments):
            raise TypeError
        return TableBlock(_cells_from(header), tuple(alignments), tuple(_cells_from(row) for row in rows))
    if kind == "raw" and len(rest) == 1:
        return RawBlock(_text(rest[0]))
    raise TypeError


ALIGNMENTS = ("left", "center", "right")


def _cells_from(data: Any) -> tuple[Spans, ...]:
    if not isinstance(data, list):
        raise TypeError
    return tuple(_spans_from(cell) for cell in data)


def _spans_from(data: Any) -> Spans:
    if not isinstance(data, list):
        raise TypeError
    spans = []
    for each in data:
        text, *marks = each
        if any(mark not in MARKS for mark in marks):
            raise TypeError
        spans.append(Span(_text(text), tuple(marks)))
    return tuple(spans)


def _text(data: Any) -> str:
    if not isinstance(data, str):
        raise TypeError
    return data
