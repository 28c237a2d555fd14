"""What a load gives back, apart from the loader: a process that is handed a deck (a
follower of a shared presentation) holds a `LoadResult` without importing PyYAML."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .model import Deck, Diagnostic, Severity


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What loading found: the deck when it is valid, and every problem, sorted by place."""

    deck: Deck | None
    diagnostics: tuple[Diagnostic, ...]
    files: tuple[Path, ...] = ()
    digests: Mapping[Path, bytes] = field(default_factory=dict, compare=False)
    """Each file read, by its path in ``files``, to :func:`content_digest` of the bytes read: live
    reload starts from what this load saw, so a save made just after it is not taken as the start."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return self.deck is not None


def content_digest(data: bytes) -> bytes:
    """The digest of a file's bytes that loads and live reload compare: equal digests, equal content."""
    return hashlib.blake2b(data, digest_size=16).digest()
