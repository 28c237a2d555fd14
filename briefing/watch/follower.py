"""DeckFollower: one update per real change of the files a deck is made of."""

from __future__ import annotations

import asyncio
import glob as globbing
import os
import time
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from watchfiles import awatch

from .files import (
    MISSING,
    RACY_NS,
    FileState,
    WatchPlan,
    current_stat_key,
    include_patterns,
    is_noise,
    is_within,
    make_plan,
    pattern_base,
    read_state,
)
from .filesystems import filesystem_type, is_network_filesystem

DEFAULT_GRACE = 0.25
DEFAULT_POLL_INTERVAL = 0.1
DEFAULT_RESCAN_INTERVAL = 2.0
DEFAULT_STEP_MS = 4
DEFAULT_DEBOUNCE_MS = 200
DEFAULT_RUST_TIMEOUT_MS = 1_000
MAX_STALE_LOADS = 3


class LoadOutcome(Protocol):
    """What ``load`` must return: ``briefing.deck.LoadResult`` fits, and so does any test fake."""

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


_UNKNOWN = FileState((-1, -1, -1, -1), b"?unknown")
"""A file that moved while it was being loaded: no real stat or digest equals this, so it is read again."""


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    message = text[0] if text else type(error).__name__
    return message if len(message) <= 120 else message[:117] + "..."


def _key(path: Path | str) -> str:
    return os.path.abspath(os.fspath(path))


def _deck_file_and_folder(deck_path: Path | str) -> tuple[str, str]:
    """A deck is a file, or a folder holding the deck file (as ``load_deck`` accepts)."""
    key = _key(deck_path)
    if os.path.isdir(key):
        from briefing.deck.loader import DECK_FILE_NAME

        return os.path.join(key, DECK_FILE_NAME), key
    return key, os.path.dirname(key)


@dataclass(slots=True)
class _Wake:
    """Everything that arrived while the follower was busy, merged into one look."""

    hints: set[str] = field(default_factory=set)
    glob: bool = False
    reload: bool = False
    failure: BaseException | None = None
    stop: bool = False

    def add(self, kind: str, value: object) -> None:
        if kind == "hints":
            self.hints |= value  # type: ignore[operator]
        elif kind in ("rescan", "retarget"):
            self.glob = True
        elif kind == "reload":
            self.reload = True
        elif kind == "failed":
            self.failure = value  # type: ignore[assignment]
        elif kind == "stop":
            self.stop = True

    @property
    def looks(self) -> bool:
        return bool(self.hints) or self.glob or self.reload


@dataclass(frozen=True, slots=True)
class _Pending(Generic[R]):
    result: R
    changed: frozenset[str]
    deadline: float


class DeckFollower(Generic[R]):
    """Follows a deck's files and yields one update per real change of their content.

    ``load(deck_path)`` is called (in a worker thread when ``threaded``, one call at a time)
    after each change; its result's ``.files`` say which files to follow next. A result that
    is not ``.ok`` is held back ``grace`` seconds waiting for more writes; if a good save
    comes in time, only the good result is yielded. ``extra_paths`` (the theme file) are
    followed too, without loading the deck again when only they changed.

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
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        rescan_interval: float | None = DEFAULT_RESCAN_INTERVAL,
        step_ms: int = DEFAULT_STEP_MS,
        debounce_ms: int = DEFAULT_DEBOUNCE_MS,
        threaded: bool = True,
        stop_event: asyncio.Event | None = None,
    ) -> None:
        self.deck_path = Path(deck_path)
        self._deck_key, self._deck_dir = _deck_file_and_folder(deck_path)
        self._load = load
        self._initial = initial
        self._polling = poll
        self._grace = grace
        self._poll_interval = poll_interval
        self._rescan_interval = rescan_interval
        self._step_ms = step_ms
        self._debounce_ms = debounce_ms
        self._threaded = threaded
        self._stop_event = stop_event

        given_file = _key(deck_path) == self._deck_key
        self._display: dict[str, Path] = {self._deck_key: self.deck_path if given_file else Path(self._deck_key)}
        self._extra_keys: frozenset[str] = frozenset()
        self._result_keys: frozenset[str] = frozenset()
        self._good_keys: frozenset[str] = frozenset()
        self._tracked: frozenset[str] = frozenset()
        self._names: dict[str, str] = {}
        self._patterns: tuple[str, ...] = ()
        self._ignored: dict[str, tuple[int, int, int, int] | None] = {}
        self._seen: dict[str, FileState] = {}
        self._committed: dict[str, FileState] = {}
        self._last_result: R | None = None
        self._pending: _Pending[R] | None = None
        self._stale_streak = 0
        self._plan = WatchPlan()
        self._dir_keys: dict[str, tuple[int, int, int, int] | None] = {}

        self._queue: asyncio.Queue[tuple[str, object]] | None = None
        self._running = False
        self._stop_requested = False
        self._noticed_polling = False
        self._watching: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        self._notifiers: list[tuple[asyncio.Task[None], asyncio.Event]] = []
        self._vanished_streak = 0
        self._next_scan_at = float("inf")
        self._set_extras(extra_paths)
        self._set_tracked(frozenset())

    # -- public controls --------------------------------------------------------------------

    @property
    def polling(self) -> bool:
        """True when changes are found by stat polling rather than kernel notification."""
        return self._polling

    @property
    def extra_paths(self) -> tuple[Path, ...]:
        return tuple(self._display[key] for key in sorted(self._extra_keys))

    def set_extra_paths(self, paths: Iterable[Path | str]) -> None:
        """Follow these extra files instead (the theme file changed); no update for the switch."""
        self._set_extras(paths)
        for key in self._extra_keys - self._tracked:
            state, _ = read_state(key)
            self._seen[key] = self._committed[key] = state
        self._set_tracked(self._result_keys | self._good_keys)
        self._post("retarget")

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
            await self._retarget()
            if self._initial is None:
                yield await self._first_load()
            else:
                self._adopt(self._initial)
            await self._retarget()
            while True:
                wake = await self._next_wake()
                if wake.stop:
                    return
                for update in await self._handle(wake):
                    yield update
        finally:
            if stop_waiter is not None:
                stop_waiter.cancel()
            await self._stop_notifiers()
            self._running = False

    # -- state ------------------------------------------------------------------------------

    def _post(self, kind: str, value: object = None) -> None:
        if self._queue is not None:
            self._queue.put_nowait((kind, value))

    def _set_extras(self, paths: Iterable[Path | str]) -> None:
        keys = []
        for path in paths:
            key = _key(path)
            self._display.setdefault(key, Path(path))
            keys.append(key)
        self._extra_keys = frozenset(keys)

    def _set_tracked(self, file_keys: frozenset[str]) -> None:
        self._tracked = frozenset({self._deck_key}) | file_keys | self._extra_keys
        names: dict[str, str] = {}
        for key in self._tracked:
            names[key] = key
            names.setdefault(os.path.realpath(key), key)
        self._names = names

    def _absorb(self, result: R, candidates: Iterable[str] = ()) -> None:
        """Take the loader's word on which files make the deck."""
        keys = []
        for path in result.files:
            key = _key(path)
            self._display[key] = Path(path)
            keys.append(key)
        self._result_keys = frozenset(keys)
        if result.ok:
            self._good_keys = self._result_keys
        before = self._tracked
        self._set_tracked(self._result_keys | self._good_keys)
        for key in self._tracked - before:
            self._remember(key)
        ignored = {key: stat for key, stat in self._ignored.items() if key not in self._tracked}
        ignored.update((key, current_stat_key(key)) for key in candidates if key not in self._tracked)
        self._ignored = ignored

    def _remember(self, key: str) -> None:
        state, data = read_state(key)
        self._seen[key] = state
        self._learn_includes(key, data)

    def _learn_includes(self, key: str, data: bytes | None) -> None:
        """Keep the deck's include globs current (the last ones that parsed)."""
        if key == self._deck_key and data is not None:
            patterns = include_patterns(data)
            if patterns is not None:
                self._patterns = patterns

    def _adopt(self, result: R) -> None:
        """Start from a load the caller made; the files are read now."""
        self._absorb(result)
        for key in self._tracked - self._seen.keys():
            self._remember(key)
        self._committed = {key: self._seen[key] for key in self._tracked}
        self._last_result = result

    async def _first_load(self) -> Update[R]:
        """Like any later load: the files are looked at before loading, then checked after."""
        states = self._scan(set())
        self._seen.update(states)
        before = {key: state.stat_key for key, state in states.items() if key not in self._extra_keys}
        result, stale = await self._call_load(before)
        if isinstance(result, BaseException):
            raise result
        self._absorb(result)
        for key in stale:
            self._seen[key] = _UNKNOWN
        if stale:
            self._post("rescan")
        self._committed = {key: self._seen[key] for key in self._tracked}
        self._last_result = result
        return (Reloaded if result.ok else ReloadFailed)(result, frozenset())

    # -- the loop ---------------------------------------------------------------------------

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

    async def _next_wake(self) -> _Wake:
        assert self._queue is not None
        wake = _Wake()
        deadlines = [self._next_scan_at]
        if self._pending is not None:
            deadlines.append(self._pending.deadline)
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

    async def _handle(self, wake: _Wake) -> list[Update[R]]:
        updates: list[Update[R]] = []
        if wake.failure is not None:
            notice = self._fall_back_to_polling(wake.failure)
            if notice is not None:
                updates.append(notice)
        now = time.monotonic()
        pending_due = self._pending is not None and now >= self._pending.deadline
        timer_due = now >= self._next_scan_at
        quiet = True
        if wake.looks or pending_due or timer_due:
            self._next_scan_at = now + self._interval()
            glob = wake.glob or (timer_due and not self._polling)
            cycle_updates, quiet = await self._cycle(wake, glob=glob)
            updates += cycle_updates
        if quiet and self._pending is not None and time.monotonic() >= self._pending.deadline:
            updates.append(self._commit(self._pending.result, self._pending.changed))
        await self._retarget()
        return updates

    async def _cycle(self, wake: _Wake, *, glob: bool) -> tuple[list[Update[R]], bool]:
        """Look at the files; load and settle if their content moved since the last look.

        Also says whether the files were quiet (nothing moved), which a held failure waits for.
        """
        forced = {self._names[hint] for hint in wake.hints if hint in self._names}
        glob = glob or any(hint not in self._names for hint in wake.hints) or self._dirs_moved()
        states = self._scan(forced)
        moved = {key for key, state in states.items() if state.digest != self._seen.get(key, MISSING).digest}
        self._seen.update(states)
        candidates = self._candidates() if glob else set()
        deck_moved = bool(moved - self._extra_keys) or bool(candidates) or wake.reload
        if not moved and not deck_moved:
            return [], True
        if deck_moved:
            result = await self._fresh_load(states, candidates)
            if result is None:
                return [], False
            if isinstance(result, WatchNotice):
                return [result], False
        else:
            result = self._pending.result if self._pending is not None else self._last_result
            assert result is not None
        return self._settle(result, force=wake.reload), False

    def _scan(self, forced: set[str]) -> dict[str, FileState]:
        """Current states of the followed files; only files whose stat moved are read."""
        states: dict[str, FileState] = {}
        for key in self._tracked:
            previous = self._seen.get(key)
            trusted = previous is not None and not previous.racy and key not in forced
            if trusted and current_stat_key(key) == previous.stat_key:
                states[key] = previous
                continue
            state, data = read_state(key)
            states[key] = state
            if state.digest != (previous or MISSING).digest:
                self._learn_includes(key, data)
        return states

    def _dirs_moved(self) -> bool:
        """In polling mode, a folder's stat changes when a file is added to it."""
        if not self._polling:
            return False
        if self._plan.recursive:
            return True
        moved = False
        started = time.time_ns()
        for folder in self._plan.candidate_dirs | self._plan.awaited:
            key = current_stat_key(folder)
            racy = key is not None and key[1] >= started - RACY_NS
            if racy or key != self._dir_keys.get(folder):
                moved = True
            self._dir_keys[folder] = key
        return moved

    def _candidates(self) -> set[str]:
        """Files an include glob matches now that the last load did not read."""
        found: set[str] = set()
        for pattern in self._patterns:
            if pattern_base(self._deck_dir, pattern) is None:
                continue
            try:
                matches = globbing.glob(pattern, root_dir=self._deck_dir, recursive=True)
            except (OSError, ValueError):
                continue
            paths = (os.path.join(self._deck_dir, match) for match in matches)
            found.update(_key(path) for path in paths if os.path.isfile(path))
        found -= self._tracked
        return {key for key in found if self._ignored.get(key, False) != current_stat_key(key)}

    async def _fresh_load(self, states: dict[str, FileState], candidates: set[str]) -> R | WatchNotice | None:
        """Load; None when a file moved during the load (its event brings another look)."""
        before = {key: state.stat_key for key, state in states.items() if key not in self._extra_keys}
        result, stale = await self._call_load(before)
        if isinstance(result, BaseException):
            self._committed = {key: self._seen[key] for key in self._tracked}
            self._pending = None
            return WatchNotice(f"Reload failed unexpectedly: {_one_line(result)}")
        if stale and self._stale_streak < MAX_STALE_LOADS:
            self._stale_streak += 1
            for key in stale:
                self._seen[key] = _UNKNOWN
            self._post("rescan")
            return None
        self._stale_streak = 0
        self._absorb(result, candidates)
        return result

    async def _call_load(self, before: dict[str, tuple | None]) -> tuple[R | BaseException, frozenset[str]]:
        if self._threaded:
            return await asyncio.to_thread(self._load_checked, before)
        return self._load_checked(before)

    def _load_checked(self, before: dict[str, tuple | None]) -> tuple[R | BaseException, frozenset[str]]:
        try:
            result = self._load(self.deck_path)
        except Exception as error:  # noqa: BLE001 - reported as a notice, the follower lives on
            return error, frozenset()
        stale = frozenset(key for key, stat_key in before.items() if current_stat_key(key) != stat_key)
        return result, stale

    def _settle(self, result: R, *, force: bool) -> list[Update[R]]:
        changed = frozenset(
            key
            for key in self._tracked
            if self._seen.get(key, MISSING).digest != self._committed.get(key, MISSING).digest
        )
        if not changed and not force:
            self._pending = None
            return []
        deck_ok = result.ok or not (changed - self._extra_keys)
        extras_ok = not any(self._seen[key].empty for key in changed & self._extra_keys)
        if force or (deck_ok and extras_ok):
            return [self._commit(result, changed)]
        self._pending = _Pending(result, changed, time.monotonic() + self._grace)
        return []

    def _commit(self, result: R, changed: frozenset[str]) -> Update[R]:
        self._committed = {key: self._seen.get(key, MISSING) for key in self._tracked}
        self._last_result = result
        self._pending = None
        paths = frozenset(self._display.get(key, Path(key)) for key in changed)
        return (Reloaded if result.ok else ReloadFailed)(result, paths)

    # -- watching ---------------------------------------------------------------------------

    def _choose_polling_for_network_fs(self) -> WatchNotice | None:
        if self._polling:
            return None
        for folder in sorted({self._deck_dir} | {os.path.dirname(key) for key in self._extra_keys}):
            fstype = filesystem_type(os.path.realpath(folder))
            if is_network_filesystem(fstype):
                self._polling = True
                self._noticed_polling = True
                return WatchNotice(
                    f"{folder} is on a network file system ({fstype}): "
                    f"checking for changes every {self._poll_interval:g} s"
                )
        return None

    def _fall_back_to_polling(self, error: BaseException) -> WatchNotice | None:
        self._polling = True
        self._next_scan_at = time.monotonic()
        if self._noticed_polling:
            return None
        self._noticed_polling = True
        return WatchNotice(
            f"File change notification failed ({_one_line(error)}): "
            f"checking for changes every {self._poll_interval:g} s"
        )

    def _wants(self, _change: object, path: str) -> bool:
        """watchfiles' filter: does an event at ``path`` deserve a look?"""
        if path in self._names:
            return True
        if is_noise(os.path.basename(path)):
            return False
        plan = self._plan
        if os.path.dirname(path) in plan.candidate_dirs:
            return True
        if any(is_within(path, root) for root in plan.recursive):
            return True
        return any(is_within(awaited, path) for awaited in plan.awaited)

    async def _retarget(self) -> None:
        """Watch the folders the current files and globs need; look again after a switch."""
        self._plan = make_plan(self._names, self._deck_dir, self._patterns)
        if self._polling:
            if self._notifiers:
                await self._stop_notifiers()
            if self._next_scan_at == float("inf"):
                self._next_scan_at = time.monotonic()
            return
        if self._next_scan_at == float("inf"):
            self._next_scan_at = time.monotonic() + self._interval()
        alive = bool(self._notifiers) and not any(task.done() for task, _ in self._notifiers)
        if alive and self._plan.targets == self._watching:
            return
        await self._stop_notifiers()
        self._watching = self._plan.targets
        for folders, recursive in ((self._plan.flat, False), (self._plan.recursive, True)):
            if folders:
                self._start_notifier(folders, recursive)
        await asyncio.sleep(0)
        self._post("rescan")

    def _start_notifier(self, folders: frozenset[str], recursive: bool) -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(self._notify(sorted(folders), recursive, stop))
        self._notifiers.append((task, stop))

    async def _notify(self, folders: list[str], recursive: bool, stop: asyncio.Event) -> None:
        try:
            async for changes in awatch(
                *folders,
                watch_filter=self._wants,
                debounce=self._debounce_ms,
                step=self._step_ms,
                stop_event=stop,
                rust_timeout=DEFAULT_RUST_TIMEOUT_MS,
                force_polling=False,
                recursive=recursive,
            ):
                self._vanished_streak = 0
                self._post("hints", {path for _, path in changes})
        except FileNotFoundError as error:
            if not stop.is_set():
                self._vanished_streak += 1
                self._post(*(("retarget", None) if self._vanished_streak < 5 else ("failed", error)))
        except Exception as error:  # noqa: BLE001 - any watcher failure means: poll instead
            if not stop.is_set():
                self._post("failed", error)

    async def _stop_notifiers(self) -> None:
        notifiers, self._notifiers = self._notifiers, []
        self._watching = (frozenset(), frozenset())
        for _, stop in notifiers:
            stop.set()
        tasks = [task for task, _ in notifiers]
        if not tasks:
            return
        _, late = await asyncio.wait(tasks, timeout=1.0)
        for task in late:
            task.cancel()


def follow(
    deck_path: Path | str,
    load: Callable[[Path], R],
    **options,
) -> AsyncIterator[Update[R]]:
    """Shorthand: ``async for update in follow(path, load_deck): ...`` (options as DeckFollower)."""
    return DeckFollower(deck_path, load, **options).updates()
