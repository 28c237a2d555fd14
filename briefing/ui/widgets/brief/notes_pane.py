"""Speaker notes for the current slide or entry: only ever shown with --notes.

The pane is the presenter's, so it also says where the item is written (file:line:col):
a projected screen never names a local file, the presenter may want to.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ....deck.model import Place
from ....deck.text import printable
from ...markdown_text import markdown_renderable

NO_NOTES = "No notes for this slide."


class NotesPane(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    NotesPane { border-left: vkey $secondary; padding: 0 1; width: 40; background: $boost; }
    NotesPane.-below { border-left: none; border-top: hkey $secondary; width: 100%; height: 8; }
    NotesPane #notes-heading { text-style: bold; color: $text-accent; }
    NotesPane #notes-text.-empty { text-style: italic; color: $text-muted; }
    NotesPane #notes-place { color: $text-muted; margin: 1 0 0 0; }
    """

    def __init__(self, *, empty_text: str = NO_NOTES, folder: Path | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.empty_text = empty_text
        self.folder = folder
        """The deck's folder: places in it are named from there ('deck.yaml:188:5')."""

    def compose(self) -> ComposeResult:
        yield Static(Content("Speaker notes"), id="notes-heading")
        yield Static(Text(self.empty_text), id="notes-text", classes="-empty")
        yield Static(id="notes-place")

    def show_notes(self, notes: str | None, place: Place | None = None) -> None:
        text = self.query_one("#notes-text", Static)
        text.set_class(not notes, "-empty")
        text.update(markdown_renderable(notes) if notes else Text(self.empty_text))
        where = self.query_one("#notes-place", Static)
        where.display = place is not None
        where.update(Content(f"at {self.place_text(place)}" if place is not None else ""))
        self.scroll_home(animate=False)

    def place_text(self, place: Place) -> str:
        path = Path(place.path)
        if self.folder is not None and path.is_relative_to(self.folder):
            path = path.relative_to(self.folder)
        return f"{printable(str(path))}:{place.line}:{place.column}"
