"""Deck, include and theme files that are not regular files, or too large, are refused without blocking or reading them.

Every case is a real file made in a temporary folder: a named pipe (FIFO), a sparse
1.5 GB file, a symlink to /dev/zero. A load that blocked would hang the test, so each load
runs in a thread with a deadline.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from deadline import within_deadline

from briefing.deck import MAX_FILE_BYTES, load_deck, reading, yamlsafe
from briefing.deck.yamlsafe import LOADERS
from briefing.themes import read_theme_file


def _messages(result) -> list[str]:
    return [f"{d.place}: {d.message}" for d in result.errors]


def test_a_fifo_as_the_deck_file_is_refused_without_blocking(tmp_path: Path):
    deck = tmp_path / "deck.yaml"
    os.mkfifo(deck)
    result = within_deadline(lambda: load_deck(deck))
    assert _messages(result) == [f"{deck}:1:1: not a regular file (a named pipe): a deck file must be a plain file"]


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("pattern", ["quotes.yaml", "*.yaml", "**/*.yaml"])
def test_a_fifo_as_an_included_file_is_refused_without_blocking(tmp_path: Path, loader, pattern):
    (tmp_path / "deck.yaml").write_text(f"title: T\ninclude: ['{pattern}']\n", encoding="utf-8")
    os.mkfifo(tmp_path / "quotes.yaml")
    result = within_deadline(lambda: load_deck(tmp_path / "deck.yaml", loader=loader))
    assert _messages(result) == [f"{tmp_path}/quotes.yaml:1:1: not a regular file (a named pipe): a deck file must be a plain file"]


def test_a_fifo_as_a_theme_file_is_refused_without_blocking(tmp_path: Path):
    theme = tmp_path / "mine.yaml"
    os.mkfifo(theme)
    file = within_deadline(lambda: read_theme_file(theme))
    assert [d.message for d in file.diagnostics] == ["not a regular file (a named pipe): a theme file must be a plain file"]


def test_a_file_swapped_for_a_fifo_after_the_check_is_refused_after_opening(tmp_path: Path, monkeypatch):
    """The check before opening can race a swap: the open never blocks (O_NONBLOCK) and fstat decides."""
    regular = tmp_path / "regular.yaml"
    regular.write_text("title: T\n", encoding="utf-8")
    fifo = tmp_path / "deck.yaml"
    os.mkfifo(fifo)
    real_stat = os.stat
    monkeypatch.setattr(reading.os, "stat", lambda path, *a, **k: real_stat(regular) if Path(path) == fifo else real_stat(path, *a, **k))
    result = within_deadline(lambda: load_deck(fifo))
    assert _messages(result) == [f"{fifo}:1:1: not a regular file (a named pipe): a deck file must be a plain file"]


def test_a_symlink_to_dev_zero_is_refused_without_reading(tmp_path: Path):
    deck = tmp_path / "deck.yaml"
    deck.symlink_to("/dev/zero")
    result = within_deadline(lambda: load_deck(deck))
    assert _messages(result) == [f"{deck}:1:1: not a regular file (a character device): a deck file must be a plain file"]


def test_a_huge_file_is_refused_as_too_large_without_reading_it(tmp_path: Path, monkeypatch):
    deck = tmp_path / "deck.yaml"
    with open(deck, "wb") as handle:
        handle.truncate(1536 * 1024 * 1024)  # sparse: 1.5 GB that take no disk
    reads: list[int] = []
    real_read = os.read
    monkeypatch.setattr(reading.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    result = within_deadline(lambda: load_deck(deck))
    assert _messages(result) == [f"{deck}:1:1: file too large: over 16 MiB (the limit for a deck file)"]
    assert reads == []


def test_a_file_that_grows_while_read_is_cut_at_the_limit(tmp_path: Path, monkeypatch):
    """Size checked before reading, then at most the limit (plus one byte to notice) is read."""
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: T\n", encoding="utf-8")
    grown = b"x" * (MAX_FILE_BYTES + 4096)
    monkeypatch.setattr(reading.os, "read", lambda fd, n: grown[:n])
    data, problem = yamlsafe.read_bytes(deck)
    assert data is None and problem == yamlsafe.ReadProblem("file too large: over 16 MiB (the limit for a deck file)", "BRF601")

