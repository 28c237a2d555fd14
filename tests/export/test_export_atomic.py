"""Export files are written whole or not at all, and never over one of the deck's files."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from briefing.export import ExportError, atomic, write_atomically


@pytest.fixture
def deck_files(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "deck"
    folder.mkdir()
    deck = folder / "deck.yaml"
    include = folder / "quotes.yaml"
    deck.write_text("title: Deck\n", encoding="utf-8")
    include.write_text("quotes: []\n", encoding="utf-8")
    return deck, include


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_replaces_the_target_whole(tmp_path: Path):
    target = tmp_path / "out.md"
    target.write_text("old content that is much longer than the new one\n" * 100, encoding="utf-8")
    write_atomically(target, "new ✓\n", protected=())
    assert target.read_text(encoding="utf-8") == "new ✓\n"
    assert leftovers(tmp_path) == []


def test_write_creates_a_new_file_with_umask_permissions(tmp_path: Path):
    target = tmp_path / "new.html"
    old = os.umask(0o022)
    try:
        write_atomically(target, "<p>x</p>\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_write_keeps_an_existing_files_permissions(tmp_path: Path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    write_atomically(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_write_keeps_newlines_as_written(tmp_path: Path):
    target = tmp_path / "out.txt"
    write_atomically(target, "a\nb\n")
    assert target.read_bytes() == b"a\nb\n"


@pytest.mark.parametrize("which", [0, 1])
def test_write_refuses_a_deck_file(deck_files, which):
    target = deck_files[which]
    before = target.read_bytes()
    with pytest.raises(ExportError, match="refusing to write .*deck file"):
        write_atomically(target, "export", protected=deck_files)
    assert target.read_bytes() == before
    assert leftovers(target.parent) == []


def test_write_refuses_a_path_with_dots_that_leads_to_a_deck_file(deck_files):
    deck, _ = deck_files
    sneaky = deck.parent / ".." / deck.parent.name / "." / deck.name
    with pytest.raises(ExportError, match="refusing"):
        write_atomically(sneaky, "export", protected=deck_files)
    assert deck.read_text(encoding="utf-8") == "title: Deck\n"


def test_write_refuses_a_symlink_to_a_deck_file(deck_files, tmp_path: Path):
    deck, _ = deck_files
    link = tmp_path / "handout.md"
    link.symlink_to(deck)
    with pytest.raises(ExportError, match="refusing"):
        write_atomically(link, "export", protected=deck_files)
    assert deck.read_text(encoding="utf-8") == "title: Deck\n"
    assert link.is_symlink()


def test_write_refuses_when_the_protected_path_is_a_relative_spelling(deck_files, monkeypatch):
    deck, _ = deck_files
    monkeypatch.chdir(deck.parent)
    with pytest.raises(ExportError, match="refusing"):
        write_atomically(deck, "export", protected=[Path("deck.yaml")])


def test_write_through_a_symlink_replaces_the_file_it_points_to(tmp_path: Path):
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomically(link, "new")
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new"


def test_failed_write_leaves_target_untouched_and_no_temporary_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "out.md"
    target.write_text("original", encoding="utf-8")

    def failing_fsync(descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    with pytest.raises(ExportError, match="cannot write .*No space left on device"):
        write_atomically(target, "new content")
    assert target.read_text(encoding="utf-8") == "original"
    assert leftovers(tmp_path) == []


def test_text_that_cannot_be_encoded_leaves_no_temporary_file(tmp_path: Path):
    target = tmp_path / "out.md"
    with pytest.raises(ExportError, match="not valid Unicode"):
        write_atomically(target, "lone surrogate \ud800")
    assert not target.exists()
    assert leftovers(tmp_path) == []


def test_write_into_a_missing_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ExportError, match="does not exist"):
        write_atomically(tmp_path / "missing" / "out.md", "x")


def test_write_to_a_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ExportError, match="is a folder"):
        write_atomically(tmp_path, "x")


def test_folder_that_refuses_new_files_is_a_clear_error(tmp_path: Path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match="cannot write in .*Permission denied"):
        write_atomically(tmp_path / "out.md", "x")
    assert not (tmp_path / "out.md").exists()
