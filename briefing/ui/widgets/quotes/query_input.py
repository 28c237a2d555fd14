"""The query box's input: typing edits the query, the list keys move through results.

The cursor never leaves the box while the presenter looks for a quote, so the keys a
one-line input does not need (up, down, page up/down, home, end) steer the result list
instead; the text cursor still has ctrl+a / ctrl+e for start and end.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.highlighter import Highlighter
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

STEERING_KEYS = ("up", "down", "pageup", "pagedown", "home", "end", "enter")


def _text_bindings() -> list[BindingType]:
    """Input's own bindings without the keys that steer the results."""
    kept: list[BindingType] = []
    for binding in Input.BINDINGS:
        assert isinstance(binding, Binding)
        keys = [key for key in binding.key.split(",") if key.strip() not in STEERING_KEYS]
        if keys:
            kept.append(replace(binding, key=",".join(keys)))
    return kept


class ErrorSpan(Highlighter):
    """Underlines the part of the query an error is about (``span`` is set by the box)."""

    def __init__(self) -> None:
        self.span: tuple[int, int] | None = None

    def highlight(self, text: Text) -> None:
        if self.span is not None:
            start, end = self.span
            text.stylize("bold underline", start, max(end, start + 1))


class QueryInput(Input, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        *_text_bindings(),
        Binding("up", "steer('cursor_up')", "Choose", tooltip="Previous result", key_display="↑↓"),
        Binding("down", "steer('cursor_down')", "Next result", show=False),
        Binding("enter", "submit", "Open", tooltip="Open the chosen quote"),
        Binding("pageup", "steer('page_up')", "Page up the results", show=False),
        Binding("pagedown", "steer('page_down')", "Page down the results", show=False),
        Binding("home", "steer('first')", "First result", show=False),
        Binding("end", "steer('last')", "Last result", show=False),
        Binding("ctrl+y", "steer('copy')", "Copy", tooltip="Copy the quote with its attribution"),
        Binding("escape", "steer('leave')", "List", tooltip="Leave the box for the list"),
    ]
    """The keys that steer the results are shown in the key hints: typing takes every other
    key (`?`, `/`, `q` are text here), so the hints line would otherwise be empty."""

    class Steer(Message):
        """A key for the results was pressed in the box: ``action`` names what to do."""

        def __init__(self, action: str) -> None:
            super().__init__()
            self.action = action

    def __init__(self, **kwargs) -> None:
        self.error_span = ErrorSpan()
        super().__init__(highlighter=self.error_span, **kwargs)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """`/` is typed here too (dates: 22/09/2025); Textual cannot tell that from the key
        name alone, and would otherwise list the app's `/` binding as usable in the box."""
        return key == "slash" or super().check_consume_key(key, character)

    def action_steer(self, action: str) -> None:
        self.post_message(self.Steer(action))

    def show_error_span(self, span: tuple[int, int] | None) -> None:
        if span != self.error_span.span:
            self.error_span.span = span
            self.refresh()
