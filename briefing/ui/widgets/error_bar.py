"""The error bar: the first problems of an invalid save, while the last good deck stays up."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ...deck.model import Diagnostic

SHOWN_ERRORS = 3


class ErrorBar(Static):
    """Shows the first errors at file:line:col; hidden when the deck is valid."""

    DEFAULT_CSS = """
    ErrorBar {
        height: auto;
        max-height: 5;
        width: 100%;
        background: $error 30%;
        color: $foreground;
        padding: 0 1;
        display: none;
    }
    """

    def __init__(self, errors: tuple[Diagnostic, ...] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        if errors:
            self.show_errors(errors)

    def show_errors(self, errors: tuple[Diagnostic, ...]) -> None:
        self.display = bool(errors)
        if not errors:
            self.update("")
            return
        lines = [str(d) for d in errors[:SHOWN_ERRORS]]
        more = len(errors) - SHOWN_ERRORS
        heading = f"Deck not reloaded: {len(errors)} error{'s' if len(errors) != 1 else ''} (e: edit at the first; showing the last good deck)"
        if more > 0:
            lines.append(f"… and {more} more (briefing validate lists them all)")
        self.update(Content("\n".join([heading, *lines])))
