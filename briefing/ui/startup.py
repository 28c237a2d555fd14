"""The start-up work-arounds: everything that touches Textual's private members, in one place.

Each saves work before the first paint (see docs/benchmarks.md) by doing what Textual
would do, minus a pass that nothing needs yet. They rely on names Textual does not
promise to keep: `TEXTUAL_PRIVATE_MEMBERS` lists them, and a test fails with a clear
message when an upgrade renames one. The start-up pause of Python's cyclic collector is
here too: `briefing` pauses it before importing the app and the app resumes it after the
first paint.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

TEXTUAL_PRIVATE_MEMBERS: tuple[tuple[str, str], ...] = (
    ("textual.app.App", "_css_update_count"),
    ("textual.screen.Screen", "_css_update_count"),
    ("textual.app.App", "_refresh_truecolor_filter"),
)
"""(class, attribute) pairs this module uses that are not Textual's public API."""


def mark_styled(screen: Screen) -> Screen:
    """Mark a new screen as styled by the current stylesheet, which it will be when mounted.

    Textual compares a new mode's screen with the app's CSS generation and, finding it
    unset, restyles the whole app twice (once creating the mode, once switching to it): a
    full pass over every widget of every screen each time a screen first opens, two of them
    before the first paint. The screen is styled at mount like any widget, so the count it
    would get from those passes is set here instead.
    """
    screen._css_update_count = screen.app._css_update_count
    return screen


def show_theme_before_start(app: App, name: str) -> None:
    """Make `name` the app's theme before Textual has parsed any CSS.

    Setting `App.theme` on mount, the usual way, parses the whole stylesheet again and
    restyles every widget before the first paint (two passes of about 10 ms each here);
    set in the constructor, the first parse already has the theme's variables. This does
    what Textual's theme watcher does, minus the refresh that nothing needs yet.
    """
    app.set_reactive(type(app).theme, name)
    theme = app.current_theme
    classes = {cls: False for cls in app.classes if cls.startswith("-theme-")}
    classes.update({f"-theme-{theme.name}": True, "-dark-mode": theme.dark, "-light-mode": not theme.dark})
    app.update_classes(classes, update=False)
    app._refresh_truecolor_filter(app.ansi_theme)
    app.stylesheet.set_variables(app.get_css_variables())


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic collector off while the app starts; on again however this is left.

    Start-up allocates a few hundred thousand long-lived objects (modules, styles, the
    deck) and no garbage worth a scan, yet the collector would scan them again and again:
    about 30 ms of the first paint. The app resumes collecting after its first paint
    (`resume_collector`); leaving this block does too, for any other way out.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def resume_collector() -> None:
    """After the first paint: what start-up built lives as long as the app, so it is moved
    out of the collector's sight (`gc.freeze`) before collecting resumes; later collections
    then scan only what the presentation allocates."""
    gc.freeze()
    gc.enable()
