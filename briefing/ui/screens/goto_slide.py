"""A one-line prompt for jumping straight to a slide by its number."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from .window import WindowScreen


class GotoSlideScreen(WindowScreen[int | None]):
    """Type a slide number and press enter; escape cancels."""

    DEFAULT_CSS = """
    GotoSlideScreen { align: center middle; }
    GotoSlideScreen > Vertical { width: 40; height: auto; border: round $accent; background: $surface; padding: 0 1; }
    GotoSlideScreen Input { width: 100%; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, slide_count: int, initial: str = "") -> None:
        super().__init__()
        self.slide_count = slide_count
        self.initial = initial

    def compose_window(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(f"Go to slide (1–{self.slide_count})"))
            yield Input(self.initial, restrict=r"[0-9]*", max_length=6, id="slide-number", select_on_focus=False)

    def on_mount(self) -> None:
        self.query_one(Input).cursor_blink = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        number = int(event.value) if event.value else 0
        self.dismiss(number if 1 <= number <= self.slide_count else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
