"""The search results: four lines per quote, drawn only where the screen shows them.

The list may hold 50,000 results, so it is a line-API ScrollView: the height is the
result count times four, :meth:`render_line` draws only the visible lines (from an LRU
cache of strips), and results the screen has not fetched yet show as a placeholder while
the list asks for them (:class:`QuoteList.Wanted`). Deck text goes into plain Segments.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ....search import Hit
from ...line_cache import LineCache
from .rows import RESULT_HEIGHT, Piece, context_pieces, header_pieces, snippet_lines

STRIP_CACHE_SIZE = 512
MARKER = "▌"
INDENT = "  "
"""The quote and its context sit under the speaker's name, a little to the right."""


class QuoteList(ScrollView, can_focus=True, inherit_bindings=False):
    """Results best first; the selected one is marked and is what enter and `y` act on."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "quote-list--speaker",
        "quote-list--details",
        "quote-list--date",
        "quote-list--text",
        "quote-list--match",
        "quote-list--context",
        "quote-list--marker",
        "quote-list--selected",
        "quote-list--pending",
    }

    DEFAULT_CSS = """
    QuoteList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    QuoteList > .quote-list--speaker { text-style: bold; }
    QuoteList > .quote-list--details { text-style: dim; }
    QuoteList > .quote-list--date { text-style: dim; }
    QuoteList > .quote-list--match { color: $search-highlight; text-style: bold; }
    QuoteList > .quote-list--context { text-style: dim italic; }
    QuoteList > .quote-list--marker { color: $accent; }
    QuoteList > .quote-list--selected { background: $foreground 8%; }
    QuoteList:focus > .quote-list--selected { background: $accent 25%; }
    QuoteList > .quote-list--pending { text-style: dim; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Previous result", show=False),
        Binding("down,j", "cursor_down", "Next result", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,g", "first", "First result", show=False),
        Binding("end,G", "last", "Last result", show=False),
        Binding("enter", "open", "Open", tooltip="Open the quote"),
    ]

    class Highlighted(Message):
        """The selection moved to result ``index``."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Opened(Message):
        """Enter (or a click on the selected result) asked to open this hit."""

        def __init__(self, hit: Hit) -> None:
            super().__init__()
            self.hit = hit

    class Wanted(Message):
        """The list needs the first ``count`` hits to draw what is on screen."""

        def __init__(self, count: int) -> None:
            super().__init__()
            self.count = count

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits: tuple[Hit, ...] = ()
        self.total = 0
        self.selected = 0
        self.tz: tzinfo | None = None
        self._wanted = 0
        self._strips: LineCache[tuple[int, int, bool, int], Strip] = LineCache(STRIP_CACHE_SIZE)
        self._styles: dict[str, Style] = {}

    # -- data

    def show(self, hits: Sequence[Hit], total: int, selected: int = 0) -> None:
        """New results (a new query, or a reloaded deck): redraw everything."""
        self.hits = tuple(hits)
        self.total = total
        self._wanted = len(self.hits)
        self._strips.clear()
        self._resize_virtual()
        self.select(selected, reveal="center" if selected else "top")

    def extend(self, hits: Sequence[Hit]) -> None:
        """More hits of the same results (the first ones unchanged), fetched on demand."""
        if len(hits) <= len(self.hits):
            return
        self.hits = tuple(hits)
        self._strips.clear()
        self.refresh()

    @property
    def page_size(self) -> int:
        return max(1, self.scrollable_content_region.height // RESULT_HEIGHT)

    @property
    def selected_hit(self) -> Hit | None:
        return self.hits[self.selected] if 0 <= self.selected < len(self.hits) else None

    def index_of(self, quote_id: str) -> int | None:
        for number, hit in enumerate(self.hits):
            if hit.quote.id == quote_id:
                return number
        return None

    # -- selection

    def select(self, index: int, reveal: str = "nearest") -> None:
        """Select result ``index`` (clamped) and scroll it into view."""
        index = max(0, min(index, self.total - 1)) if self.total else 0
        self.selected = index
        self._reveal(index, reveal)
        self.refresh()
        if index >= len(self.hits) and index < self.total:
            self._want(index + self.page_size)
        self.post_message(self.Highlighted(index))

    def _reveal(self, index: int, how: str) -> None:
        height = self.scrollable_content_region.height
        top, bottom = index * RESULT_HEIGHT, (index + 1) * RESULT_HEIGHT
        if how == "top":
            target = top
        elif how == "center":
            target = top - max(0, (height - RESULT_HEIGHT) // 2)
        elif top < self.scroll_y:
            target = top
        elif bottom > self.scroll_y + height:
            target = bottom - height
        else:
            return
        self.scroll_to(y=max(0, target), animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        self.select(self.selected - 1)

    def action_cursor_down(self) -> None:
        self.select(self.selected + 1)

    def action_page_up(self) -> None:
        self.select(self.selected - self.page_size)

    def action_page_down(self) -> None:
        self.select(self.selected + self.page_size)

    def action_first(self) -> None:
        self.select(0)

    def action_last(self) -> None:
        self.select(self.total - 1)

    def action_open(self) -> None:
        hit = self.selected_hit
        if hit is not None:
            self.post_message(self.Opened(hit))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + int(self.scroll_y)) // RESULT_HEIGHT
        if index >= self.total:
            return
        event.stop()
        if index == self.selected:
            self.action_open()
        else:
            self.select(index)

    # -- size and style

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self._resize_virtual()

    def _resize_virtual(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.total * RESULT_HEIGHT)
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _style(self, role: str) -> Style:
        """A role's own style; only solid colours and attributes, so it layers on any row."""
        style = self._styles.get(role)
        if style is None:
            style = self._styles[role] = self.get_component_rich_style(f"quote-list--{role}", partial=True)
        return style

    def _row_style(self, selected: bool) -> Style:
        """The row's base: the selected one's background blended onto the list's (the
        full component style does the blending that a partial one would skip)."""
        key = "-selected-row" if selected else "-row"
        style = self._styles.get(key)
        if style is None:
            style = self.get_component_rich_style("quote-list--selected") if selected else self.rich_style
            self._styles[key] = style
        return style

    # -- drawing

    def _want(self, count: int) -> None:
        count = min(count, self.total)
        if count > self._wanted:
            self._wanted = count
            self.post_message(self.Wanted(count))

    def render_line(self, y: int) -> Strip:
        row = y + int(self.scroll_y)
        index, line = divmod(row, RESULT_HEIGHT)
        width = self.scrollable_content_region.width
        if index >= self.total:
            return Strip.blank(width, self.rich_style)
        if index >= len(self.hits):
            self._want(index + self.page_size * 2)
            return self._pending_line(line, width, index == self.selected)
        selected = index == self.selected
        return self._strips.get((index, line, selected, width), self._render_result_line, self.hits[index], line, width, selected)

    def _render_result_line(self, hit: Hit, line: int, width: int, selected: bool) -> Strip:
        """Header; the quote on one or two lines; the context under it; blank to the end."""
        inner = max(0, width - 3)
        if line == 0:
            return self._strip(header_pieces(hit.quote, inner, self.tz), width, selected)
        quote = snippet_lines(hit.quote.text, hit.spans, inner - len(INDENT))
        if line <= len(quote):
            pieces = quote[line - 1]
        elif line == len(quote) + 1:
            pieces = context_pieces(hit.quote, inner - len(INDENT))
        else:
            pieces = []
        return self._strip([(INDENT, "text"), *pieces] if pieces else [], width, selected)

    def _pending_line(self, line: int, width: int, selected: bool) -> Strip:
        return self._strip([(INDENT + "…" if line == 1 else "", "pending")], width, selected)

    def _strip(self, pieces: list[Piece], width: int, selected: bool) -> Strip:
        base = self._row_style(selected)
        marker = Segment(MARKER if selected else " ", base + self._style("marker"))
        segments = [marker, Segment(" ", base)]
        segments.extend(Segment(text, base + self._style(role)) for text, role in pieces if text)
        return Strip(segments).crop_extend(0, width, base)
