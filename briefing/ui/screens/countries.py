"""Countries: the list with counts, the selected country's pane, and the comparison of marked ones."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, OptionList

from ...deck.diff import surviving_neighbour
from ...deck.model import Country, Deck, Item, Person
from ...session import CountriesView, Place
from ...views.countries import (
    ClaimMade,
    CountryFacts,
    QuestionStance,
    country_facts,
    deck_groups,
    filter_countries,
    first_with_something_to_show,
    group_label,
    next_group,
)
from ..widgets.countries.compare_view import CompareView
from ..widgets.countries.country_pane import CountryPane, ShowMore
from ..widgets.countries.country_table import CountryRow, CountryTable
from ..widgets.countries.entry_list import Entry, EntryList
from ..widgets.countries.filter_bar import FilterBar
from ..widgets.positions.positions_grid import PositionsGrid
from .base import DeckScreen
from .position_detail import PositionDetailScreen
from .positions import PositionsScreen

SIDE_BY_SIDE_MIN_WIDTH = 140


class CountriesScreen(DeckScreen):
    SCREEN_NAME = "countries"
    CSS_PATH = "countries.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f", "focus_filter", "Filter", show=False),
        Binding("a", "cycle_group", "Group"),
        Binding("m", "toggle_mark", "Mark"),
        Binding("v", "toggle_compare", "Compare"),
        Binding("M", "clear_marks", "Clear marks", show=False),
        Binding("d", "toggle_differences", "Differences only", show=False),
        Binding("n,space,right,l", "step_country(1)", "Next country", show=False),
        Binding("p,left,h", "step_country(-1)", "Previous country", show=False),
        Binding(
            "right_square_bracket",
            "section(1)",
            "Next section",
            key_display="]",
            show=False,
        ),
        Binding(
            "left_square_bracket",
            "section(-1)",
            "Previous section",
            key_display="[",
            show=False,
        ),
        Binding("g", "edge_country(-1)", "First country", show=False),
        Binding("G", "edge_country(1)", "Last country", show=False),
        Binding("escape", "close_compare", "Close comparison", show=False),
    ]
    HELP: ClassVar[str] = (
        "up/down move in the list that has focus; tab moves between the filter, the country list "
        "and the country's pane. n, space, right, l and p, left, h step through the countries from "
        "the list or the pane. ] and [ jump between the pane's sections; enter on an entry opens it "
        "(an incident in the brief, an event on the timeline, a position in the matrix, a quote or "
        "a person in a window). f filters by code, name or group (enter, down or escape to return); "
        "a cycles the group filter (all → each group → all). m marks a country, v compares the marked countries question by "
        "question (≠ marks a difference, d shows differences only, escape goes back), M clears the marks."
    )

    def __init__(self) -> None:
        super().__init__()
        self.group: str | None = None
        self.marked: list[str] = []
        self.comparing = False
        self.differences_only = False
        self._facts: dict[str, CountryFacts] = {}
        self._shown_code: str | None = None
        self._expanded: frozenset[str] = frozenset()
        self._deck_codes: list[str] = []

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="countries-body"):
            with Vertical(id="country-side"):
                yield FilterBar(id="filter-bar")
                yield CountryTable(id="country-table")
            yield CountryPane(id="country-pane")
        yield CompareView(id="compare-view")

    @property
    def table(self) -> CountryTable:
        return self.query_one(CountryTable)

    @property
    def pane(self) -> CountryPane:
        return self.query_one(CountryPane)

    @property
    def compare_view(self) -> CompareView:
        return self.query_one(CompareView)

    def on_mount(self) -> None:
        self._load(self.deck)
        self._refresh_rows(first_with_something_to_show(self._deck_codes, self._facts), force_pane=True)
        self._show_mode()
        self.table.focus()

    def on_resize(self) -> None:
        self.query_one("#countries-body").set_class(
            self.size.width < SIDE_BY_SIDE_MIN_WIDTH, "-stacked"
        )

    # ------------------------------------------------------------------ deck and rows

    def _load(self, deck: Deck) -> None:
        self._facts = country_facts(deck)
        self._deck_codes = [c.code for c in deck.countries]

    def _refresh_rows(
        self,
        keep: str | None,
        pane_keep: str | None = None,
        *,
        force_pane: bool = False,
    ) -> None:
        """Refill the list for the current deck and filters; the pane follows the cursor."""
        deck = self.deck
        text = self.query_one(FilterBar).text
        shown = filter_countries(deck.countries, text, self.group)
        rows = [
            CountryRow(
                c, self._facts[c.code].counts, " ".join(c.groups), c.code in self.marked
            )
            for c in shown
        ]
        self.table.show_rows(rows, keep)
        self._show_filter_state()
        self._show_pane(self.table.current_code, pane_keep, force=force_pane)

    def _show_filter_state(self) -> None:
        shown, total = len(self.table.codes), len(self.deck.countries)
        self.query_one(FilterBar).show_state(self.group, self.marked, shown, total)
        self.place_changed()

    def _show_pane(
        self, code: str | None, keep: str | None = None, force: bool = False
    ) -> None:
        if code == self._shown_code and not force:
            return
        if code != self._shown_code:
            self._expanded = frozenset()
        self._shown_code = code
        facts = self._facts.get(code) if code is not None else None
        if facts is None:
            empty = (
                "This deck declares no countries."
                if not self.deck.countries
                else "No country matches the filter."
            )
            self.pane.show_empty(empty)
        else:
            groups = group_label(facts.country, deck_groups(self.deck))
            self.pane.show_country(
                facts, groups, self.deck.zone, keep, self._expanded
            )
        self._update_location()

    def _update_location(self) -> None:
        codes = self.table.codes
        if self.comparing:
            self.show_location(f"Compare {len(self.compare_view.codes)}")
        elif self._shown_code in codes:
            self.show_location(
                f"Countries {codes.index(self._shown_code) + 1}/{len(codes)}"
            )
        else:
            self.show_location(f"Countries 0/{len(codes)}")
        self.place_changed()

    def show_deck(self, deck: Deck) -> None:
        """Redraw for a reloaded deck, keeping the country, filters and marks."""
        old_codes = self._deck_codes
        current = self._shown_code
        entry = self.pane.entries.highlighted_entry
        self._load(deck)
        if self.group is not None and self.group not in deck_groups(deck):
            self.group = None
        self.marked = [code for code in self.marked if code in self._facts]
        text = self.query_one(FilterBar).text
        visible = [c.code for c in filter_countries(deck.countries, text, self.group)]
        keep = surviving_neighbour(old_codes, visible, current)
        self._refresh_rows(
            keep,
            entry.key if entry is not None and keep == current else None,
            force_pane=True,
        )
        if self.comparing:
            if self.marked:
                self.compare_view.show_comparison(
                    deck, self.marked, self.differences_only
                )
            else:
                self.comparing = False
                self._show_mode()

    # ------------------------------------------------------------------ events

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if isinstance(event.option_list, EntryList):
            self.place_changed()

    def on_descendant_focus(self) -> None:
        """The cursor moved between the list and the pane: the place says which holds it."""
        self.place_changed()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_pane(self.table.current_code)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        entries = self.pane.entries
        if entries.option_count:
            entries.focus()

    def on_filter_bar_changed(self, event: FilterBar.Changed) -> None:
        self._refresh_rows(self._shown_code)

    def on_filter_bar_done(self, event: FilterBar.Done) -> None:
        self.table.focus()

    async def on_option_list_option_selected(
        self, event: OptionList.OptionSelected
    ) -> None:
        if not isinstance(event.option_list, EntryList):
            return
        entry = event.option_list.entry(event.option.id)
        if entry is not None:
            await self._open_entry(entry)

    async def _open_entry(self, entry: Entry) -> None:
        """Take the presenter to the entry's item: the screen made for it, or a window."""
        target = entry.target
        if isinstance(target, ShowMore):
            self._show_all(target.section)
        elif isinstance(target, QuestionStance):
            if target.position is not None:
                await self.briefing.open_item(target.position)
                return
            code = self._shown_code
            await self.briefing.open_item(target.question)
            screen = self.app.screen
            if isinstance(screen, PositionsScreen) and code is not None:
                screen.focus_cell(target.question.id, code)
        elif isinstance(target, Person):
            self.briefing.show_detail(target)
        elif isinstance(target, ClaimMade):
            await self.briefing.open_item(target.incident)
        elif target is not None:
            await self.briefing.open_item(target)

    def _show_all(self, section: str) -> None:
        """Expand a long section in place; the cursor lands on the first entry it was hiding."""
        entries = self.pane.entries
        index = entries.highlighted
        self._expanded = self._expanded | {section}
        self._show_pane(self._shown_code, force=True)
        if index is not None:
            entries.highlighted = index

    def on_positions_grid_cell_selected(
        self, event: PositionsGrid.CellSelected
    ) -> None:
        event.stop()
        if event.question is not None and event.country is not None:
            self.app.push_screen(
                PositionDetailScreen(self.deck, event.question, event.country)
            )

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("close_compare", "toggle_differences"):
            return self.comparing
        return True

    def action_focus_filter(self) -> None:
        if self.comparing:
            self._set_comparing(False)
        self.query_one(FilterBar).input.focus()

    def action_cycle_group(self) -> None:
        self.group = next_group(deck_groups(self.deck), self.group)
        self._refresh_rows(self._shown_code)

    def action_toggle_mark(self) -> None:
        code = self.table.current_code
        if code is None or self.comparing:
            return
        if code in self.marked:
            self.marked.remove(code)
        else:
            self.marked.append(code)
        self.table.set_marked(code, code in self.marked)
        self._show_filter_state()

    def action_clear_marks(self) -> None:
        for code in self.marked:
            self.table.set_marked(code, False)
        self.marked.clear()
        self._set_comparing(False)
        self._show_filter_state()

    def action_toggle_compare(self) -> None:
        if not self.comparing and len(self.marked) < 2:
            self.notify(
                "Mark two or more countries with m, then press v to compare them.",
                timeout=4,
                markup=False,
            )
            return
        self._set_comparing(not self.comparing)

    def action_close_compare(self) -> None:
        self._set_comparing(False)

    def action_toggle_differences(self) -> None:
        self.differences_only = not self.differences_only
        self.compare_view.show_comparison(self.deck, self.marked, self.differences_only)
        self.place_changed()

    def _set_comparing(self, comparing: bool) -> None:
        self.comparing = comparing
        if comparing:
            self.compare_view.show_comparison(
                self.deck, self.marked, self.differences_only
            )
        self._show_mode()

    def _show_mode(self) -> None:
        self.query_one("#countries-body").display = not self.comparing
        self.compare_view.display = self.comparing
        if self.comparing:
            self.compare_view.grid.focus()
        else:
            self.table.focus()
        self._update_location()

    def action_step_country(self, step: int) -> None:
        if self.comparing:
            return
        codes = self.table.codes
        if codes and self._shown_code in codes:
            index = max(0, min(codes.index(self._shown_code) + step, len(codes) - 1))
            self.table.select_code(codes[index])
            self._show_pane(codes[index])

    def action_edge_country(self, direction: int) -> None:
        codes = self.table.codes
        if codes and not self.comparing:
            code = codes[0] if direction < 0 else codes[-1]
            self.table.select_code(code)
            self._show_pane(code)

    def action_section(self, direction: int) -> None:
        entries = self.pane.entries
        if not self.comparing and entries.jump_section(direction):
            entries.focus()

    def _highlighted_key(self) -> str | None:
        entry = self.pane.entries.highlighted_entry
        return entry.key if entry is not None else None

    # ------------------------------------------------------------------ items

    def place_view(self) -> Mapping[str, Any]:
        entries = self.pane.entries
        entry = entries.highlighted_entry if entries.has_focus else None
        view = CountriesView(
            selected=self._shown_code,
            section=entries.highlighted_section if entry is not None else None,
            group=self.group,
            filter=self.query_one(FilterBar).text,
            marked=tuple(self.marked),
            comparing=self.comparing,
            differences_only=self.differences_only,
            entry=entry.key if entry is not None else None,
            expanded=tuple(sorted(self._expanded)),
        )
        return {"countries": view}

    def apply_place(self, place: Place) -> None:
        """Filters and marks first, then the country, its pane and the entry, then the comparison."""
        view = place.countries
        self.group = view.group if view.group in deck_groups(self.deck) else None
        filter_input = self.query_one(FilterBar).input
        if filter_input.value != view.filter:
            with filter_input.prevent(Input.Changed):
                filter_input.value = view.filter
        self.marked = [code for code in view.marked if code in self._facts]
        self.differences_only = view.differences_only
        self._refresh_rows(view.selected or self._shown_code, view.entry, force_pane=True)
        if frozenset(view.expanded) != self._expanded:
            self._expanded = frozenset(view.expanded)
            self._show_pane(self._shown_code, view.entry, force=True)
        comparing = view.comparing and len(self.marked) >= 2
        if comparing or comparing != self.comparing:
            self._set_comparing(comparing)
        if not comparing:
            self._place_cursor(view)

    def _place_cursor(self, view: CountriesView) -> None:
        """The cursor in the pane, on the entry (the first of its section when it is gone);
        else in the list of countries."""
        entries = self.pane.entries
        if view.entry is not None and (entries.highlight_key(view.entry) or entries.highlight_section(view.section or "")):
            entries.focus()
        else:
            self.table.focus()

    def current_item(self) -> Item | None:
        if self.comparing:
            grid = self.compare_view.grid
            return grid.position or grid.question
        entries = self.pane.entries
        entry = entries.highlighted_entry
        if entries.has_focus and entry is not None:
            return _entry_item(entry)
        return (
            self._facts[self._shown_code].country
            if self._shown_code in self._facts
            else None
        )

    def focus_item(self, item: Item) -> bool:
        self.catch_up()
        if isinstance(item, Person):
            if item.country is None or not self.focus_item(item.country):
                return False
            self.pane.entries.highlight_key(f"person:{item.id}")
            self.pane.entries.focus()
            return True
        if not isinstance(item, Country) or item.code not in self._facts:
            return False
        if self.comparing:
            self._set_comparing(False)
        if item.code not in self.table.codes:
            self.group = None
            self.query_one(FilterBar).input.value = ""
            self._refresh_rows(item.code)
        self.table.select_code(item.code)
        self._show_pane(item.code)
        self.table.focus()
        return True


def _entry_item(entry: Entry) -> Item | None:
    """The deck item an entry stands for, for `e` (edit at source)."""
    target = entry.target
    if isinstance(target, QuestionStance):
        return target.position or target.question
    if isinstance(target, ClaimMade):
        return target.incident
    return target
