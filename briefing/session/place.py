"""Where a presentation is: the screen, the slide, the selected item and each screen's view.

A `Place` is what a viewer needs to see the same thing as the presenter, at their own
terminal size: it names items by id (never by row number, which depends on the size and on
the deck's order) and views by what they show (zoom level, the timeline's left edge in its
own units, the search query). Screens report their place to the session and apply a place
they are given; the sharing layer writes places to a socket and reads them back.

Places cross a process boundary, so reading one from JSON is strict: unknown screens and
wrong types are refused with `PlaceError`, strings are bounded, and a place from a newer
peer with extra keys still reads (the keys are ignored), so a follower one minor version
behind keeps working.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Mapping

SCREENS = ("brief", "timeline", "countries", "positions", "quotes", "sources")
MAX_TEXT = 1_000
"""Longest id or query a place may carry: deck ids are short, a query is typed by hand."""
MAX_LIST = 100
"""Most ids in one list (marked countries): a hostile peer cannot make a place huge."""


class PlaceError(ValueError):
    """A place read from outside is not one this version understands."""


@dataclass(frozen=True, slots=True)
class TimelineView:
    """The timeline's window: zoom level, left edge (in the zoom's units), selection, filter."""

    zoom: int | None = None
    """Index into the timeline's zoom levels; None: fitted to the entries."""
    left: int | None = None
    """The left edge as a column index at this zoom; None: fitted to the entries."""
    selected: str | None = None
    """The selected incident or event id."""
    lane: str | None = None
    """The lane the cursor is in (a country code, or None for the first/only lane)."""
    filter: str = ""
    all_in_one: bool = False


@dataclass(frozen=True, slots=True)
class CountriesView:
    selected: str | None = None
    """The country code shown in the pane."""
    section: str | None = None
    """The pane section the cursor is in (incidents, quotes, positions, ...); None: the
    cursor is in the list of countries."""
    group: str | None = None
    filter: str = ""
    marked: tuple[str, ...] = ()
    comparing: bool = False
    differences_only: bool = False
    entry: str | None = None
    """The pane entry the cursor is on, by key (`person:tusk`); gone: the first of `section`;
    None: the cursor is in the list of countries."""
    expanded: tuple[str, ...] = ()
    """The pane sections shown in full rather than their first few entries."""


@dataclass(frozen=True, slots=True)
class PositionsView:
    question: str | None = None
    """The question (row) the cursor is on."""
    country: str | None = None
    """The country code (column) the cursor is on; None: the question's own cell."""
    order: str = "group"
    group: str | None = None
    stance_question: str | None = None
    """With order "stance": the question whose stances order the columns."""


@dataclass(frozen=True, slots=True)
class QuotesView:
    query: str = ""
    selected: str | None = None


@dataclass(frozen=True, slots=True)
class SourcesView:
    selected: str | None = None
    """The source id the cursor is on, or under."""
    cited: str | None = None
    """The item citing it that the cursor is on (`incident:estonia-mig31`); None: the source."""


@dataclass(frozen=True, slots=True)
class Place:
    """One presentation's whole place; equal places show the same thing."""

    screen: str = "brief"
    slide: int = 0
    """0 is the title slide; n is the n-th incident in deck order."""
    slide_id: str | None = None
    """The incident on the slide, so a reload (or a follower with an older deck) keeps it by id."""
    blank: bool = False
    """The screen is blanked to the banner alone (`b`)."""
    detail: str | None = None
    """The item whose detail window is open over the screen, if any."""
    timeline: TimelineView = field(default_factory=TimelineView)
    countries: CountriesView = field(default_factory=CountriesView)
    positions: PositionsView = field(default_factory=PositionsView)
    quotes: QuotesView = field(default_factory=QuotesView)
    sources: SourcesView = field(default_factory=SourcesView)

    def __post_init__(self) -> None:
        if self.screen not in SCREENS:
            raise PlaceError(f"unknown screen {self.screen!r}")
        if self.slide < 0:
            raise PlaceError("a slide number cannot be negative")

    def to_json(self) -> dict[str, Any]:
        """Plain JSON types only (tuples become lists)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> "Place":
        """Read a place written by `to_json` (here or by another version), strictly."""
        return _read(cls, data, "place")

    def showing(self, screen: str, part: Mapping[str, Any]) -> "Place":
        """This place on `screen`, with the fields that screen owns (its `place_view()`) replaced."""
        return replace(self, screen=screen, **part)

    def at_any_size(self) -> "Place":
        """This place without what depends on the terminal's size (the timeline's left edge,
        which each viewer fits to its own width): two viewers showing the same thing at
        different sizes have equal `at_any_size()` places."""
        return replace(self, timeline=replace(self.timeline, left=None))

    def with_view(self, **views: Any) -> "Place":
        """This place with some screens' views replaced, e.g. `with_view(quotes=QuotesView("tusk"))`."""
        return replace(self, **views)


_VIEWS: dict[str, type] = {
    "timeline": TimelineView,
    "countries": CountriesView,
    "positions": PositionsView,
    "quotes": QuotesView,
    "sources": SourcesView,
}


def _read(kind: type, data: Any, where: str) -> Any:
    if not isinstance(data, Mapping):
        raise PlaceError(f"{where}: expected an object")
    values: dict[str, Any] = {}
    for spec in fields(kind):
        if spec.name in data:
            values[spec.name] = _value(spec.name, spec.type, data[spec.name], f"{where}.{spec.name}")
    try:
        return kind(**values)
    except TypeError as error:
        raise PlaceError(f"{where}: {error}") from None


def _value(name: str, annotation: str, value: Any, where: str) -> Any:
    if name in _VIEWS and kind_is_view(annotation):
        return _read(_VIEWS[name], value, where)
    if annotation == "bool":
        return _checked(value, bool, where)
    if annotation in ("int", "int | None"):
        if value is None and annotation.endswith("None"):
            return None
        if isinstance(value, bool):
            raise PlaceError(f"{where}: expected a whole number")
        return _checked(value, int, where)
    if annotation in ("str", "str | None"):
        if value is None and annotation.endswith("None"):
            return None
        return _text(value, where)
    if annotation == "tuple[str, ...]":
        if not isinstance(value, (list, tuple)) or len(value) > MAX_LIST:
            raise PlaceError(f"{where}: expected a list of at most {MAX_LIST} ids")
        return tuple(_text(item, where) for item in value)
    raise PlaceError(f"{where}: cannot read a {annotation}")  # pragma: no cover - a new field type


def kind_is_view(annotation: str) -> bool:
    return annotation.endswith("View")


def _checked(value: Any, kind: type, where: str) -> Any:
    if not isinstance(value, kind):
        raise PlaceError(f"{where}: expected {kind.__name__}")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise PlaceError(f"{where}: expected text")
    if len(value) > MAX_TEXT:
        raise PlaceError(f"{where}: longer than {MAX_TEXT} characters")
    return value
