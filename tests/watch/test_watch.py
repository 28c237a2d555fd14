"""Live reload's file following, with real files in temporary folders, one test per save pattern.

Every test runs twice: with kernel notification and with stat polling. Tests wait on the
follower's output with timeouts, never on long sleeps. "No update" is proven with a marker:
after the step under test, the theme file (an extra path) is changed, and the very next update
must be that marker alone; any spurious reload would have come first or merged into it.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from watch_support import (
    GRACE,
    MOMENT,
    TIMEOUT,
    FakeLoader,
    FakeResult,
    Session,
    deck_text,
    part_text,
    write_and_rename,
    write_in_place,
    write_vim_style,
)

from briefing.deck.loader import content_digest
from briefing.watch import DeckFollower, Reloaded, ReloadFailed, WatchNotice
from briefing.watch import sources as follower_module


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


@pytest.mark.parametrize("held_open", [True, False], ids=["held-open", "closed-between"])
async def test_truncate_then_write_gives_the_final_content_without_an_empty_file_failure(
    tmp_path: Path, start, held_open: bool
) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Before"))
    session = await start(deck)
    if held_open:
        with open(deck, "r+", encoding="utf-8") as handle:  # noqa: ASYNC230 - the test is the editor
            handle.truncate(0)
            handle.flush()
            await asyncio.sleep(2 * MOMENT)
            handle.write(deck_text("After"))
    else:
        os.truncate(deck, 0)
        await asyncio.sleep(2 * MOMENT)
        write_in_place(deck, deck_text("After"))
    update = await session.next_reload()
    assert isinstance(update, Reloaded)
    assert update.result.title == "After"
    if held_open:
        assert session.loader.failures == 0, "the empty file was loaded while its writer still had it open"
    else:
        assert session.loader.failures <= 1, "the empty file was loaded once at most, and held back"
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
    session.follower.set_extra_paths([other], {other: content_digest(other.read_bytes())})  # as the app read it
    session.theme = other
    await session.expect_only_marker()
    await session.close()


@pytest.mark.parametrize("saved_since", [True, False], ids=["saved-since", "unchanged"])
async def test_extra_files_are_followed_from_what_the_caller_read_before_following_started(
    tmp_path: Path, mode: str, saved_since: bool
) -> None:
    """The app reads its theme files before the follower starts: a save in between is a change."""
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Deck"))
    theme = tmp_path / "theme.yaml"
    theme.write_text("as the app read it\n")
    read = {theme: content_digest(theme.read_bytes())}
    if saved_since:
        theme.write_text("saved before following started\n")
    loader = FakeLoader()
    follower = DeckFollower(
        deck, loader, poll=mode == "poll", poll_interval=0.02, extra_paths=[theme], extra_digests=read,
        grace=GRACE, rescan_interval=None,
    )
    session = Session(follower, theme, loader)
    assert (await session.next_reload()).changed_paths == frozenset()
    if saved_since:
        assert (await session.next_reload()).changed_paths == frozenset({theme})
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


async def test_a_new_include_match_is_followed_when_starting_from_an_initial_result(tmp_path: Path, mode: str) -> None:
    """Starting from the app's own load (its digests), the deck file is not read again until it
    changes: the include globs must still be known from the start (read from the deck file when
    the result does not carry them)."""
    deck = tmp_path / "deck.yaml"
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "a.yaml").write_text(part_text("a"))
    deck.write_text(deck_text("Deck", include=["parts/*.yaml"]))
    loader = FakeLoader()
    follower = DeckFollower(deck, loader, initial=loader(deck), poll=mode == "poll", poll_interval=0.02)
    updates = aiter(follower)
    waiting = asyncio.ensure_future(anext(updates))
    await asyncio.sleep(0.2)
    new = tmp_path / "parts" / "b.yaml"
    write_and_rename(new, part_text("b"))
    update = await asyncio.wait_for(waiting, TIMEOUT)
    assert isinstance(update, Reloaded) and update.changed_paths == frozenset({new})
    assert update.result.items == ("a", "b")
    await updates.aclose()


async def test_the_include_globs_of_a_real_load_are_taken_from_its_result(tmp_path: Path, mode: str) -> None:
    from briefing.deck import load_deck

    deck = tmp_path / "deck.yaml"
    (tmp_path / "more").mkdir()
    (tmp_path / "more" / "a.yaml").write_text("quotes: []\n")
    deck.write_text("format: 1\ntitle: T\ninclude: ['more/*.yaml']\n")
    initial = load_deck(deck)
    assert initial.ok and [pattern for pattern, _ in initial.includes] == ["more/*.yaml"]
    follower = DeckFollower(deck, load_deck, initial=initial, poll=mode == "poll", poll_interval=0.02)
    updates = aiter(follower)
    waiting = asyncio.ensure_future(anext(updates))
    await asyncio.sleep(0.2)
    new = tmp_path / "more" / "b.yaml"
    write_and_rename(new, "quotes: []\n")
    update = await asyncio.wait_for(waiting, TIMEOUT)
    assert isinstance(update, Reloaded) and update.changed_paths == frozenset({new})
    assert new in update.result.files
    await updates.aclose()
