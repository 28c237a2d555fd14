"""The brief: a title slide, then one slide per incident, with progress."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll

from ...deck.model import Deck, Incident, Item
from ..widgets.brief.notes_pane import NotesPane
from ..widgets.brief.slide import Slide
from .base import DeckScreen
from .goto_slide import GotoSlideScreen

NOTES_BESIDE_MIN_WIDTH = 100


class BriefScreen(DeckScreen):
    SCREEN_NAME = "brief"
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
        self._shown_deck: Deck | None = None
        """The deck the slide was drawn from: on reload, where the presenter was."""
        self._notes_shown: tuple[str | None] | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="brief-body"):
            with VerticalScroll(id="slide"):
                yield Slide(self.deck)
            if self.briefing.show_notes:
                yield NotesPane(id="notes")

    def on_mount(self) -> None:
        self._shown_deck = self.deck
        self.query_one("#slide").focus()

    def initial_location(self) -> str:
        return self._progress()

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
        """The same incident by id (its neighbour if it was deleted).

        On the same incident the slide only gets the new text, so the scroll offset stays
        exactly where the presenter left it; a neighbour starts at the top of its slide.
        """
        from ...deck.diff import surviving_neighbour  # on a reload only: not needed for the first paint

        old = self._shown_deck or deck
        old_ids = [incident.id for incident in old.incidents]
        shown_id = old_ids[self.slide_index - 1] if 0 < self.slide_index <= len(old_ids) else None
        new_ids = [incident.id for incident in deck.incidents]
        kept_id = surviving_neighbour(old_ids, new_ids, shown_id) if shown_id is not None else None
        self.slide_index = new_ids.index(kept_id) + 1 if kept_id is not None else 0
        self._render_slide(keep_scroll=kept_id == shown_id)

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
        incident = self.current_item()
        self._shown_deck = self.deck
        self.query_one(Slide).show(self.deck, incident)
        if not keep_scroll:
            self.query_one("#slide", VerticalScroll).scroll_home(animate=False)
        self._show_notes(incident)
        self._show_progress()

    def _show_notes(self, incident: Item | None) -> None:
        """Only when they changed: showing notes again would scroll them back to the top."""
        notes = incident.notes if isinstance(incident, Incident) else None
        if self._notes_shown != (notes,):
            self._notes_shown = (notes,)
            for pane in self.query(NotesPane):
                pane.show_notes(notes)

    def _show_progress(self) -> None:
        self.show_location(self._progress())

    def _progress(self) -> str:
        return f"Brief {self.slide_index + 1}/{self.slide_count}"

