"""The presenter view: what the audience sees, its speaker notes, what comes next, and the
keys of a presentation remote — in a second terminal, so the projected one never shows notes.

Everything here is read off the deck (with its notes: only the presenter's own user receives
them) and the presenter's place; the keys ask the presenter's app to move (`drive`), and
what it then shows comes back as a new place. At 80×24 the item on screen (its title and a
few facts) and the notes stack; from 100 columns they sit side by side, and a slide of the
brief is shown whole, as the audience sees it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen

from ...deck.model import Deck
from ...session import Place
from ...session.drive import at_slide, current_item, slide_incident, speaker_notes
from ..widgets.banner import Banner
from ..widgets.brief.notes_pane import NotesPane
from ..widgets.brief.slide import Slide
from ..widgets.frame_header import FrameHeader
from ..widgets.key_hints import KeyHints
from ..widgets.presenter.next_up import NextUp
from ..widgets.presenter.on_screen import OnScreen, location_text
from . import SCREEN_SPECS
from .goto_slide import GotoSlideScreen

if TYPE_CHECKING:
    from ..presenter_view import PresenterViewApp

SIDE_BY_SIDE_MIN_WIDTH = 100
SCREEN_TITLES = {spec.name: spec.title for spec in SCREEN_SPECS}


def _projector_bindings() -> list[Binding]:
    return [
        Binding(spec.key, f"project('{spec.name}')", f"Show {spec.title}", show=False) for spec in SCREEN_SPECS
    ]


class PresenterScreen(Screen):
    """Now on screen, its notes, the next slide; keys that drive the presentation."""

    CSS_PATH = "presenter.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,space,n,l,pagedown", "drive('next')", "Next"),
        Binding("left,p,h,pageup", "drive('previous')", "Prev"),
        Binding("g,home", "drive('first')", "First", show=False),
        Binding("G,end", "drive('last')", "Last", show=False),
        Binding("b,full_stop", "drive('blank')", "Blank", key_display="b"),
        Binding("colon", "goto_slide", "Go to slide", key_display=":"),
        Binding("down,j", "scroll_notes(1)", "Scroll the notes down", show=False),
        Binding("up,k", "scroll_notes(-1)", "Scroll the notes up", show=False),
        *_projector_bindings(),
    ]
    HELP = (
        "The keys drive the presentation on the projected terminal: → and ← step its slides from any "
        "screen, 1 … 6 switch the screen the audience sees, b blanks it. s starts or pauses the stopwatch."
    )

    def __init__(self, deck: Deck, place: Place) -> None:
        super().__init__()
        self.deck = deck
        self.place = place
        self._notes_shown: tuple[str | None] | None = None

    @property
    def presenter_view(self) -> PresenterViewApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Banner(self.deck, id="banner-top")
        yield FrameHeader(self.deck, location_text(self.deck, self.place, SCREEN_TITLES))
        with Horizontal(id="presenter-body"):
            with Vertical(id="presenter-now"):
                yield OnScreen(id="on-screen")
                with _unfocusable(VerticalScroll(id="presenter-slide")):
                    yield Slide(self.deck)
            yield NotesPane(id="presenter-notes")
        yield NextUp(id="next-up")
        yield Banner(self.deck, id="banner-bottom")
        yield KeyHints()

    def on_mount(self) -> None:
        self.show(self.deck, self.place)

    def on_resize(self) -> None:
        self.query_one("#presenter-body").set_class(self._narrow, "-stacked")
        self._show_slide_or_summary()

    @property
    def _narrow(self) -> bool:
        return self.size.width < SIDE_BY_SIDE_MIN_WIDTH

    def _show_slide_or_summary(self) -> None:
        """The whole slide when there is room and the brief is on show; else title and facts."""
        whole = not self._narrow and self.place.screen == "brief"
        self.query_one("#presenter-slide").display = whole
        self.query_one(OnScreen).display = not whole

    def show(self, deck: Deck, place: Place) -> None:
        """A new deck or place from the presenter: everything on this screen follows it."""
        self.deck, self.place = deck, place
        for banner in self.query(Banner):
            banner.show_deck(deck)
        header = self.query_one(FrameHeader)
        header.show_deck(deck)
        header.show_location(location_text(deck, place, SCREEN_TITLES))
        self.query_one(OnScreen).show(deck, place)
        self.query_one(Slide).show(deck, slide_incident(deck, place))
        self._show_slide_or_summary()
        self.query_one(NextUp).show(deck, place)
        self._show_notes(speaker_notes(current_item(deck, place)))

    def _show_notes(self, notes: str | None) -> None:
        """Only when they changed: showing them again would scroll them back to the top."""
        if self._notes_shown != (notes,):
            self._notes_shown = (notes,)
            self.query_one(NotesPane).show_notes(notes)

    def action_drive(self, command: str) -> None:
        self.presenter_view.drive(command=command)

    def action_project(self, screen: str) -> None:
        """A number key: the audience's terminal switches to that screen, where it last was."""
        self.presenter_view.drive(place=replace(self.place, screen=screen, blank=False))

    def action_goto_slide(self) -> None:
        def jump(number: int | None) -> None:
            if number is not None:
                self.presenter_view.drive(place=at_slide(self.deck, self.place, number - 1))

        self.app.push_screen(GotoSlideScreen(len(self.deck.incidents) + 1), jump)

    def action_scroll_notes(self, direction: int) -> None:
        notes = self.query_one(NotesPane)
        notes.scroll_relative(y=direction * 3, animate=False)


def _unfocusable(scroll: VerticalScroll) -> VerticalScroll:
    """Arrows are presentation keys here: the slide's scroll must never take them."""
    scroll.can_focus = False
    return scroll
