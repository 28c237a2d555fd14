"""Where changes come from: kernel notification on the folders involved, or stat polling.

Either way a change is only a hint to look (the follower compares contents). Notification
watches folders, never files, so a rename over a file is seen. Polling looks at the files that
are likely to change on every poll (the deck file, the extra files, the files saved lately,
those in a folder whose entries changed) and, for a deck of more than a few hundred files, at
the rest in turns, so that its cost does not grow with every file on every poll: a deck of
10,000 included files costs a few per cent of a core, and a file not saved lately is seen
within about a second.
"""

from __future__ import annotations

import asyncio
import math
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from watchfiles import awatch

from .files import RACY_NS, StatKey, WatchPlan, current_stat_key, is_noise, is_within, one_line
from .filesystems import filesystem_type, is_network_filesystem

if TYPE_CHECKING:
    from .tracking import TrackedFiles

DEFAULT_STEP_MS = 4
DEFAULT_DEBOUNCE_MS = 200
DEFAULT_RUST_TIMEOUT_MS = 1_000
SWEEP_SECONDS = 1.0
"""Polling looks at every followed file at least this often (longer when stat is slow)."""
POLL_SHARE = 0.1
"""At most this share of the time between polls is spent on stat (the rest of a sweep waits)."""
RECENT_FILES = 32
"""Files saved lately, looked at on every poll: the presenter saves the same few again."""


@dataclass(slots=True)
class Wake:
    """Everything that arrived while the follower was busy, merged into one look."""

    hints: set[str] = field(default_factory=set)
    rescan: bool = False
    reload: bool = False
    extras: tuple[tuple[Path, ...], dict[Path | str, bytes]] | None = None
    failure: BaseException | None = None
    stop: bool = False

    def add(self, kind: str, value: object) -> None:
        if kind == "hints":
            self.hints |= value  # type: ignore[operator]
        elif kind in ("rescan", "retarget"):
            self.rescan = True
        elif kind == "reload":
            self.reload = True
        elif kind == "extras":
            self.extras = value  # type: ignore[assignment]
            self.rescan = True
        elif kind == "failed":
            self.failure = value  # type: ignore[assignment]
        elif kind == "stop":
            self.stop = True

    @property
    def looks(self) -> bool:
        return bool(self.hints) or self.rescan or self.reload


Post = Callable[[str, object], None]


class Notifier:
    """Kernel notification (watchfiles) on the folders of a :class:`WatchPlan`.

    Events are posted as ``("hints", paths)``; a folder that vanished asks for a new plan
    (``retarget``), and a watcher that fails for good posts ``failed``: the follower polls then.
    """

    def __init__(self, post: Post, wants: Callable[[object, str], bool], *, step_ms: int, debounce_ms: int) -> None:
        self._post = post
        self._wants = wants
        self._step_ms = step_ms
        self._debounce_ms = debounce_ms
        self._tasks: list[tuple[asyncio.Task[None], asyncio.Event]] = []
        self._watching: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
        self._vanished_streak = 0

    async def watch(self, plan: WatchPlan) -> bool:
        """Watch the plan's folders; True when the watchers were (re)started (look again then)."""
        alive = bool(self._tasks) and not any(task.done() for task, _ in self._tasks)
        if alive and plan.targets == self._watching:
            return False
        await self.stop()
        self._watching = plan.targets
        for folders, recursive in ((plan.flat, False), (plan.recursive, True)):
            if folders:
                stop = asyncio.Event()
                task = asyncio.create_task(self._notify(sorted(folders), recursive, stop))
                self._tasks.append((task, stop))
        await asyncio.sleep(0)
        return True

    async def stop(self) -> None:
        tasks, self._tasks = self._tasks, []
        self._watching = (frozenset(), frozenset())
        for _, stop in tasks:
            stop.set()
        if tasks:
            _, late = await asyncio.wait([task for task, _ in tasks], timeout=1.0)
            for task in late:
                task.cancel()

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


class PollSchedule:
    """Which followed files one poll looks at: the likely ones every time, the rest in turns.

    Blocking work (stat): call it from a worker thread.
    """

    def __init__(self, interval: float, sweep: float = SWEEP_SECONDS) -> None:
        self.interval = interval
        self.sweep = max(sweep, interval)
        self._order: list[str] = []
        self._order_of: frozenset[str] = frozenset()
        self._next = 0
        self._recent: dict[str, None] = {}
        self._stat_cost = 5e-6
        self._folders: dict[str, StatKey | None] = {}

    @property
    def recent(self) -> set[str]:
        """The files saved lately (the last few)."""
        return set(self._recent)

    def saved(self, keys: Iterable[str]) -> None:
        """These files changed: look at them on every poll for a while."""
        for key in keys:
            self._recent.pop(key, None)
            self._recent[key] = None
        while len(self._recent) > RECENT_FILES:
            del self._recent[next(iter(self._recent))]

    def pick(self, tracked: frozenset[str], always: Iterable[str]) -> tuple[set[str], bool]:
        """The files to stat now, and whether this poll completed a sweep of all of them."""
        if tracked is not self._order_of:
            self._order_of, self._order = tracked, sorted(tracked)
            self._next = min(self._next, len(self._order))
        picked = set(always) | (self._recent.keys() & tracked)
        count = self._turn_size(len(self._order))
        end = self._next + count
        picked.update(self._order[self._next : end])
        swept = end >= len(self._order)
        self._next = 0 if swept else end
        return picked, swept

    def measured(self, looked: int, seconds: float) -> None:
        """How long ``looked`` stats took: slow stat (a network share) means smaller turns."""
        if looked >= 16:
            self._stat_cost = 0.7 * self._stat_cost + 0.3 * (seconds / looked)

    def _turn_size(self, total: int) -> int:
        affordable = POLL_SHARE * self.interval / self._stat_cost
        if total <= affordable / 10:
            return total  # a deck of a few files: all of them, every poll
        by_sweep = math.ceil(total * self.interval / self.sweep)
        return min(total, by_sweep, max(16, int(affordable)))

    def folders_moved(self, folders: Iterable[str]) -> set[str]:
        """The folders whose entries changed since the last poll (a folder's stat moves when a file
        is created, deleted or renamed in it; a folder written within the last tick counts too)."""
        moved = set()
        started = time.time_ns()
        seen: dict[str, StatKey | None] = {}
        for folder in folders:
            key = current_stat_key(folder)
            racy = key is not None and key[1] >= started - RACY_NS
            if racy or key != self._folders.get(folder):
                moved.add(folder)
            seen[folder] = key
        self._folders = seen
        return moved


def in_folders(keys: Iterable[str], folders: set[str]) -> set[str]:
    """The keys directly inside one of ``folders``."""
    if not folders:
        return set()
    return {key for key in keys if os.path.dirname(key) in folders}


@dataclass(slots=True)
class Look:
    """Which files one cycle looks at: stat ``keys``, read ``forced``, ask about writers of
    ``probed``; and whether to glob for new files."""

    keys: set[str]
    forced: set[str]
    glob: bool
    probed: frozenset[str] = frozenset()


class ChangeSource:
    """The follower's reasons to look, and at what: notification events, the polling timer (or,
    with notification, the slow safety-net timer), and the switch to polling when needed."""

    def __init__(
        self,
        post: Post,
        files: TrackedFiles,
        *,
        poll: bool,
        poll_interval: float,
        rescan_interval: float | None,
        step_ms: int,
        debounce_ms: int,
    ) -> None:
        self.polling = poll
        self.poll_interval = poll_interval
        self.plan = WatchPlan()
        self.schedule = PollSchedule(poll_interval)
        self.next_look_at = float("inf")
        self._rescan_interval = rescan_interval
        self._files = files
        self._post = post
        self._notifier = Notifier(post, self.wants, step_ms=step_ms, debounce_ms=debounce_ms)
        self._told_polling = False

    @property
    def interval(self) -> float:
        if self.polling:
            return self.poll_interval
        return self._rescan_interval if self._rescan_interval is not None else float("inf")

    def network_filesystem_notice(self, folders: Iterable[str]) -> str | None:
        """Poll from the start where notification cannot see edits made elsewhere."""
        if self.polling:
            return None
        for folder in sorted(folders):
            fstype = filesystem_type(os.path.realpath(folder))
            if is_network_filesystem(fstype):
                self.polling = self._told_polling = True
                return (
                    f"{one_line(folder, 80)} is on a network file system ({fstype}): "
                    f"checking for changes every {self.poll_interval:g} s"
                )
        return None

    def fall_back_to_polling(self, error: BaseException) -> str | None:
        """Notification failed: poll from now on; says so the first time only."""
        self.polling = True
        self.next_look_at = time.monotonic()
        if self._told_polling:
            return None
        self._told_polling = True
        reason = one_line(error) or type(error).__name__
        return f"File change notification failed ({reason}): checking for changes every {self.poll_interval:g} s"

    async def follow(self, plan: WatchPlan) -> None:
        """Watch the folders ``plan`` needs (or poll); look again after the watchers changed."""
        self.plan = plan
        if self.polling:
            await self._notifier.stop()
            if self.next_look_at == float("inf"):
                self.next_look_at = time.monotonic()
            return
        if self.next_look_at == float("inf"):
            self.next_look_at = time.monotonic() + self.interval
        if await self._notifier.watch(plan):
            self._post("rescan", None)

    async def stop(self) -> None:
        await self._notifier.stop()

    def look_for(self, wake: Wake, now: float, likely: set[str], probed: frozenset[str], due: bool) -> Look | None:
        """What to look at now: everything after a rescan, the hinted and ``likely`` files after
        events, a turn of the files when polling; None when nothing is due."""
        timer_due = now >= self.next_look_at
        if not (wake.looks or timer_due or due):
            return None
        if timer_due:
            self.next_look_at = now + self.interval
        files = self._files
        names = files.names
        hinted = {names[hint] for hint in wake.hints if hint in names}
        unknown = any(hint not in names for hint in wake.hints)
        if wake.rescan or wake.reload or unknown or (timer_due and not self.polling):
            return Look(set(files.tracked), hinted, True, probed)
        if timer_due:
            picked, swept = self.schedule.pick(files.tracked, likely | hinted)
            folders = self.schedule.folders_moved(set(self.plan.candidate_dirs | self.plan.awaited) | {files.deck_dir})
            glob = bool(folders) or (swept and bool(self.plan.recursive))
            return Look(picked | in_folders(files.tracked, folders), hinted, glob, probed)
        return Look(likely | hinted, hinted, False, probed)

    def wants(self, _change: object, path: str) -> bool:
        """watchfiles' filter: does an event at ``path`` deserve a look?"""
        if path in self._files.names:
            return True
        plan = self.plan
        name = os.path.basename(path)
        if any(is_within(path, root) for root in plan.recursive):
            return not is_noise(name) or name.isdigit()  # a folder named 2025 is no vim test file
        if is_noise(name):
            return False
        if os.path.dirname(path) in plan.candidate_dirs:
            return True
        return any(is_within(awaited, path) for awaited in plan.awaited)
