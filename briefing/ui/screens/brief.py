"""The brief: a title slide, then one slide per incident, with progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll

from ...deck.model import Deck, Incident, Item
from ..widgets.brief.incident_slide import IncidentSlide
from ..widgets.brief.notes_pane import NotesPane
from ..widgets.brief.title_slide import TitleSlide
from .base import DeckScreen
from .goto_slide import GotoSlideScreen

NOTES_BESIDE_MIN_WIDTH = 100


class BriefScreen(DeckScreen):
    SCREEN_NAME = "brief"
    HANDLES = (Incident,)
    CSS_PATH = "brief.tcss"

    BINDINGS = [
        Binding("right,space,n,l", "next_slide", "Next", priority=True),
        Binding("left,p,h", "previous_slide", "Prev", priority=True),
        Binding("g,home", "first_slide", "First", show=False, priority=True),
        Binding("G,end", "last_slide", "Last", show=False, priority=True),
        Binding("colon", "goto_slide", "Go to slide", key_display=":", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.slide_index = 0

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="brief-body"):
            yield VerticalScroll(id="slide")
            if self.briefing.show_notes:
                yield NotesPane(id="notes")

    def on_mount(self) -> None:
        super().on_mount()
        self._render_slide()
        self.query_one("#slide").focus()

    def on_resize(self) -> None:
        narrow = self.size.width < NOTES_BESIDE_MIN_WIDTH
        self.query_one("#brief-body").set_class(narrow, "-stacked")
        for pane in self.query(NotesPane):
            pane.set_class(narrow, "-below")

    @property
    def slide_count(self) -> int:
        return 1 + len(self.deck.incidents)

    def current_item(self) -> Item | None:
        return self.deck.incidents[self.slide_index - 1] if self.slide_index > 0 else None

    def focus_item(self, item: Item) -> bool:
        for number, incident in enumerate(self.deck.incidents, start=1):
            if incident.id == getattr(item, "id", None):
                self.go_to(number)
                return True
        return False

    def show_deck(self, deck: Deck) -> None:
        current = self.current_item()
        self.slide_index = self._index_after_reload(deck, current)
        self._render_slide(keep_scroll=True)

    def _index_after_reload(self, deck: Deck, current: Item | None) -> int:
        """The same incident by id; if it was deleted, its neighbour in deck order."""
        if current is None:
            return 0
        ids = [incident.id for incident in deck.incidents]
        if current.id in ids:
            return ids.index(current.id) + 1
        return min(self.slide_index, len(ids))

    def go_to(self, index: int) -> None:
        index = max(0, min(index, self.slide_count - 1))
        if index != self.slide_index:
            self.slide_index = index
            self._render_slide()

    def action_next_slide(self) -> None:
        self.go_to(self.slide_index + 1)

    def action_previous_slide(self) -> None:
        self.go_to(self.slide_index - 1)

    def action_first_slide(self) -> None:
        self.go_to(0)

    def action_last_slide(self) -> None:
        self.go_to(self.slide_count - 1)

    def action_goto_slide(self) -> None:
        def jump(number: int | None) -> None:
            if number is not None:
                self.go_to(number - 1)

        self.app.push_screen(GotoSlideScreen(self.slide_count), jump)

    def _render_slide(self, keep_scroll: bool = False) -> None:
        scroll = self.query_one("#slide", VerticalScroll)
        scroll_y = scroll.scroll_y
        incident = self.current_item()
        slide = TitleSlide(self.deck) if incident is None else IncidentSlide(self.deck, incident)
        with self.app.batch_update():
            scroll.remove_children()
            scroll.mount(slide)
            if keep_scroll:
                scroll.call_after_refresh(scroll.scroll_to, y=scroll_y, animate=False)
            else:
                scroll.scroll_home(animate=False)
            for pane in self.query(NotesPane):
                pane.show_notes(incident.notes if isinstance(incident, Incident) else None)
        self.show_location(f"Brief {self.slide_index + 1}/{self.slide_count}")
