"""Live reload in the app: follow the deck's files, show each good save, say what changed.

The follower (`briefing.watch.DeckFollower`) runs in an async worker on the app's loop and
loads the deck in a thread; each update it yields is posted to the app as a message, so it
is applied between key presses, never in the middle of another handler. A good load replaces
the deck on every screen (each screen keeps its place in `show_deck`); a failed one keeps the
last good deck and shows the errors in the error bar until the next good save. The theme
files ride along as the follower's extra paths: a change to one only repaints the theme.

After a good reload a short notice says what changed. Working that out compares the two
decks item by item, which takes a while on a big deck, so it runs in a thread after the new
deck is already on screen; the `J` key then opens the first changed item the notice names.
Saves in quick succession share one notice rather than stacking toasts over the slide.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from ..deck.model import Deck

if TYPE_CHECKING:
    from ..deck import LoadResult
    from ..deck.diff import DeckChanges
    from ..watch import DeckFollower, Update
    from .app import BriefingApp

JUMP_KEY = "J"
NOTICE_TIMEOUT = 4.0
WATCH_NOTICE_TIMEOUT = 8.0


class LiveReload:
    """The app's side of following the deck: start, `r`, after `e`, updates, notice, jump."""

    class Updated(Message):
        """One update from the follower, applied by the app on its own message queue."""

        def __init__(self, update: Update[LoadResult]) -> None:
            super().__init__()
            self.update = update

    def __init__(self, app: BriefingApp, *, watch: bool = False, poll: bool = False, **follower_options) -> None:
        self.app = app
        self.watch = watch
        self.poll = poll
        self.follower_options = follower_options
        self.follower: DeckFollower[LoadResult] | None = None
        self.changes: DeckChanges | None = None
        """What the last notice said: `J` jumps to its first changed item."""
        self._base: Deck | None = None
        """The deck the last notice was about: the next one says what changed since."""
        self._changed_since_base: set[Path] = set()
        self._quiet_until = 0.0
        """No new notice before this (monotonic) time: notices never pile up on the slide."""

    @property
    def following(self) -> bool:
        return self.follower is not None

    # -- starting and stopping ----------------------------------------------------------------

    def start(self, deck_path: Path, initial: LoadResult | None) -> None:
        """Follow the deck's files from the load the app already made (unless `--no-watch`)."""
        self.stop()
        self._base = initial.deck if initial is not None else None
        self._changed_since_base.clear()
        if not self.watch:
            return
        from ..watch import DeckFollower

        self.follower = DeckFollower(
            deck_path,
            self._load,
            initial=initial,
            poll=self.poll,
            extra_paths=self.app.theming.followed_files(),
            **self.follower_options,
        )
        self.app.theming.follow_with(self.follower)
        self.app.run_worker(
            self._follow(self.follower),
            name="live reload",
            description="live reload",
            group="live-reload",
            exclusive=True,
            exit_on_error=False,
        )

    def _load(self, path: Path) -> LoadResult:
        """A reload, in the follower's worker thread (the loader is imported then, not at start)."""
        from ..deck import load_deck

        return load_deck(path, cache=self.app.load_cache)

    def stop(self) -> None:
        if self.follower is not None:
            self.follower.stop()
            self.follower = None
            self.app.theming.follow_with(None)

    async def _follow(self, follower: DeckFollower[LoadResult]) -> None:
        try:
            async for update in follower:
                self.app.post_message(self.Updated(update))
        except Exception as error:  # noqa: BLE001 - the deck stays on screen; `r` still loads by hand
            self.app.notify(f"Live reload stopped: {error}", title="Live reload", severity="error", markup=False)
        finally:
            follower.stop()
            if self.follower is follower:
                self.follower = None
                self.app.theming.follow_with(None)

    # -- the keys -------------------------------------------------------------------------------

    def reload_now(self) -> bool:
        """`r`: load now through the follower; False when not following (the app loads once)."""
        if self.follower is None:
            return False
        self.follower.reload_now()
        return True

    def rescan(self) -> bool:
        """After `e`: look at the files now (the editor may have saved while the app slept)."""
        if self.follower is None:
            return False
        self.follower.rescan()
        return True

    async def jump_to_change(self) -> None:
        """`J`: open the first item the last reload added or edited, on the screen made for it."""
        deck = self.app.deck
        first = self.changes.first_change if self.changes is not None else None
        item = None
        if deck is not None and first is not None:
            section, key = first
            item = deck.country(key) if section == "countries" else deck.get(key)
        if item is None:
            self.app.notify("No changed item to jump to.", markup=False, timeout=NOTICE_TIMEOUT)
            return
        await self.app.open_item(item)

    # -- updates --------------------------------------------------------------------------------

    def apply(self, update: Update[LoadResult]) -> None:
        """Show one update: a new deck, the errors of a failed save, or a note about following."""
        from ..watch import Reloaded, ReloadFailed, WatchNotice

        if isinstance(update, WatchNotice):
            self.app.notify(update.message, title="Live reload", severity="warning", markup=False, timeout=WATCH_NOTICE_TIMEOUT)
        elif isinstance(update, (Reloaded, ReloadFailed)):
            deck_paths = self.app.theming.absorb_changes(update.changed_paths)
            if deck_paths or not update.changed_paths:
                self.show_result(update.result, deck_paths)

    def show_result(self, result: LoadResult, changed_paths: Iterable[Path] = ()) -> None:
        """Apply a load (from the follower or a one-off `r`); announce what a good one changed."""
        self.app.apply_load_result(result)
        self._changed_since_base.update(Path(path) for path in changed_paths)
        if result.deck is not None:
            self._announce(result.deck, result.files)

    def _announce(self, new: Deck, files: Iterable[Path]) -> None:
        """Say what changed since the last notice; saves in quick succession share one notice."""
        base = self._base
        if base is None:
            self._base = new
            return
        changed = {str(path) for path in self._changed_since_base}
        unchanged = [str(path) for path in files if str(path) not in changed] if changed else []
        delay = max(0.0, self._quiet_until - time.monotonic())
        self.app.run_worker(
            self._diff_then_notify(base, new, unchanged, delay),
            name="reload notice",
            description="reload notice",
            group="reload-notice",
            exclusive=True,
            exit_on_error=False,
        )

    async def _diff_then_notify(self, base: Deck, new: Deck, unchanged_files: list[str], delay: float) -> None:
        """Off the loop, while the last notice is still up waits for it to go (a newer reload
        cancels this one and diffs from the same base instead, so nothing is left out)."""
        if delay:
            await asyncio.sleep(delay)
        from ..deck.diff import diff_decks

        changes = await asyncio.to_thread(diff_decks, base, new, unchanged_files=unchanged_files)
        self._base = new
        self._changed_since_base.clear()
        self.changes = changes
        self._quiet_until = time.monotonic() + NOTICE_TIMEOUT
        self.app.notify(changes.summary(), title=notice_title(changes), markup=False, timeout=NOTICE_TIMEOUT)


def notice_title(changes: DeckChanges) -> str:
    if changes.first_changed_id is None:
        return "Deck reloaded"
    return f"Deck reloaded · {JUMP_KEY}: jump to it"
