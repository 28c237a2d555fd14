"""Speaker notes for the current slide: only ever shown with --notes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static

NO_NOTES = "*No notes for this slide.*"


class NotesPane(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    NotesPane { border-left: vkey $secondary; padding: 0 1; width: 40; background: $boost; }
    NotesPane.-below { border-left: none; border-top: hkey $secondary; width: 100%; height: 8; }
    NotesPane #notes-heading { text-style: bold; color: $text-accent; }
    NotesPane Markdown { margin: 0; padding: 0; }
    NotesPane Markdown > MarkdownBlock:last-child { margin-bottom: 0; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Content("Speaker notes"), id="notes-heading")
        yield Markdown(NO_NOTES, open_links=False, id="notes-text")

    def show_notes(self, notes: str | None) -> None:
        self.query_one("#notes-text", Markdown).update(notes or NO_NOTES)
        self.scroll_home(animate=False)
