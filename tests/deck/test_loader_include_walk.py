"""`include:` globs walk the deck's folder once per real folder, never out of it, and within stated limits."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest
from deadline import within_deadline

from briefing.deck import includes as includes_module
from briefing.deck import load_deck
from briefing.deck.includes import MAX_INCLUDED_FILES, Walk

DEADLINE = 20.0


def _quotes(path: Path, ident: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"sources:\n  - id: {ident}\n    title: {ident}\n", encoding="utf-8")


def test_directory_symlink_loops_under_double_star_visit_each_folder_once(tmp_path: Path):
    (tmp_path / "deck.yaml").write_text("title: Loops\ninclude: ['**/*.yaml']\n", encoding="utf-8")
    _quotes(tmp_path / "top.yaml", "top")
    _quotes(tmp_path / "sub" / "inner.yaml", "inner")
    (tmp_path / "sub" / "a").symlink_to("..")
    (tmp_path / "sub" / "b").symlink_to("..")
    (tmp_path / "sub" / "self").symlink_to(".")
    result = within_deadline(lambda: load_deck(tmp_path / "deck.yaml"), DEADLINE)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert sorted(source.id for source in result.deck.sources) == ["inner", "top"]
    assert sorted(p.name for p in result.files) == ["deck.yaml", "inner.yaml", "top.yaml"]


def test_a_folder_linking_outside_is_reported_once_and_not_walked(tmp_path: Path):
    deck_folder = tmp_path / "deck"
    _quotes(deck_folder / "mine.yaml", "mine")
    _quotes(tmp_path / "elsewhere" / "theirs.yaml", "theirs")
    (deck_folder / "deck.yaml").write_text("title: T\ninclude: ['**/*.yaml']\n", encoding="utf-8")
    (deck_folder / "ext").symlink_to(tmp_path / "elsewhere")
    result = load_deck(deck_folder / "deck.yaml")
    assert [d.message for d in result.errors] == [
        "include '**/*.yaml' reaches folder 'ext', which links outside the deck's folder",
    ]


def test_more_included_files_than_the_limit_is_one_clear_error(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(includes_module, "MAX_INCLUDED_FILES", 3)
    (tmp_path / "deck.yaml").write_text("title: T\ninclude: ['parts/*.yaml']\n", encoding="utf-8")
    for number in range(4):
        _quotes(tmp_path / "parts" / f"{number}.yaml", f"s{number}")
    result = load_deck(tmp_path / "deck.yaml")
    assert [f"{d.place}: {d.message}" for d in result.diagnostics] == [
        f"{tmp_path}/deck.yaml:2:11: includes match 4 files, more than 3 (the limit for a deck): merge small files or narrow the patterns",
    ]
    assert [p.name for p in result.files] == ["deck.yaml"]


def test_the_included_file_limit_is_ten_thousand():
    assert MAX_INCLUDED_FILES == 10_000


def test_a_walk_through_more_folders_than_the_limit_is_one_clear_error(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(includes_module, "MAX_INCLUDE_FOLDERS", 5)
    (tmp_path / "deck.yaml").write_text("title: T\ninclude: ['**/*.yaml']\n", encoding="utf-8")
    for number in range(6):
        _quotes(tmp_path / f"f{number}" / "q.yaml", f"s{number}")
    result = load_deck(tmp_path / "deck.yaml")
    assert [d.message for d in result.errors] == [
        "include '**/*.yaml' walks more than 5 folders (the limit for a deck): name the folders to include",
    ]


PATTERNS = ["*.yaml", "**/*.yaml", "**", "sub/**", "sub/*/*.yml", "?.yaml", "[ab].yaml", ".*.yaml", "**/.h*", "sub", "nothing/*"]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_matching_agrees_with_glob_on_a_tree_without_links(tmp_path: Path, pattern):
    for name in ["a.yaml", "b.yaml", "ab.yaml", ".hidden.yaml", "sub/x.yaml", "sub/deep/y.yml", "sub/.hid/z.yaml", "sub/deep/more/w.yaml"]:
        _quotes(tmp_path / name, "x")
    expected = sorted(m for m in glob.glob(pattern, root_dir=tmp_path, recursive=True) if os.path.isfile(tmp_path / m))
    assert Walk(str(tmp_path), tmp_path.resolve()).matches(pattern) == expected
