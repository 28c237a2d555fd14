"""Deck Markdown re-written from its parsed tree, so that the export is safe by construction.

The deck's Markdown is parsed by markdown-it as the app shows it (GitHub-like, raw HTML off,
so HTML arrives as text) and written out again: every piece of deck text is escaped, and
every piece of Markdown syntax is written here. Nothing is copied through line by line, so
no deck text can open or close a code block, start raw HTML or carry state from one summary
into the next. Code keeps its characters (``<`` stays ``<``): a code block gets a fence
longer than any run of backticks inside it, and inline code a longer backtick string.

Raw HTML shows as its text, images as their description, links only when they go to
http(s), mailto or a ``#`` anchor, and headings sit under the export's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode

_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]<>|~&#])")
_BLOCK_START = re.compile(r"^([-+=]|\d+[.)])")
_BACKTICKS = re.compile(r"`+")
_SAFE_DESTINATION = re.compile(r"(https?://|mailto:|#)", re.IGNORECASE)
_URL_UNSAFE = {" ": "%20", "<": "%3C", ">": "%3E", "(": "%28", ")": "%29", '"': "%22", "\\": "%5C", "|": "%7C", "`": "%60"}


def escape_text(text: str) -> str:
    """Text that Markdown shows as written, wherever in a line it is put."""
    return _INLINE_SPECIALS.sub(r"\\\1", text)


def escape_line_start(text: str) -> str:
    """Escaped text that starts a line: also no list item, setext underline or numbered item."""
    return _BLOCK_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], escape_text(text))


def url(destination: str) -> str:
    return "".join(_URL_UNSAFE.get(ch, ch) for ch in destination)


def markdown_lines(text: str, *, heading_offset: int = 2) -> list[str]:
    """Deck Markdown as lines of safe Markdown, headings demoted by ``heading_offset``."""
    from markdown_it.tree import SyntaxTreeNode

    root = SyntaxTreeNode(_parser().parse(text))
    return _Writer(heading_offset).blocks(root.children)


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("gfm-like", {"html": False, "linkify": False})


class _Writer:
    def __init__(self, heading_offset: int) -> None:
        self.heading_offset = heading_offset

    # blocks: each gives its lines, without the blank lines around it

    def blocks(self, nodes: list[SyntaxTreeNode], *, tight: bool = False) -> list[str]:
        lines: list[str] = []
        for node in nodes:
            if lines and not tight:
                lines.append("")
            lines += self.block(node, tight=tight)
        return lines

    def block(self, node: SyntaxTreeNode, *, tight: bool = False) -> list[str]:
        write = _BLOCKS.get(node.type)
        if write is not None:
            return write(self, node)
        if node.type == "paragraph":
            return self.inline_lines(node.children)
        return [escape_line_start(line) for line in (node.content or "").strip("\n").split("\n") if line.strip()]

    def heading(self, node: SyntaxTreeNode) -> list[str]:
        level = min(6, int(node.tag[1]) + self.heading_offset)
        return ["#" * level + " " + " ".join(self.inline_lines(node.children))]

    def code(self, node: SyntaxTreeNode) -> list[str]:
        content = node.content.removesuffix("\n")
        runs = [len(run) for run in _BACKTICKS.findall(content)]
        fence = "`" * max(3, max(runs, default=0) + 1)
        return [fence, *content.split("\n"), fence] if content else [fence, fence]

    def rule(self, node: SyntaxTreeNode) -> list[str]:
        return ["---"]

    def quote(self, node: SyntaxTreeNode) -> list[str]:
        return [f"> {line}" if line else ">" for line in self.blocks(node.children)]

    def bullet_list(self, node: SyntaxTreeNode) -> list[str]:
        return self._list(node, lambda number: "- ")

    def ordered_list(self, node: SyntaxTreeNode) -> list[str]:
        start = int(node.attrs.get("start", 1) or 1)
        return self._list(node, lambda number: f"{start + number}. ")

    def _list(self, node: SyntaxTreeNode, marker: Callable[[int], str]) -> list[str]:
        tight = all(child.hidden for item in node.children for child in item.children if child.type == "paragraph")
        lines: list[str] = []
        for number, item in enumerate(node.children):
            if lines and not tight:
                lines.append("")
            head = marker(number)
            body = self.blocks(item.children, tight=tight) or [""]
            pad = " " * len(head)
            lines.append(head + body[0])
            lines += [pad + line if line else "" for line in body[1:]]
        return lines

    def table(self, node: SyntaxTreeNode) -> list[str]:
        rows = [row for part in node.children for row in part.children]
        lines = []
        for number, row in enumerate(rows):
            cells = [" ".join(self.inline_lines(cell.children)) for cell in row.children]
            lines.append("| " + " | ".join(cells) + " |")
            if number == 0:
                lines.append("| " + " | ".join(_alignment(cell) for cell in row.children) + " |")
        return lines

    # inline: the paragraph's text as lines (soft and hard breaks end a line)

    def inline_lines(self, nodes: list[SyntaxTreeNode]) -> list[str]:
        lines = [""]
        for node in nodes:
            self.inline(node, lines)
        return [line for line in lines if line.strip()] or []

    def inline(self, node: SyntaxTreeNode, lines: list[str]) -> None:
        kind = node.type
        if kind in ("inline",):
            for child in node.children:
                self.inline(child, lines)
        elif kind == "softbreak":
            lines.append("")
        elif kind == "hardbreak":
            lines[-1] += "\\"
            lines.append("")
        elif kind == "code_inline":
            lines[-1] += _code_span(node.content)
        elif kind in _WRAPPERS:
            marker = _WRAPPERS[kind]
            lines[-1] += marker
            for child in node.children:
                self.inline(child, lines)
            lines[-1] += marker
        elif kind == "link":
            self._link(node, lines)
        elif kind == "image":
            self._text(node.attrs.get("alt") or _plain(node), lines)
        else:
            self._text(node.content, lines)

    def _link(self, node: SyntaxTreeNode, lines: list[str]) -> None:
        destination = str(node.attrs.get("href", "")).strip()
        safe = _SAFE_DESTINATION.match(destination) is not None
        if safe:
            lines[-1] += "["
        for child in node.children:
            self.inline(child, lines)
        if safe:
            lines[-1] += f"]({url(destination)})"

    @staticmethod
    def _text(text: str, lines: list[str]) -> None:
        pieces = text.split("\n")
        for number, piece in enumerate(pieces):
            if number:
                lines.append("")
            lines[-1] += escape_line_start(piece) if not lines[-1] else escape_text(piece)


_BLOCKS: dict[str, Callable[[_Writer, SyntaxTreeNode], list[str]]] = {
    "heading": _Writer.heading,
    "fence": _Writer.code,
    "code_block": _Writer.code,
    "hr": _Writer.rule,
    "blockquote": _Writer.quote,
    "bullet_list": _Writer.bullet_list,
    "ordered_list": _Writer.ordered_list,
    "table": _Writer.table,
}
_WRAPPERS = {"em": "*", "strong": "**", "s": "~~"}


def _code_span(content: str) -> str:
    """Inline code with a backtick string longer than any inside it (spaced when it must be)."""
    runs = [len(run) for run in _BACKTICKS.findall(content)]
    ticks = "`" * (max(runs, default=0) + 1)
    pad = " " if content.startswith(("`", " ")) or content.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{content}{pad}{ticks}"


def _alignment(cell: SyntaxTreeNode) -> str:
    style = str(cell.attrs.get("style", ""))
    return {"text-align:left": ":---", "text-align:center": ":---:", "text-align:right": "---:"}.get(style, "---")


def _plain(node: SyntaxTreeNode) -> str:
    return "".join(child.content for child in node.children) if node.children else node.content
