"""What every briefing app shares: no traceback on a crash, notices shown as text, the lean
terminal output and the theme variables briefing's styles use.

`BriefingApp` (a deck, or a follower's copy of one) and `PresenterViewApp` (the presenter
view of a shared presentation) are both `BaseApp`s, and share the presenter's tools too:
help, the theme cycle, the clock and the stopwatch, and the header's sharing words.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from textual.app import App

from ..deck.text import printable, printable_lines

if TYPE_CHECKING:
    from .clock import Stopwatch
    from .theming import Theming


def crash_report(error: BaseException | None) -> str:
    """Two lines for stderr after a crash: what failed, and what to do about it."""
    what = f"{type(error).__name__}: {error}" if error is not None else "unknown error"
    return (f"briefing crashed: {printable(' '.join(what.split()))}\n"
            "hint: a bug in briefing; run again with BRIEFING_DEBUG=1 for the traceback to report")


class BaseApp(App[int]):
    """A Textual app with briefing's manners (see the module docstring)."""

    crash: str | None = None
    """Two lines for the command to print once the terminal is restored, after a crash."""
    stopwatch: Stopwatch
    clock_visible: bool
    theming: Theming
    share_status: str = ""
    """The header's words about sharing: "shared with ops · 3 following", "following alice"."""

    def _fatal_error(self) -> None:
        """An unhandled exception ends the app (Textual sets return code 1). Instead of Rich's
        traceback with locals over the presenter's screen, :attr:`crash` keeps two lines for
        the command to print once the terminal is restored; ``BRIEFING_DEBUG=1`` keeps
        Textual's full traceback for a bug report."""
        if os.environ.get("BRIEFING_DEBUG"):
            super()._fatal_error()
            return
        self.crash = crash_report(self._exception)
        self.bell()
        self._close_messages_no_wait()

    def notify(self, message: str, *, title: str = "", **options) -> None:
        """Every notice, whoever raises it, is shown with control characters made visible:
        notices carry file names and OS errors, and those are not cleaned at load."""
        super().notify(printable_lines(str(message)), title=printable_lines(title), **options)

    def get_driver_class(self):
        """Textual's terminal driver with the lean output in front (ui/output/); off with BRIEFING_LEAN_OUTPUT=0."""
        from .output import choose_driver

        return choose_driver(super().get_driver_class())

    def get_theme_variable_defaults(self) -> dict[str, str]:
        from ..themes.colors import THEME_VARIABLE_DEFAULTS

        return dict(THEME_VARIABLE_DEFAULTS)

    # -- the presenter's tools ----------------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen, getattr(self.screen, "HELP", "")))

    def action_cycle_theme(self) -> None:
        self.theming.cycle()

    def action_toggle_clock(self) -> None:
        self.clock_visible = not self.clock_visible
        self._tick_headers()

    def action_toggle_stopwatch(self) -> None:
        self.stopwatch.toggle()
        self._tick_headers()

    def action_reset_stopwatch(self) -> None:
        self.stopwatch.reset()
        self._tick_headers()

    def _tick_headers(self) -> None:
        from .widgets.frame_header import FrameHeader

        for header in self.screen.query(FrameHeader):
            header.tick()

    def show_share_status(self, text: str) -> None:
        """The header's sharing words; the screen on show now, the others at their next tick."""
        self.share_status = text
        self._tick_headers()
