"""The line above the country list: the text filter, the group filter and the marks."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static


class FilterBar(Horizontal):
    """Typing filters at once; enter, down or escape hand the keys back to the list."""

    DEFAULT_CSS = """
    FilterBar { height: 1; background: $panel; }
    FilterBar #filter-input { width: 1fr; height: 1; border: none; padding: 0 1; background: $boost; }
    FilterBar #filter-input:focus { background: $primary 30%; }
    FilterBar #filter-group { width: auto; padding: 0 1; color: $accent; }
    FilterBar #filter-marks { width: auto; padding: 0 1; color: $warning; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,down", "done", "Back to the list", show=False),
    ]

    class Changed(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Done(Message):
        """The presenter left the filter input."""

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder="f: filter by code, name or group",
            id="filter-input",
            compact=True,
        )
        yield Static(id="filter-group")
        yield Static(id="filter-marks")

    def on_mount(self) -> None:
        self.input.cursor_blink = False

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def text(self) -> str:
        return self.input.value

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())

    def action_done(self) -> None:
        self.post_message(self.Done())

    def show_state(
        self, group: str | None, marked: list[str], shown: int, total: int
    ) -> None:
        """'NATO · 9/15' and 'marked EE PL'; group names and codes are deck text."""
        count = f"{shown}/{total}" if shown != total else f"{total}"
        self.query_one("#filter-group", Static).update(
            Content(f"{group or 'all'} · {count}")
        )
        marks = self.query_one("#filter-marks", Static)
        marks.display = bool(marked)
        marks.update(Content(f"marked {' '.join(marked)}" if marked else ""))
