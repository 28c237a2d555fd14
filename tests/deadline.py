"""Running a call that must not block: a hang fails the test instead of freezing the run."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def within_deadline(call: Callable[[], T], seconds: float = 10.0) -> T:
    """``call()``'s result, or a test failure if it runs past ``seconds`` (the thread is left
    behind as a daemon: a call blocked in the kernel cannot be stopped)."""
    found: list[T] = []
    worker = threading.Thread(target=lambda: found.append(call()), daemon=True)
    worker.start()
    worker.join(seconds)
    assert found, f"blocked for more than {seconds} s"
    return found[0]
