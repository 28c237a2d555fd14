"""Speaker notes for the current slide: only ever shown with --notes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...markdown_text import markdown_renderable

NO_NOTES = "No notes for this slide."


class NotesPane(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    NotesPane { border-left: vkey $secondary; padding: 0 1; width: 40; background: $boost; }
    NotesPane.-below { border-left: none; border-top: hkey $secondary; width: 100%; height: 8; }
    NotesPane #notes-heading { text-style: bold; color: $text-accent; }
    NotesPane #notes-text.-empty { text-style: italic; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Content("Speaker notes"), id="notes-heading")
        yield Static(Text(NO_NOTES), id="notes-text", classes="-empty")

    def show_notes(self, notes: str | None) -> None:
        text = self.query_one("#notes-text", Static)
        text.set_class(not notes, "-empty")
        text.update(markdown_renderable(notes) if notes else Text(NO_NOTES))
        self.scroll_home(animate=False)
