"""Speaker notes for the current slide: only ever shown with --notes."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static


class NotesPane(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    NotesPane { border-left: vkey $secondary; padding: 0 1; width: 40; background: $boost; }
    NotesPane.-below { border-left: none; border-top: hkey $secondary; width: 100%; height: 8; }
    NotesPane #notes-heading { text-style: bold; color: $secondary; }
    NotesPane Markdown { margin: 0; padding: 0; }
    """

    def show_notes(self, notes: str | None) -> None:
        self.remove_children()
        self.mount(Static(Content("Speaker notes"), id="notes-heading"))
        self.mount(Markdown(notes, open_links=False) if notes else Static(Content("No notes for this slide.")))
