"""The start-up cache's stored loads: a warm start gives exactly what a load now would give,
and any change a load would see (an edit, a new include match, a file gone, a setting, a new
briefing or code) makes the stored load stale; a damaged entry is ignored, never trusted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from paths import EXAMPLE_DECK

from briefing.cache import decks
from briefing.cache.decks import MAX_DECK_BYTES, entry_name, store_load, stored_load
from briefing.cache.folder import CacheFolder
from briefing.deck import load_deck
from briefing.views.markdown import markdown_texts, parsed_texts

DECK = """format: 1
title: "Tallinn\x07 brief"
timezone: Europe/Tallinn
include: ["parts/*.yaml"]
incidents:
  - id: a
    title: A
    when: 2025-09-19 10:00
"""
PART = """incidents:
  - id: b
    title: B
    when: 2025-09-20 10:00
    summary: "**bold** words"
"""


@pytest.fixture
def deck(tmp_path: Path, monkeypatch) -> str:
    """A deck with an include glob and a warning, loaded by a path relative to the working folder."""
    (tmp_path / "talk").mkdir()
    (tmp_path / "talk" / "parts").mkdir()
    (tmp_path / "talk" / "deck.yaml").write_text(DECK, encoding="utf-8")
    (tmp_path / "talk" / "parts" / "one.yaml").write_text(PART, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return "talk/deck.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> CacheFolder:
    return CacheFolder(tmp_path / "cache" / "briefing")


def store(label: str, folder: CacheFolder):
    result = load_deck(label)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert store_load(label, result, folder, parsed_texts(markdown_texts(result.deck)))
    return result


def assert_same_load(warm, cold) -> None:
    assert warm == cold
    assert warm.deck.setting_places == cold.deck.setting_places
    assert warm.digests == cold.digests
    assert warm.includes == cold.includes
    assert [str(d) for d in warm.diagnostics] == [str(d) for d in cold.diagnostics]


def test_a_warm_start_gives_what_a_load_gives_warnings_and_digests_included(deck, folder):
    cold = store(deck, folder)
    assert cold.warnings, "the test deck has a warning to keep"
    warm = stored_load(deck, folder)
    assert warm is not None
    assert_same_load(warm.result, cold)
    assert warm.markdown == parsed_texts(markdown_texts(cold.deck))


def test_the_example_deck_comes_back_equal(folder):
    cold = store(str(EXAMPLE_DECK), folder)
    assert_same_load(stored_load(str(EXAMPLE_DECK), folder).result, cold)


def test_a_deck_folder_given_as_the_path_is_its_own_entry(deck, folder):
    cold = store("talk", folder)
    assert_same_load(stored_load("talk", folder).result, cold)
    assert stored_load(deck, folder) is None, "another path as typed: another entry"


def test_editing_the_deck_file_makes_it_stale(deck, folder):
    store(deck, folder)
    Path(deck).write_text(DECK.replace("title: A", "title: A2"), encoding="utf-8")
    assert stored_load(deck, folder) is None


def test_editing_an_included_file_makes_it_stale_even_at_the_same_size_and_time(deck, folder):
    store(deck, folder)
    part = Path("talk/parts/one.yaml")
    info = part.stat()
    part.write_text(PART.replace("title: B", "title: C"), encoding="utf-8")
    os.utime(part, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert stored_load(deck, folder) is None


def test_a_new_file_an_include_glob_matches_makes_it_stale(deck, folder):
    store(deck, folder)
    Path("talk/parts/two.yaml").write_text("incidents: []\n", encoding="utf-8")
    assert stored_load(deck, folder) is None


def test_a_new_file_the_globs_do_not_match_keeps_it_valid(deck, folder):
    store(deck, folder)
    Path("talk/parts/notes.txt").write_text("x\n", encoding="utf-8")
    Path("talk/other.yaml").write_text("incidents: []\n", encoding="utf-8")
    assert stored_load(deck, folder) is not None


def test_a_deleted_included_file_makes_it_stale(deck, folder):
    store(deck, folder)
    Path("talk/parts/one.yaml").unlink()
    assert stored_load(deck, folder) is None
    assert not load_deck(deck).ok, "a load now fails (the glob matches nothing): so must the start"


def test_an_included_file_swapped_for_a_link_outside_the_deck_makes_it_stale(deck, folder, tmp_path):
    store(deck, folder)
    outside = tmp_path / "outside.yaml"
    outside.write_text(PART, encoding="utf-8")
    Path("talk/parts/one.yaml").unlink()
    Path("talk/parts/one.yaml").symlink_to(outside)
    assert stored_load(deck, folder) is None


def test_a_setting_that_changes_how_included_files_read_makes_it_stale(deck, folder):
    cold = store(deck, folder)
    assert cold.deck.get("b").when.start.utcoffset().total_seconds() == 3 * 3600
    Path(deck).write_text(DECK.replace("Europe/Tallinn", "UTC"), encoding="utf-8")
    assert stored_load(deck, folder) is None
    assert load_deck(deck).deck.get("b").when.start.utcoffset().total_seconds() == 0


def test_another_working_folder_is_another_entry(deck, folder, tmp_path, monkeypatch):
    store(deck, folder)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "talk" / "parts").mkdir(parents=True)
    (elsewhere / "talk" / "deck.yaml").write_text(DECK, encoding="utf-8")
    (elsewhere / "talk" / "parts" / "one.yaml").write_text(PART, encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    assert stored_load(deck, folder) is None


def test_a_new_briefing_version_makes_it_stale(deck, folder, monkeypatch):
    store(deck, folder)
    monkeypatch.setattr(decks, "__version__", "99.0")
    assert stored_load(deck, folder) is None


def test_changed_code_makes_it_stale(deck, folder):
    store(deck, folder)
    name = entry_name(deck)
    entry = json.loads(folder.read(name))
    assert any(path.endswith(os.path.join("deck", "loader.py")) for path, _, _ in entry["code"])
    assert any(path.endswith(os.path.join("yaml", "__init__.py")) for path, _, _ in entry["code"])
    entry["code"][0][2] += 1  # as if that module had been edited or upgraded
    assert folder.write(name, json.dumps(entry).encode())
    assert stored_load(deck, folder) is None


def test_another_yaml_back_end_makes_it_stale(deck, folder, monkeypatch):
    from briefing.deck import yamlsafe

    store(deck, folder)
    monkeypatch.setattr(yamlsafe, "default_loader", "python" if yamlsafe.default_loader == "c" else "c")
    assert stored_load(deck, folder) is None


@pytest.mark.parametrize("damage", [
    lambda data: b"",
    lambda data: b"\x00garbage\xff",
    lambda data: data[: len(data) // 2],
    lambda data: b"[]",
    lambda data: json.dumps({**json.loads(data), "load": {"codec": 1}}).encode(),
    lambda data: json.dumps({**json.loads(data), "files": [["talk/deck.yaml", "zz"]]}).encode(),
    lambda data: json.dumps({**json.loads(data), "markdown": [[1, []]]}).encode(),
    lambda data: json.dumps({**json.loads(data), "includes": [["parts/*.yaml"]]}).encode(),
    lambda data: data.replace(b'"title":"A"', b'"title":7'),
], ids=["empty", "binary", "truncated", "not an entry", "bad deck data", "bad digest", "bad markdown",
        "bad include", "bad field"])
def test_a_damaged_entry_is_ignored(deck, folder, damage):
    store(deck, folder)
    name = entry_name(deck)
    assert folder.write(name, damage(folder.read(name)))
    assert stored_load(deck, folder) is None


def test_a_deck_over_the_size_bound_is_not_stored(deck, folder, monkeypatch):
    monkeypatch.setattr(decks, "MAX_DECK_BYTES", 100)
    result = load_deck(deck)
    assert not store_load(deck, result, folder, {})
    assert stored_load(deck, folder) is None
    assert MAX_DECK_BYTES >= 100_000


def test_a_load_with_errors_is_not_stored(deck, folder):
    Path("talk/parts/one.yaml").write_text("incidents: [{id: b}]\n", encoding="utf-8")
    result = load_deck(deck)
    assert not result.ok
    assert not store_load(deck, result, folder, {})


def test_a_file_that_changed_between_the_load_and_storing_is_caught_at_the_next_start(deck, folder):
    result = load_deck(deck)
    Path("talk/parts/one.yaml").write_text(PART.replace("B", "Z"), encoding="utf-8")
    assert store_load(deck, result, folder, {})
    assert stored_load(deck, folder) is None, "the stored digests are what the load read, not what is there now"


def test_validate_export_and_screenshot_never_import_the_cache(deck):
    script = (
        "import sys, io\n"
        "from briefing.cli import main\n"
        f"main(['validate', {deck!r}])\n"
        f"sys.stdout = io.TextIOWrapper(io.BytesIO()); main(['export', {deck!r}, '--format', 'md'])\n"
        "sys.stdout = sys.__stdout__\n"
        f"assert main(['screenshot', {deck!r}, '-o', 'shot.svg']) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('briefing.cache')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
