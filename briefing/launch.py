"""Starting an app from a command: the themes it starts with, and its exit status.

Apart from `commands.py` so that `briefing follow`, which presents a deck it receives on a
socket, never imports the deck loader (and PyYAML's deck reading with it).
"""

from __future__ import annotations

import sys

from .deck.result import LoadResult
from .exits import EXIT_OK


def run_app(app, **options) -> int:
    """Run the app; its exit status, non-zero after a crash (whose report goes to stderr)."""
    return app_status(app, app.run(**options))


async def run_app_async(app, **options) -> int:
    """`run_app` on a running event loop (a follower's, already connected to the presenter)."""
    return app_status(app, await app.run_async(**options))


def app_status(app, code) -> int:
    if app.crash:
        sys.stderr.write(app.crash + "\n")
    if app.return_code:  # a crash: Textual sets 1 while run() returns None
        return app.return_code
    return code if isinstance(code, int) else EXIT_OK


def start_themes(cli_theme: str | None, result: LoadResult | None, *, watch: bool = True):
    """The themes to start the app with (`--theme`, then the deck's, the user's, the terminal's).

    A `--theme` that names no usable theme is a usage error: its message (and the theme
    file's errors, if it has any) go to stderr and the result is None, before any screen.
    """
    from .themes.choice import ThemeChoiceError
    from .themes.request import ThemeRequest, choose_themes

    deck = result.deck if result is not None else None
    try:
        return choose_themes(ThemeRequest.for_deck(cli_theme, deck), watch=watch)
    except ThemeChoiceError as error:
        sys.stderr.write(f"briefing: {error}\n")
        for diagnostic in error.diagnostics:
            sys.stderr.write(f"{diagnostic}\n")
        return None
