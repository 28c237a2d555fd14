"""The blanked screen: the classification banner alone, as a projector's 'black screen'.

`b` or `.` (what presentation remotes send for their blank button) on any screen shows
it; `b`, `.` or escape go back to exactly what was there. While blank no other key acts,
so nothing moves unseen behind it.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from .window import WindowScreen


class BlankScreen(WindowScreen[None]):
    DEFAULT_CSS = """
    BlankScreen { background: $background; }
    BlankScreen KeyHints { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.set_blank(False)", "Back from the blank screen")]

    def compose_window(self) -> ComposeResult:
        return iter(())
