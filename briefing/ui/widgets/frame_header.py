"""The header line: deck title and as-of on the left; sharing, stopwatch and clock on the right."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from ...deck.dates import format_date_point_short
from ...deck.model import Deck
from ..clock import clock_text

SHARED_AS_OF_MIN_WIDTH = 110


class FrameHeader(Horizontal):
    """Title and as-of, plus the presenter's clock and stopwatch.

    The clock and stopwatch are separate one-line widgets so that their once-a-second
    update repaints only their own cells. A shared presentation's words ("shared with ops ·
    3 following", "following alice") sit beside them; below `SHARED_AS_OF_MIN_WIDTH`
    columns they take the as-of's place, so the title keeps some room at 80 columns.
    """

    DEFAULT_CSS = """
    FrameHeader {
        height: 1;
        background: $panel;
        color: $foreground;
    }
    FrameHeader #header-title { width: 1fr; text-style: bold; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    FrameHeader #header-as-of { width: auto; padding: 0 1 0 0; color: $text-muted; }
    FrameHeader #header-location { width: auto; padding: 0 1; color: $accent; }
    FrameHeader #header-share { width: auto; padding: 0 1; color: $text-secondary; text-style: bold; }
    FrameHeader.-narrow-shared #header-as-of { display: none; }
    FrameHeader #header-stopwatch { width: auto; padding: 0 1; color: $warning; }
    FrameHeader #header-clock { width: auto; padding: 0 1; }
    """

    def __init__(self, deck: Deck | None = None, location: str = "", *, title_shown: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.deck = deck
        self.location = location
        self.title_shown = title_shown
        """False while the screen itself shows the title and as-of (the brief's title slide)."""

    def compose(self) -> ComposeResult:
        """Every part with its text already, so the first layout is the only one."""
        title, as_of = self._texts()
        yield Static(Content(title), id="header-title")
        yield Static(Content(as_of), id="header-as-of")
        yield Static(Content(self.location), id="header-location")
        for selector, text in self.timer_texts().items():
            yield Static(Content(text), id=selector[1:]).set_styles(f"display: {'block' if text else 'none'};")

    def on_mount(self) -> None:
        self.set_interval(1.0, self.tick)

    def on_resize(self) -> None:
        self._fit_share()

    def show_deck(self, deck: Deck | None) -> None:
        self.deck = deck
        title, as_of = self._texts()
        self.query_one("#header-title", Static).update(Content(title))
        self.query_one("#header-as-of", Static).update(Content(as_of))

    def show_title(self, shown: bool) -> None:
        """Say the title and as-of here, or leave them to a screen that already says them."""
        if shown != self.title_shown:
            self.title_shown = shown
            self.show_deck(self.deck)

    def _texts(self) -> tuple[str, str]:
        return header_texts(self.deck) if self.title_shown else ("", "")

    def show_location(self, text: str) -> None:
        """Where the presenter is on this screen, e.g. 'Brief 3/7'."""
        self.query_one("#header-location", Static).update(Content(text))

    def tick(self) -> None:
        if not self.children:
            return  # not composed yet: it composes with the texts of the moment
        for selector, text in self.timer_texts().items():
            self._set(selector, text)
        self._fit_share()

    def _fit_share(self) -> None:
        shared = bool(getattr(self.app, "share_status", ""))
        self.set_class(shared and self.size.width < SHARED_AS_OF_MIN_WIDTH, "-narrow-shared")

    def timer_texts(self) -> dict[str, str]:
        """Sharing (when shared), the stopwatch (once started) and the clock (when shown), by
        widget selector."""
        app = self.app
        stopwatch = getattr(app, "stopwatch", None)
        show_stopwatch = stopwatch is not None and (stopwatch.running or stopwatch.elapsed() > 0)
        return {
            "#header-share": getattr(app, "share_status", ""),
            "#header-stopwatch": ("⏱ " + stopwatch.text()) if show_stopwatch else "",
            "#header-clock": clock_text() if getattr(app, "clock_visible", False) else "",
        }

    def _set(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        widget.display = bool(text)
        if str(widget.content) != text:
            widget.update(Content(text))


def header_texts(deck: Deck | None) -> tuple[str, str]:
    """The title and 'as of 25 Sep 2025' (empty without an as-of)."""
    if deck is None:
        return "briefing", ""
    as_of = f"as of {format_date_point_short(deck.as_of)}" if deck.as_of is not None else ""
    return deck.title, as_of
