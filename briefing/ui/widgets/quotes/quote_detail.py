"""One quote opened: its full text, context, source and grade, what it is about (enter
jumps there) and the other quotes by the same speaker (enter opens one here)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ....deck.dates import format_date_point
from ....deck.model import Deck, Item, Quote, Source, Subject
from ....search import Span
from ....views.labels import graded_source, speaker_label
from ...screens.window import WindowScreen
from ..brief.facts import facts_table
from .quote_text import QuoteText
from .rows import date_label, fit, flatten

if TYPE_CHECKING:
    from ...app import BriefingApp

KEYS_HINT = "↑↓ choose · enter open · y copy · / search · esc back"
OPEN_SEARCH = "search"
"""What the detail is dismissed with when `/` asks for the query box."""


def newest_first(quotes: Sequence[Quote]) -> list[Quote]:
    """Dated quotes newest first (by the start of their date), undated last, else deck order."""
    dated = sorted((q for q in quotes if q.when is not None), key=lambda q: q.when.sort_key(), reverse=True)
    return dated + [q for q in quotes if q.when is None]


def context_rows(quote: Quote, tz: tzinfo | None = None) -> list[tuple[str, str | None]]:
    return [
        ("Said by", speaker_label(quote.speaker)),
        ("When", format_date_point(quote.when, tz) if quote.when is not None else "undated"),
        ("Where", quote.where),
        ("Source", source_text(quote.source) if quote.source is not None else None),
    ]


def source_text(source: Source) -> str:
    """'Title — Publisher B (usually reliable)': what it is, who published it, how reliable
    it is and what that grade means."""
    return f"{source.title} — {graded_source(source)}"



class QuoteDetailScreen(WindowScreen["Item | str | None"]):
    """Dismissed with the item to jump to (a question, incident or event), with
    :data:`OPEN_SEARCH` to go to the query box, or with None."""

    DEFAULT_CSS = """
    QuoteDetailScreen { align: center middle; }
    QuoteDetailScreen #quote-detail {
        width: 100%; max-width: 100; height: auto; max-height: 100%;
        margin: 0 1; border: round $accent; background: $surface; padding: 0 1;
    }
    QuoteDetailScreen #quote-detail-body { height: auto; max-height: 12; }
    QuoteDetailScreen QuoteText { margin: 0 0 1 0; }
    QuoteDetailScreen #quote-detail-facts { height: auto; }
    QuoteDetailScreen #quote-detail-links {
        height: auto; max-height: 12; border: none; padding: 0; background: $surface;
    }
    QuoteDetailScreen #quote-detail-keys { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back (previous quote, or close)"),
        Binding("q", "close", "Close", show=False),
        Binding("y", "copy", "Copy the quote with its attribution"),
        Binding("slash", "search", "Search quotes", key_display="/", show=False),
        Binding("pageup", "scroll_text(-1)", "Scroll the text up", show=False),
        Binding("pagedown", "scroll_text(1)", "Scroll the text down", show=False),
    ]

    def __init__(
        self, quote: Quote, spans: Sequence[Span] = (), *, copy: Callable[[Quote], None], tz: tzinfo | None = None
    ) -> None:
        super().__init__()
        self.quote = quote
        self.spans = tuple(spans)
        self.tz = tz
        self._copy = copy
        self._history: list[tuple[Quote, tuple[Span, ...]]] = []
        self._links: dict[str, Item | Quote] = {}

    @property
    def deck(self) -> Deck:
        deck = self.app.deck  # type: ignore[attr-defined]
        assert deck is not None
        return deck

    def compose_window(self) -> ComposeResult:
        with Vertical(id="quote-detail"):
            with VerticalScroll(id="quote-detail-body", can_focus=False):
                yield QuoteText(id="quote-detail-text")
                yield Static(id="quote-detail-facts")
            yield OptionList(id="quote-detail-links")
            yield Static(Content(KEYS_HINT), id="quote-detail-keys")

    def on_mount(self) -> None:
        self._show(self.quote, self.spans)
        app: BriefingApp = self.app  # type: ignore[assignment]
        app.deck_changed.subscribe(self, self._deck_changed)

    def _show(self, quote: Quote, spans: Sequence[Span] = ()) -> None:
        self.quote, self.spans = quote, tuple(spans)
        container = self.query_one("#quote-detail")
        container.border_title = Content(fit(f"Quote by {flatten(quote.speaker.name)}", 60))
        self.query_one(QuoteText).show(quote.text, spans)
        self.query_one("#quote-detail-facts", Static).update(facts_table(context_rows(quote, self.tz)))
        self.query_one("#quote-detail-body", VerticalScroll).scroll_home(animate=False)
        self._fill_links(quote)

    def _fill_links(self, quote: Quote) -> None:
        """What the quote is about, then the speaker's other quotes: each a line enter acts on."""
        deck = self.deck
        self._links = {}
        options: list[Option] = []
        subjects = [(subject, deck.get(subject.id)) for subject in quote.about]
        subjects = [(subject, item) for subject, item in subjects if item is not None]
        if subjects:
            options.append(_heading("What it is about (enter jumps there)"))
            for subject, item in subjects:
                options.append(self._link(f"subject:{subject.id}", item, _subject_line(subject)))
        others = [q for q in newest_first(deck.quotes_by(quote.speaker.id)) if q.id != quote.id]
        if others:
            options.append(_heading(f"Also by {flatten(quote.speaker.name)} ({len(others)})"))
            for other in others:
                line = Content.assemble((f"  {date_label(other, self.tz)}  ", "dim"), f"“{flatten(other.text)}”")
                options.append(self._link(f"quote:{other.id}", other, line))
        links = self.query_one(OptionList)
        links.set_options(options)
        links.display = bool(options)
        first = next((number for number, option in enumerate(options) if not option.disabled), None)
        links.highlighted = first
        links.focus()

    def _link(self, key: str, target: Item, line: Content) -> Option:
        self._links[key] = target
        return Option(line, id=key)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self._links.get(event.option.id or "")
        if isinstance(target, Quote):
            self._history.append((self.quote, self.spans))
            self._show(target)
        elif target is not None:
            self.dismiss(target)

    def _deck_changed(self, deck: Deck) -> None:
        """A reload: show the same quote from the new deck, or close if it was deleted."""
        quote, spans = _renewed(deck, self.quote, self.spans)
        if quote is None:
            self.dismiss(None)
            return
        renewed = (_renewed(deck, *entry) for entry in self._history)
        self._history = [(old, old_spans) for old, old_spans in renewed if old is not None]
        self._show(quote, spans)

    def action_back(self) -> None:
        if self._history:
            self._show(*self._history.pop())
        else:
            self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_copy(self) -> None:
        self._copy(self.quote)

    def action_search(self) -> None:
        self.dismiss(OPEN_SEARCH)

    def action_scroll_text(self, direction: int) -> None:
        body = self.query_one("#quote-detail-body", VerticalScroll)
        (body.scroll_page_down if direction > 0 else body.scroll_page_up)(animate=False)


def _heading(text: str) -> Option:
    return Option(Content.styled(text, "bold"), disabled=True)


def _subject_line(subject: Subject) -> Content:
    return Content.assemble((f"  {subject.kind:<9} ", "italic"), flatten(subject.title))


def _renewed(deck: Deck, quote: Quote, spans: tuple[Span, ...]) -> tuple[Quote | None, tuple[Span, ...]]:
    """The same quote in a reloaded deck (None if deleted); highlights kept if its text is unchanged."""
    new = deck.get(quote.id)
    if not isinstance(new, Quote):
        return None, ()
    return new, spans if new.text == quote.text else ()
