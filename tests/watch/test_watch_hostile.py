"""Following under hostile or unlucky conditions (issue 13): saves caught half-way, a save racing
the start, files swapped for FIFOs and devices, a deck folder deleted, polling thousands of files.

Each test runs with kernel notification and with stat polling where both apply.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import shutil
import threading
import time
from pathlib import Path

import pytest
from paths import EXAMPLE_FOLDER
from watch_support import MOMENT, TIMEOUT, FakeLoader, deck_text, part_text, write_and_rename, write_in_place

from briefing.deck import LoadCache, load_deck
from briefing.watch import DeckFollower, Reloaded, ReloadFailed, WatchNotice
from briefing.watch import files as files_module

ITEMS = 40
PAUSE = 0.03
"""The pause between the two parts of a save, as in the issue's reproduction."""


def long_deck(title: str) -> str:
    """A deck whose every cut after the title still parses: a truncated save loads, with fewer items."""
    return f"title: {title}\nitems:\n" + "".join(f"  - item-{number:03d}\n" for number in range(ITEMS))


def random_cut(data: bytes, rng: random.Random) -> int:
    """A cut inside the items, not just after a line break.

    A writer that closes the file after a first part ending exactly at a line break, and pauses,
    leaves a file that is complete by every sign a reader can check (docs/live-reload.md).
    """
    while True:
        cut = rng.randrange(data.index(b"items:"), len(data) - 1)
        if data[cut - 1 : cut] != b"\n":
            return cut


async def save_in_two_parts(path: Path, data: bytes, cut: int, *, held_open: bool) -> None:
    if held_open:
        with open(path, "wb") as handle:  # noqa: ASYNC230 - the test is the editor
            handle.write(data[:cut])
            handle.flush()
            await asyncio.sleep(PAUSE)
            handle.write(data[cut:])
    else:
        path.write_bytes(data[:cut])
        await asyncio.sleep(PAUSE)
        with open(path, "ab") as handle:  # noqa: ASYNC230 - the test is the editor
            handle.write(data[cut:])


async def save_each_in_two_parts(session, deck: Path, saves: int, cut_at, *, held_open: bool) -> None:
    """Save ``saves`` new versions, each in two parts; each must arrive whole, and alone."""
    for number in range(1, saves + 1):
        data = long_deck(f"Save {number}").encode()
        cut = cut_at(data)
        await save_in_two_parts(deck, data, cut, held_open=held_open)
        update = await session.next_reload()
        assert isinstance(update, Reloaded), f"save {number} cut at {cut}: {update}"
        assert (update.result.title, len(update.result.items)) == (f"Save {number}", ITEMS), f"save {number} cut at {cut}"
    await session.expect_only_marker()


@pytest.mark.parametrize("held_open", [True, False], ids=["held-open", "closed-between-parts"])
async def test_a_save_written_in_two_parts_never_yields_the_first_part(tmp_path: Path, start, held_open: bool) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(long_deck("Save 0"))
    session = await start(deck)
    rng = random.Random(13)
    await save_each_in_two_parts(session, deck, 30, lambda data: random_cut(data, rng), held_open=held_open)
    await session.close()


async def test_where_writers_cannot_be_checked_a_two_part_save_waits_for_the_file_to_be_quiet(
    tmp_path: Path, start, monkeypatch
) -> None:
    """Files of another owner, file systems without leases: the time the file stays unchanged decides."""
    monkeypatch.setattr(files_module, "open_for_writing", lambda descriptor: None)
    deck = tmp_path / "deck.yaml"
    deck.write_text(long_deck("Save 0"))
    session = await start(deck)
    rng = random.Random(17)
    await save_each_in_two_parts(
        session, deck, 10, lambda data: rng.randrange(data.index(b"items:"), len(data) - 1), held_open=True
    )
    await session.close()


async def test_a_save_renamed_into_place_is_taken_without_waiting_for_quiet(tmp_path: Path, start) -> None:
    """Its writer closed it before the rename: nothing to wait for, however long the quiet time."""
    deck = tmp_path / "deck.yaml"
    deck.write_text(long_deck("Before"))
    session = await start(deck, quiet=60.0)
    write_and_rename(deck, long_deck("After"))
    update = await session.next_reload()
    assert isinstance(update, Reloaded) and update.result.title == "After"
    await session.expect_only_marker()
    await session.close()


# -- start-up ------------------------------------------------------------------------------------


async def test_a_save_between_the_first_load_and_the_start_of_following_is_shown(tmp_path: Path, mode: str) -> None:
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("One"))
    loader = FakeLoader()
    initial = loader(deck)
    write_in_place(deck, deck_text("Two"))  # while the app paints its first screen
    follower = DeckFollower(deck, loader, initial=initial, poll=mode == "poll", poll_interval=0.02)
    updates = aiter(follower)
    update = await asyncio.wait_for(anext(updates), TIMEOUT)
    assert isinstance(update, Reloaded) and update.result.title == "Two"
    assert update.changed_paths == frozenset({deck})
    await updates.aclose()


async def test_with_the_real_loader_an_include_saved_just_after_the_first_load_is_shown(tmp_path: Path, mode: str) -> None:
    shutil.copytree(EXAMPLE_FOLDER, tmp_path / "deck")
    deck, quotes = tmp_path / "deck" / "deck.yaml", tmp_path / "deck" / "quotes.yaml"
    cache = LoadCache()
    initial = load_deck(deck, cache=cache)
    quotes.write_text(quotes.read_text(encoding="utf-8").replace("text: escalation trap\n", "text: a trap\n"), encoding="utf-8")
    follower = DeckFollower(deck, lambda path: load_deck(path, cache=cache), initial=initial, poll=mode == "poll", poll_interval=0.02)
    updates = aiter(follower)
    update = await asyncio.wait_for(anext(updates), TIMEOUT)
    assert isinstance(update, Reloaded)
    assert update.result.deck.get("pistorius-escalation-trap").text == "a trap"
    assert update.changed_paths == frozenset({quotes})
    await updates.aclose()


# -- files that are not files --------------------------------------------------------------------


class Unblocker:
    """If the follower blocks opening a FIFO, open its other end after a while so the test ends."""

    def __init__(self, path: Path, after: float) -> None:
        self.path = path
        self.timer = threading.Timer(after, self._release)
        self.timer.start()

    def _release(self) -> None:
        try:
            descriptor = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return  # no reader is waiting: nothing was blocked
        os.close(descriptor)

    def cancel(self) -> None:
        self.timer.cancel()


class Heartbeat:
    """The longest time the event loop went without running a 10 ms timer."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.task = asyncio.ensure_future(self._beat())

    async def _beat(self) -> None:
        last = time.monotonic()
        while True:
            await asyncio.sleep(0.01)
            now = time.monotonic()
            self.longest = max(self.longest, now - last)
            last = now

    def stop(self) -> float:
        self.task.cancel()
        return self.longest


def swap_for_fifo(path: Path) -> None:
    fifo = path.with_name("swap.fifo")
    os.mkfifo(fifo)
    os.replace(fifo, path)


def swap_for_dev_zero(path: Path) -> None:
    link = path.with_name("swap.link")
    link.symlink_to("/dev/zero")
    os.replace(link, path)


@pytest.mark.parametrize("swap", [swap_for_fifo, swap_for_dev_zero], ids=["fifo", "dev-zero-link"])
@pytest.mark.parametrize("which", ["deck", "include"])
async def test_a_followed_file_swapped_for_a_fifo_or_device_is_never_read(tmp_path: Path, start, swap, which: str) -> None:
    deck, part = tmp_path / "deck.yaml", tmp_path / "part.yaml"
    deck.write_text(deck_text("Before", include=["part.yaml"]))
    part.write_text(part_text("a"))
    session = await start(deck)
    target, fixed = (deck, deck_text("After", include=["part.yaml"])) if which == "deck" else (part, part_text("b"))
    heartbeat = Heartbeat()
    unblocker = Unblocker(target, after=2.0)
    try:
        swap(target)
        notice = await session.next()
        longest = heartbeat.stop()
        assert isinstance(notice, WatchNotice), notice
        assert target.name in notice.message and "not a regular file" in notice.message
        assert "\n" not in notice.message
        assert longest < 1.0, f"the event loop stalled {longest:.1f} s"
    finally:
        unblocker.cancel()
        heartbeat.stop()
    target.unlink()
    target.write_text(fixed)
    update = await session.next_reload()
    assert isinstance(update, Reloaded) and update.changed_paths == frozenset({target})
    assert (update.result.title, update.result.items) == (("After", ("a",)) if which == "deck" else ("Before", ("b",)))
    await session.close()


# -- the deck's folder deleted --------------------------------------------------------------------


async def test_a_deck_folder_deleted_and_recreated_while_presenting_from_inside_it_reloads_again(
    tmp_path: Path, monkeypatch, mode: str
) -> None:
    """`cd deckdir && briefing deck.yaml`, then `rm -rf deckdir` and a new one in its place."""
    folder = tmp_path / "deckdir"
    folder.mkdir()
    (folder / "deck.yaml").write_text(deck_text("One", include=["part.yaml"]))
    (folder / "part.yaml").write_text(part_text("a"))
    monkeypatch.chdir(folder)
    loader = FakeLoader()
    relative = Path("deck.yaml")
    follower = DeckFollower(relative, loader, initial=loader(relative), poll=mode == "poll", poll_interval=0.02, grace=0.1)
    updates = aiter(follower)
    waiting = asyncio.ensure_future(anext(updates))
    await asyncio.sleep(0.3)
    shutil.rmtree(folder)
    await asyncio.sleep(0.3)
    folder.mkdir()
    (folder / "part.yaml").write_text(part_text("b"))
    (folder / "deck.yaml").write_text(deck_text("Two", include=["part.yaml"]))
    deadline = time.monotonic() + TIMEOUT
    while True:
        update = await asyncio.wait_for(waiting, max(0.0, deadline - time.monotonic()))
        waiting = asyncio.ensure_future(anext(updates))
        assert isinstance(update, (Reloaded, ReloadFailed, WatchNotice)), update
        if isinstance(update, Reloaded):
            break
    assert (update.result.title, update.result.items) == ("Two", ("b",))
    (folder / "deck.yaml").write_text(deck_text("Three", include=["part.yaml"]))
    update = await asyncio.wait_for(waiting, TIMEOUT)
    assert isinstance(update, Reloaded) and update.result.title == "Three"
    await updates.aclose()


# -- polling many files ---------------------------------------------------------------------------


async def test_polling_many_files_looks_at_a_slice_each_time_and_still_sees_every_save(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "parts").mkdir()
    parts = [tmp_path / "parts" / f"{number:04d}.yaml" for number in range(1000)]
    for number, part in enumerate(parts):
        part.write_text(part_text(f"i{number}"))
    deck = tmp_path / "deck.yaml"
    deck.write_text(deck_text("Many", include=["parts/*.yaml"]))
    loader = FakeLoader()
    follower = DeckFollower(deck, loader, initial=loader(deck), poll=True, poll_interval=0.02)
    updates = aiter(follower)
    waiting = asyncio.ensure_future(anext(updates))
    await asyncio.sleep(1.5)  # past the first full look
    looked: list[str] = []
    real_stat = files_module.os.stat

    def counting_stat(path, *args, **kwargs):
        looked.append(path)
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(files_module.os, "stat", counting_stat)
    await asyncio.sleep(0.5)  # about 25 polls
    monkeypatch.setattr(files_module.os, "stat", real_stat)
    assert not waiting.done()
    assert len(looked) < 25 * len(parts) / 3, f"{len(looked)} stats in 0.5 s of idle polling"
    for part in random.Random(3).sample(parts, 4):
        write_in_place(part, part_text("edited"))
        update = await asyncio.wait_for(waiting, TIMEOUT)
        waiting = asyncio.ensure_future(anext(updates))
        assert isinstance(update, Reloaded) and update.changed_paths == frozenset({part})
        await asyncio.sleep(MOMENT)
    waiting.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await waiting
    await updates.aclose()
