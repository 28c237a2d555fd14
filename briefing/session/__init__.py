"""One presentation: the deck it follows and the place it is at — no Textual, no Rich."""

from .deck_session import NOTICE_SECONDS, DeckSession, EventStream
from .events import (
    ChangesSummarised,
    DeckReplaced,
    ErrorsChanged,
    FollowNotice,
    PlaceChanged,
    SessionClosed,
    SessionEvent,
    ThemeFilesChanged,
)
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
    "NOTICE_SECONDS",
    "SCREENS",
    "ChangesSummarised",
    "CountriesView",
    "DeckReplaced",
    "DeckSession",
    "ErrorsChanged",
    "EventStream",
    "FollowNotice",
    "Place",
    "PlaceChanged",
    "PlaceError",
    "PositionsView",
    "QuotesView",
    "SessionClosed",
    "SessionEvent",
    "SourcesView",
    "ThemeFilesChanged",
    "TimelineView",
]
