"""DeckFollower: one update per real change of the files a deck is made of.

The follower itself is a short loop: wait for a reason to look (``sources``: notification,
polling, a key), look at the files and decide in a worker thread (``tracking``: which files and
what they hold; ``settling``: whether the save is finished), yield what came of it, and keep
the watchers on the right folders. Nothing reads a file on the event loop.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from .files import MISSING, current_stat_key, one_line, read_state
from .settling import DEFAULT_QUIET, HeldFailure, Settling
from .sources import DEFAULT_DEBOUNCE_MS, DEFAULT_STEP_MS, ChangeSource, Wake
from .tracking import TrackedFiles, return_to_working_folder

DEFAULT_GRACE = 0.25
DEFAULT_POLL_INTERVAL = 0.1
DEFAULT_RESCAN_INTERVAL = 2.0
MAX_STALE_LOADS = 3


class LoadOutcome(Protocol):
    """What ``load`` must return: ``briefing.deck.LoadResult`` fits, and so does any test fake.

    It may also have ``digests`` (each file read to ``briefing.deck.loader.content_digest`` of
    its bytes): following then starts from what the load read, not from the files as they are
    when following starts, so a save made in between is not lost.
    """

    @property
    def ok(self) -> bool: ...

    @property
    def files(self) -> Iterable[Path | str]: ...


R = TypeVar("R", bound=LoadOutcome)


@dataclass(frozen=True, slots=True)
class Reloaded(Generic[R]):
    """The followed files changed and the deck loaded: ``result.ok`` is true.

    ``changed_paths`` are the deck, include and extra files whose content differs from the last
    update (added, removed or edited), in the form the loader (or the caller) gave them. It is
    empty only for the first load and for :meth:`DeckFollower.reload_now`.
    """

    result: R
    changed_paths: frozenset[Path]


@dataclass(frozen=True, slots=True)
class ReloadFailed(Generic[R]):
    """The followed files changed and the deck does not load: keep the last good deck on screen."""

    result: R
    changed_paths: frozenset[Path]


@dataclass(frozen=True, slots=True)
class WatchNotice:
    """Something the user should know about the following itself, as one line of plain text."""

    message: str


Update = Reloaded[R] | ReloadFailed[R] | WatchNotice


class DeckFollower(Generic[R]):
    """Follows a deck's files and yields one update per real change of their content.

    ``load(deck_path)`` is called in a worker thread (one call at a time) once a change has
    settled; its result's ``.files`` say which files to follow next. A result that is not
    ``.ok`` is held back ``grace`` seconds waiting for more writes; if a good save comes in
    time, only the good result is yielded. ``extra_paths`` (the theme file) are followed too,
    without loading the deck again when only they changed.

    Iterate it (``async for update in follower``) from one task. Pass ``initial`` (a load
    made just before) to skip the first load; without it the first update is the first load,
    with empty ``changed_paths``.
    ``extra_digests`` (path to ``content_digest``) say what the caller read of the extra files
    before following starts: they are followed from there, as the deck's files from ``initial``.
    """

    def __init__(
        self,
        deck_path: Path | str,
        load: Callable[[Path], R],
        *,
        initial: R | None = None,
        poll: bool = False,
        extra_paths: Iterable[Path | str] = (),
        extra_digests: Mapping[Path | str, bytes] | None = None,
        grace: float = DEFAULT_GRACE,
        quiet: float = DEFAULT_QUIET,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        rescan_interval: float | None = DEFAULT_RESCAN_INTERVAL,
        step_ms: int = DEFAULT_STEP_MS,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
        threaded: bool = True,
        stop_event: asyncio.Event | None = None,
    ) -> None:
        self.deck_path = Path(deck_path)
        self._load = load
        self._initial = initial
        self._threaded = threaded
        self._stop_event = stop_event
        self._files = TrackedFiles(deck_path, extra_paths)
        self._settling = Settling(quiet=quiet, grace=grace)
        self._source = ChangeSource(
            self._post, self._files, poll=poll, poll_interval=poll_interval,
            rescan_interval=rescan_interval, step_ms=step_ms, debounce_ms=debounce_ms,
        )
        self._extras_wanted: tuple[Path, ...] = tuple(Path(path) for path in extra_paths)
        self._extra_digests = dict(extra_digests or {})
        self._last_result: R | None = None
        self._held: HeldFailure[R] | None = None
        self._unloaded: set[str] = set()
        """Files whose content moved since the last load."""
        self._recheck: frozenset[str] = frozenset()
        self._recheck_at: float | None = None
        self._announced: set[str] = set()
        self._stale_streak = 0
        self._look_again = False
        self._ready = False
        self._queue: asyncio.Queue[tuple[str, object]] | None = None
        self._running = False
        self._stop_requested = False

    # -- public controls --------------------------------------------------------------------

    @property
    def polling(self) -> bool:
        """True when changes are found by stat polling rather than kernel notification."""
        return self._source.polling

    @property
    def ready(self) -> bool:
        """The follower knows what the files held at its start and is watching them."""
        return self._ready

    @property
    def extra_paths(self) -> tuple[Path, ...]:
        by_key = {self._files.key(path): path for path in self._extras_wanted}
        return tuple(by_key[key] for key in sorted(by_key))

    def set_extra_paths(self, paths: Iterable[Path | str], digests: Mapping[Path | str, bytes] | None = None) -> None:
        """Follow these extra files instead (the theme file changed); no update for the switch.

        The files are read in the worker, a moment later; a caller that has just read them
        passes ``digests`` (path to ``content_digest`` of the bytes it read), so a save landing
        in that moment is still seen as a change.
        """
        self._extras_wanted = tuple(Path(path) for path in paths)
        if self._queue is None:
            self._files.set_extras(self._extras_wanted)
        else:
            self._post("extras", (self._extras_wanted, dict(digests or {})))

    def rescan(self) -> None:
        """Look at the files now (e.g. the editor just returned); a change yields as usual."""
        self._post("rescan")

    def reload_now(self) -> None:
        """Load the deck now even if nothing changed (the ``r`` key): always yields, no grace."""
        self._post("reload")

    def stop(self) -> None:
        """End the iteration (the same as setting ``stop_event``)."""
        self._stop_requested = True
        self._post("stop")

    def __aiter__(self) -> AsyncIterator[Update[R]]:
        return self.updates()

    async def updates(self) -> AsyncIterator[Update[R]]:
        """The updates, until stopped; the watchers are released when the iteration ends."""
        if self._running:
            raise RuntimeError("this DeckFollower is already being iterated")
        self._running = True
        self._queue = asyncio.Queue()
        stop_waiter = self._watch_stop_event()
        if self._stop_requested:
            self._post("stop")
        try:
            for update in await self._start():
                yield update
            while True:
                wake = await self._next_wake()
                if wake.stop:
                    return
                updates = await self._in_worker(self._cycle, wake)
                await self._source.follow(self._files.plan_now)
                for update in updates:
                    yield update
        finally:
            if stop_waiter is not None:
                stop_waiter.cancel()
            await self._source.stop()
            self._running = False

    # -- the loop ---------------------------------------------------------------------------

    async def _start(self) -> list[Update[R]]:
        """Watch, then load (or adopt ``initial``), then watch what the load named."""
        updates: list[Update[R]] = []
        folders = {self._files.deck_dir} | {os.path.dirname(key) for key in self._files.extra_keys}
        notice = self._source.network_filesystem_notice(folders)
        if notice is not None:
            updates.append(WatchNotice(notice))
        await self._source.follow(await self._in_worker(self._files.make_plan))
        if self._initial is None:
            updates += await self._in_worker(self._first_load)
        else:
            await self._in_worker(self._files.adopt, self._initial)
            self._last_result = self._initial
        if self._extra_digests:
            self._files.start_extras_from(self._extra_digests)
        self._post("rescan")
        await self._source.follow(await self._in_worker(self._files.make_plan))
        self._ready = True
        return updates

    def _post(self, kind: str, value: object = None) -> None:
        if self._queue is not None:
            self._queue.put_nowait((kind, value))

    async def _in_worker(self, work: Callable, *args):
        if self._threaded:
            return await asyncio.to_thread(work, *args)
        return work(*args)

    def _watch_stop_event(self) -> asyncio.Task[None] | None:
        if self._stop_event is None:
            return None

        async def wait_then_stop() -> None:
            await self._stop_event.wait()
            self._post("stop")

        return asyncio.create_task(wait_then_stop())

    async def _next_wake(self) -> Wake:
        """Everything that arrived, or nothing when the next timer is due."""
        assert self._queue is not None
        if self._look_again:
            self._look_again = False
            self._post("rescan")
        wake = Wake()
        deadlines = [self._source.next_look_at, self._recheck_at or float("inf")]
        if self._held is not None:
            deadlines.append(self._held.deadline)
        timeout = max(0.0, min(deadlines) - time.monotonic())
        try:
            wake.add(*await asyncio.wait_for(self._queue.get(), None if timeout == float("inf") else timeout))
        except TimeoutError:
            return wake
        while not self._queue.empty():
            wake.add(*self._queue.get_nowait())
        return wake

    # -- in the worker thread -----------------------------------------------------------------

    def _first_load(self) -> list[Update[R]]:
        """Like any later load: the files are looked at before loading, then checked after."""
        files = self._files
        files.look(files.tracked, forced=files.tracked)
        blocked, notices = self._not_regular()
        if blocked:
            return notices
        result, stale = self._load_checked(files.tracked - files.extra_keys)
        if isinstance(result, BaseException):
            raise result
        files.absorb(result)
        files.mark_unknown(stale)
        self._look_again = bool(stale)
        files.commit()
        self._last_result = result
        return [(Reloaded if result.ok else ReloadFailed)(result, frozenset())]

    def _cycle(self, wake: Wake) -> list[Update[R]]:
        """Look at what is due, and load and settle if the files' content moved."""
        updates: list[Update[R]] = []
        if wake.failure is not None:
            notice = self._source.fall_back_to_polling(wake.failure)
            updates += [WatchNotice(notice)] if notice else []
        if wake.extras is not None:
            self._files.follow_extras(*wake.extras)
        now = time.monotonic()
        look = self._source.look_for(wake, now, self._likely(), self._recheck, self._due(now))
        if look is not None:
            started = time.perf_counter()
            moved = self._files.look(look.keys, look.forced, look.probed)
            if self._source.polling:
                self._source.schedule.measured(len(look.keys), time.perf_counter() - started)
            self._source.schedule.saved(moved)
            self._unloaded |= moved
            candidates = self._files.candidates() if look.glob else set()
            updates += self._decide(bool(moved), candidates, wake.reload, time.monotonic())
        self._files.make_plan()
        return updates

    def _likely(self) -> set[str]:
        """The files worth a look whenever the follower looks at all."""
        files = self._files
        likely = {files.deck_key} | files.extra_keys | files.racy() | self._recheck | self._unloaded
        return likely | self._held.changed if self._held is not None else likely

    def _due(self, now: float) -> bool:
        held_due = self._held is not None and now >= self._held.deadline
        return held_due or (self._recheck_at is not None and now >= self._recheck_at)

    def _decide(self, moved: bool, candidates: set[str], reload: bool, now: float) -> list[Update[R]]:
        """Load once the changed files have settled; commit a held failure once its grace is over."""
        files = self._files
        blocked, notices = self._not_regular()
        if blocked:
            return notices
        self._unloaded &= files.tracked
        if not (self._unloaded or candidates or reload):
            if not moved and self._held is not None and now >= self._held.deadline:
                return [self._commit(self._held.result, self._held.changed)]
            return []
        states = {key: files.seen.get(key, MISSING) for key in self._unloaded}
        states.update((key, read_state(key)[0]) for key in candidates)
        self._recheck, self._recheck_at = self._settling.unsettled(states, now)
        if self._recheck and not reload:
            return []
        self._recheck_at = None
        if self._unloaded - files.extra_keys or candidates or reload:
            result = self._fresh_load(candidates)
            if result is None or isinstance(result, WatchNotice):
                return [result] if result is not None else []
        else:
            result = self._held.result if self._held is not None else self._last_result
            assert result is not None
        self._settling.forget(self._unloaded | candidates)
        self._unloaded = set()
        return self._settle(result, force=reload)

    def _not_regular(self) -> tuple[bool, list[WatchNotice]]:
        """While a followed file is a FIFO, a device or a folder, nothing is read or loaded."""
        odd = self._files.not_regular()
        notices = [
            WatchNotice(
                f"{one_line(self._files.shown(key), 80)} is not a regular file ({kind}): "
                "it is not read, and the deck is not reloaded until it is a file again"
            )
            for key, kind in sorted(odd.items())
            if key not in self._announced
        ]
        self._announced = set(odd)
        return bool(odd), notices

    def _fresh_load(self, candidates: set[str]) -> R | WatchNotice | None:
        """Load; None when a file moved during the load (the next look reads it again)."""
        files = self._files
        likely = (self._unloaded | {files.deck_key} | self._source.schedule.recent) - files.extra_keys
        result, stale = self._load_checked(likely)
        if isinstance(result, BaseException):
            files.commit()
            self._held = None
            self._unloaded = set()
            return WatchNotice(f"Reload failed unexpectedly: {one_line(result) or type(result).__name__}")
        if stale and self._stale_streak < MAX_STALE_LOADS:
            self._stale_streak += 1
            files.mark_unknown(stale)
            self._look_again = True
            return None
        self._stale_streak = 0
        files.absorb(result, candidates)
        return result

    def _load_checked(self, watched: Iterable[str]) -> tuple[R | BaseException, frozenset[str]]:
        """Load; and which files moved meanwhile: read with other content than the last look saw
        (when the load says what it read), or ``watched`` files whose stat changed during it."""
        files = self._files
        before = {key: files.seen.get(key, MISSING).stat_key for key in watched}
        if not self.deck_path.is_absolute():
            return_to_working_folder(files.base)
        try:
            result = self._load(self.deck_path)
        except Exception as error:  # noqa: BLE001 - reported as a notice, the follower lives on
            return error, frozenset()
        moved = {key for key, stat_key in before.items() if current_stat_key(key) != stat_key}
        return result, frozenset(moved | (files.read_otherwise(result) or set()))

    def _settle(self, result: R, *, force: bool) -> list[Update[R]]:
        """Show a good load at once; hold a failed one back for the grace period."""
        files = self._files
        changed = files.changed()
        if not changed and not force:
            self._held = None
            return []
        deck_ok = result.ok or not (changed - files.extra_keys)
        extras_ok = not any(files.seen.get(key, MISSING).empty for key in changed & files.extra_keys)
        if force or (deck_ok and extras_ok):
            return [self._commit(result, changed)]
        self._held = HeldFailure(result, changed, time.monotonic() + self._settling.grace)
        return []

    def _commit(self, result: R, changed: frozenset[str]) -> Update[R]:
        self._files.commit()
        self._last_result = result
        self._held = None
        paths = frozenset(self._files.shown(key) for key in changed)
        return (Reloaded if result.ok else ReloadFailed)(result, paths)


def follow(
    deck_path: Path | str,
    load: Callable[[Path], R],
    **options,
) -> AsyncIterator[Update[R]]:
    """Shorthand: ``async for update in follow(path, load_deck): ...`` (options as DeckFollower)."""
    return DeckFollower(deck_path, load, **options).updates()
