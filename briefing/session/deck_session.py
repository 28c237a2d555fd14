"""DeckSession: one presentation — the deck it follows and the place it is at.

Everything that happens to a presentation goes through here and comes out as one ordered
stream of events (`events.py`): a save in the editor, `r`, the return from `e`, a theme file
that changed, a step on a screen, a place asked for from outside. The app's screens are one
subscriber; a sharing layer or a presenter view can be others, without any screen.

Following runs on the caller's asyncio loop: the `DeckFollower` (`briefing.watch`) is
iterated by a task, loads the deck in a thread and hands each update here; events are
published on the loop, in order, to every subscriber. A good load replaces the deck at once;
what it changed is worked out afterwards in a thread (comparing two big decks takes a while)
and published as its own event, at most one per `NOTICE_SECONDS`, so saves in quick
succession share one summary of everything since the last.

No Textual and no Rich: the app wires these events to its screens.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..deck.model import Deck, Diagnostic, Item
from ..deck.result import LoadResult
from .events import (
    ChangesSummarised,
    DeckReplaced,
    ErrorsChanged,
    FollowNotice,
    PlaceChanged,
    SessionClosed,
    SessionEvent,
    ThemeFilesChanged,
)
from .place import Place

if TYPE_CHECKING:
    from ..deck.diff import DeckChanges
    from ..deck.loader import LoadCache
    from ..watch import DeckFollower, Update

NOTICE_SECONDS = 4.0
"""How long a change summary stays on show; the next one waits for it to go."""

Subscriber = Callable[[SessionEvent], None]

_WORK = {"follow": "Live reload", "load": "Loading the deck", "summary": "Working out what changed"}
"""The session's background work, by group (one task per group: a newer one replaces it)."""

log = logging.getLogger(__name__)


class DeckSession:
    """One presentation: its deck (loads, reloads, errors, change summaries) and its `Place`.

    Made with the deck's first load (`initial`), which is the deck, not a replacement of it.
    `start()` follows the files (unless `watch` is off); `reload()` is `r`; `rescan()` is the
    return from the editor; `apply(result)` shows a load made elsewhere. `report(place)` is a
    screen saying where it is; `move_to(place)` asks the screens to go somewhere.
    """

    def __init__(
        self,
        deck_path: Path | str | None = None,
        initial: LoadResult | None = None,
        *,
        cache: LoadCache | None = None,
        watch: bool = False,
        poll: bool = False,
        **follower_options: Any,
    ) -> None:
        self.deck_path = Path(deck_path) if deck_path is not None else None
        self._cache = cache
        self.watch = watch
        self.poll = poll
        self.follower_options = follower_options
        self.deck: Deck | None = initial.deck if initial is not None else None
        self.errors: tuple[Diagnostic, ...] = tuple(initial.errors) if initial is not None else ()
        self.place = Place()
        self.changes: DeckChanges | None = None
        """What the last summary said: `changed_item()` is its first added or edited item."""
        self._initial = initial
        self._subscribers: list[Subscriber] = []
        self._follower: DeckFollower[LoadResult] | None = None
        self._extra_paths: tuple[Path, ...] = ()
        self._ever_extra: set[str] = set()
        """Every extra file followed so far: a change to one that has just been dropped is
        still not the deck's."""
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._base = self.deck
        """The deck the last summary was about: the next one says what changed since."""
        self._changed_since_base: set[Path] = set()
        self._quiet_until = 0.0
        self._closed = False

    # -- subscribing --------------------------------------------------------------------------

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        """Call `callback(event)` for every event from now on, on the loop that runs the
        session; returns the function that unsubscribes it."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def events(self) -> EventStream:
        """Every event from this call on, to iterate with `async for`; it ends after
        `SessionClosed` (or when the stream is closed)."""
        return EventStream(self)

    def _publish(self, event: SessionEvent) -> None:
        for callback in tuple(self._subscribers):
            try:
                callback(event)
            except Exception:  # a subscriber's bug must not stop the presentation or the others
                log.exception("a session subscriber failed on %s", type(event).__name__)

    # -- the deck -----------------------------------------------------------------------------

    @property
    def following(self) -> bool:
        return self._follower is not None

    @property
    def follower(self) -> DeckFollower[LoadResult] | None:
        return self._follower

    @property
    def cache(self) -> LoadCache:
        """Made with the first load: a session fed decks from outside never makes one."""
        if self._cache is None:
            self._cache = _new_cache()
        return self._cache

    def open(self, deck_path: Path | str, result: LoadResult) -> None:
        """Present another deck (one chosen in the picker); its load is the deck, not a change.
        Call `start()` afterwards to follow it."""
        self._stop_following()
        self.deck_path = Path(deck_path)
        self._initial = result
        self.deck = result.deck
        self.errors = tuple(result.errors)
        self.changes = None
        self._base = result.deck
        self._changed_since_base.clear()

    def start(self, extra_paths: Iterable[Path | str] = (), extra_digests: Mapping[Path | str, bytes] | None = None) -> None:
        """Follow the deck's files, and `extra_paths` (the theme files) beside them, unless
        following is off; from `extra_digests` (what the caller read of them, path to
        `content_digest`) where given. Call it on the running loop: following is a task there."""
        self._stop_following()
        self._note_extra_paths(extra_paths)
        initial, self._initial = self._initial, None  # only a first follower may skip its first load
        if not self.watch or self.deck_path is None:
            return
        from ..watch import DeckFollower

        self._follower = DeckFollower(
            self.deck_path,
            lambda path: _load(path, self.cache),  # the loader is imported by the first reload, not here
            initial=initial,
            poll=self.poll,
            extra_paths=self._extra_paths,
            extra_digests=extra_digests,
            **self.follower_options,
        )
        self._spawn("follow", self._follow(self._follower))

    @property
    def extra_paths(self) -> tuple[Path, ...]:
        return self._extra_paths

    def set_extra_paths(self, paths: Iterable[Path | str], digests: Mapping[Path | str, bytes] | None = None) -> None:
        """Follow these files beside the deck's (theme files come and go from their folders).

        `digests`: what the caller read of them (path to `content_digest`); a new file is
        followed from there, so a save landing before the follower first looks is a change."""
        self._note_extra_paths(paths)
        if self._follower is not None:
            self._follower.set_extra_paths(self._extra_paths, digests)

    def _note_extra_paths(self, paths: Iterable[Path | str]) -> None:
        self._extra_paths = tuple(Path(path) for path in paths)
        self._ever_extra.update(os.path.abspath(path) for path in self._extra_paths)

    def reload(self) -> None:
        """`r`: load now. The new deck (or its errors) arrives as events, as a save's does."""
        if self._follower is not None:
            self._follower.reload_now()
        elif self.deck_path is not None:
            self._spawn("load", self._load_once(self.deck_path))

    def rescan(self) -> None:
        """Back from the editor: look at the files now (it may have saved while the app slept)."""
        if self._follower is not None:
            self._follower.rescan()
        else:
            self.reload()

    def apply(self, result: LoadResult, changed_paths: Iterable[Path] = ()) -> None:
        """Show a load: a good one replaces the deck, a bad one keeps it and shows its errors.

        A good one is then summarised against the deck the last summary was about.
        `changed_paths` are the files the load was for (the summary skips the others)."""
        if result.deck is not None:
            self.deck = result.deck
            self._publish(DeckReplaced(result.deck))
        errors = tuple(result.errors)
        if errors != self.errors:
            self.errors = errors
            self._publish(ErrorsChanged(errors))
        self._changed_since_base.update(Path(path) for path in changed_paths)
        if result.deck is not None:
            self._summarise(result.deck, result.files)

    def changed_item(self) -> Item | None:
        """The first item the last summary names as added or edited, if the deck still has it."""
        first = self.changes.first_change if self.changes is not None else None
        if first is None or self.deck is None:
            return None
        section, key = first
        return self.deck.country(key) if section == "countries" else self.deck.get(key)

    async def _load_once(self, path: Path) -> None:
        self.apply(await asyncio.to_thread(_load, path, self.cache))

    async def _follow(self, follower: DeckFollower[LoadResult]) -> None:
        try:
            async for update in follower:
                self._take(update)
        except Exception as error:  # noqa: BLE001 - the deck stays on show; `r` still loads by hand
            self._publish(FollowNotice(f"Live reload stopped: {error}", stopped=True))
        finally:
            follower.stop()
            if self._follower is follower:
                self._follower = None

    def _take(self, update: Update[LoadResult]) -> None:
        """One update from the follower: a theme file, the deck, or a note about following."""
        from ..watch import WatchNotice

        if isinstance(update, WatchNotice):
            self._publish(FollowNotice(update.message))
            return
        changed = frozenset(update.changed_paths)
        extra = frozenset(path for path in changed if os.path.abspath(path) in self._ever_extra)
        if extra:
            self._publish(ThemeFilesChanged(extra))
        if changed - extra or not changed:
            self.apply(update.result, changed - extra)

    def _stop_following(self) -> None:
        follower, self._follower = self._follower, None
        if follower is not None:
            follower.stop()
        task = self._tasks.pop("follow", None)
        if task is not None:
            task.cancel()

    # -- change summaries ---------------------------------------------------------------------

    def _summarise(self, new: Deck, files: Iterable[Path]) -> None:
        base = self._base
        if base is None:
            self._base = new
            return
        changed = {str(path) for path in self._changed_since_base}
        unchanged = [str(path) for path in files if str(path) not in changed] if changed else []
        delay = max(0.0, self._quiet_until - time.monotonic())
        self._spawn("summary", self._diff_then_publish(base, new, unchanged, delay))

    async def _diff_then_publish(self, base: Deck, new: Deck, unchanged_files: list[str], delay: float) -> None:
        """While the last summary is on show, wait for it to go (a newer reload replaces this
        task and diffs from the same base instead, so nothing is left out)."""
        if delay:
            await asyncio.sleep(delay)
        from ..deck.diff import diff_decks

        changes = await asyncio.to_thread(diff_decks, base, new, unchanged_files=unchanged_files)
        self._base = new
        self._changed_since_base.clear()
        self.changes = changes
        self._quiet_until = time.monotonic() + NOTICE_SECONDS
        self._publish(ChangesSummarised(changes))

    # -- the place ----------------------------------------------------------------------------

    def report(self, place: Place) -> None:
        """A screen shows `place` now (the presenter moved). Cheap: an equal place is no event."""
        if place != self.place:
            self.place = place
            self._publish(PlaceChanged(place, reported=True))

    def move_to(self, place: Place) -> None:
        """Go to `place`: the screens are asked to show it (and whoever follows, told)."""
        if place != self.place:
            self.place = place
            self._publish(PlaceChanged(place, reported=False))

    # -- background work and the end ----------------------------------------------------------

    def _spawn(self, group: str, work: Coroutine[Any, Any, None]) -> None:
        """Run `work` on the running loop, replacing the group's previous task."""
        previous = self._tasks.pop(group, None)
        if previous is not None:
            previous.cancel()
        task = asyncio.get_running_loop().create_task(work, name=f"session: {_WORK[group]}")
        self._tasks[group] = task
        task.add_done_callback(partial(self._finished, group))

    def _finished(self, group: str, task: asyncio.Task[None]) -> None:
        if self._tasks.get(group) is task:
            del self._tasks[group]
        if not task.cancelled() and task.exception() is not None:
            self._publish(FollowNotice(f"{_WORK[group]} failed: {task.exception()}"))

    def close(self) -> None:
        """End the presentation: stop following, drop pending work, and say so (once)."""
        if self._closed:
            return
        self._closed = True
        self._stop_following()
        for task in self._tasks.values():
            task.cancel()
        self._tasks.clear()
        self._publish(SessionClosed())


class EventStream:
    """A session's events from the moment this was made, for `async for`; ends after
    `SessionClosed`. Made by `DeckSession.events()`: subscribed at once, so an event that
    comes before the first `await` is not lost."""

    def __init__(self, session: DeckSession) -> None:
        self._queue: asyncio.Queue[SessionEvent | None] = asyncio.Queue()
        self._unsubscribe = session.subscribe(self._queue.put_nowait)

    def __aiter__(self) -> AsyncIterator[SessionEvent]:
        return self

    async def __anext__(self) -> SessionEvent:
        event = await self._queue.get()
        if event is None:
            raise StopAsyncIteration
        if isinstance(event, SessionClosed):
            self.close()
        return event

    def close(self) -> None:
        """Stop receiving events; iteration ends once the events already queued are read."""
        self._unsubscribe()
        self._queue.put_nowait(None)


def _new_cache() -> LoadCache:
    from ..deck.loader import LoadCache

    return LoadCache()


def _load(path: Path | str, cache: LoadCache) -> LoadResult:
    """The loader (and PyYAML with it) is imported by the first load: a session fed decks from
    outside (a follower of a shared presentation) never needs it."""
    from ..deck.loader import load_deck

    return load_deck(path, cache=cache)
