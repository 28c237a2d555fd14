"""The lean output is exact: a whole session, replayed into two terminal emulators, one fed
what Textual wrote and one what the lean output sent, shows the same cells after every frame.

The session: start, slide steps, every screen 1-6 and a step on each, help, the palette, a
quote search, a theme change, a reload of an edited deck, blanking, and two resizes. It runs
once with frames bracketed as synchronized updates (terminals that report mode 2026) and
once without, in truecolor and in 16 colours.
"""

from __future__ import annotations

import shutil
import time

import pytest
from app_support import EXAMPLE_DECK, deck_app, screen_text, settle
from emulator_support import EmulatedTerminal, first_differences

from briefing.ui.output.lean_output import SYNC_START
from briefing.ui.output.recording import RecordedFrame, RecordingDriver, SynchronizedRecordingDriver

SIZE = (100, 30)


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def wait_for_text(pilot, text: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while text not in screen_text(pilot.app):
        if time.monotonic() > deadline:
            raise AssertionError(f"{text!r} never appeared:\n{screen_text(pilot.app)}")
        await pilot.pause(0.02)


async def a_whole_session(pilot, deck_file) -> None:
    await settle(pilot)
    await press(pilot, "right", "right", "space", "left", "end", "home")
    for screen_key, step_keys in (("2", ("right", "right")), ("3", ("down", "down")), ("4", ("right", "down")),
                                  ("5", ("down", "down")), ("6", ("down", "enter")), ("1", ("right",))):
        await press(pilot, screen_key, *step_keys)
    await press(pilot, "question_mark", "escape", "slash")
    for letter in "drone":
        await press(pilot, letter)
    await press(pilot, "escape", "escape", "1", "ctrl+p", "escape", "t", "right", "t")
    deck_file.write_text(deck_file.read_text(encoding="utf-8").replace("title: Airspace incursions", "title: Edited incursions", 1), encoding="utf-8")
    await press(pilot, "home", "r")
    await wait_for_text(pilot, "Edited incursions")
    await press(pilot, "b", "period", "right")
    await pilot.resize_terminal(80, 24)
    await press(pilot, "right", "2", "left")
    await pilot.resize_terminal(*SIZE)
    await press(pilot, "1", "left")


async def recorded_session(tmp_path, driver_class) -> list[RecordedFrame]:
    folder = tmp_path / "deck"
    shutil.copytree(EXAMPLE_DECK.parent, folder)
    app = deck_app(folder / "deck.yaml")
    app.driver_class = driver_class
    async with app.run_test(headless=False, size=SIZE) as pilot:
        await a_whole_session(pilot, folder / "deck.yaml")
        driver = app._driver
    return driver.frames


def replay_side_by_side(frames: list[RecordedFrame]) -> None:
    """Feed both outputs frame by frame; the screens and cursors match after every one."""
    textual, lean = EmulatedTerminal(*SIZE), EmulatedTerminal(*SIZE)
    for number, frame in enumerate(frames):
        if frame.size != textual.size:
            textual.resize(*frame.size)
            lean.resize(*frame.size)
        textual.feed(frame.textual)
        lean.feed(frame.lean)
        differences = first_differences(textual, lean)
        assert not differences, f"frame {number} of {len(frames)} differs:\n" + "\n".join(differences)
        assert textual.cursor() == lean.cursor(), f"frame {number}: cursor"


@pytest.mark.parametrize("driver_class", [RecordingDriver, SynchronizedRecordingDriver], ids=["plain", "synchronized"])
@pytest.mark.parametrize("colours", ["truecolor", "standard"])
async def test_every_frame_of_a_session_shows_the_same_cells_as_textuals_output(tmp_path, monkeypatch, driver_class, colours):
    monkeypatch.setattr("textual.constants.COLOR_SYSTEM", colours)
    frames = await recorded_session(tmp_path, driver_class)
    assert len(frames) > 40, "the session drew too few frames to say anything"
    if driver_class.synchronized:
        assert any(SYNC_START in frame.textual for frame in frames) and any(SYNC_START in frame.lean for frame in frames)
    replay_side_by_side(frames)
    textual_bytes = sum(len(frame.textual.encode()) for frame in frames)
    lean_bytes = sum(len(frame.lean.encode()) for frame in frames)
    assert lean_bytes < textual_bytes / 2
