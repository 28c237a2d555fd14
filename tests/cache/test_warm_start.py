"""A presenting start through the cache: a cold start stores what it parsed once the first paint
is on screen; the next start of the same deck imports neither PyYAML, the deck's builders nor
markdown-it, and presents exactly the same; theme files are parsed again only when they change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from app_support import screen_text, settle
from paths import EXAMPLE_DECK

from briefing.cache.decks import entry_name, stored_load
from briefing.cache.folder import CacheFolder
from briefing.cache.start import start
from briefing.deck import load_deck
from briefing.themes.files import read_theme_file, remember_theme_files, theme_files_parsed_this_run
from briefing.ui.app import BriefingApp

START = """
import json, sys
from briefing.cache.start import start
from briefing.commands import start_themes
starting = start(sys.argv[1])
themes = start_themes(None, starting.result)
if sys.argv[2] == "store":
    starting.store()
heavy = sorted(m for m in ("yaml", "markdown_it", "briefing.deck.loader", "briefing.deck.read",
                           "briefing.deck.link", "briefing.themes.parse") if m in sys.modules)
from briefing.deck.codec import load_to_data
print(json.dumps({"warm": starting.warm, "heavy": heavy,
                  "load": load_to_data(starting.result.deck, starting.result.diagnostics),
                  "theme": themes.selection.choice.name}))
"""


def run_start(deck: Path, cache_home: Path, mode: str = "store") -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    done = subprocess.run([sys.executable, "-c", START, str(deck), mode], capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)


def test_a_warm_start_imports_no_yaml_no_builders_no_markdown_and_presents_the_same(tmp_path):
    cold = run_start(EXAMPLE_DECK, tmp_path)
    assert not cold["warm"] and "yaml" in cold["heavy"]
    warm = run_start(EXAMPLE_DECK, tmp_path, mode="look")
    assert warm["warm"]
    assert warm["heavy"] == []
    assert warm["load"] == cold["load"]
    assert warm["theme"] == cold["theme"]


def test_two_cold_starts_at_once_leave_a_valid_entry(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    starts = [subprocess.Popen([sys.executable, "-c", START, str(EXAMPLE_DECK), "store"], stdout=subprocess.PIPE, env=env)
              for _ in range(3)]
    for process in starts:
        assert process.wait(timeout=60) == 0
        process.stdout.close()
    assert run_start(EXAMPLE_DECK, tmp_path, mode="look")["warm"]


def test_with_the_cache_off_nothing_is_stored(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_CACHE", "0")
    starting = start(EXAMPLE_DECK)
    starting.store()
    assert starting.folder is None and not starting.warm


def test_a_changed_theme_file_is_parsed_again(tmp_path):
    theme = tmp_path / "mine.yaml"
    theme.write_text('name: mine\nprimary: "#336699"\n', encoding="utf-8")
    first = read_theme_file(theme, "user")
    key = next(key for key in theme_files_parsed_this_run() if key[0] == str(theme))
    remember_theme_files({key: first})
    theme.write_text('name: mine\nprimary: "#993366"\n', encoding="utf-8")
    assert read_theme_file(theme, "user").values["primary"] == "#993366"


def test_stored_theme_files_come_back_equal(tmp_path):
    from briefing.cache.themes import store_theme_files, stored_theme_files

    folder = CacheFolder(tmp_path / "briefing")
    theme = tmp_path / "odd.yaml"
    theme.write_text('name: odd\nprimary: "#336699"\ndark: true\nvariables:\n  banner-background: "#000000"\nbogus: 1\n',
                     encoding="utf-8")
    parsed = read_theme_file(theme, "user")
    assert parsed.diagnostics, "an unknown key: a diagnostic to keep"
    key = next(key for key in theme_files_parsed_this_run() if key[0] == str(theme))
    assert store_theme_files(folder, {key: parsed})
    assert stored_theme_files(folder) == {key: parsed}


def test_a_damaged_theme_entry_is_ignored(tmp_path):
    from briefing.cache.themes import ENTRY_NAME, stored_theme_files

    folder = CacheFolder(tmp_path / "briefing")
    assert folder.write(ENTRY_NAME, b'{"identity": 1, "files": [[1, 2]]}')
    assert stored_theme_files(folder) == {}


async def test_the_app_stores_its_cold_load_after_the_first_paint_and_a_warm_app_shows_the_same(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = CacheFolder.default()
    label = str(EXAMPLE_DECK)
    cold = start(label)
    assert not cold.warm
    app = BriefingApp(EXAMPLE_DECK, cold.result, show_clock=False, after_first_paint=cold.store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        cold_screen = screen_text(app)
    assert (folder.path / entry_name(label)).exists()
    warm = start(label)
    assert warm.warm and warm.load_cache is None
    app = BriefingApp(EXAMPLE_DECK, warm.result, show_clock=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert screen_text(app) == cold_screen
        await pilot.press("right")
        await settle(pilot)
        assert "Brief 2/" in screen_text(app)


@pytest.mark.parametrize("change", ["edit", "new include"])
def test_a_start_after_a_change_loads_afresh_and_stores_again(tmp_path, monkeypatch, change):
    deck = tmp_path / "talk" / "deck.yaml"
    deck.parent.mkdir()
    deck.write_text('format: 1\ntitle: One\ninclude: ["*.part.yaml"]\n', encoding="utf-8")
    (deck.parent / "a.part.yaml").write_text("incidents: [{id: a, title: A}]\n", encoding="utf-8")
    folder = CacheFolder(tmp_path / "cache" / "briefing")
    start(deck, folder).store()
    assert start(deck, folder).warm
    if change == "edit":
        deck.write_text('format: 1\ntitle: Two\ninclude: ["*.part.yaml"]\n', encoding="utf-8")
    else:
        (deck.parent / "b.part.yaml").write_text("incidents: [{id: b, title: B}]\n", encoding="utf-8")
    again = start(deck, folder)
    assert not again.warm
    assert again.result == load_deck(deck)
    again.store()
    assert stored_load(deck, folder).result == load_deck(deck)


def test_the_cache_imports_nothing_of_the_ui():
    script = (
        "import sys\n"
        "import briefing.cache.start, briefing.cache.decks, briefing.cache.themes, briefing.cache.folder\n"
        "print(sorted(m for m in sys.modules if m.startswith('briefing.ui')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


WARM_APP = """
import asyncio, json, sys
from briefing.cache.start import start
from briefing.ui.app import BriefingApp

async def main():
    starting = start(sys.argv[1])
    app = BriefingApp(sys.argv[1], starting.result, show_clock=False, watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        while not app.session.following:
            await pilot.pause(0.05)
        await asyncio.sleep(0.5)
        await pilot.pause()
        print(json.dumps({"warm": starting.warm, "yaml": "yaml" in sys.modules, "loader": "briefing.deck.loader" in sys.modules}))

asyncio.run(main())
"""


def test_a_warm_start_following_its_files_imports_the_loader_only_when_a_file_changes(tmp_path):
    run_start(EXAMPLE_DECK, tmp_path)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", WARM_APP, str(EXAMPLE_DECK)], capture_output=True, text=True,
                          env=env, check=True, timeout=120)
    assert json.loads(done.stdout.splitlines()[-1]) == {"warm": True, "yaml": False, "loader": False}
