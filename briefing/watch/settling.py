"""When a save has settled: the files it touched have stopped being written, and a failure has
outlived the grace period.

A save caught half-way may well parse (a deck cut after its fifth incident is a valid deck of
five), so "it loads" does not mean "it is finished". What does:

- nobody has the file open for writing any more (:func:`files.open_for_writing`): an editor
  writing in place, in one or several parts, has closed it; a file renamed into place was
  closed before the rename. Taken at once, so a save costs no waiting.
- where that cannot be checked (someone else's file, a file system without leases), or the
  bytes stop mid-line (a writer that closed the file between two parts), the file must stay
  unchanged for ``quiet`` seconds.
- a writer that keeps the file open but stops changing it is believed after ``grace``.

A load that fails is still held back ``grace`` seconds (:class:`HeldFailure`), since a save of
several files fails until the last one is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from .files import FileState, StatKey

DEFAULT_QUIET = 0.1
WRITER_RECHECK = 0.01
"""How soon to look again at a file somebody is writing (its close raises no event); the longer
the writer takes, the less often it is asked."""

R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class HeldFailure(Generic[R]):
    """A failed load kept back until ``deadline``, in case the rest of the save is coming."""

    result: R
    changed: frozenset[str]
    deadline: float


class Settling:
    """Decides whether the changed files are finished, and when to look again if not."""

    def __init__(self, *, quiet: float = DEFAULT_QUIET, grace: float) -> None:
        self.quiet = quiet
        self.grace = grace
        self._unchanged_since: dict[str, tuple[StatKey | None, float]] = {}

    def unsettled(self, states: Mapping[str, FileState], now: float) -> tuple[frozenset[str], float | None]:
        """The files among ``states`` still being written, and the time to look at them again."""
        waiting: set[str] = set()
        look_again: float | None = None
        for key, state in states.items():
            since = self._since(key, state, now)
            wait = self._wait_needed(state)
            if now - since >= wait:
                continue
            waiting.add(key)
            due = since + wait
            if state.writing is True:  # its close raises no event: ask again soon, then less often
                due = min(due, now + max(WRITER_RECHECK, (now - since) / 4))
            look_again = due if look_again is None else min(look_again, due)
        return frozenset(waiting), look_again

    def forget(self, keys: frozenset[str] | set[str] | None = None) -> None:
        """The files were loaded (or left the deck): the next change starts a new wait."""
        if keys is None:
            self._unchanged_since.clear()
        else:
            for key in keys:
                self._unchanged_since.pop(key, None)

    def _since(self, key: str, state: FileState, now: float) -> float:
        known = self._unchanged_since.get(key)
        if known is None or known[0] != state.stat_key:
            known = (state.stat_key, now)
            self._unchanged_since[key] = known
        return known[1]

    def _wait_needed(self, state: FileState) -> float:
        if not state.exists or not state.regular:
            return 0.0  # nothing to finish; a failed load waits out the grace instead
        if state.writing is True:
            return self.grace
        if state.writing is None or not state.line_ended:
            return self.quiet
        return 0.0
