"""The blanked screen: the classification banner alone, as a projector's 'black screen'.

`b` or `.` (what presentation remotes send for their blank button) on any screen shows
it; `b`, `.` or escape go back to exactly what was there. While blank no other key acts,
so nothing moves unseen behind it.

A whole screen, not a window: a window lets the screen under it show through wherever
its background is the terminal's own (the 16-colour and NO_COLOR themes), and a blank
must hide everything.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen

from .window import BANNER_DOCKS, banners


class BlankScreen(Screen[None]):
    DEFAULT_CSS = BANNER_DOCKS.format(screen="BlankScreen") + """
    BlankScreen KeyHints { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.set_blank(False)", "Back from the blank screen")]

    def compose(self) -> ComposeResult:
        yield from banners(self.app)
