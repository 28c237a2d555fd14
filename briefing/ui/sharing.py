"""The presenter's side of sharing in the app: `briefing DECK --share GROUP` (or `--presenter-view`).

`PresenterSharing` wires a `ShareServer` to the app's session. It starts after the first
paint (nothing about sharing delays the presentation), then sends on what the session
publishes: each `PlaceChanged` becomes `publish_place`, each `DeckReplaced` `publish_deck`.
Who joins, leaves or is refused is a notice; the header says "shared with ops · 3
following". A presenter view's keys arrive as `DriveRequest`s and move the presentation
through the session, as the presenter's own keys do. At quit, `close()` says goodbye.

Sharing that cannot start (the runtime directory is someone else's, …) is a notice and
"not shared" in the header; the presentation goes on. The checks a presenter can fail by
mistyping (an unknown group, a group they are not in) are made before the app starts, in
`check_share_settings`, so those never get as far as a screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..session.share import DEFAULT_MAX_FOLLOWERS, DriveRequest, Group, Joined, Left, Refused, ShareError, ShareServer

if TYPE_CHECKING:
    from ..session import SessionEvent
    from ..session.share import RuntimeDir, ServerEvent, Timing
    from .app import BriefingApp

SHARE_NOTICE_SECONDS = 5.0
PROBLEM_NOTICE_SECONDS = 12.0


@dataclass(frozen=True, slots=True)
class ShareSettings:
    """What the command line asked: the group (None: the presenter's own views only)."""

    group: Group | None = None
    max_followers: int = DEFAULT_MAX_FOLLOWERS
    runtime: RuntimeDir | None = None
    """Where sockets live; None: from the environment (tests give their own)."""
    timing: Timing | None = None


def check_share_settings(group_name: str | None, max_followers: int) -> ShareSettings:
    """The settings for `--share GROUP`, checked before any screen: a ShareError with a message
    for an unknown group, one the presenter is not in, or a bad runtime directory setting."""
    from ..session.share import RuntimeDir
    from ..session.share.access import check_can_share_with

    group = Group.named(group_name) if group_name is not None else None
    if group is not None:
        check_can_share_with(group)
    RuntimeDir.from_environment()
    return ShareSettings(group, max_followers)


def share_status(group: Group | None, followers: int) -> str:
    """The header's words: "shared with ops · 3 following" (or the presenter's own views only)."""
    if group is None:
        return "presenter view on"
    return f"shared with {group.name} · {followers} following"


class PresenterSharing:
    """One app's shared presentation: the server, fed from the session, told to the header."""

    def __init__(self, app: BriefingApp, settings: ShareSettings) -> None:
        self.app = app
        self.settings = settings
        self.server: ShareServer | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._closed = False

    async def start(self) -> None:
        """Open the socket; from then on every place and deck of the session goes out."""
        session = self.app.session
        deck, place = session.deck, session.place
        if deck is None or self._closed:
            return
        options = {"timing": self.settings.timing} if self.settings.timing is not None else {}
        server = ShareServer(
            deck,
            place,
            group=self.settings.group,
            on_event=self._server_event,
            max_followers=self.settings.max_followers,
            runtime=self.settings.runtime,
            **options,
        )
        try:
            await server.start()
        except ShareError as error:
            self.app.show_share_status("not shared")
            self.app.notify(str(error), title="Not shared", severity="error", markup=False, timeout=PROBLEM_NOTICE_SECONDS)
            return
        if self._closed:
            await server.close()
            return
        self.server = server
        self._unsubscribe = session.subscribe(self._session_event)
        if session.deck is not deck:
            server.publish_deck(session.deck, session.place)
        elif session.place != place:
            server.publish_place(session.place)
        self._show_status()

    async def close(self) -> None:
        """Goodbye to everyone; the socket and its directory are removed."""
        self._closed = True
        if self._unsubscribe is not None:
            self._unsubscribe()
        server, self.server = self.server, None
        if server is not None:
            await server.close()

    @property
    def followers(self) -> int:
        return self.server.followers if self.server is not None else 0

    def _session_event(self, event: SessionEvent) -> None:
        from ..session import DeckReplaced, PlaceChanged

        server = self.server
        if server is None:
            return
        if isinstance(event, PlaceChanged):
            server.publish_place(event.place)
        elif isinstance(event, DeckReplaced):
            server.publish_deck(event.deck, self.app.session.place)

    def _server_event(self, event: ServerEvent) -> None:
        """Who came and went, as notices (plain text: user names are not markup); a presenter
        view's key moves the presentation."""
        if isinstance(event, DriveRequest):
            self.app.drive(event.place, event.command)
            return
        self.app.notify(event.notice, title="Sharing", severity=_severity(event), markup=False, timeout=SHARE_NOTICE_SECONDS)
        if isinstance(event, (Joined, Left)):
            self._show_status(event.followers)

    def _show_status(self, followers: int | None = None) -> None:
        count = self.followers if followers is None else followers
        self.app.show_share_status(share_status(self.settings.group, count))


def _severity(event: ServerEvent) -> str:
    """A refusal or a follower dropped is worth a look; a problem sharing a reload, more."""
    if isinstance(event, Joined) or (isinstance(event, Left) and event.reason == "left"):
        return "information"
    return "warning" if isinstance(event, (Left, Refused)) else "error"
