"""What the file-following tests share: a miniature loader, a running follower's session, saves.

The fake loader reads a deck like the real one would, in miniature, and records the digest of
each file it read (as ``LoadResult.digests`` does), so a follower can start from what it read.
"""

from __future__ import annotations

import asyncio
import glob
import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefing.deck.loader import content_digest
from briefing.watch import DeckFollower, WatchNotice

TIMEOUT = 5.0
GRACE = 0.5
MOMENT = 0.03


@dataclass(frozen=True)
class FakeResult:
    ok: bool
    files: tuple[Path, ...]
    title: str | None = None
    items: tuple[str, ...] = ()
    error: str | None = None
    digests: dict[Path, bytes] = field(default_factory=dict, compare=False)


class FakeLoader:
    """Reads a deck like the real loader would, in miniature: title, include globs, refs.

    Fails on an empty or invalid file, an include glob matching nothing, and a ref to an item
    that no included file defines.
    """

    def __init__(self) -> None:
        self.calls = 0
        self.failures = 0

    def __call__(self, path: Path) -> FakeResult:
        self.calls += 1
        result = self._load(path)
        self.failures += not result.ok
        return result

    def _load(self, path: Path) -> FakeResult:
        files = [path]
        digests: dict[Path, bytes] = {}

        def read(file: Path):
            data = file.read_bytes()
            digests[file] = content_digest(data)
            return yaml.safe_load(data.decode("utf-8"))

        try:
            deck = read(path)
            if not isinstance(deck, dict) or "title" not in deck:
                raise TypeError("empty file or no title")
            items: list[str] = list(deck.get("items", []))
            for pattern in deck.get("include", []):
                found = glob.glob(pattern, root_dir=path.parent, recursive=True)
                matches = sorted(path.parent / m for m in found if path.parent / m != path)
                if not matches:
                    raise ValueError(f"{pattern} matches no file")
                for match in matches:
                    files.append(match)
                    part = read(match)
                    if not isinstance(part, dict):
                        raise TypeError(f"{match.name}: empty file")
                    items.extend(part.get("items", []))
            for ref in deck.get("refs", []):
                if ref not in items:
                    raise ValueError(f"unknown item {ref!r}")
            return FakeResult(True, tuple(files), deck["title"], tuple(items), digests=digests)
        except (OSError, yaml.YAMLError, ValueError, TypeError, AttributeError, UnicodeDecodeError) as error:
            return FakeResult(False, tuple(files), error=str(error), digests=digests)


def deck_text(title: str, *, include=(), refs=(), items=()) -> str:
    return yaml.safe_dump({"title": title, "include": list(include), "refs": list(refs), "items": list(items)})


def part_text(*items: str) -> str:
    return yaml.safe_dump({"items": list(items)})


class Session:
    """A running follower whose updates are collected in a queue the test awaits."""

    def __init__(self, follower: DeckFollower, theme: Path, loader: FakeLoader) -> None:
        self.follower = follower
        self.theme = theme
        self.loader = loader
        self.updates: asyncio.Queue = asyncio.Queue()
        self.task = asyncio.create_task(self._collect())
        self.markers = 0

    async def _collect(self) -> None:
        async for update in self.follower:
            self.updates.put_nowait(update)

    async def next(self, timeout: float = TIMEOUT):
        return await asyncio.wait_for(self.updates.get(), timeout)

    async def next_reload(self, timeout: float = TIMEOUT):
        """The next update that is not a WatchNotice."""
        while True:
            update = await self.next(timeout)
            if not isinstance(update, WatchNotice):
                return update

    async def expect_only_marker(self) -> None:
        """Prove nothing else is queued or in flight: a theme change must come next, alone."""
        self.markers += 1
        self.theme.write_text(f"marker {self.markers}\n")
        update = await self.next_reload()
        assert update.changed_paths == frozenset({self.theme}), update

    async def close(self) -> None:
        self.follower.stop()
        await asyncio.wait_for(self.task, TIMEOUT)


async def close_all(*sessions: Session) -> None:
    for session in sessions:
        await session.close()


def write_in_place(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def write_and_rename(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def write_vim_style(path: Path, text: str) -> None:
    """Vim's default on Linux: move the original to a backup, write anew, drop the backup."""
    backup = path.with_name(path.name + "~")
    os.replace(path, backup)
    probe = path.with_name("4913")
    probe.write_text("")
    probe.unlink()
    path.write_text(text, encoding="utf-8")
    backup.unlink()


