"""The timeline (key 2): incidents and events in country lanes, at their true date precision."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input

from ...deck.model import Deck, Event, Incident, Item
from ...session import Place, TimelineView
from ...views.filter import FilterQuery
from ...views.lookups import Lookups, lookups_for
from ...views.timeline import (
    ALL_LANE,
    NO_COUNTRY_LANE,
    NO_FILTER,
    UNDATED_LANE,
    Navigator,
    Placements,
    Timeline,
    entry_filter,
    filter_vocabulary,
)
from ..widgets.timeline.axis import TimelineAxis
from ..widgets.timeline.detail import TimelineDetail
from ..widgets.timeline.filter_prompt import TimelineFilter
from ..widgets.timeline.lanes import TimelineLanes
from ..widgets.timeline.legend import TimelineLegend
from .base import DeckScreen

DETAIL_BESIDE_MIN_WIDTH = 120

LEGEND = """\
Glyphs: ◆ incident  ◇ event (an exact date: a day or a time)
        ━ what lasted: 'when' to 'until'   → still going on ('until: ongoing')
        ▒ incident / ░ event whose day is unknown: known only to a month or a year, or
          somewhere in a window ('when: 2025-09-22/2025-09-25'), never drawn as lasting
        ~ approximate date   2-9 (+ for more) entries starting in the same column
        ┊ and ▼ the deck's as-of date   · a tick of the axis
Filter (f): words must all match a country (code or name), kind or tag;
        kind:drone  tag:article-4  country:Poland  kind:"drone incursion".
Mouse: click selects (again: the next entry in a crowded column), the wheel pans,
        shift+wheel scrolls the lanes."""


class TimelineScreen(DeckScreen):
    SCREEN_NAME = "timeline"
    CSS_PATH = "timeline.tcss"
    HELP: ClassVar[str] = LEGEND

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right,l,n,space", "move(1)", "Next", tooltip="Next entry in time", key_display="→", show=False),
        Binding("left,h,p", "move(-1)", "Previous", tooltip="Previous entry in time", key_display="←", show=False),
        Binding("down,j", "lane(1)", "Next lane", key_display="↓", show=False),
        Binding("up,k", "lane(-1)", "Previous lane", key_display="↑", show=False),
        Binding("plus,equals_sign", "zoom(-1)", "Zoom in", tooltip="Zoom in around the selection", key_display="+"),
        Binding("minus", "zoom(1)", "Zoom out", tooltip="Zoom out around the selection", key_display="-"),
        Binding("shift+right", "pan(1)", "Pan later", key_display="⇧→", show=False),
        Binding("shift+left", "pan(-1)", "Pan earlier", key_display="⇧←", show=False),
        Binding("0", "as_of", "As of", tooltip="Jump to the as-of date", show=False),
        Binding("f", "filter", "Filter", tooltip="Filter by country, kind or tag"),
        Binding("a", "toggle_all", "All", tooltip="One lane for all entries / a lane per country"),
        Binding("enter", "open", "Open", tooltip="Open: an incident's slide, an event's detail", show=False),
        Binding("g,home", "first", "First in lane", show=False),
        Binding("G,end", "last", "Last in lane", show=False),
        Binding("escape", "close_or_back", "Close / back", tooltip="Close the detail or filter, else back", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter_query = NO_FILTER
        self.all_in_one = False
        self._query_before_prompt = NO_FILTER
        self._placements: Placements | None = None
        self._lookups: Lookups | None = None
        self._shown_detail: tuple | None = None
        self._shown_location = ""
        self.navigator: Navigator | None = None

    # -- building

    def compose_body(self) -> ComposeResult:
        self._index_deck(self.deck)
        self.navigator = Navigator(self._timeline())
        with Horizontal(id="timeline-body"):
            with Vertical(id="timeline-main"):
                yield TimelineAxis(self.navigator, id="timeline-axis")
                yield TimelineLanes(self.navigator, id="timeline-lanes")
                yield TimelineLegend(id="timeline-legend")
                yield TimelineFilter(id="timeline-filter")
            yield TimelineDetail(id="timeline-detail")

    def on_mount(self) -> None:
        self.lanes.focus()
        self._changed()

    def on_resize(self) -> None:
        wide = self.size.width >= DETAIL_BESIDE_MIN_WIDTH
        self.query_one("#timeline-body").set_class(wide, "-wide")

    def _index_deck(self, deck: Deck) -> None:
        self._placements = Placements.of(deck)
        self._lookups = lookups_for(deck)

    def _timeline(self) -> Timeline:
        return Timeline.build(self.deck, self.filter_query, all_in_one=self.all_in_one, placements=self._placements)

    @property
    def lanes(self) -> TimelineLanes:
        return self.query_one(TimelineLanes)

    @property
    def nav(self) -> Navigator:
        assert self.navigator is not None, "the navigator is made in compose_body"
        return self.navigator

    # -- the hooks the app calls

    def show_deck(self, deck: Deck) -> None:
        """Re-place the entries, keeping zoom, filter and the selected entry by id."""
        self._index_deck(deck)
        self._shown_detail = None
        self.nav.replace_timeline(self._timeline())
        self._changed()

    def current_item(self) -> Item | None:
        placed = self.nav.selected
        return placed.item if placed is not None else None

    def focus_item(self, item: Item) -> bool:
        if not isinstance(item, (Incident, Event)):
            return False
        if self.nav.timeline.find(item.id) is None and self.filter_query.active:
            self._apply_query(NO_FILTER)
        nav = self.nav
        lane = nav.lane
        if lane is not None and item.id in lane.index_of:
            nav.entry_index = lane.index_of[item.id]
        else:
            found = nav.timeline.find(item.id)
            if found is None:
                return False
            nav.lane_index, nav.entry_index = found
        nav.reveal()
        self._changed()
        return True

    def place_view(self) -> Mapping[str, Any]:
        nav = self.nav
        placed, lane = nav.selected, nav.lane
        view = TimelineView(
            zoom=nav.zoom_index if nav.fitted else None,
            left=nav.left if nav.fitted else None,
            selected=placed.id if placed is not None else None,
            lane=lane.key if lane is not None else None,
            filter=self.filter_query.text,
            all_in_one=self.all_in_one,
        )
        return {"timeline": view}

    def apply_place(self, place: Place) -> None:
        view = place.timeline
        query = entry_filter(view.filter) if view.filter != self.filter_query.text else self.filter_query
        if query != self.filter_query or view.all_in_one != self.all_in_one:
            self.filter_query, self.all_in_one = query, view.all_in_one
            self.nav.replace_timeline(self._timeline())
        self.nav.show_view(view.zoom, view.left, view.lane, view.selected)
        self._changed()

    # -- redrawing

    def _changed(self) -> None:
        """Redraw after any move: lanes, axis, location, and the detail if the selection moved."""
        lanes = self.lanes
        lanes.redraw()
        lanes.reveal_lane()
        self.query_one(TimelineAxis).redraw()
        self._show_detail()
        self._show_location()
        self.place_changed()

    def _show_location(self) -> None:
        """Only when it changes: the header resizes around it, which costs a layout."""
        location = self._location()
        if location != self._shown_location:
            self._shown_location = location
            self.show_location(location)

    def _panned(self) -> None:
        """A pan changes no selection: the lanes' cache keys already include the left edge."""
        self.lanes.refresh()
        self.query_one(TimelineAxis).redraw()
        self.place_changed()

    def _show_detail(self) -> None:
        nav = self.nav
        placed = nav.selected
        crowd = nav.crowd()
        key = (placed.id if placed is not None else None, crowd, nav.lane_index)
        if key == self._shown_detail:
            return
        self._shown_detail = key
        empty = "No entry matches the filter (f to change it)." if self.filter_query.active else "The deck has no incidents or events."
        quotes = self._lookups.quotes_about(placed.id) if placed is not None and self._lookups is not None else ()
        self.query_one(TimelineDetail).show_entry(
            placed, tz=nav.timeline.tz, quotes=quotes, crowd=crowd, empty_text=empty, notes=self.briefing.show_notes
        )

    def _location(self) -> str:
        nav = self.nav
        lane = nav.lane
        if lane is None:
            return "Timeline 0/0"
        name = {ALL_LANE: "all", UNDATED_LANE: "undated", NO_COUNTRY_LANE: "no country"}.get(lane.key, lane.key)
        count = f"{min(nav.entry_index + 1, len(lane))}/{len(lane)}"
        shown = nav.timeline
        filtered = f" · {shown.shown}/{shown.total} shown" if shown.query.active else ""
        return f"Timeline {name} {count}{filtered}"

    # -- keys

    def action_move(self, step: int) -> None:
        self.nav.move(step)
        self._changed()

    def action_lane(self, step: int) -> None:
        self.nav.change_lane(step)
        self._changed()

    def action_zoom(self, step: int) -> None:
        if self.nav.zoom_by(step):
            self._changed()

    def action_pan(self, direction: int) -> None:
        self.nav.pan_page(direction)
        self._panned()

    def action_as_of(self) -> None:
        if self.nav.jump_to_as_of():
            self._changed()
        else:
            self.notify("The deck sets no as_of date.", markup=False)

    def action_first(self) -> None:
        self.nav.first()
        self._changed()

    def action_last(self) -> None:
        self.nav.last()
        self._changed()

    def action_toggle_all(self) -> None:
        self.all_in_one = not self.all_in_one
        self.nav.replace_timeline(self._timeline())
        self._changed()

    async def action_open(self) -> None:
        """An incident opens on its brief slide; an event fills the detail pane."""
        if self.has_class("-detail-expanded"):
            self._collapse_detail()
            return
        placed = self.nav.selected
        if placed is None:
            return
        if isinstance(placed.item, Incident):
            await self.briefing.open_item(placed.item)
        else:
            self._expand_detail()

    def action_close_or_back(self) -> None:
        """Escape closes what this screen opened first; then it is the app's back."""
        if self.has_class("-detail-expanded"):
            self._collapse_detail()
        elif self.query_one(TimelineFilter).is_open:
            self._cancel_filter()
        else:
            self.briefing.action_back()

    def _expand_detail(self) -> None:
        detail = self.query_one(TimelineDetail)
        self.add_class("-detail-expanded")
        detail.can_focus = True
        detail.focus()

    def _collapse_detail(self) -> None:
        detail = self.query_one(TimelineDetail)
        self.remove_class("-detail-expanded")
        detail.can_focus = False
        self.lanes.focus()

    # -- filter

    def action_filter(self) -> None:
        self._query_before_prompt = self.filter_query
        self.query_one(TimelineFilter).open(self.filter_query.text, filter_vocabulary(self.deck))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "timeline-filter":
            event.stop()
            self._apply_query(entry_filter(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "timeline-filter":
            event.stop()
            self._close_filter()

    def on_timeline_filter_cancelled(self, event: TimelineFilter.Cancelled) -> None:
        event.stop()
        self._cancel_filter()

    def _cancel_filter(self) -> None:
        self._apply_query(self._query_before_prompt)
        self._close_filter()

    def _close_filter(self) -> None:
        self.query_one(TimelineFilter).close()
        self.lanes.focus()

    def _apply_query(self, query: FilterQuery) -> None:
        if query == self.filter_query:
            return
        self.filter_query = query
        self.nav.replace_timeline(self._timeline())
        self._changed()

    # -- mouse

    def on_timeline_lanes_cell_clicked(self, message: TimelineLanes.CellClicked) -> None:
        self.lanes.focus()
        if self.nav.select_at(message.row, message.column):
            self._changed()

    def on_timeline_lanes_panned(self, message: TimelineLanes.Panned) -> None:
        self.nav.pan(message.columns)
        self._panned()

    def on_timeline_lanes_width_changed(self, message: TimelineLanes.WidthChanged) -> None:
        self.query_one(TimelineAxis).redraw()
        self._show_detail()
        self._show_location()
