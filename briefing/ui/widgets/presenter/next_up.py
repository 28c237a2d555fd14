"""The presenter view's last line: the next slide's title, so the presenter can lead into it."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ....deck.model import Deck
from ....session import Place
from ....session.drive import next_slide


class NextUp(Static):
    DEFAULT_CSS = """
    NextUp { height: 1; padding: 0 1; background: $panel; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def show(self, deck: Deck, place: Place) -> None:
        self.update(Content(next_up_text(deck, place)))


def next_up_text(deck: Deck, place: Place) -> str:
    following = next_slide(deck, place)
    if following is None:
        return "Next: the end of the brief"
    number, incident = following
    return f"Next: {number + 1}/{len(deck.incidents) + 1} {' '.join(incident.title.split())}"
