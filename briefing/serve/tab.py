"""One browser tab: its follower process, run by textual-serve's ``AppService``, told less.

``AppService`` starts the command with Textual's web driver and relays its screen to the
websocket. Of what the process may ask the browser to do, a tab passes on only "exit":

- ``open_url`` is dropped: textual.js hands the URL to ``window.open`` in this page — a
  ``javascript:`` link in a deck would run in it;
- ``deliver_file_start`` and its chunks are dropped: they feed textual-serve's
  ``/download/{key}`` route, which this server does not have; a follower delivers no files.

When the process ends, the tab's websocket is closed (textual-serve leaves it open when a
process ends without saying "exit", e.g. one that failed to start: the page would wait
forever). Stopping asks the process to quit, as textual-serve does, then kills it if it has
not gone within ``STOP_GRACE`` seconds, so a stuck follower never holds a tab's place.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import shlex
from collections.abc import Awaitable, Callable, Sequence

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

log = logging.getLogger("briefing.serve")

STOP_GRACE = 5.0
PASSED_META = frozenset({"exit"})
ENDED_WITHOUT_SCREEN = (
    b"\r\n  The follower ended before it could draw: its message is in the terminal where\r\n  briefing serve runs.\r\n"
)


class Tab(AppService):
    """The follower process behind one browser tab."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        write_bytes: Callable[[bytes], Awaitable[None]],
        write_str: Callable[[str], Awaitable[None]],
        close: Callable[[], Awaitable[None]],
    ) -> None:
        super().__init__(
            shlex.join(command),
            write_bytes=write_bytes,
            write_str=write_str,
            close=close,
            download_manager=DownloadManager(),
        )
        self._drew = False

    async def on_data(self, payload: bytes) -> None:
        self._drew = True
        await super().on_data(payload)

    async def run(self) -> None:
        await super().run()
        with contextlib.suppress(ProcessLookupError, AttributeError):
            await self._process.wait()  # reaped, its pipes closed: no zombie, no transport left to the collector
        if not self._drew:
            with contextlib.suppress(ConnectionError, RuntimeError):
                await self.remote_write_bytes(ENDED_WITHOUT_SCREEN)
        await self.remote_close()

    async def on_meta(self, data: bytes) -> None:
        try:
            kind = json.loads(data).get("type")
        except (ValueError, AttributeError):
            return
        if kind in PASSED_META:
            await super().on_meta(data)
        else:
            log.debug("dropped %r from a tab's process", kind)

    async def on_packed(self, payload: bytes) -> None:
        """File chunks only: nothing to deliver them to."""

    async def stop(self) -> None:
        try:
            await asyncio.wait_for(asyncio.shield(super().stop()), STOP_GRACE)
        except TimeoutError:
            self.kill()

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, AttributeError):
            self._process.kill()
