"""The brief: a title slide, then one slide per incident, with progress."""

from __future__ import annotations

from pathlib import Path

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical

from ...deck.model import Deck, Incident, Item
from ..widgets.brief.more_below import MoreBelow
from ..widgets.brief.notes_pane import NotesPane
from ..widgets.brief.slide import Slide
from ..widgets.brief.slide_scroll import SlideScroll
from .base import DeckScreen
from .goto_slide import GotoSlideScreen

if TYPE_CHECKING:
    from ...session import Place

NOTES_BESIDE_MIN_WIDTH = 100


class BriefScreen(DeckScreen):
    SCREEN_NAME = "brief"
    CSS_PATH = "brief.tcss"

    BINDINGS = [
        Binding("left,p,h,pageup", "previous_slide", "Prev", priority=True),
        Binding("right,space,n,l,pagedown", "next_slide", "Next", priority=True),
        Binding("down,j", "scroll_slide(1)", "Scroll down", show=False),
        Binding("up,k", "scroll_slide(-1)", "Scroll up", show=False),
        Binding("g,home", "first_slide", "First", show=False, priority=True),
        Binding("G,end", "last_slide", "Last", show=False, priority=True),
        Binding("colon", "goto_slide", "Go to slide", key_display=":", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.slide_index = 0
        self._shown_deck: Deck | None = None
        """The deck the slide was drawn from: on reload, where the presenter was."""
        self._notes_shown: tuple | None = None
        self._lost_slide_id: str | None = None
        """The incident a reload took away from under the presenter: when a later reload brings
        it back (a save seen half-written, then whole; an undo) and the presenter has not
        moved since, the brief returns to it instead of staying on the neighbour."""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="brief-body"):
            with Vertical(id="slide-column"):
                with SlideScroll(id="slide"):
                    yield Slide(self.deck)
                yield MoreBelow(id="more-below")
            if self.briefing.show_notes:
                yield NotesPane(id="notes", folder=Path(self.deck.path).parent)

    def on_mount(self) -> None:
        self._shown_deck = self.deck
        scroll = self.query_one(SlideScroll)
        scroll.focus()
        self._show_notes(self.current_item())
        self.watch(scroll, "scroll_y", self._show_more_below, init=False)
        self.watch(scroll, "virtual_size", self._show_more_below, init=False)

    def _show_more_below(self) -> None:
        """Say what of the slide is below the fold, while anything is."""
        scroll = self.query_one(SlideScroll)
        more_below = self.query_one(MoreBelow)
        height = scroll.scrollable_content_region.height
        bottom = int(scroll.scroll_y) + height
        more = scroll.virtual_size.height > bottom and height > 0
        if more and not more_below.display:
            bottom -= 1  # the line about to show takes its row from the slide
        slide = self.query_one(Slide)
        below = [heading for row, heading in slide.heading_rows(slide.size.width) if row >= bottom]
        more_below.show_below(more, below)

    def initial_location(self) -> str:
        return self._progress()

    def initial_title_shown(self) -> bool:
        return self.slide_index > 0

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
        if self._lost_slide_id in new_ids:
            kept_id, self._lost_slide_id = self._lost_slide_id, None
        else:
            kept_id = surviving_neighbour(old_ids, new_ids, shown_id) if shown_id is not None else None
            if kept_id != shown_id and self._lost_slide_id is None:
                self._lost_slide_id = shown_id
        self.slide_index = new_ids.index(kept_id) + 1 if kept_id is not None else 0
        self._render_slide(keep_scroll=kept_id == shown_id)

    def place_view(self) -> Mapping[str, Any]:
        incident = self.current_item()
        return {"slide": self.slide_index, "slide_id": incident.id if incident is not None else None}

    def apply_place(self, place: Place) -> None:
        """The slide's incident by id; by number when the deck has no such incident (its
        neighbour, as after a reload that deleted it)."""
        ids = [incident.id for incident in self.deck.incidents]
        self.go_to(ids.index(place.slide_id) + 1 if place.slide_id in ids else place.slide)

    def go_to(self, index: int) -> None:
        self._lost_slide_id = None
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

    def action_scroll_slide(self, lines: int) -> None:
        """↓ ↑ j k scroll within a slide; page keys are a presentation remote's next and previous."""
        self.query_one(SlideScroll).scroll_relative(y=lines, animate=False)

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
            self.query_one(SlideScroll).scroll_home(animate=False)
        self._show_notes(incident)
        self._show_progress()
        self.place_changed()

    def _show_notes(self, incident: Item | None) -> None:
        """Only when they changed: showing notes again would scroll them back to the top."""
        notes = incident.notes if isinstance(incident, Incident) else None
        place = incident.place if incident is not None else self.deck.place
        if self._notes_shown != (notes, place):
            self._notes_shown = (notes, place)
            for pane in self.query(NotesPane):
                pane.show_notes(notes, place)

    def _show_progress(self) -> None:
        """'Brief 3/7'; the title slide says the title and as-of itself, so the header does not."""
        self.show_title(self.slide_index > 0)
        self.show_location(self._progress())

    def _progress(self) -> str:
        return f"Brief {self.slide_index + 1}/{self.slide_count}"

