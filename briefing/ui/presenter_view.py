"""`briefing follow --presenter`: the presenter view of one's own shared presentation.

A small app of its own (not a `BriefingApp`: it shows no deck screens, only
`PresenterScreen`). It reads its `ShareClient`'s events in a worker — the deck with its
speaker notes (this client asked as the presenter, and the presenter's app checked its
uid), each place, the audience — and sends the presentation keys back with
`client.drive`. The stopwatch starts when the view opens (`s` pauses it, `S` resets).
When the presentation ends, the view exits and the command says why; with `--wait` it stays
and shows the next presentation of the same presenter when it starts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType

from ..session.share import AudienceChanged, Connected, DeckReceived, Ended, ShareError
from ..session.share import PlaceChanged as PresenterMoved
from .base_app import BaseApp
from .clock import Stopwatch
from .presenter_feed import read_feed
from .screens.presenter import PresenterScreen
from .theming import Theming

if TYPE_CHECKING:
    from ..session import Place
    from ..session.share import ClientEvent, PresentationInfo, ShareClient
    from ..themes.request import ChosenThemes


class PresenterViewApp(BaseApp):
    TITLE = "briefing presenter view"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("s", "toggle_stopwatch", "Stopwatch", show=False),
        Binding("S", "reset_stopwatch", "Stopwatch reset", show=False),
        Binding("c", "toggle_clock", "Clock on/off", show=False),
        Binding("t", "cycle_theme", "Next theme", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        feed: AsyncIterator[ClientEvent],
        client: ShareClient,
        first: DeckReceived,
        presentation: PresentationInfo,
        *,
        themes: ChosenThemes | None = None,
        wait: bool = False,
        show_clock: bool = True,
    ) -> None:
        super().__init__()
        self._wait = wait
        self.animation_level = "none"
        self.deck = first.deck
        self.place = first.place
        self.presentation = presentation
        self.farewell: str | None = None
        self.stopwatch = Stopwatch()
        self.clock_visible = show_clock
        self.share_status = _audience_text(presentation.followers)
        self.theming = Theming(self, themes)
        self.theming.deck_themes = False
        self._feed = feed
        self._client = client
        starting_theme = self.theming.starting_theme()
        if starting_theme:
            self.theming.show_before_start(starting_theme)

    def on_mount(self) -> None:
        self.theming.start()
        self.stopwatch.toggle()
        self.push_screen(PresenterScreen(self.deck, self.place))
        self.run_worker(read_feed(self, self._feed, "the presentation ended"), name="follow", group="follow")

    def take(self, event: ClientEvent) -> None:
        if isinstance(event, DeckReceived):
            self.deck, self.place = event.deck, event.place
        elif isinstance(event, PresenterMoved):
            self.place = event.place
        elif isinstance(event, AudienceChanged):
            self.show_share_status(_audience_text(event.followers))
            return
        elif isinstance(event, Ended):
            self._ended(event.notice)
            return
        elif isinstance(event, Connected):
            self.presentation = event.presentation
            self.show_share_status(_audience_text(event.presentation.followers))
            return
        else:
            return
        screen = self.screen
        if isinstance(screen, PresenterScreen):
            screen.show(self.deck, self.place)
        elif self.screen_stack and isinstance(self.screen_stack[0], PresenterScreen):
            self.screen_stack[0].show(self.deck, self.place)

    def _ended(self, reason: str) -> None:
        if not self._wait:
            self.end(reason)
            return
        self.show_share_status(f"{self.presentation.presenter} ended · waiting")
        self.notify(f"{reason}; waiting for the next presentation (q quits)", title="Presentation ended", markup=False)

    def end(self, reason: str) -> None:
        if self.farewell is None:
            self.farewell = reason
            self.exit(0)

    def drive(self, *, command: str | None = None, place: Place | None = None) -> None:
        """Ask the presenter's app to do a presentation key or go to a place."""
        self.run_worker(self._drive(command, place), group="drive")

    async def _drive(self, command: str | None, place: Place | None) -> None:
        try:
            await self._client.drive(command=command, place=place)
        except ShareError as error:
            self.notify(str(error), title="Cannot drive the presentation", severity="error", markup=False)


def _audience_text(followers: int) -> str:
    return f"{followers} following"
