"""The cache's private folder: only this user's own private files are read, files are written
whole (two writers leave one whole file), and the folder stays bounded."""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pytest

import briefing.cache.folder as folder_module
from briefing.cache.folder import CacheFolder, default_location

OTHER_USER = 4321


def made(tmp_path: Path) -> CacheFolder:
    folder = CacheFolder(tmp_path / "cache" / "briefing")
    assert folder.write("entry", b"data")
    return folder


def test_the_folder_is_made_private_and_files_are_private(tmp_path):
    folder = made(tmp_path)
    assert stat.S_IMODE(folder.path.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder.path / "entry").stat().st_mode) == 0o600
    assert folder.read("entry") == b"data"


def test_a_folder_others_may_enter_is_refused_for_reading_and_writing(tmp_path):
    folder = made(tmp_path)
    folder.path.chmod(0o755)
    assert folder.read("entry") is None
    assert not folder.write("other", b"x")


def test_a_folder_that_is_a_link_is_refused(tmp_path):
    real = made(tmp_path)
    link = CacheFolder(tmp_path / "linked")
    link.path.symlink_to(real.path)
    assert link.read("entry") is None
    assert not link.write("other", b"x")


@pytest.mark.skipif(os.getuid() != 0, reason="giving a file to another user needs root")
def test_a_folder_or_file_owned_by_another_user_is_refused(tmp_path):
    folder = made(tmp_path)
    os.chown(folder.path / "entry", OTHER_USER, -1)
    assert folder.read("entry") is None
    os.chown(folder.path / "entry", os.getuid(), -1)
    assert folder.read("entry") == b"data"
    os.chown(folder.path, OTHER_USER, -1)
    assert folder.read("entry") is None
    assert not folder.write("other", b"x")


def test_a_file_others_may_read_or_write_is_ignored(tmp_path):
    folder = made(tmp_path)
    (folder.path / "entry").chmod(0o644)
    assert folder.read("entry") is None
    (folder.path / "entry").chmod(0o620)
    assert folder.read("entry") is None


def test_a_file_that_is_a_link_or_not_a_file_is_ignored(tmp_path):
    folder = made(tmp_path)
    (folder.path / "linked").symlink_to(folder.path / "entry")
    assert folder.read("linked") is None
    os.mkfifo(folder.path / "fifo", 0o600)
    assert folder.read("fifo") is None  # and does not block


def test_a_file_over_the_size_bound_is_neither_written_nor_read(tmp_path, monkeypatch):
    folder = made(tmp_path)
    monkeypatch.setattr(folder_module, "MAX_FILE_BYTES", 3)
    assert folder.read("entry") is None
    assert not folder.write("big", b"1234")
    assert not (folder.path / "big").exists()


def test_the_folder_is_trimmed_least_recently_used_first_and_stale_temporaries_go(tmp_path, monkeypatch):
    folder = made(tmp_path)
    for number in range(3):
        assert folder.write(f"e{number}", b"x" * 10)
        os.utime(folder.path / f"e{number}", (time.time() - 100 + number, time.time() - 100 + number))
    stale = folder.path / ".writing-left"
    stale.write_bytes(b"half")
    os.utime(stale, (time.time() - 2 * folder_module.STALE_TEMPORARY_SECONDS,) * 2)
    folder.touch("e0")  # used just now: kept
    monkeypatch.setattr(folder_module, "MAX_TOTAL_BYTES", 25)
    assert folder.write("e3", b"x" * 10)
    names = sorted(os.listdir(folder.path))
    assert "e3" in names and "e0" in names and ".writing-left" not in names
    assert sum((folder.path / name).stat().st_size for name in names) <= 25


def test_two_writers_leave_one_whole_file_and_a_reader_never_sees_half(tmp_path):
    folder = made(tmp_path)
    payloads = [bytes([65 + n]) * (200_000 + n * 1000) for n in range(4)]
    seen: list[bytes | None] = []
    stop = threading.Event()

    def write(payload: bytes) -> None:
        for _ in range(15):
            assert folder.write("shared", payload)

    def read() -> None:
        while not stop.is_set():
            seen.append(folder.read("shared"))

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=write, args=(payload,)) for payload in payloads]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    stop.set()
    reader.join()
    assert folder.read("shared") in payloads
    assert all(data is None or data in payloads for data in seen)
    assert not [name for name in os.listdir(folder.path) if name.startswith(".writing-")]


def test_the_location_follows_xdg_cache_home_when_absolute(tmp_path):
    assert default_location({"XDG_CACHE_HOME": str(tmp_path), "HOME": "/home/u"}) == tmp_path / "briefing"
    assert default_location({"XDG_CACHE_HOME": "relative", "HOME": "/home/u"}) == Path("/home/u/.cache/briefing")


@pytest.mark.parametrize("value", ["0", "off", "no", "false"])
def test_briefing_cache_0_turns_it_off(value):
    assert CacheFolder.default({"BRIEFING_CACHE": value, "HOME": "/home/u"}) is None
    assert CacheFolder.default({"HOME": "/home/u"}) is not None
