"""End to end: `briefing deck.yaml` in tmux follows saves made the three main ways editors save."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from app_support import EXAMPLE_DECK
from tmux_support import TmuxTerminal, briefing_command, needs_tmux

pytestmark = [needs_tmux, pytest.mark.e2e]

ROMANIA_TITLE = "Russian drone tracked over Romania for 50 minutes"
ERROR_HEADING = "Deck not reloaded"
QUIET_AFTER = 0.6
"""Seconds the screen is still watched after the new text shows: longer than the grace period
a failed load waits, so an error a half-written save caused would have shown by then."""


def save_in_place(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def save_by_rename(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def save_truncate_then_write(path: Path, text: str) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(0)
        handle.flush()
        time.sleep(0.05)
        handle.write(text.encode("utf-8"))


SAVES = {"in place": save_in_place, "rename": save_by_rename, "truncate": save_truncate_then_write}


def watch_screen(term: TmuxTerminal, wanted: str, timeout: float = 10.0) -> list[str]:
    """Every screen seen until `wanted` shows and QUIET_AFTER seconds more."""
    screens: list[str] = []
    deadline = time.monotonic() + timeout
    shown_at = None
    while True:
        screen = term.screen()
        screens.append(screen)
        now = time.monotonic()
        if shown_at is None and wanted in screen:
            shown_at = now
        if shown_at is not None and now - shown_at > QUIET_AFTER:
            return screens
        if now > deadline:
            raise AssertionError(f"{wanted!r} never showed; the screen is:\n{screen}")
        time.sleep(0.01)


def test_saves_of_every_kind_show_on_the_same_slide_without_an_error(tmp_path):
    shutil.copytree(EXAMPLE_DECK.parent, tmp_path, dirs_exist_ok=True)
    deck = tmp_path / "deck.yaml"
    original = deck.read_text(encoding="utf-8")
    with TmuxTerminal(briefing_command("deck.yaml"), cwd=tmp_path) as term:
        term.wait_for("Brief 1/5")
        term.send("Right", "Right")
        term.wait_for(ROMANIA_TITLE)
        assert "Brief 3/5" in term.screen()
        time.sleep(0.3)  # the follower reads the files once the app is up
        for number, (kind, save) in enumerate(SAVES.items(), start=1):
            title = f"Romania save {number} ({kind})"
            save(deck, original.replace(ROMANIA_TITLE, title))
            screens = watch_screen(term, title)
            final = screens[-1]
            assert "Brief 3/5" in final, f"{kind}: the slide moved:\n{final}"
            assert title in final
            flashes = [screen for screen in screens if ERROR_HEADING in screen]
            assert not flashes, f"{kind}: an error showed mid-save:\n{flashes[0]}"
        term.send("q")
        term.wait_exit()
