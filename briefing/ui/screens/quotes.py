"""Quote search: type, and the quotes that match are listed best first, matches marked.

The index is built in a thread once per deck load (about a second for 50,000 quotes) and
every keystroke's query runs in a thread too, so typing never waits for either. Only the
first hundred or so results are fetched per query; the list asks for more as it is
scrolled. On reload the query, the results and the selected quote (by id) stay.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import tzinfo
from functools import partial
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input
from textual.worker import Worker, WorkerState

from ...deck.model import Deck, Item, Quote
from ...search import SYNTAX_HELP, QueryError, SearchIndex, SearchResult
from ...session import Place, QuotesView
from ..clipboard import copy_to_clipboard
from ..widgets.quotes.citation import citation
from ..widgets.quotes.query_box import QueryBox
from ..widgets.quotes.query_input import QueryInput
from ..widgets.quotes.quote_detail import OPEN_SEARCH, QuoteDetailScreen
from ..widgets.quotes.quote_list import QuoteList
from ..widgets.quotes.rows import fit
from .base import DeckScreen

FIRST_PAGE = 100
"""Hits fetched per query: more than any screen shows; the list asks for more on scroll."""


def _help_text() -> str:
    """The query language for the `?` screen, one paragraph a line (the help view wraps)."""
    lines = ["Query language (the results follow every keystroke):"]
    lines += [f"• {syntax}  {meaning}" for syntax, meaning in SYNTAX_HELP]
    lines += [
        "Case, accents and punctuation are ignored (nauseda finds Nausėda); a word of five letters or more"
        " also matches with one typo, listed after exact matches. Best first: words together in the order"
        " typed, then all words exact, then with typos; newest first within each.",
        "In the query box: ↑ ↓ pgup pgdn home end move through the results, enter opens the quote, ctrl+y"
        " copies it, escape or tab goes to the list (ctrl+a / ctrl+e move the text cursor).",
        "In the list: y copies the quote with its attribution (OSC 52: works over SSH), / goes back to the box.",
    ]
    return "\n".join(lines)


@dataclass(frozen=True)
class _Shown:
    """The query whose results the list holds, and the index they came from."""

    text: str
    index: SearchIndex
    version: int


class QuotesScreen(DeckScreen):
    SCREEN_NAME = "quotes"
    CSS_PATH = "quotes.tcss"
    HELP: ClassVar[str] = _help_text()
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "copy", "Copy", tooltip="Copy the quote with its attribution"),
    ]

    class IndexBuilt(Message):
        def __init__(self, deck: Deck, index: SearchIndex, ranks: dict[str, int]) -> None:
            super().__init__()
            self.deck = deck
            self.index = index
            self.ranks = ranks

    class Searched(Message):
        """A query's answer; ``fallback`` re-runs the last good query when this one failed."""

        def __init__(
            self,
            generation: int,
            index: SearchIndex,
            text: str,
            result: SearchResult,
            fallback: tuple[str, SearchResult] | None,
            keep: tuple[str | None, int],
        ) -> None:
            super().__init__()
            self.generation = generation
            self.index = index
            self.text = text
            self.result = result
            self.fallback = fallback
            self.keep = keep

    class Fetched(Message):
        """More hits for the results the list shows (``version`` says which)."""

        def __init__(self, version: int, result: SearchResult) -> None:
            super().__init__()
            self.version = version
            self.result = result

    def __init__(self) -> None:
        super().__init__()
        self._index: SearchIndex | None = None
        self._ranks: dict[str, int] = {}
        self._generation = 0
        self._version = 0
        self._shown: _Shown | None = None
        self._pending_focus: str | None = None
        self._restoring: str | None = None
        """The quote a place asked for, selected once the results it is among have landed."""
        self.tz: tzinfo | None = None

    def compose_body(self) -> ComposeResult:
        yield QueryBox(id="quote-query")
        yield QuoteList(id="quote-list")

    def on_mount(self) -> None:
        self._set_timezone(self.deck)
        self.query_box.show_status(f"Indexing {len(self.deck.quotes):,} quotes…")
        self._build_index(self.deck)
        self.open_search()

    @property
    def query_box(self) -> QueryBox:
        return self.query_one(QueryBox)

    @property
    def results(self) -> QuoteList:
        return self.query_one(QuoteList)

    @property
    def index(self) -> SearchIndex | None:
        """The index of the deck on screen, once built."""
        return self._index

    def open_search(self) -> None:
        """Put the cursor in the query box (its text selected, so typing starts afresh)."""
        query_input = self.query_box.input
        if self.focused is query_input:
            query_input.select_all()
        else:
            query_input.focus()

    # -- the index

    def _set_timezone(self, deck: Deck) -> None:
        self.tz = self.results.tz = deck.zone

    def _build_index(self, deck: Deck) -> None:
        self._run_in_thread(partial(self._index_deck, deck), "quote-index")

    def _run_in_thread(self, work: Callable[[], None], group: str) -> None:
        """One worker per group at a time (the newest wins). The description is given because
        Textual's default, repr(work), would spell out a whole deck on the event loop."""
        self.run_worker(work, name=group, group=group, description=group, thread=True, exclusive=True, exit_on_error=False)

    def _index_deck(self, deck: Deck) -> None:
        index = SearchIndex.build(deck)
        ranks = {quote.id: rank for rank, quote in enumerate(index.quotes)}
        self.post_message(self.IndexBuilt(deck, index, ranks))

    def on_quotes_screen_index_built(self, message: IndexBuilt) -> None:
        if message.deck is not self.briefing.deck:
            return
        self._index, self._ranks = message.index, message.ranks
        if self._pending_focus is not None:
            self._show_all_with(self._pending_focus)
            return
        self._search(self.query_box.text, keep=(self._selected_id(), self.results.selected))

    def show_deck(self, deck: Deck) -> None:
        """Re-index the new deck; the query, the results and the selection stay meanwhile."""
        self._set_timezone(deck)
        self._build_index(deck)

    # -- searching

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._search(event.value)
        self.place_changed()

    def _search(self, text: str, keep: tuple[str | None, int] = (None, 0)) -> None:
        self._generation += 1
        if self._index is None:
            return
        shown = self._shown
        fallback = shown.text if shown is not None and shown.index is not self._index else None
        limit = max(FIRST_PAGE, keep[1] + FIRST_PAGE)
        work = partial(self._run_query, self._generation, self._index, text, limit, fallback, keep)
        self._run_in_thread(work, "quote-search")

    def _run_query(
        self, generation: int, index: SearchIndex, text: str, limit: int, fallback_text: str | None, keep: tuple[str | None, int]
    ) -> None:
        """In a thread: the query, and when it fails on a new index, the last good one again
        (so a reload refreshes the results even while the box holds a malformed query)."""
        result = index.search(text, limit=limit)
        fallback = None
        if not result.ok and fallback_text is not None:
            fallback = (fallback_text, index.search(fallback_text, limit=limit))
        self.post_message(self.Searched(generation, index, text, result, fallback, keep))

    def on_quotes_screen_searched(self, message: Searched) -> None:
        if message.generation != self._generation or message.index is not self._index:
            return
        result = message.result
        if result.ok:
            self._show_results(message.text, result, message.keep)
            self.query_box.show_status(_count_text(result))
            return
        if message.fallback is not None:
            self._show_results(*message.fallback, message.keep)
        error = result.query
        self.query_box.show_error(result.error or "", (error.start, error.end) if isinstance(error, QueryError) else None)

    def _show_results(self, text: str, result: SearchResult, keep: tuple[str | None, int]) -> None:
        self._version += 1
        self._shown = _Shown(text, self._index, self._version)  # type: ignore[arg-type]
        self._restoring = None
        keep_id, keep_index = keep
        selected = keep_index
        if keep_id is not None:
            found = next((number for number, hit in enumerate(result.hits) if hit.quote.id == keep_id), None)
            selected = found if found is not None else keep_index
        self.results.show(result.hits, result.total, selected)
        if self._pending_focus is not None and self._pending_focus == keep_id:
            self._pending_focus = None
            self.results.focus()

    def on_quote_list_wanted(self, message: QuoteList.Wanted) -> None:
        shown = self._shown
        if shown is None:
            return
        limit = min(max(message.count, 2 * len(self.results.hits)), self.results.total)
        work = partial(self._fetch, shown, limit)
        self._run_in_thread(work, "quote-fetch")

    def _fetch(self, shown: _Shown, limit: int) -> None:
        self.post_message(self.Fetched(shown.version, shown.index.search(shown.text, limit=limit)))

    def on_quotes_screen_fetched(self, message: Fetched) -> None:
        if self._shown is not None and message.version == self._shown.version and message.result.ok:
            self.results.extend(message.result.hits)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A search that failed (a bug, never the user's input) says so instead of hanging."""
        if event.state is WorkerState.ERROR and event.worker.group.startswith("quote-"):
            self.query_box.show_error(f"search failed: {event.worker.error}", None)

    # -- selection and keys

    def on_quote_list_highlighted(self, message: QuoteList.Highlighted) -> None:
        total = self.results.total
        self.show_location(f"Quotes {message.index + 1:,}/{total:,}" if total else "Quotes 0")
        self.place_changed()

    def on_query_input_steer(self, message: QueryInput.Steer) -> None:
        if message.action == "copy":
            self.action_copy()
        elif message.action == "leave":
            self.results.focus()
        else:
            getattr(self.results, f"action_{message.action}")()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.results.action_open()

    def on_quote_list_opened(self, message: QuoteList.Opened) -> None:
        hit = message.hit
        detail = QuoteDetailScreen(hit.quote, hit.spans, copy=self.copy_quote, tz=self.tz)
        self.app.push_screen(detail, self._detail_closed)

    async def _detail_closed(self, result: Item | str | None) -> None:
        if result == OPEN_SEARCH:
            self.open_search()
        elif result is not None and not isinstance(result, str):
            await self.briefing.open_item(result)

    def action_copy(self) -> None:
        quote = self.current_item()
        if quote is None:
            self.notify("No quote selected to copy.", severity="warning", markup=False)
            return
        self.copy_quote(quote)

    def copy_quote(self, quote: Quote) -> None:
        """The quote with its attribution to the clipboard, by OSC 52 (works over SSH)."""
        text = citation(quote, self.tz)
        copy_to_clipboard(self.app, text)
        self.notify(fit(text, 90), title="Copied to the clipboard", markup=False)

    # -- DeckScreen hooks

    def place_view(self) -> Mapping[str, Any]:
        return {"quotes": QuotesView(query=self.query_box.text, selected=self._selected_id())}

    def _selected_id(self) -> str | None:
        """The selected quote, or the one a place asked for while its results are on their way."""
        if self._restoring is not None:
            return self._restoring
        current = self.current_item()
        return current.id if current is not None else None

    def apply_place(self, place: Place) -> None:
        """The query, then the quote by id once its results land (the same row when it is gone)."""
        view = place.quotes
        query_input = self.query_box.input
        query_changed = query_input.value != view.query
        if query_changed:
            with query_input.prevent(Input.Changed):
                query_input.value = view.query
        current = self.current_item()
        if not query_changed and view.selected in (None, current.id if current is not None else None):
            return
        number = self.results.index_of(view.selected) if not query_changed and view.selected is not None else None
        if number is not None:
            self.results.select(number, reveal="center")
            return
        self._restoring = view.selected
        self._search(view.query, keep=(view.selected, 0 if query_changed else self.results.selected))

    def current_item(self) -> Quote | None:
        hit = self.results.selected_hit
        return hit.quote if hit is not None else None

    def focus_item(self, item: Item) -> bool:
        """Select a quote: in the results if it is there, else among all quotes."""
        if not isinstance(item, Quote) or not isinstance(self.deck.get(item.id), Quote):
            return False
        number = self.results.index_of(item.id) if self._shown is not None and self._shown.index is self._index else None
        if number is not None:
            self.results.select(number, reveal="center")
            self.results.focus()
            return True
        self._pending_focus = item.id
        if self._index is not None:
            self._show_all_with(item.id)
        return True

    def _show_all_with(self, quote_id: str) -> None:
        query_input = self.query_box.input
        with query_input.prevent(Input.Changed):
            query_input.value = ""
        self._search("", keep=(quote_id, self._ranks.get(quote_id, 0)))


def _count_text(result: SearchResult) -> str:
    total = result.total
    if not isinstance(result.query, QueryError) and result.query.is_empty:
        return f"{total:,} quote{'s' if total != 1 else ''}, newest first"
    if total == 1:
        return "1 quote matches"
    return f"{total:,} quotes match"
