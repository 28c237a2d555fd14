"""The lines a widget drew, kept by what they depend on, so `render_line` draws only on a miss.

Textual asks a widget for every visible line on each refresh, and scrolling or a cursor
move asks again for lines that have not changed. The four widgets that draw themselves
line by line (the quote list, the timeline's lanes, the positions grid, the slide) keep
what they drew here, under a key naming everything the line depends on (row, width,
scroll, selection ...); they clear it when the data or the theme changes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from textual.cache import LRUCache

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LineCache(Generic[K, V]):
    """At most ``size`` drawn values (a `Strip`, or a slide's list of them), least recently
    used first out."""

    def __init__(self, size: int) -> None:
        self._drawn: LRUCache[K, V] = LRUCache(size)

    def get(self, key: K, draw: Callable[..., V], *args: object) -> V:
        """The value drawn for ``key``: ``draw(*args)`` the first time, the kept one after."""
        value = self._drawn.get(key)
        if value is None:
            value = self._drawn[key] = draw(*args)
        return value

    def clear(self) -> None:
        self._drawn.clear()
