"""Deck Markdown re-written from its parsed tree, so that the export is safe by construction.

The deck's Markdown is parsed by the screens' own parser (``briefing.views.markdown``:
GitHub-like, raw HTML off, so HTML arrives as text) and written out again: every piece of deck text is escaped, and
every piece of Markdown syntax is written here. Nothing is copied through line by line, so
no deck text can open or close a code block, start raw HTML or carry state from one summary
into the next. Code keeps its characters (``<`` stays ``<``): a code block gets a fence
longer than any run of backticks inside it, and inline code a longer backtick string.

Raw HTML shows as its text, images as '[image: description]' as on screen, links only when they go to
http(s), mailto or a ``#`` anchor, and headings sit under the export's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from briefing.views.markdown import cell_alignment, image_text, markdown_tree, table_rows

if TYPE_CHECKING:
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
    return _Writer(heading_offset).blocks(markdown_tree(text).children)


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
        lines = []
        for number, row in enumerate(table_rows(node)):
            cells = [" ".join(self.inline_lines(cell.children)) for cell in row]
            lines.append("| " + " | ".join(cells) + " |")
            if number == 0:
                lines.append("| " + " | ".join(_ALIGNMENTS[cell_alignment(cell)] for cell in row) + " |")
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
            self._text(image_text(_plain(node)), lines)
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
_ALIGNMENTS = {"left": "---", "center": ":---:", "right": "---:"}


def _code_span(content: str) -> str:
    """Inline code with a backtick string longer than any inside it (spaced when it must be)."""
    runs = [len(run) for run in _BACKTICKS.findall(content)]
    ticks = "`" * (max(runs, default=0) + 1)
    pad = " " if content.startswith(("`", " ")) or content.endswith(("`", " ")) else ""
    return f"{ticks}{pad}{content}{pad}{ticks}"


def _plain(node: SyntaxTreeNode) -> str:
    return "".join(child.content for child in node.children) if node.children else node.content
