"""One presentation: the deck it follows and the place it is at — no Textual, no Rich."""

from .place import (
    SCREENS,
    CountriesView,
    Place,
    PlaceError,
    PositionsView,
    QuotesView,
    SourcesView,
    TimelineView,
)

__all__ = [
    "SCREENS",
    "CountriesView",
    "Place",
    "PlaceError",
    "PositionsView",
    "QuotesView",
    "SourcesView",
    "TimelineView",
]
