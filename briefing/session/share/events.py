"""What sharing tells the app: events a presenter's and a follower's screens turn into notices.

Every event is a frozen value with a ``notice``: the sentence to show ("refused bob: not in
group ops"), plain text (user names come from the user database, deck titles from the deck:
the UI shows them as text, never as markup).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...deck.model import Deck
from ..place import Place
from .access import Role
from .protocol import PresentationInfo

# --- the presenter's side -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Joined:
    user: str
    role: Role
    followers: int
    """Followers now following (presenter views not counted)."""
    size: tuple[int, int] | None = None

    @property
    def notice(self) -> str:
        if self.role is Role.PRESENTER:
            return "presenter view opened"
        return f"{self.user} is following"


@dataclass(frozen=True, slots=True)
class Left:
    user: str
    role: Role
    reason: str
    """"left" when the follower quit; otherwise why the presenter dropped them."""
    followers: int

    @property
    def notice(self) -> str:
        who = "presenter view" if self.role is Role.PRESENTER else self.user
        return f"{who} left" if self.reason == "left" else f"dropped {who}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Refused:
    user: str
    reason: str

    @property
    def notice(self) -> str:
        return f"refused {self.user}: {self.reason}"


@dataclass(frozen=True, slots=True)
class DriveRequest:
    """The presenter view asks for a place or a presentation key (``next``, ``blank`` …)."""

    user: str
    place: Place | None = None
    command: str | None = None

    @property
    def notice(self) -> str:
        return f"presenter view: {self.command or 'go to ' + self.place.screen}"


@dataclass(frozen=True, slots=True)
class Problem:
    """Sharing could not do something (the reloaded deck is too big to send, …); it goes on."""

    reason: str

    @property
    def notice(self) -> str:
        return self.reason


ServerEvent = Joined | Left | Refused | DriveRequest | Problem

# --- the follower's side --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Connected:
    presentation: PresentationInfo
    role: Role

    @property
    def notice(self) -> str:
        p = self.presentation
        return f"following {p.presenter}: {p.title}"


@dataclass(frozen=True, slots=True)
class DeckReceived:
    """A new deck (at the start and after every reload) and the place to show in it."""

    deck: Deck
    place: Place

    @property
    def notice(self) -> str:
        return f"showing {self.deck.title}"


@dataclass(frozen=True, slots=True)
class PlaceChanged:
    place: Place

    @property
    def notice(self) -> str:
        return f"the presenter moved to {self.place.screen}, slide {self.place.slide}"


@dataclass(frozen=True, slots=True)
class AudienceChanged:
    followers: int

    @property
    def notice(self) -> str:
        return f"{self.followers} following"


@dataclass(frozen=True, slots=True)
class Ended:
    """The presenter said goodbye (or hung up): the presentation is over."""

    reason: str

    @property
    def notice(self) -> str:
        return self.reason


@dataclass(frozen=True, slots=True)
class Waiting:
    """``--wait``: no presentation to follow yet (or any more); trying again."""

    presenter: str
    reason: str

    @property
    def notice(self) -> str:
        return f"waiting for {self.presenter} to present ({self.reason})"


ClientEvent = Connected | DeckReceived | PlaceChanged | AudienceChanged | Ended | Waiting
