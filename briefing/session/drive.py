"""What a presenter view reads off a place, and the place a presentation key asks for.

The presenter view (`briefing follow --presenter`) receives the deck with its speaker notes
and each place the presenter is at. From those alone it shows the item on screen and its
notes, and the next slide's title; its keys ask the presenter's app to go somewhere, either
as a whole `Place` or as one of the presentation keys (`next`, `previous`, `first`, `last`,
`blank`), which the presenter's app turns into a place with `driven`. Both sides compute the
same thing from the same deck, so what the view says comes next is what comes next.

The keys step the brief's slides, whatever screen is on show: the slides are the
presentation, and `place.slide` keeps the slide the presenter left when visiting another
screen, so "next" from the timeline shows the slide after that one. Stepping also ends a
blank screen, as a remote's next key does in any presentation program.

No Textual and no Rich.
"""

from __future__ import annotations

from dataclasses import replace

from ..deck.model import Deck, Event, Incident, Item
from .place import Place

STEP_COMMANDS = ("next", "previous", "first", "last")


def current_item(deck: Deck, place: Place) -> Item | None:
    """The item the presenter's screen is on (None: the title slide, or nothing selected).

    An open detail window wins; then each screen's own selection, by id."""
    if place.detail is not None and deck.get(place.detail) is not None:
        return deck.get(place.detail)
    screen = place.screen
    if screen == "brief":
        return slide_incident(deck, place)
    if screen == "timeline":
        return deck.get(place.timeline.selected) if place.timeline.selected else None
    if screen == "countries":
        view = place.countries
        return _by_key(deck, view.entry) or (deck.country(view.selected) if view.selected else None)
    if screen == "positions":
        return deck.get(place.positions.question) if place.positions.question else None
    if screen == "quotes":
        return deck.get(place.quotes.selected) if place.quotes.selected else None
    view = place.sources
    return _by_key(deck, view.cited) or (deck.get(view.selected) if view.selected else None)


def speaker_notes(item: Item | None) -> str | None:
    """The notes an item carries: incidents and events have them, nothing else does."""
    return item.notes if isinstance(item, (Incident, Event)) else None


def slide_number(deck: Deck, place: Place) -> int:
    """The brief's slide the place is on (0: the title slide), by incident id first, as the
    brief itself reads a place."""
    ids = [incident.id for incident in deck.incidents]
    if place.slide_id in ids:
        return ids.index(place.slide_id) + 1
    return max(0, min(place.slide, len(ids)))


def slide_incident(deck: Deck, place: Place) -> Incident | None:
    number = slide_number(deck, place)
    return deck.incidents[number - 1] if number > 0 else None


def next_slide(deck: Deck, place: Place) -> tuple[int, Incident] | None:
    """The slide after the place's (its number and incident), or None after the last."""
    number = slide_number(deck, place) + 1
    return (number, deck.incidents[number - 1]) if number <= len(deck.incidents) else None


def at_slide(deck: Deck, place: Place, number: int) -> Place:
    """The place on the brief at slide `number` (clamped), no longer blank."""
    number = max(0, min(number, len(deck.incidents)))
    incident_id = deck.incidents[number - 1].id if number > 0 else None
    return replace(place, screen="brief", slide=number, slide_id=incident_id, blank=False)


def driven(deck: Deck, place: Place, command: str) -> Place:
    """The place a presentation key asks for: a step through the slides, or blank / unblank."""
    if command == "blank":
        return replace(place, blank=not place.blank)
    number = slide_number(deck, place)
    targets = {"next": number + 1, "previous": number - 1, "first": 0, "last": len(deck.incidents)}
    if command not in targets:
        raise ValueError(f"unknown presentation key {command!r}")
    return at_slide(deck, place, targets[command])


def _by_key(deck: Deck, key: str | None) -> Item | None:
    """An item named as screens name pane entries and citing lines: `kind:id`."""
    if not key:
        return None
    _kind, _, item_id = key.partition(":")
    return deck.get(item_id) if item_id else None
