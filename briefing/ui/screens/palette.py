"""The command palette with the deck's banners: it covers the screen an audience sees.

Its list is kept shorter than Textual's (which overlays the whole screen) so that it ends
above the bottom banner."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.command import CommandInput, CommandPalette

from .window import BANNER_DOCKS, banners


class BannerPalette(CommandPalette):
    DEFAULT_CSS = BANNER_DOCKS.format(screen="BannerPalette") + """
    BannerPalette CommandList { max-height: 60vh; }
    """

    def compose(self) -> ComposeResult:
        yield from banners(self.app)
        yield from super().compose()

    def on_mount(self) -> None:
        """No blinking cursor: nothing on a projected screen moves by itself."""
        self.query_one(CommandInput).cursor_blink = False
