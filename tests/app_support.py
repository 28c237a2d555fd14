"""Shared helpers for the app's pilot, snapshot and end-to-end tests."""

from __future__ import annotations

import io
from pathlib import Path

from paths import EXAMPLE_DECK, EXAMPLE_FOLDER, EXAMPLE_GROUP_ORDER, EXAMPLE_MATRIX_ORDER, EXERCISE_DECK, REPO  # noqa: F401 - re-exported for the UI tests
from rich.console import Console
from textual.worker import WorkerCancelled

from briefing.deck import load_deck
from briefing.ui.app import BriefingApp


async def settle(pilot) -> None:
    """Let index builds, queries and fetches (thread workers) finish and their results land.

    A query superseded by a newer one is cancelled (the workers are exclusive): that is
    the screen working as meant, so a cancelled worker is waited past, not an error."""
    for _ in range(4):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()


def example_app(**options) -> BriefingApp:
    """The bundled deck in an app with no ticking clock, so pictures are stable."""
    return deck_app(EXAMPLE_DECK, **options)


def deck_app(path: Path, **options) -> BriefingApp:
    result = load_deck(path)
    assert result.ok, "\n".join(str(d) for d in result.errors)
    options.setdefault("show_clock", False)
    return BriefingApp(path, result, **options)


def screen_text(app: BriefingApp) -> str:
    """The screen as a person reads it: plain characters, no styles."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system="truecolor", record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=False)


def screen_ansi(app: BriefingApp) -> str:
    """The screen with its escape sequences, to check what would reach the terminal."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system="truecolor", record=True)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text(styles=True)
