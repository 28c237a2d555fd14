"""The query box: the input, and under it how many quotes match or what is wrong.

The keys that steer the results from the box are named in the hints line at the bottom."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from .query_input import QueryInput

PLACEHOLDER = 'type to search: words "a phrase" by: country: about: source: after: before: -word'


class QueryBox(Vertical):
    """A prompt and input on one line; the status (count or error) on the next."""

    DEFAULT_CSS = """
    QueryBox { height: auto; }
    QueryBox #query-line { height: 1; background: $boost; }
    QueryBox #query-prompt { width: auto; padding: 0 0 0 1; margin: 0 1 0 0; color: $accent; text-style: bold; }
    QueryBox QueryInput { width: 1fr; height: 1; border: none; padding: 0 1; background: $boost; }
    QueryBox QueryInput:focus { background: $primary 20%; }
    QueryBox #query-status-line { height: auto; }
    QueryBox #query-status { width: 1fr; height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    QueryBox #query-status.-error { color: $error; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        with Horizontal(id="query-line"):
            yield Static("/", id="query-prompt")
            yield QueryInput(placeholder=PLACEHOLDER, id="query-input", compact=True)
        with Horizontal(id="query-status-line"):
            yield Static(id="query-status")

    def on_mount(self) -> None:
        self.input.cursor_blink = False

    @property
    def input(self) -> QueryInput:
        return self.query_one(QueryInput)

    @property
    def text(self) -> str:
        return self.input.value

    def show_status(self, text: str) -> None:
        """A count or progress; clears any error."""
        status = self.query_one("#query-status", Static)
        status.remove_class("-error")
        self.remove_class("-error")
        status.update(Content(text))
        self.input.show_error_span(None)

    def show_error(self, message: str, span: tuple[int, int] | None) -> None:
        """What is wrong with the query, marked in the input too; results stay as they were."""
        status = self.query_one("#query-status", Static)
        status.add_class("-error")
        self.add_class("-error")
        status.update(Content(f"✘ {message} (last results kept)"))
        self.input.show_error_span(span)
