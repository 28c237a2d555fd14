"""The presenter's clock and stopwatch: pure state, so it is tested without a screen."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable


@dataclass
class Stopwatch:
    """Elapsed presenting time that the presenter can start, pause and reset."""

    now: Callable[[], float] = field(default=time.monotonic, repr=False)
    _started_at: float | None = None
    _banked: float = 0.0

    @property
    def running(self) -> bool:
        return self._started_at is not None

    def toggle(self) -> None:
        if self._started_at is None:
            self._started_at = self.now()
        else:
            self._banked += self.now() - self._started_at
            self._started_at = None

    def reset(self) -> None:
        self._banked = 0.0
        self._started_at = self.now() if self.running else None

    def elapsed(self) -> float:
        running_for = self.now() - self._started_at if self._started_at is not None else 0.0
        return self._banked + running_for

    def text(self) -> str:
        seconds = int(self.elapsed())
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes:02}:{seconds:02}"


def clock_text(moment: datetime | None = None) -> str:
    return (moment or datetime.now()).strftime("%H:%M")
