"""The order `t` steps through themes, and how a theme is described in the palette."""

from __future__ import annotations

from collections.abc import Iterable

from .resolve import ThemeEntry

BUILT_IN_CYCLE = ("briefing-dark", "briefing-light", "high-contrast", "ops-room", "ansi", "mono")
"""The order `t` visits the built-ins: colour themes first, the terminal's own palette last."""

ORIGIN_CYCLE = {"built-in": 0, "user": 1, "deck": 2, "file": 3, "textual": 4}


def cycle_order(entries: Iterable[ThemeEntry], picked: Iterable[str] = ()) -> list[str]:
    """The themes `t` steps through: the built-ins in `BUILT_IN_CYCLE` order, then the
    user's, the deck's and `--theme` files' by name; Textual's own only those in `picked`."""

    def rank(entry: ThemeEntry) -> tuple[int, int, str]:
        if entry.name in BUILT_IN_CYCLE:
            return (0, BUILT_IN_CYCLE.index(entry.name), entry.name)
        return (1, ORIGIN_CYCLE.get(entry.origin, 9), entry.name)

    own = [entry.name for entry in sorted((e for e in entries if e.origin != "textual"), key=rank)]
    return own + [name for name in dict.fromkeys(picked) if name not in own]


def next_in_cycle(order: list[str], current: str) -> str | None:
    if not order:
        return None
    if current not in order:
        return order[0]
    return order[(order.index(current) + 1) % len(order)]


def describe(entry: ThemeEntry) -> str:
    """'built-in, dark': the palette's help line for a theme."""
    return f"{entry.origin}, {'dark' if entry.dark else 'light'}"
