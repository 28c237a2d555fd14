"""A follower's app: `briefing follow alice` shows what alice shows, at the follower's own size.

`FollowerApp` is a `BriefingApp` whose session has no files: every deck and place comes from
a `ShareClient`, whose events it reads in a worker on its own loop. A deck received is shown
as a reload is (`session.apply`); a place received is gone to (`session.move_to`), so the
follower sees the presenter's screen, slide, selection, search query and timeline window,
each drawn at its own size and in its own theme.

Browsing on one's own is just pressing keys: a key (or a click) that takes the screen
somewhere the presenter is not makes the follower browse — places from the presenter are
then kept, not shown, and the header says "on your own · f: follow alice". `f` goes back to
the presenter's place and follows again. On the screens where `f` is a screen key (the
timeline's and the countries' filter), it is that key while following and "follow again"
while browsing.

When the presenter quits, the app exits and the command prints the presenter's goodbye; with
`--wait` it keeps the last deck on screen and follows the next presentation when it starts.
Keys that make no sense without the files (`e`, `r`) say so instead of acting.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Input

from ..deck.result import LoadResult
from ..session import DeckSession, Place, PlaceChanged
from ..session.share import (
    AudienceChanged,
    Connected,
    DeckReceived,
    Ended,
)
from ..session.share import PlaceChanged as PresenterMoved
from .app import BriefingApp
from .presenter_feed import read_feed

if TYPE_CHECKING:
    from ..session import SessionEvent
    from ..session.share import ClientEvent, PresentationInfo
    from ..themes.request import ChosenThemes

FOLLOW_KEY = "f"
NOTICE_SECONDS = 6.0
TOUCHING = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)
"""Input that may move the follower's screen: after one, a new place is the follower's own."""


class FollowerApp(BriefingApp):
    """Shows a shared presentation: the presenter's place, or the follower's own while browsing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(FOLLOW_KEY, "follow_presenter", "Follow again", priority=True),
    ]

    def __init__(
        self,
        feed: AsyncIterator[ClientEvent],
        first: DeckReceived,
        presentation: PresentationInfo,
        *,
        presenter: str,
        wait: bool = False,
        themes: ChosenThemes | None = None,
        show_clock: bool = True,
    ) -> None:
        session = DeckSession(None, LoadResult(first.deck, ()))
        super().__init__(session=session, initial_screen=first.place.screen, themes=themes, show_clock=show_clock)
        self.theming.deck_themes = False
        self.presenter = presenter
        self.presentation = presentation
        self.presenter_place: Place = first.place
        """Where the presenter is: shown while following, kept while browsing."""
        self.browsing = False
        self.farewell: str | None = None
        """Why the app ended (the presenter's goodbye): the command prints it."""
        self._feed = feed
        self._wait = wait
        self._touched = False
        """Input came since the presenter's last place: a new place now is the follower's own."""
        self.share_status = self._following_text()
        session.subscribe(self._own_move)

    def on_mount(self) -> None:
        self.session.move_to(self.presenter_place)
        self.run_worker(read_feed(self, self._feed, f"{self.presenter}'s presentation ended"), name="follow", group="follow")

    # -- the presenter's side ---------------------------------------------------------------------

    def take(self, event: ClientEvent) -> None:
        """One event from the presenter's socket. (`Waiting`, with `--wait` after an end, needs
        nothing: the header already says the app waits.)"""
        if isinstance(event, DeckReceived):
            self.session.apply(LoadResult(event.deck, ()))
            self._presenter_moved(event.place)
        elif isinstance(event, PresenterMoved):
            self._presenter_moved(event.place)
        elif isinstance(event, Connected):
            self._connected(event)
        elif isinstance(event, Ended):
            self._ended(event.notice)
        elif isinstance(event, AudienceChanged):
            self.presentation = replace(self.presentation, followers=event.followers)

    def _presenter_moved(self, place: Place) -> None:
        self.presenter_place = place
        if not self.browsing:
            self._touched = False
            self.session.move_to(place)

    def _connected(self, event: Connected) -> None:
        """A presentation started again (`--wait`): follow it from its first place."""
        self.presentation = event.presentation
        self.browsing = False
        self.show_share_status(self._following_text())
        self.refresh_bindings()
        self.notify(event.notice, title="Following", markup=False, timeout=NOTICE_SECONDS)

    def _ended(self, reason: str) -> None:
        if not self._wait:
            self.end(reason)
            return
        self.set_blank(False)  # the header must say so: a blank screen shows the banner alone
        self.show_share_status(f"{self.presenter} ended · waiting")
        self.notify(f"{reason}; waiting for the next presentation (q quits)", title="Presentation ended", markup=False, timeout=NOTICE_SECONDS)

    def end(self, reason: str) -> None:
        """The presentation is over: leave, and let the command say why."""
        if self.farewell is None:
            self.farewell = reason
            self.exit(0)

    # -- browsing on one's own --------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, TOUCHING):
            self._touched = True
        await super().on_event(event)

    def _own_move(self, event: SessionEvent) -> None:
        """A place this app's screen reported after a key: somewhere else than the presenter
        means the follower browses now."""
        if not (isinstance(event, PlaceChanged) and event.reported) or self.browsing or not self._touched:
            return
        if event.place.at_any_size() != self.presenter_place.at_any_size():
            self.browsing = True
            self.show_share_status(f"on your own · {FOLLOW_KEY}: follow {self.presenter}")
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`f` follows again only while browsing and never while typing; otherwise the key
        goes on to the screen (the timeline's and countries' filter)."""
        if action == "follow_presenter":
            return self.browsing and not isinstance(self.focused, Input)
        return super().check_action(action, parameters)

    async def action_follow_presenter(self) -> None:
        """`f`: back to where the presenter is, following again."""
        self.browsing = False
        self._touched = False
        self.show_share_status(self._following_text())
        self.refresh_bindings()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        await self.show_place(self.presenter_place)

    def _following_text(self) -> str:
        return f"following {self.presenter}"

    # -- keys that need the deck's files ----------------------------------------------------------

    def action_edit(self) -> None:
        self._not_here("edit the deck")

    def action_reload(self) -> None:
        self._not_here("reload the deck")

    def _not_here(self, what: str) -> None:
        self.notify(
            f"Only {self.presenter} can {what}: a follower shows the deck {self.presenter} sends.",
            markup=False,
            timeout=NOTICE_SECONDS,
        )
