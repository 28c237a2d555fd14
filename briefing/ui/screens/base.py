"""What every deck screen shares: the frame, and the hooks the app calls on reload and to place it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import ComposeResult
from textual.screen import Screen

from ...deck.model import Deck, Item
from ..widgets.banner import Banner
from ..widgets.error_bar import ErrorBar
from ..widgets.frame_header import FrameHeader
from ..widgets.key_hints import KeyHints

if TYPE_CHECKING:
    from ...session import Place
    from ..app import BriefingApp


class DeckScreen(Screen):
    """A screen showing part of the deck inside the frame: banners, header, errors, footer.

    Subclasses compose their body, redraw it in :meth:`show_deck` (keeping the presenter's
    place by item id), and say which item is current so `e` and reload know where they are.
    They say where they are as their part of the presentation's `Place` (:meth:`place_view`),
    call :meth:`place_changed` whenever that may have changed, and go to a place they are
    given (:meth:`apply_place`), so a place read here shows the same thing in another app.
    """

    SCREEN_NAME: ClassVar[str] = ""

    @property
    def briefing(self) -> "BriefingApp":
        return cast("BriefingApp", self.app)

    @property
    def deck(self) -> Deck:
        deck = self.briefing.deck
        assert deck is not None, "deck screens exist only once a deck is loaded"
        return deck

    def compose(self) -> ComposeResult:
        deck = self.deck
        yield Banner(deck, id="banner-top")
        yield FrameHeader(deck, self.initial_location(), title_shown=self.initial_title_shown())
        yield from self.compose_body()
        yield ErrorBar(self.briefing.deck_errors)
        yield Banner(deck, id="banner-bottom")
        yield KeyHints()

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    _stale = False
    """A reload arrived while this screen was out of sight: redraw when it is shown again."""

    def on_mount(self) -> None:
        """Runs after the subclass's own `on_mount` (Textual calls one per class in the MRO).

        The frame was composed with the deck's text, so nothing is redrawn here: a widget
        updated after mounting costs the first paint another layout."""
        self.briefing.deck_changed.subscribe(self, self._deck_changed)
        self.briefing.errors_changed.subscribe(self, self.query_one(ErrorBar).show_errors)

    def _deck_changed(self, deck: Deck) -> None:
        """Redraw now if on screen; a screen out of sight waits until it is shown again, so a
        presenter on one screen never waits on every save for the others' redraws."""
        self._show_frame(deck)
        if self.is_current:
            self._stale = False
            self.show_deck(deck)
        else:
            self._stale = True

    def on_screen_resume(self) -> None:
        """Shown again (or first): its redraw first, then its place, once it is on screen."""
        self.catch_up()
        self.call_after_refresh(self.place_changed)

    def catch_up(self) -> None:
        """Show the deck that was reloaded while this screen was out of sight."""
        if self._stale:
            self._stale = False
            self.show_deck(self.deck)

    def _show_frame(self, deck: Deck) -> None:
        for banner in self.query(Banner):
            banner.show_deck(deck)
        self.query_one(FrameHeader).show_deck(deck)

    def initial_location(self) -> str:
        """Where the presenter starts on this screen ('Brief 1/7'), shown from the first paint."""
        return ""

    def initial_title_shown(self) -> bool:
        """Whether the header names the deck from the first paint (not where the screen does)."""
        return True

    def show_title(self, shown: bool) -> None:
        self.query_one(FrameHeader).show_title(shown)

    def show_location(self, text: str) -> None:
        self.query_one(FrameHeader).show_location(text)

    def show_deck(self, deck: Deck) -> None:
        """Redraw for a reloaded deck, keeping the same item (by id) where it still exists."""

    def current_item(self) -> Item | None:
        """The item the presenter is on, for `e` (edit at source) and the palette."""
        return None

    def focus_item(self, item: Item) -> bool:
        """Bring this item into view and select it; False if this screen cannot show it."""
        return False

    def place_view(self) -> Mapping[str, Any]:
        """This screen's part of the `Place` as it shows now: the Place fields it owns."""
        raise NotImplementedError

    def apply_place(self, place: Place) -> None:
        """Show this screen's part of `place`: items by id (a neighbour when one is gone)."""
        raise NotImplementedError

    def place_changed(self) -> None:
        """What this screen shows may have changed: the app reports it to the session."""
        self.briefing.report_place(self)
