"""What a load found (:class:`LoadResult`), in a module of its own: a start that takes its load
from the start-up cache, and a follower handed its deck by the presenter, hold one without
importing the loader or PyYAML."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .model import Deck, Diagnostic, Place, Severity


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What loading found: the deck when it is valid, and every problem, sorted by place."""

    deck: Deck | None
    diagnostics: tuple[Diagnostic, ...]
    files: tuple[Path, ...] = ()
    digests: Mapping[Path, bytes] = field(default_factory=dict, compare=False)
    """Each file read, by its path in ``files``, to :func:`content_digest` of the bytes read: live
    reload starts from what this load saw, so a save made just after it is not taken as the start."""
    includes: tuple[tuple[str, Place], ...] = field(default=(), compare=False)
    """The deck file's ``include:`` patterns, each with its place: what the start-up cache
    expands again to see that the same files would be read, and what live reload watches."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return self.deck is not None
