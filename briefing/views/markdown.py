"""Deck Markdown's one parser configuration, for the screens and every handout.

Summaries and notes are Markdown; the screen, the plain-text handout and the HTML handout
all read them with the same rules, so a table or a ~~struck~~ word written in a summary
is a table or struck everywhere, never a table on screen and one flattened line on paper.

"gfm-like" is CommonMark plus tables and strikethrough. Raw HTML is off (it shows as
text), and so are linkify (a bare URL stays a plain word) and typographer (quotes and
dashes stay as written). markdown-it is imported on first use, not with this module.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

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
