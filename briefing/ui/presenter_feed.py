"""Reading the presenter's socket in an app fed by it (a follower, the presenter view)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Protocol

from ..session.share import ClientEvent, ShareError


class FedApp(Protocol):
    def take(self, event: ClientEvent) -> None: ...

    def end(self, reason: str) -> None: ...


async def read_feed(app: FedApp, feed: AsyncIterator[ClientEvent], ended: str) -> None:
    """Hand each event to the app as it comes, then end the app with why the feed stopped:
    `ended` when the presenter said goodbye, the error's words when the connection failed."""
    try:
        async for event in feed:
            app.take(event)
    except ShareError as error:
        app.end(str(error))
        return
    app.end(ended)
