"""File names with escape sequences never reach the terminal: validate, the error bar, the picker, notices.

The names are real files: `$'\\e]0;PWNED\\a\\e[41mRED.yaml'` retitles a terminal and paints it red
if printed raw. Each path is shown with the escapes visible (`\\x1b]0;PWNED\\x07…`), so it can
still be found.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app_support import REPO, screen_ansi, screen_text

from briefing.deck import load_deck
from briefing.ui.app import BriefingApp
from briefing.ui.screens.picker import PickerScreen
from briefing.ui.widgets.error_bar import ErrorBar

HOSTILE = "\x1b]0;PWNED\x07\x1b[41mRED.yaml"
SHOWN = "\\x1b]0;PWNED\\x07\\x1b[41mRED.yaml"
RAW_MARKERS = ("\x1b]0;PWNED", "\x1b[41m", "\x07")


def _deck_with_bad_include(folder: Path) -> Path:
    deck = folder / "deck.yaml"
    deck.write_text("title: Hostile include\ninclude: ['*RED.yaml']\n", encoding="utf-8")
    (folder / HOSTILE).write_text("quotes:\n  - id: q\n    by: nobody\n    text: x\n", encoding="utf-8")
    return deck


def test_validate_prints_a_hostile_include_name_with_visible_escapes(tmp_path: Path):
    _deck_with_bad_include(tmp_path)
    run = subprocess.run([sys.executable, "-m", "briefing", "validate", "deck.yaml"], cwd=tmp_path, capture_output=True, timeout=60, check=False,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)})
    out = run.stdout.decode("utf-8")
    assert run.returncode == 1
    assert out == f"{SHOWN}:3:9: error: unknown person 'nobody' (declare it under people:)\n"
    assert not any(marker in out for marker in RAW_MARKERS)


def test_a_diagnostic_and_its_place_print_the_path_escaped(tmp_path: Path, monkeypatch):
    _deck_with_bad_include(tmp_path)
    monkeypatch.chdir(tmp_path)
    [error] = load_deck("deck.yaml").errors
    assert error.place.path == HOSTILE  # kept as is: the editor opens the real file
    assert str(error.place) == f"{SHOWN}:3:9"
    assert str(error).startswith(SHOWN)


async def test_the_error_bar_shows_a_hostile_path_escaped(tmp_path: Path, monkeypatch):
    deck = _deck_with_bad_include(tmp_path)
    monkeypatch.chdir(tmp_path)
    good = tmp_path / "good.yaml"
    good.write_text("title: Good\n", encoding="utf-8")
    app = BriefingApp(good, load_deck(good), show_clock=False)
    async with app.run_test(size=(100, 24)) as pilot:
        app.apply_load_result(load_deck(deck.name))
        await pilot.pause()
        assert app.screen.query_one(ErrorBar).display
        assert SHOWN[:30] in screen_text(app)
        assert not any(marker in screen_ansi(app) for marker in ("PWNED\x07", "\x1b]0;"))


async def test_the_picker_and_its_notice_show_hostile_names_escaped(tmp_path: Path):
    (tmp_path / HOSTILE).write_text("title: x\nnope: 1\n", encoding="utf-8")
    app = BriefingApp(folder=tmp_path, show_clock=False)
    async with app.run_test(size=(120, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, PickerScreen)
        for _ in range(200):
            if screen.choices:
                break
            await pilot.pause(0.02)
        await pilot.press("enter")
        await pilot.pause()
        assert "\\x1b]0;PWNED" in screen_text(app)
        messages = [str(n.message) for n in app._notifications]
        assert messages and all("\\x1b]0;PWNED" in m and not any(k in m for k in RAW_MARKERS) for m in messages)


async def test_every_notice_is_cleaned_of_escape_sequences(tmp_path: Path):
    good = tmp_path / "good.yaml"
    good.write_text("title: Good\n", encoding="utf-8")
    app = BriefingApp(good, load_deck(good), show_clock=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.notify(f"Live reload stopped: cannot watch {HOSTILE}\nsecond line", title=f"in {HOSTILE}", markup=False)
        await pilot.pause()
        [notice] = list(app._notifications)
        assert notice.message == f"Live reload stopped: cannot watch {SHOWN}\nsecond line"
        assert notice.title == f"in {SHOWN}"
