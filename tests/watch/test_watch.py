"""Live reload's file following, with real files in temporary folders, one test per save pattern.

Every test runs twice: with kernel notification and with stat polling. Tests wait on the
follower's output with timeouts, never on long sleeps. "No update" is proven with a marker:
after the step under test, the theme file (an extra path) is changed, and the very next update
must be that marker alone; any spurious reload would have come first or merged into it.
"""

from __future__ import annotations

import asyncio
import glob
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from briefing.watch import DeckFollower, Reloaded, ReloadFailed, WatchNotice
from briefing.watch import follower as follower_module

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
        try:
            deck = yaml.safe_load(path.read_text(encoding="utf-8"))
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
                    part = yaml.safe_load(match.read_text(encoding="utf-8"))
                    if not isinstance(part, dict):
                        raise TypeError(f"{match.name}: empty file")
                    items.extend(part.get("items", []))
            for ref in deck.get("refs", []):
                if ref not in items:
                    raise ValueError(f"unknown item {ref!r}")
            return FakeResult(True, tuple(files), deck["title"], tuple(items))
        except (OSError, yaml.YAMLError, ValueError, TypeError, AttributeError) as error:
            return FakeResult(False, tuple(files), error=str(error))


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


@pytest.fixture(params=["notify", "poll"])
def mode(request) -> str:
    return request.param


@pytest.fixture
def start(tmp_path: Path, mode: str):
    sessions: list[Session] = []

    async def starter(deck: Path, **options) -> Session:
        theme = tmp_path / "theme.yaml"
        if not theme.exists():
            theme.write_text("marker 0\n")
        loader = FakeLoader()
        options.setdefault("grace", GRACE)
        options.setdefault("rescan_interval", None)  # notification alone must see every change
        follower = DeckFollower(
            deck,
            loader,
            poll=mode == "poll",
            poll_interval=0.02,
            extra_paths=[theme],
            **options,
        )
        session = Session(follower, theme, loader)
        sessions.append(session)
        session.first = await session.next_reload()
        assert session.first.changed_paths == frozenset()
        await session.expect_only_marker()  # the watch set is final: the test's saves are seen by events
        return session

    yield starter
    for session in sessions:
        if not session.task.done():
            session.task.cancel()


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


async def test_first_update_is_the_first_load(tmp_path: Path, start) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("One"))
    session = await start(deck)
    assert session.loader.calls == 1
    await session.expect_only_marker()
    await session.close()


@pytest.mark.parametrize("save", [write_in_place, write_and_rename, write_vim_style])
async def test_each_save_gives_exactly_one_reload_of_the_final_content(tmp_path: Path, start, save) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Before"))
    session = await start(deck)
    save(deck, deck_text("After"))
    update = await session.next_reload()
    assert isinstance(update, Reloaded)
    assert update.result.title == "After"
    assert update.changed_paths == frozenset({deck})
    await session.expect_only_marker()
    await session.close()


async def test_truncate_then_write_gives_the_final_content_without_an_empty_file_failure(
    tmp_path: Path, start
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Before"))
    session = await start(deck)
    with open(deck, "r+", encoding="utf-8") as handle:  # noqa: ASYNC230 - the test is the editor
        handle.truncate(0)
        handle.flush()
        await asyncio.sleep(2 * MOMENT)
        handle.write(deck_text("After"))
    update = await session.next_reload()
    assert isinstance(update, Reloaded)
    assert update.result.title == "After"
    assert session.loader.failures == 1, "the empty file was loaded and held back"
    await session.expect_only_marker()
    await session.close()


async def test_delete_then_create_gives_one_reload(tmp_path: Path, start) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Before"))
    session = await start(deck)
    deck.unlink()
    await asyncio.sleep(MOMENT)
    deck.write_text(deck_text("After"))
    update = await session.next_reload()
    assert isinstance(update, Reloaded)
    assert update.result.title == "After"
    await session.expect_only_marker()
    await session.close()


async def test_delete_then_create_with_the_same_content_gives_no_update(tmp_path: Path, start) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Same"))
    session = await start(deck)
    deck.unlink()
    await asyncio.sleep(MOMENT)
    deck.write_text(deck_text("Same"))
    await session.expect_only_marker()
    await session.close()


async def test_several_files_saved_together_end_in_the_final_content_without_failure(
    tmp_path: Path, start
) -> None:
    """Files written back to back give one update; writes spread out may give one per step,
    every one a success, the last holding the final content."""
    deck = tmp_path / "deck.yaml"
    (tmp_path / "parts").mkdir()
    a, b = tmp_path / "parts" / "a.yaml", tmp_path / "parts" / "b.yaml"
    deck.write_text(deck_text("Before", include=["parts/*.yaml"]))
    a.write_text(part_text("a1"))
    b.write_text(part_text("b1"))
    session = await start(deck)
    write_and_rename(deck, deck_text("After", include=["parts/*.yaml"]))
    write_in_place(a, part_text("a2"))
    write_in_place(b, part_text("b2"))
    seen: set[Path] = set()
    while True:
        update = await session.next_reload()
        assert isinstance(update, Reloaded)
        seen |= update.changed_paths
        if update.result.title == "After" and update.result.items == ("a2", "b2"):
            break
    assert seen == {deck, a, b}
    await session.expect_only_marker()
    await session.close()


async def test_files_that_are_invalid_until_all_are_written_give_only_the_final_success(
    tmp_path: Path, start
) -> None:
    deck = tmp_path / "deck.yaml"
    part = tmp_path / "part.yaml"
    deck.write_text(deck_text("Before", include=["part.yaml"], refs=["a"]))
    part.write_text(part_text("a"))
    session = await start(deck)
    write_in_place(deck, deck_text("After", include=["part.yaml"], refs=["a", "b"]))
    await asyncio.sleep(MOMENT)
    write_in_place(part, part_text("a", "b"))
    update = await session.next_reload()
    assert isinstance(update, Reloaded)
    assert update.result.title == "After"
    assert update.changed_paths == frozenset({deck, part})
    await session.expect_only_marker()
    await session.close()


async def test_a_new_file_matching_an_include_glob_is_followed(tmp_path: Path, start) -> None:
    deck = tmp_path / "deck.yaml"
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "a.yaml").write_text(part_text("a"))
    deck.write_text(deck_text("Deck", include=["parts/*.yaml"]))
    session = await start(deck)
    new = tmp_path / "parts" / "b.yaml"
    write_and_rename(new, part_text("b"))
    update = await session.next_reload()
    assert isinstance(update, Reloaded)
    assert update.changed_paths == frozenset({new})
    assert update.result.items == ("a", "b")
    write_in_place(new, part_text("b", "c"))
    update = await session.next_reload()
    assert update.changed_paths == frozenset({new})
    assert update.result.items == ("a", "b", "c")
    await session.expect_only_marker()
    await session.close()


async def test_a_glob_folder_created_after_start_is_followed(tmp_path: Path, start) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Deck", include=["later/*.yaml"]))
    session = await start(deck)
    assert isinstance(session.first, ReloadFailed)
    (tmp_path / "later").mkdir()
    (tmp_path / "later" / "a.yaml").write_text(part_text("a"))
    update = await session.next_reload()
    assert isinstance(update, Reloaded)
    assert update.result.items == ("a",)
    await session.close()


async def test_an_unrelated_new_file_gives_no_update(tmp_path: Path, start) -> None:
    deck = tmp_path / "deck.yaml"
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "a.yaml").write_text(part_text("a"))
    deck.write_text(deck_text("Deck", include=["parts/*.yaml"]))
    session = await start(deck)
    (tmp_path / "parts" / "notes.txt").write_text("not a deck file")
    (tmp_path / "other.yaml").write_text("title: another deck")
    (tmp_path / ".deck.yaml.swp").write_bytes(b"\0swap")
    await session.expect_only_marker()
    await session.close()


async def test_a_touch_without_content_change_gives_no_update(tmp_path: Path, start) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Same"))
    session = await start(deck)
    calls = session.loader.calls
    later = time.time() + 5
    os.utime(deck, (later, later))
    write_in_place(deck, deck_text("Same"))
    await session.expect_only_marker()
    assert session.loader.calls == calls
    await session.close()


async def test_an_invalid_save_fails_once_after_the_grace_then_a_good_save_succeeds_once(
    tmp_path: Path, start
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Good"))
    session = await start(deck, grace=0.3)
    saved = time.monotonic()
    write_in_place(deck, "title: [unclosed\n")
    update = await session.next_reload()
    assert isinstance(update, ReloadFailed)
    assert time.monotonic() - saved >= 0.3
    assert update.changed_paths == frozenset({deck})
    assert "unclosed" not in (update.result.title or "")
    write_in_place(deck, deck_text("Fixed"))
    update = await session.next_reload()
    assert isinstance(update, Reloaded)
    assert update.result.title == "Fixed"
    await session.expect_only_marker()
    await session.close()


async def test_an_include_removed_from_the_deck_is_no_longer_followed(tmp_path: Path, start) -> None:
    deck = tmp_path / "deck.yaml"
    part = tmp_path / "part.yaml"
    part.write_text(part_text("a"))
    deck.write_text(deck_text("Deck", include=["part.yaml"]))
    session = await start(deck)
    write_in_place(deck, deck_text("Alone"))
    update = await session.next_reload()
    assert update.result.title == "Alone" and update.result.files == (deck,)
    write_in_place(part, part_text("b"))
    await session.expect_only_marker()
    await session.close()


async def test_a_theme_change_alone_does_not_load_the_deck_again(tmp_path: Path, start) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Deck"))
    session = await start(deck)
    calls = session.loader.calls
    await session.expect_only_marker()
    assert session.loader.calls == calls
    await session.close()


async def test_a_theme_truncated_then_written_waits_for_the_content(tmp_path: Path, start) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Deck"))
    session = await start(deck)
    with open(session.theme, "r+", encoding="utf-8") as handle:  # noqa: ASYNC230 - the test is the editor
        handle.truncate(0)
        handle.flush()
        await asyncio.sleep(MOMENT)
        handle.write("new theme\n")
    update = await session.next_reload()
    assert update.changed_paths == frozenset({session.theme})
    assert session.theme.read_text() == "new theme\n"
    await session.expect_only_marker()
    await session.close()


async def test_set_extra_paths_follows_the_new_theme_file(tmp_path: Path, start) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Deck"))
    other = tmp_path / "themes" / "other.yaml"
    other.parent.mkdir()
    other.write_text("other\n")
    session = await start(deck)
    session.follower.set_extra_paths([other])
    session.theme = other
    await session.expect_only_marker()
    await session.close()


async def test_reload_now_yields_even_without_a_change(tmp_path: Path, start) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Deck"))
    session = await start(deck)
    session.follower.reload_now()
    update = await session.next_reload()
    assert isinstance(update, Reloaded) and update.changed_paths == frozenset()
    await session.close()


async def test_stop_event_ends_the_iteration(tmp_path: Path, mode: str) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Deck"))
    stop = asyncio.Event()
    seen = []

    async def consume() -> None:
        async for update in DeckFollower(deck, FakeLoader(), poll=mode == "poll", stop_event=stop):
            seen.append(update)
            stop.set()

    await asyncio.wait_for(consume(), TIMEOUT)
    assert len(seen) == 1


async def test_notification_failure_falls_back_to_polling_and_says_so_once(
    tmp_path: Path, monkeypatch
) -> None:
    async def broken_awatch(*paths, **options):
        raise OSError("OS file watch limit reached")
        yield set()  # pragma: no cover - makes this an async generator

    monkeypatch.setattr(follower_module, "awatch", broken_awatch)
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Before"))
    follower = DeckFollower(deck, FakeLoader(), poll_interval=0.02, grace=GRACE)
    updates = aiter(follower)
    assert isinstance(await anext(updates), Reloaded)
    notice = await asyncio.wait_for(anext(updates), TIMEOUT)
    assert isinstance(notice, WatchNotice)
    assert "watch limit" in notice.message and "\n" not in notice.message
    assert follower.polling
    write_in_place(deck, deck_text("After"))
    update = await asyncio.wait_for(anext(updates), TIMEOUT)
    assert isinstance(update, Reloaded) and update.result.title == "After"
    write_in_place(deck, deck_text("Again"))
    update = await asyncio.wait_for(anext(updates), TIMEOUT)
    assert isinstance(update, Reloaded) and update.result.title == "Again"
    await updates.aclose()


async def test_a_watcher_error_while_running_falls_back_to_polling(tmp_path: Path, monkeypatch) -> None:
    real_awatch = follower_module.awatch

    async def failing_after_one_batch(*paths, **options):
        async for changes in real_awatch(*paths, **options):
            yield changes
            raise RuntimeError("error in underlying watcher: queue overflow")

    monkeypatch.setattr(follower_module, "awatch", failing_after_one_batch)
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("One"))
    follower = DeckFollower(deck, FakeLoader(), poll_interval=0.02, grace=GRACE)
    updates = aiter(follower)
    assert isinstance(await anext(updates), Reloaded)
    titles = []
    for title in ("Two", "Three"):
        write_in_place(deck, deck_text(title))
        while True:
            update = await asyncio.wait_for(anext(updates), TIMEOUT)
            if not isinstance(update, WatchNotice):
                titles.append(update.result.title)
                break
    assert titles == ["Two", "Three"]
    assert follower.polling
    await updates.aclose()


async def test_a_loader_that_raises_gives_a_notice_and_following_goes_on(tmp_path: Path) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("One"))
    fake = FakeLoader()

    def load(path: Path) -> FakeResult:
        if "boom" in path.read_text():
            raise KeyError("boom")
        return fake(path)

    follower = DeckFollower(deck, load, poll=True, poll_interval=0.02)
    updates = aiter(follower)
    await anext(updates)
    write_in_place(deck, deck_text("boom"))
    notice = await asyncio.wait_for(anext(updates), TIMEOUT)
    assert isinstance(notice, WatchNotice) and "boom" in notice.message
    write_in_place(deck, deck_text("Two"))
    update = await asyncio.wait_for(anext(updates), TIMEOUT)
    assert isinstance(update, Reloaded) and update.result.title == "Two"
    await updates.aclose()


async def test_initial_result_skips_the_first_load(tmp_path: Path, mode: str) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("One"))
    loader = FakeLoader()
    initial = loader(deck)
    follower = DeckFollower(deck, loader, initial=initial, poll=mode == "poll", poll_interval=0.02)
    updates = aiter(follower)
    waiting = asyncio.ensure_future(anext(updates))
    await asyncio.sleep(0.1)
    assert not waiting.done()
    write_in_place(deck, deck_text("Two"))
    update = await asyncio.wait_for(waiting, TIMEOUT)
    assert isinstance(update, Reloaded) and update.result.title == "Two"
    assert loader.calls == 2
    await updates.aclose()


async def test_a_save_landing_during_a_load_yields_only_the_newer_content(tmp_path: Path, mode: str) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("One"))
    fake = FakeLoader()

    def load_then_save_again(path: Path) -> FakeResult:
        result = fake(path)
        if result.title == "Two":
            write_in_place(path, deck_text("Three"))
        return result

    follower = DeckFollower(deck, load_then_save_again, poll=mode == "poll", poll_interval=0.02)
    updates = aiter(follower)
    await anext(updates)
    write_in_place(deck, deck_text("Two"))
    update = await asyncio.wait_for(anext(updates), TIMEOUT)
    assert isinstance(update, Reloaded) and update.result.title == "Three"
    await updates.aclose()


async def test_a_deck_folder_follows_the_deck_file_inside_it(tmp_path: Path, mode: str) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("One"))

    def load_folder(folder: Path) -> FakeResult:
        return FakeLoader()(folder / "deck.yaml")

    follower = DeckFollower(tmp_path, load_folder, poll=mode == "poll", poll_interval=0.02)
    updates = aiter(follower)
    await anext(updates)
    write_and_rename(deck, deck_text("Two"))
    update = await asyncio.wait_for(anext(updates), TIMEOUT)
    assert isinstance(update, Reloaded) and update.result.title == "Two"
    assert update.changed_paths == frozenset({deck})
    await updates.aclose()


async def test_hidden_files_are_not_include_candidates(tmp_path: Path, mode: str) -> None:
    """Like the loader's glob.glob, '*' skips dot files, so creating one loads nothing."""
    deck = tmp_path / "deck.yaml"
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "a.yaml").write_text(part_text("a"))
    deck.write_text(deck_text("Deck", include=["parts/*.yaml"]))
    loader = FakeLoader()
    follower = DeckFollower(deck, loader, poll=mode == "poll", poll_interval=0.02, rescan_interval=None)
    updates = aiter(follower)
    await anext(updates)
    (tmp_path / "parts" / ".hidden.yaml").write_text(part_text("h"))
    (tmp_path / "parts" / "b.yaml").write_text(part_text("b"))
    update = await asyncio.wait_for(anext(updates), TIMEOUT)
    assert update.result.items == ("a", "b")
    assert loader.calls == 2
    await updates.aclose()


async def test_a_recursive_glob_follows_files_in_new_subfolders(tmp_path: Path, start) -> None:
    deck = tmp_path / "deck.yaml"
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "a.yaml").write_text(part_text("a"))
    deck.write_text(deck_text("Deck", include=["parts/**/*.yaml"]))
    session = await start(deck)
    (tmp_path / "parts" / "2025" / "september").mkdir(parents=True)
    new = tmp_path / "parts" / "2025" / "september" / "b.yaml"
    new.write_text(part_text("b"))
    update = await session.next_reload()
    assert isinstance(update, Reloaded)
    assert update.changed_paths == frozenset({new})
    assert set(update.result.items) == {"a", "b"}
    await session.expect_only_marker()
    await session.close()
