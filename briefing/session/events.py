"""What a presentation session tells its subscribers, one event at a time, in order.

The screens of the app, and later a sharing layer or a presenter view, all learn about the
presentation from this one stream: a new deck, the errors of a save that did not load, what
a reload changed, notes about following the files, a theme file that changed, and where the
presentation now is. Events are frozen values so they can be queued, compared and sent on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..deck.model import Deck, Diagnostic
from .place import Place

if TYPE_CHECKING:
    from ..deck.diff import DeckChanges


@dataclass(frozen=True, slots=True)
class DeckReplaced:
    """A good load is the presentation's deck now: every screen shows it at the same place."""

    deck: Deck


@dataclass(frozen=True, slots=True)
class ErrorsChanged:
    """The errors of the last load: a save that did not load keeps the last good deck on
    show with these beside it; an empty tuple when a good save fixed them."""

    errors: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class ChangesSummarised:
    """What changed since the last summary, worked out after the new deck is already on show
    (comparing two big decks takes a while); saves in quick succession share one."""

    changes: DeckChanges


@dataclass(frozen=True, slots=True)
class FollowNotice:
    """Something to say about following the files, as one line of plain text."""

    message: str
    stopped: bool = False
    """Following has stopped (the deck stays; `r` still loads by hand)."""


@dataclass(frozen=True, slots=True)
class ThemeFilesChanged:
    """Followed theme files changed on disk; the deck itself did not."""

    paths: frozenset[Path]


@dataclass(frozen=True, slots=True)
class PlaceChanged:
    """The presentation is at a new place.

    `reported`: a screen of this process already shows it (the presenter moved), so only
    those who follow need to act. Otherwise `move_to` asked for it, and the screens go there.
    """

    place: Place
    reported: bool


@dataclass(frozen=True, slots=True)
class SessionClosed:
    """The presentation ended: nothing follows this event."""


SessionEvent = DeckReplaced | ErrorsChanged | ChangesSummarised | FollowNotice | ThemeFilesChanged | PlaceChanged | SessionClosed
