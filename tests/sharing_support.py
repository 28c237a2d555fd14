"""The app's side of sharing in tests: a presenter app sharing in a runtime directory of its
own, and follower or presenter-view apps connected to it in the same process."""

from __future__ import annotations

import asyncio
import os
import pwd
import time
from contextlib import asynccontextmanager

from app_support import example_app
from share_support import FAST

from briefing.follow import first_deck
from briefing.session.share import RuntimeDir, ShareClient
from briefing.ui.app import BriefingApp
from briefing.ui.follower import FollowerApp
from briefing.ui.presenter_view import PresenterViewApp
from briefing.ui.sharing import ShareSettings

ME = pwd.getpwuid(os.geteuid()).pw_name


def sharing_app(runtime: RuntimeDir, group=None, **options) -> BriefingApp:
    """The example deck, shared (with `group`, or with the presenter's own views only)."""
    options.setdefault("share", ShareSettings(group=group, runtime=runtime, timing=FAST))
    return example_app(**options)


async def connect(runtime: RuntimeDir, *, want: str = "follow", wait: bool = False, number: int | None = None):
    """A client connected to this user's presentation, read up to its first deck."""
    client = ShareClient(ME, number=number, runtime=runtime, timing=FAST, want=want, wait=wait)
    feed = client.events()
    connected, first = await first_deck(feed, ME)
    assert first is not None, "the presentation sent no deck"
    return client, feed, connected, first


async def follower_app(runtime: RuntimeDir, *, wait: bool = False) -> FollowerApp:
    _client, feed, connected, first = await connect(runtime, wait=wait)
    return FollowerApp(feed, first, connected.presentation, presenter=ME, wait=wait, show_clock=False)


async def presenter_view_app(runtime: RuntimeDir) -> PresenterViewApp:
    client, feed, connected, first = await connect(runtime, want="present")
    return PresenterViewApp(feed, client, first, connected.presentation, show_clock=False)


async def until(pilots, condition, timeout: float = 10.0, what: str = "") -> None:
    """Let the apps run until `condition()` holds (a failure naming `what` after `timeout`).

    Not `settle`: a follower's worker reads the presenter's socket as long as it runs."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        for pilot in pilots:
            await pilot.pause()
        await asyncio.sleep(0.02)
    for pilot in pilots:
        await pilot.pause()


async def shared(pilot) -> None:
    """Wait until the presenter app's server is up."""
    app = pilot.app
    await until([pilot], lambda: app.sharing is not None and app.sharing.server is not None, what="sharing to start")


@asynccontextmanager
async def presenter_and_follower(runtime: RuntimeDir, presenter_size, follower_size, *, wait: bool = False):
    """A presenter sharing the example deck and one follower of it, both running:
    ``(presenter, its pilot, follower, its pilot)``."""
    presenter = sharing_app(runtime)
    async with presenter.run_test(size=presenter_size) as p:
        await shared(p)
        follower = await follower_app(runtime, wait=wait)
        async with follower.run_test(size=follower_size) as f:
            yield presenter, p, follower, f
