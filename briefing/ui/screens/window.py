"""What every window over a deck screen shares: the classification banner, top and bottom.

A window (help, an item's detail, a position, a quote, the slide prompt, the command
palette) is on the projected screen as much as the screen under it, so it carries the
deck's banner itself: the one under it is dimmed, or covered by a window that fills the
terminal.
"""

from __future__ import annotations

from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Container
from textual.screen import ModalScreen

from ..widgets.banner import Banner
from ..widgets.key_hints import KeyHints

ResultType = TypeVar("ResultType")

BANNER_DOCKS = """
{screen} > #banner-top {{ dock: top; }}
{screen} > #window-foot {{ dock: bottom; height: auto; }}
{screen} > #window-foot > KeyHints {{ dock: none; }}
"""


def banners(app) -> ComposeResult:
    """The deck's banner at the top and the bottom (nothing shows when the deck sets none),
    and the window's own keys under the bottom one, where every screen has them."""
    deck = getattr(app, "deck", None)
    yield Banner(deck, id="banner-top")
    yield Container(Banner(deck, id="banner-bottom"), KeyHints(), id="window-foot")


class WindowScreen(ModalScreen[ResultType]):
    """A modal window with the deck's banners docked at the terminal's top and bottom edges;
    subclasses compose the window itself in :meth:`compose_window`."""

    DEFAULT_CSS = BANNER_DOCKS.format(screen="WindowScreen")

    def compose(self) -> ComposeResult:
        yield from banners(self.app)
        yield from self.compose_window()

    def compose_window(self) -> ComposeResult:
        raise NotImplementedError
