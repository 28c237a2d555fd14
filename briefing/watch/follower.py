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

from ..deck.text import clean_text
from .files import MISSING, WatchPlan, current_stat_key, is_noise, is_within, read_state
from .filesystems import filesystem_type, is_network_filesystem
from .settling import DEFAULT_QUIET, HeldFailure, Settling
from .sources import DEFAULT_DEBOUNCE_MS, DEFAULT_STEP_MS, Notifier, PollSchedule, Wake, in_folders
from .tracking import TrackedFiles, return_to_working_folder

DEFAULT_GRACE = 0.25
DEFAULT_POLL_INTERVAL = 0.1
DEFAULT_RESCAN_INTERVAL = 2.0
MAX_STALE_LOADS = 3

__all__ = [
    "DEFAULT_DEBOUNCE_MS",
    "DEFAULT_GRACE",
    "DEFAULT_POLL_INTERVAL",
    "DEFAULT_RESCAN_INTERVAL",
    "DEFAULT_STEP_MS",
    "DeckFollower",
    "LoadOutcome",
    "ReloadFailed",
    "Reloaded",
    "Update",
    "WatchNotice",
    "follow",
]


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


def _one_line(text: object, limit: int = 120) -> str:
    lines = clean_text(str(text))[0].strip().splitlines()
    message = lines[0] if lines else ""
    return message if len(message) <= limit else message[: limit - 3] + "..."


def _error_line(error: BaseException) -> str:
    return _one_line(error) or type(error).__name__


@dataclass(slots=True)
class _Look:
    """Which files one cycle looks at: stat ``keys``, read ``forced``, ask about writers of
    ``probed``; glob for new files or not."""

    keys: set[str]
    forced: set[str]
    glob: bool
    probed: frozenset[str] = frozenset()


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
    """

    def __init__(
        self,
        deck_path: Path | str,
        load: Callable[[Path], R],
        *,
        initial: R | None = None,
        poll: bool = False,
        extra_paths: Iterable[Path | str] = (),
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
        self._polling = poll
        self._poll_interval = poll_interval
        self._rescan_interval = rescan_interval
        self._threaded = threaded
        self._stop_event = stop_event
        self._relative = not self.deck_path.is_absolute()

        self._files = TrackedFiles(deck_path, extra_paths)
        self._settling = Settling(quiet=quiet, grace=grace)
        self._schedule = PollSchedule(poll_interval)
        self._notifier = Notifier(self._post, self._wants, step_ms=step_ms, debounce_ms=debounce_ms)
        self._extras_wanted: tuple[Path, ...] = tuple(Path(path) for path in extra_paths)
        self._plan = WatchPlan()

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
        self._noticed_polling = False
        self._next_scan_at = float("inf")

    # -- public controls --------------------------------------------------------------------

    @property
    def polling(self) -> bool:
        """True when changes are found by stat polling rather than kernel notification."""
        return self._polling

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
            notice = self._choose_polling_for_network_fs()
            if notice is not None:
                yield notice
            await self._follow_plan(await self._in_worker(self._files.plan))
            if self._initial is None:
                for update in await self._in_worker(self._first_load):
                    yield update
            else:
                await self._in_worker(self._files.adopt, self._initial)
                self._last_result = self._initial
            self._post("rescan")
            await self._follow_plan(await self._in_worker(self._files.plan))
            self._ready = True
            while True:
                wake = await self._next_wake()
                if wake.stop:
                    return
                updates = await self._in_worker(self._cycle, wake)
                await self._follow_plan(self._plan)
                for update in updates:
                    yield update
        finally:
            if stop_waiter is not None:
                stop_waiter.cancel()
            await self._notifier.stop()
            self._running = False

    # -- the loop ---------------------------------------------------------------------------

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

    def _interval(self) -> float:
        if self._polling:
            return self._poll_interval
        return self._rescan_interval if self._rescan_interval is not None else float("inf")

    async def _next_wake(self) -> Wake:
        assert self._queue is not None
        if self._look_again:
            self._look_again = False
            self._post("rescan")
        wake = Wake()
        deadlines = [self._next_scan_at]
        if self._held is not None:
            deadlines.append(self._held.deadline)
        if self._recheck_at is not None:
            deadlines.append(self._recheck_at)
        timeout = max(0.0, min(deadlines) - time.monotonic())
        try:
            if timeout == float("inf"):
                wake.add(*await self._queue.get())
            else:
                wake.add(*await asyncio.wait_for(self._queue.get(), timeout))
        except TimeoutError:
            return wake
        while not self._queue.empty():
            wake.add(*self._queue.get_nowait())
        return wake

    async def _follow_plan(self, plan: WatchPlan) -> None:
        """Watch the folders the current files and globs need (or poll); look again after a switch."""
        self._plan = plan
        if self._polling:
            await self._notifier.stop()
            if self._next_scan_at == float("inf"):
                self._next_scan_at = time.monotonic()
            return
        if self._next_scan_at == float("inf"):
            self._next_scan_at = time.monotonic() + self._interval()
        if await self._notifier.watch(plan):
            self._post("rescan")

    # -- one cycle, in the worker thread ------------------------------------------------------

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
        self._plan = files.plan()
        return [(Reloaded if result.ok else ReloadFailed)(result, frozenset())]

    def _cycle(self, wake: Wake) -> list[Update[R]]:
        """Look at what is due, and load and settle if the files' content moved."""
        updates: list[Update[R]] = []
        if wake.failure is not None:
            updates += self._fall_back_to_polling(wake.failure)
        if wake.extras is not None:
            self._files.follow_extras(*wake.extras)
        now = time.monotonic()
        look = self._what_to_look_at(wake, now)
        if look is not None:
            started = time.perf_counter()
            moved = self._files.look(look.keys, look.forced, look.probed)
            if self._polling:
                self._schedule.measured(len(look.keys), time.perf_counter() - started)
            self._schedule.saved(moved)
            self._unloaded |= moved
            candidates = self._files.candidates() if look.glob else set()
            updates += self._decide(bool(moved), candidates, wake.reload, time.monotonic())
        self._plan = self._files.plan()
        return updates

    def _what_to_look_at(self, wake: Wake, now: float) -> _Look | None:
        timer_due = now >= self._next_scan_at
        held_due = self._held is not None and now >= self._held.deadline
        recheck_due = self._recheck_at is not None and now >= self._recheck_at
        if not (wake.looks or timer_due or held_due or recheck_due):
            return None
        if timer_due:
            self._next_scan_at = now + self._interval()
        files = self._files
        names = files.names
        hinted = {names[hint] for hint in wake.hints if hint in names}
        likely = {files.deck_key} | files.extra_keys | files.racy() | self._recheck | self._unloaded
        if self._held is not None:
            likely |= self._held.changed
        probed = self._recheck
        if wake.rescan or wake.reload or any(hint not in names for hint in wake.hints) or (timer_due and not self._polling):
            return _Look(set(files.tracked), hinted, True, probed)
        if timer_due:
            picked, swept = self._schedule.pick(files.tracked, likely | hinted)
            folders = self._schedule.folders_moved(self._polled_folders())
            glob = bool(folders) or (swept and bool(self._plan.recursive))
            return _Look(picked | in_folders(files.tracked, folders), hinted, glob, probed)
        return _Look(likely | hinted, hinted, False, probed)

    def _polled_folders(self) -> set[str]:
        plan = self._plan
        return set(plan.candidate_dirs | plan.awaited) | {self._files.deck_dir}

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
        unsettled, self._recheck_at = self._settling.unsettled(states, now)
        self._recheck = unsettled
        if unsettled and not reload:
            return []
        self._recheck_at = None
        if self._unloaded - files.extra_keys or candidates or reload:
            result = self._fresh_load(candidates)
            if result is None:
                return []
            if isinstance(result, WatchNotice):
                return [result]
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
                f"{_one_line(self._files.shown(key), 80)} is not a regular file ({kind}): "
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
        likely = (self._unloaded | {files.deck_key} | self._schedule.recent) - files.extra_keys
        result, stale = self._load_checked(likely)
        if isinstance(result, BaseException):
            files.commit()
            self._held = None
            self._unloaded = set()
            return WatchNotice(f"Reload failed unexpectedly: {_error_line(result)}")
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
        if self._relative:
            return_to_working_folder(files.base)
        try:
            result = self._load(self.deck_path)
        except Exception as error:  # noqa: BLE001 - reported as a notice, the follower lives on
            return error, frozenset()
        moved = {key for key, stat_key in before.items() if current_stat_key(key) != stat_key}
        return result, frozenset(moved | (files.read_otherwise(result) or set()))

    def _settle(self, result: R, *, force: bool) -> list[Update[R]]:
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

    # -- notification or polling ------------------------------------------------------------

    def _choose_polling_for_network_fs(self) -> WatchNotice | None:
        if self._polling:
            return None
        folders = {self._files.deck_dir} | {os.path.dirname(key) for key in self._files.extra_keys}
        for folder in sorted(folders):
            fstype = filesystem_type(os.path.realpath(folder))
            if is_network_filesystem(fstype):
                self._polling = True
                self._noticed_polling = True
                return WatchNotice(
                    f"{_one_line(folder, 80)} is on a network file system ({fstype}): "
                    f"checking for changes every {self._poll_interval:g} s"
                )
        return None

    def _fall_back_to_polling(self, error: BaseException) -> list[WatchNotice]:
        self._polling = True
        self._next_scan_at = time.monotonic()
        if self._noticed_polling:
            return []
        self._noticed_polling = True
        return [
            WatchNotice(
                f"File change notification failed ({_error_line(error)}): "
                f"checking for changes every {self._poll_interval:g} s"
            )
        ]

    def _wants(self, _change: object, path: str) -> bool:
        """watchfiles' filter: does an event at ``path`` deserve a look?"""
        if path in self._files.names:
            return True
        plan = self._plan
        name = os.path.basename(path)
        if any(is_within(path, root) for root in plan.recursive):
            return not is_noise(name) or name.isdigit()  # a folder named 2025 is no vim test file
        if is_noise(name):
            return False
        if os.path.dirname(path) in plan.candidate_dirs:
            return True
        return any(is_within(awaited, path) for awaited in plan.awaited)


def follow(
    deck_path: Path | str,
    load: Callable[[Path], R],
    **options,
) -> AsyncIterator[Update[R]]:
    """Shorthand: ``async for update in follow(path, load_deck): ...`` (options as DeckFollower)."""
    return DeckFollower(deck_path, load, **options).updates()
